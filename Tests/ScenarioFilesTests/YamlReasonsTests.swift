import Foundation
import Testing
import Allocation
@testable import Reports
import ScenarioFiles
import TestSupport

/// Issue 15: a scenario file that is not well-formed YAML is refused with libyaml's reason in
/// the user's language (Reports/YamlReasons.swift): German by default, libyaml's English with
/// `--lang en`; both name file:line:column, what stands there and what is allowed.
@Suite struct YamlReasonsTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var yaml: String
        /// line:column of the problem.
        var place: String
        /// libyaml's problem (the English message carries it).
        var problem: String
        /// Words the German message must carry.
        var german: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "key indented less", yaml: "name: x\npools:\n  a: 1\n b: 2\n", place: "4:2", problem: "did not find expected key",
             german: ["hier wird ein Schlüssel der Zuordnung erwartet", "in der Zuordnung ab Zeile 1, Spalte 1", "gefunden: „b: 2“", "Einrückung nur mit Leerzeichen"]),
        Case(name: "colon in a value", yaml: "name: a: b\n", place: "1:8", problem: "mapping values are not allowed in this context",
             german: ["ein Doppelpunkt mit Leerzeichen („: “) ist an dieser Stelle nicht erlaubt", "gefunden: „: b“", "in Anführungszeichen"]),
        Case(name: "at sign", yaml: "name: @x\n", place: "1:7", problem: "found character that cannot start any token",
             german: ["ein Zeichen, mit dem in YAML nichts beginnen darf", "gefunden: „@x“", "beim Lesen ab Zeile 1, Spalte 7"]),
        Case(name: "missing colon", yaml: "name: x\nobjective\n", place: "3:1", problem: "could not find expected ':'",
             german: ["der Doppelpunkt nach dem Schlüssel fehlt", "im Schlüssel ab Zeile 2, Spalte 1", "gefunden: das Dateiende"]),
        Case(name: "tab in the indentation", yaml: "name: x\npools:\n\ta: 1\n", place: "3:1", problem: "found character that cannot start any token",
             german: ["ein Tabulator in der Einrückung", "gefunden: „[Tabulator]a: 1“", "Einrückung nur mit Leerzeichen, nie mit Tabulatoren"]),
        Case(name: "tab before a nested key", yaml: "name: x\npools:\n  a:\n  \tb: 1\n", place: "4:3", problem: "found character that cannot start any token",
             german: ["ein Tabulator in der Einrückung", "gefunden: „[Tabulator]b: 1“", "Einrückung nur mit Leerzeichen"]),
        Case(name: "tab before a key", yaml: "name: x\n\tpools: 1\n", place: "2:1", problem: "found a tab character that violates indentation",
             german: ["ein Tabulator in der Einrückung", "im Text ab Zeile 1, Spalte 7", "gefunden: „[Tabulator]pools: 1“"]),
        Case(name: "quote never closed", yaml: "name: \"abc\nobjective: maximin\n", place: "3:1", problem: "found unexpected end of stream",
             german: ["die Datei endet, bevor der Text in Anführungszeichen geschlossen ist", "im Text in Anführungszeichen ab Zeile 1, Spalte 7",
                      "gefunden: das Dateiende"]),
        Case(name: "list never closed", yaml: "name: x\nkinds: [a, b\nobjective: maximin\n", place: "3:10", problem: "did not find expected ',' or ']'",
             german: ["erwartet: „,“ oder „]“", "in der Liste in eckigen Klammern ab Zeile 2, Spalte 8", "[pupil, teacher]"]),
        Case(name: "mapping never closed", yaml: "name: x\npools: {a: 1\nobjective: maximin\n", place: "3:10", problem: "did not find expected ',' or '}'",
             german: ["erwartet: „,“ oder „}“", "in der Zuordnung in geschweiften Klammern"]),
        Case(name: "list item after a key", yaml: "name: x\nkinds: - a\n", place: "2:8", problem: "block sequence entries are not allowed in this context",
             german: ["ein Listeneintrag („- “) ist an dieser Stelle nicht erlaubt", "gefunden: „- a“"]),
        Case(name: "list item among keys", yaml: "name: x\n- a\n", place: "2:1", problem: "did not find expected key",
             german: ["hier wird ein Schlüssel der Zuordnung erwartet", "gefunden: „- a“"]),
        Case(name: "unknown escape", yaml: "name: \"C:\\daten\"\n", place: "1:10", problem: "found unknown escape character",
             german: ["ein unbekanntes Escape-Zeichen", "einfache Anführungszeichen"]),
        Case(name: "second document", yaml: "name: x\n---\nname: y\n", place: "2:1", problem: "but found another document",
             german: ["eine zweite YAML-Datei in derselben Datei", "ein Szenario ist ein einziges Dokument"]),
        Case(name: "undefined alias", yaml: "name: *nix\n", place: "1:7", problem: "found undefined alias",
             german: ["ein Alias (*name) ohne Anker (&name) davor"]),
        Case(name: "directive", yaml: "%FOO bar\n---\nname: x\n", place: "1:5", problem: "found unknown directive name",
             german: ["eine unbekannte Direktive (%)"]),
        Case(name: "control character", yaml: "name: a\u{7}b\n", place: "1:8", problem: "control characters are not allowed",
             german: ["ein Steuerzeichen"]),
    ]

    static func load(_ yaml: String) throws -> ScenarioError? {
        let dir = try temporaryFolder("yaml-reasons")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        do { _ = try ScenarioLoader.load(path: path); return nil } catch {
            var e = error
            e.file = "s.yaml"
            return e
        }
    }

    @Test(arguments: cases) func germanWithoutLibyamlsEnglish(_ c: Case) throws {
        let error = try #require(try Self.load(c.yaml), "\(c.name): no error")
        let de = ErrorWords.text(error, .de), en = ErrorWords.text(error, .en)
        #expect(de.hasPrefix("s.yaml:\(c.place): fehlerhaftes YAML: "), "\(de)")
        for word in c.german { #expect(de.contains(word), "\(c.name): “\(word)” missing in \(de)") }
        // No word of libyaml's English in the German message.
        #expect(!de.contains(c.problem), "\(de)")
        for english in ["found", "expected", "allowed", "while ", "line ", "column "] { #expect(!de.contains(english), "\(c.name): “\(english)” in \(de)") }
        // English: libyaml's problem as it says it, with the same place.
        #expect(en.hasPrefix("s.yaml:\(c.place): malformed YAML: \(c.problem)"), "\(en)")
        for german in ["gefunden", "erwartet", "Zeile", "Spalte"] { #expect(!en.contains(german), "\(en)") }
    }

    @Test func duplicateKeyNamesItsFirstPlace() throws {
        let error = try #require(try Self.load("name: x\nobjective: maximin\nname: y\n"))
        #expect(ErrorWords.text(error, .de)
            == "s.yaml:1:1: fehlerhaftes YAML: der Schlüssel „name“ steht zweimal in einer Zuordnung (hier zum ersten Mal); jeder Schlüssel darf in einer Zuordnung nur einmal stehen: einen löschen oder umbenennen")
        #expect(ErrorWords.text(error, .en)
            == "s.yaml:1:1: malformed YAML: key 'name' appears twice in one mapping (first here); each key may appear once in a mapping: delete or rename one")
    }

    /// A `--set` value is YAML too: its reason in German, its place in the value.
    @Test func overrideValue() throws {
        do {
            _ = try ScenarioLoader.load(path: Paths.defaultScenario, overrides: ["maximin.order=[pupil, teacher"])
            Issue.record("no error")
        } catch {
            let de = ErrorWords.text(error, .de)
            #expect(de == "--set maximin.order=[pupil, teacher: fehlerhaftes YAML: erwartet: „,“ oder „]“ (in der Liste in eckigen Klammern); gefunden: das Ende des Werts; die Einträge mit Kommas trennen und die Liste mit „]“ schließen, etwa [pupil, teacher]", "\(de)")
            #expect(ErrorWords.text(error, .en) == "--set maximin.order=[pupil, teacher: malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence); found the end of the value; separate the items with commas and close the list with ']', e.g. [pupil, teacher]")
        }
    }

    /// Every problem string of the vendored libyaml (scanner, parser, reader) has German words:
    /// read from Yams' sources where the checkout is there.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.libyaml + "/scanner.c"))) func everyLibyamlProblemIsInTheTable() throws {
        var problems = Set<String>()
        for file in ["scanner.c", "parser.c", "reader.c"] {
            let text = try String(contentsOfFile: Self.libyaml + "/" + file, encoding: .utf8)
            // yaml_parser_set_*_error(parser, [context, context_mark,] "problem", …): every string literal
            // in such a call that is not a context.
            let calls = try NSRegularExpression(pattern: #"yaml_parser_set_(?:scanner|parser|reader|parser_error_context)?_?error(?:_context)?\(([^;]*)\);"#)
            for m in calls.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let call = String(text[Range(m.range(at: 1), in: text)!])
                let literals = try NSRegularExpression(pattern: #""([^"]*)""#).matches(in: call, range: NSRange(call.startIndex..., in: call))
                    .map { String(call[Range($0.range(at: 1), in: call)!]) }
                for s in literals where YamlReasons.contexts[s] == nil && !s.hasPrefix("while ") { problems.insert(s) }
            }
        }
        #expect(problems.count > 50, "\(problems.count) problems found")
        for p in problems.sorted() { #expect(YamlReasons.problems[p] != nil, "no German words for libyaml's “\(p)”") }
    }

    static let libyaml = Paths.repository.appendingPathComponent(".build/checkouts/Yams/Sources/CYaml/src").path
}
