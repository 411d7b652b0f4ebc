import Foundation
import Testing
@testable import Reports
import TestSupport
import ScenarioFiles

/// Issue 15, the help screens: every command's `--help` (and `allocate help …`) in German when
/// the terminal is German (LANG, or `--lang de`), in English otherwise (or with `--lang en`),
/// through the binary. No screen shows a word of the other language's help texts (HelpWords)
/// nor the argument parser's fixed words of the other language; every text of the table is
/// shown on some screen; `allocate help X` and `allocate X --help` agree and exit 0. (One
/// process per screen: each command's two forms in two languages, 92 runs.)
@Suite(.serialized, .enabled(if: AllocateBinary.url != nil)) struct HelpLanguageTests {
    /// Every command and subcommand (the root is []).
    static let commands: [[String]] = [
        [], ["solve"], ["compare"], ["sweep"], ["report"], ["explain"], ["schedule"], ["years"], ["calibrate"],
        ["serve"], ["init"], ["generate"], ["validate"], ["export-model"], ["bench"],
        ["history"], ["history", "list"], ["history", "show"], ["history", "diff"], ["history", "rerun"],
        ["history", "export"], ["history", "prune"], ["history", "bench"],
    ]

    static let german = ["LANG": "de_DE.UTF-8"]

    static func environment(_ language: ReportLanguage) -> [String: String] { language == .de ? german : [:] }

    /// The abstract of each command (the key of its screen's overview).
    static let abstracts: [HelpKey] = [
        .root, .solve, .compare, .sweep, .report, .explain, .schedule, .years, .calibrate, .serve, .initCommand,
        .generate, .validate, .exportModel, .bench, .history, .historyList, .historyShow, .historyDiff,
        .historyRerun, .historyExport, .historyPrune, .historyBench,
    ]

    /// Whitespace runs (the parser's line wrapping and indentation) as one space.
    static func flat(_ s: String) -> String {
        s.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    }

    /// The words of a text, lower-cased, of two letters or more.
    static func words(_ s: String) -> Set<String> {
        Set(s.lowercased().split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 2 }.map(String.init))
    }

    /// Every word the help table and the parser's fixed words say in `language`.
    static func tableWords(_ language: ReportLanguage) -> Set<String> {
        var all = Set<String>()
        for key in HelpKey.allCases {
            let e = HelpWords.entry(key, language)
            all.formUnion(words(e.text))
            if let v = e.valueName { all.formUnion(words(v)) }
        }
        for p in HelpWords.parserWords { all.formUnion(words(language == .de ? p.de : p.en)) }
        all.formUnion(words(language == .de ? "Ausführliche Hilfe" : "See for detailed help"))
        return all
    }

    /// The words one language's help says and the other's does not.
    static func foreignWords(in language: ReportLanguage) -> Set<String> {
        let other: ReportLanguage = language == .de ? .en : .de
        return tableWords(other).subtracting(tableWords(language))
    }

    /// The screen less what is not words of either language: option names, command names,
    /// key paths, default values (paths, numbers, option values), the HTTP header Retry-After.
    static func visible(_ screen: String) -> String {
        var s = flat(screen).replacingOccurrences(of: "Retry-After", with: " ")
        s = s.replacingOccurrences(of: #"\((default|Standard): [^)]*\)"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: #"--?[a-z][a-z-]*"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: #"allocate( [a-z][a-z-]*)*"#, with: " ", options: .regularExpression)
        return ForeignLabels.visible(s, data: [])
    }

    /// The screen's lines of the subcommand list less the command names ("  solve (Standard)  …").
    static func withoutCommandNames(_ screen: String) -> String {
        screen.replacingOccurrences(of: #"(?m)^  [a-z][a-z-]*( \((default|Standard)\))?(?= )"#, with: " ", options: .regularExpression)
    }

    func help(_ command: [String], _ language: ReportLanguage) throws -> String {
        let r = try runAllocate(command + ["--help"], environment: Self.environment(language))
        #expect(r.code == 0, "\(command) --help: exit \(r.code)\n\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(command) --help wrote to standard error: \(r.stderr)")
        return r.stdout
    }

    @Test(arguments: [ReportLanguage.de, .en]) func everyHelpScreenInOneLanguage(_ language: ReportLanguage) throws {
        let foreign = Self.foreignWords(in: language)
        let other: ReportLanguage = language == .de ? .en : .de
        var shown = ""
        for (command, abstract) in zip(Self.commands, Self.abstracts) {
            let screen = try help(command, language)
            let name = (["allocate"] + command).joined(separator: " ")
            // `allocate help X` shows the same screen as `allocate X --help`, and exits 0.
            let helpCommand = try runAllocate(["help"] + command, environment: Self.environment(language))
            #expect(helpCommand.code == 0 && helpCommand.stderr.isEmpty, "allocate help \(command): exit \(helpCommand.code)\n\(helpCommand.stderr)")
            #expect(helpCommand.stdout == screen, "allocate help \(command) differs from --help:\n\(helpCommand.stdout)\n---\n\(screen)")
            shown += Self.flat(screen) + " "
            // The overview is the command's abstract in this language.
            let overview = language == .de ? "ÜBERSICHT: " : "OVERVIEW: "
            #expect(Self.flat(screen).hasPrefix(overview + Self.flat(HelpWords.text(abstract, language))), "\(name) (\(language.rawValue)):\n\(screen)")
            // None of the other language's words, neither the table's nor the parser's.
            let visible = Self.visible(Self.withoutCommandNames(screen))
            let found = Self.words(visible).intersection(foreign)
            #expect(found.isEmpty, "\(name) (\(language.rawValue)) shows \(other.rawValue) words \(found.sorted()):\n\(screen)")
            for p in HelpWords.parserWords {
                let word = (language == .de ? p.en : p.de).trimmingCharacters(in: .whitespaces)
                #expect(!screen.contains(word), "\(name) (\(language.rawValue)) shows “\(word)”:\n\(screen)")
            }
            // The labels of the language layer's other language (the existing guard).
            CommandLanguageTests.check(name + " --help", Self.visible(screen), language)
        }
        // Every text of the table is on some screen, in this language.
        for key in HelpKey.allCases {
            let text = Self.flat(HelpWords.text(key, language))
            #expect(shown.contains(text), "\(key) (\(language.rawValue)) is on no help screen: \(text)")
        }
    }

    /// `--lang` on the command line decides over the environment, before or after `--help`;
    /// without either, LANG (and LC_ALL over LANG) decides; a `--lang` other than de or en
    /// leaves the environment's.
    @Test func theCommandLineAndTheEnvironmentDecide() throws {
        let deSolve = Self.flat(HelpWords.text(.solve, .de)), enSolve = Self.flat(HelpWords.text(.solve, .en))
        func overview(_ args: [String], _ env: [String: String]) throws -> String {
            let r = try runAllocate(args, environment: env)
            #expect(r.code == 0, "\(args) \(env): exit \(r.code)\n\(r.stderr)")
            return Self.flat(r.stdout)
        }
        #expect(try overview(["solve", "--help", "--lang", "en"], Self.german).hasPrefix("OVERVIEW: " + enSolve))
        #expect(try overview(["solve", "--lang=en", "--help"], Self.german).hasPrefix("OVERVIEW: " + enSolve))
        #expect(try overview(["solve", "--help", "--lang", "de"], [:]).hasPrefix("ÜBERSICHT: " + deSolve))
        #expect(try overview(["solve", "--help"], ["LC_ALL": "de_DE.UTF-8", "LANG": "C.UTF-8"]).hasPrefix("ÜBERSICHT: " + deSolve))
        #expect(try overview(["solve", "--help"], ["LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"]).hasPrefix("OVERVIEW: " + enSolve))
        #expect(try overview(["solve", "--help", "--lang", "fr"], Self.german).hasPrefix("ÜBERSICHT: " + deSolve))
        // The parser's own words: headings, --help, defaults, the pointer to detailed help.
        let root = try runAllocate(["--help"], environment: Self.german).stdout
        for line in ["AUFRUF: allocate <Unterbefehl>", "OPTIONEN:", "UNTERBEFEHLE:", "  -h, --help              Hilfe anzeigen.",
                     "  solve (Standard)        " + HelpWords.text(.solve, .de), "  Ausführliche Hilfe: allocate help <Unterbefehl>"] {
            #expect(root.contains(line + "\n"), "missing “\(line)”:\n\(root)")
        }
        let sweep = try runAllocate(["sweep", "--help"], environment: Self.german).stdout
        #expect(sweep.contains("ARGUMENTE:\n  <Szenario> ") && sweep.contains("--vary <Schlüsselpfad=VON:BIS:SCHRITTE>")
                && Self.flat(sweep).contains("(Standard: out/sweep)"), "\(sweep)")
    }

    /// Texts that name a scenario key name it by the key table's label as well.
    @Test func scenarioKeysByTheirLabels() {
        func label(_ pattern: String, _ german: Bool) -> String { ScenarioKeys.entry(pattern).label(german: german) }
        for language in ReportLanguage.allCases {
            let german = language == .de
            let gap = HelpWords.text(.relativeGap, language), monotone = HelpWords.text(.calibrateMonotone, language)
            #expect(gap.contains(label("solver.relativeGap", german)) && gap.contains("solver.relativeGap"))
            #expect(monotone.contains(label("need.pupilShareByLevel", german)))
            #expect(HelpWords.text(.timeLimit, language).contains(label("solver.timeLimitSeconds", german)))
            #expect(HelpWords.text(.years, language).contains(label("years", german)))
        }
    }
}

