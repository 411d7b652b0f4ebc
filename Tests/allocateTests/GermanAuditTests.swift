import Foundation
import Testing
@testable import Reports
import TestSupport

/// Issue 15, the audit as a German user: every subcommand run with LANG=de_DE.UTF-8 (no
/// --lang), in normal and error cases (bad key, bad value, missing file, infeasible scenario,
/// bad --set syntax, a multi-year shortfall), and the run history with a run recorded in
/// English shown in German. No output shows a label of the English tables (`Words.labels`,
/// the history's) or a word of the English messages (`englishWords`).
@Suite(.serialized) struct GermanAuditTests {
    static let binary = AllocateBinary.url
    static let german = ["LANG": "de_DE.UTF-8"]
    static let infeasible = "Tests/AllocationTests/Fixtures/valid/infeasible-floor.yaml"
    static let years = "Scenarios/dortmund-2026-2030.yaml"

    /// Words of the English messages and summaries that German never uses (checked outside
    /// quotes „…“, paths, key paths, options and the scenario's names).
    /// Compared case-sensitively: German nouns (Plan, Status, See) are capitalised.
    static let englishWords: Set<String> = [
        "the", "found", "expected", "allowed", "unknown", "missing", "cannot", "not", "and", "with", "for", "from", "written", "wrote",
        "error", "Error", "warning", "usage", "Usage", "options", "subcommands", "file", "folder", "run", "runs", "plan", "plans", "stored",
        "history", "failed", "input", "infeasible", "spent", "granted", "left", "total", "coverage", "devices", "device", "schools", "need",
        "level", "district", "week", "points", "valid", "read", "solved", "again", "differs", "same", "changes", "only",
        "years", "year", "money", "own", "operating", "shortfall", "objective", "status", "feasible", "proven", "bound",
        "see", "help", "such", "must", "between", "least", "most", "more", "less", "than", "per", "each", "every", "delete", "kept",
        // Objective ids as a name (issue 15): German names them, the id only as a hint in parentheses.
        "maximin", "weighted", "subcommand",
    ]

    /// The scenario's names and ids (data, not labels) and words German shares with English.
    static let data = ["Dortmund 2020/21 – Sofortausstattung, Gute Schule 2020, Lehrkräfte-Endgeräte", "Sofortausstattungsprogramm", "Gute Schule 2020",
                       "Richtlinie Endgeräte für Lehrkräfte", "Eigenmittel der Stadt", "Leihgerät für Schülerinnen und Schüler",
                       "Dienstliches Endgerät für Lehrkräfte", "Pupil device", "Teacher device", "DigitalPakt Schule 2.0", "Dortmund 2026–2030",
                       "weighted-instead-of-maximin"]

    /// The labels of the English tables that German does not also use (a German label, or a
    /// German word: "Plan", "Plans" as in „des Plans“, "Status", "Budget").
    static let englishLabels: [String] = {
        let de = Words(language: .de)
        let german = Set(Words.labels.map { de[keyPath: $0].trimmingCharacters(in: .whitespacesAndNewlines) })
        let shared: Set<String> = ["Plan", "Plans", "Status", "Budget", "Optimal", "Name", "Parameter", "Index"]
        return CommandLanguageTests.labels(.en).filter { !german.contains($0) && !shared.contains($0) }
    }()

    /// The English words and labels a German output shows.
    static func english(in text: String, arguments: [String] = []) -> [String] {
        var unquoted = ""
        var quoted = false
        for c in text {
            if c == "„" { quoted = true } else if c == "“" { quoted = false } else if !quoted { unquoted.append(c) }
        }
        for d in (data + arguments).sorted(by: { $0.count > $1.count }) { unquoted = unquoted.replacingOccurrences(of: d, with: " ") }
        // Paths, key paths, options, placeholders in <…> are names, not words.
        unquoted = unquoted.replacingOccurrences(of: "[A-Za-z0-9_.~-]*/[A-Za-z0-9_./-]+", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "[A-Za-z_]+(\\.[A-Za-z0-9_<>\\[\\]-]+)+", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "--[A-Za-z-]+", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "[A-Za-z0-9]*_[A-Za-z0-9_]+", with: " ", options: .regularExpression)
            // A list of the keys allowed at a place ("erlaubt sind hier: name, budget, kinds") names keys.
            .replacingOccurrences(of: "erlaubt sind hier: [^\n]*", with: " ", options: .regularExpression)
            // An objective's id as the hint after its German name: „größte Mindestabdeckung (maximin)“.
            .replacingOccurrences(of: "\\((maximin|weighted|min-cost|proportional)\\)", with: " ", options: .regularExpression)
        let words = unquoted.split { !$0.isLetter }.map(String.init).filter(englishWords.contains)
        let labels = ForeignLabels.found(in: unquoted, labels: englishLabels)
        return Array(Set(words + labels)).sorted()
    }

    /// Runs a command in German; its exit code and all it printed (standard output and error).
    @discardableResult
    static func run(_ arguments: [String], code: Int32, environment: [String: String] = [:],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try runAllocate(arguments, environment: german.merging(environment) { $1 })
        let text = r.stdout + r.stderr
        #expect(r.code == code, "\(arguments): exit \(r.code)\n\(text)", sourceLocation: sourceLocation)
        let found = english(in: text, arguments: arguments)
        #expect(found.isEmpty, "\(arguments.joined(separator: " ")) shows English \(found):\n\(text)", sourceLocation: sourceLocation)
        return text
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("german-audit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theGuardFindsEnglish() {
        #expect(!Self.english(in: "error: found 'x', expected a number").isEmpty)
        #expect(!Self.english(in: "Fehler: x: Money granted").isEmpty)
        #expect(Self.english(in: "Fehler: --set pools.sofort.budget=-5: „found“ gefunden").isEmpty)
    }

    @Test(.enabled(if: binary != nil)) func everyCommandSpeaksGerman() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.run(["solve"], code: 0)
        try Self.run(["solve", "--set", "pools.sofort.bugdet=5"], code: 1)
        try Self.run(["solve", "--set", "pools.sofort.budget=abc"], code: 1)
        try Self.run(["solve", "--set", "pools.sofort.budget"], code: 1)
        try Self.run(["solve", "fehlt.yaml"], code: 1)
        try Self.run(["solve", Self.infeasible], code: 2)
        try Self.run(["solve", "--workers", "0"], code: 1)
        try Self.run(["compare", "Scenarios/dortmund-2020.yaml", "Scenarios/what-if/city-adds-200k.yaml"], code: 0)
        try Self.run(["compare", "Scenarios/dortmund-2020.yaml", "fehlt.yaml"], code: 1)
        try Self.run(["explain"], code: 0)
        try Self.run(["explain", "--set", "pools.x.budget=1"], code: 1)
        try Self.run(["schedule"], code: 0)
        try Self.run(["schedule", Self.infeasible], code: 1)
        try Self.run(["report", "--out", folder + "/r"], code: 0)
        try Self.run(["sweep", "--vary", "pools.sofort.budget=5000000:7000000:3", "--out", folder + "/s"], code: 0)
        try Self.run(["sweep", "--vary", "pools.sofort.budget=5000000:7000000"], code: 1)
        try Self.run(["sweep", "--vary", "pools.sofort.budget=a:7000000:3"], code: 1)
        try Self.run(["calibrate", "--observed", "Scenarios/data/dortmund-loan-devices-2021-observed.csv", "--max-iterations", "2"], code: 0)
        try Self.run(["calibrate", "--observed", "fehlt.csv"], code: 1)
        try Self.run(["calibrate"], code: 64)
        try Self.run(["validate"], code: 0)
        try Self.run(["validate", "fehlt.yaml"], code: 1)
        try Self.run(["export-model", "--lp", folder + "/m.lp"], code: 0)
        try Self.run(["export-model"], code: 64)
        try Self.run(["init", "--municipality", "Gotham"], code: 1)
        try Self.run(["years", Self.years, "--set", "years.pools.stadt.money=[0,0,0,0,0]"], code: 2)
        try Self.run(["years", Self.years, "--set", "years.pools.nix.money=[0,0,0,0,0]"], code: 1)
        try Self.run(["help", "solve", "--lang", "de"], code: 0)
        try Self.run(["help", "--bogus"], code: 64)
        try Self.run(["validate", "Scenarios/what-if/weighted-instead-of-maximin.yaml"], code: 0)
        try Self.run(["explain", "Scenarios/what-if/weighted-instead-of-maximin.yaml"], code: 0)
        try Self.run(["compare", "Scenarios/dortmund-2020.yaml", "Scenarios/what-if/weighted-instead-of-maximin.yaml"], code: 0)
    }

    /// `allocate help WORD` with a word that is no subcommand: a usage error (64) naming the word
    /// and the allowed subcommands, German by the environment or --lang, English otherwise;
    /// not the root's help screen.
    @Test(.enabled(if: binary != nil)) func helpRefusesAnUnknownSubcommand() throws {
        for arguments in [["help", "nonsense"], ["help", "nonsense", "--lang", "de"], ["help", "history", "nonsense"]] {
            let text = try Self.run(arguments, code: 64)
            #expect(text.contains("unbekannter Unterbefehl „nonsense“") && !text.contains("ÜBERSICHT") && !text.contains("OVERVIEW"), "\(text)")
            #expect(text.contains(arguments[1] == "history" ? "„list“" : "„solve“, „compare“"), "\(text)")
        }
        let english = try runAllocate(["help", "nonsense"], environment: ["LANG": "C"])
        #expect(english.code == 64 && english.stderr.contains("unknown subcommand 'nonsense' of 'allocate'; allowed: 'solve', 'compare'"), "\(english.stderr)")
        let en = try runAllocate(["help", "nonsense", "--lang", "en"], environment: Self.german)
        #expect(en.code == 64 && en.stderr.contains("unknown subcommand 'nonsense'"), "\(en.stderr)")
        let nested = try runAllocate(["help", "solve", "x"], environment: ["LANG": "C"])
        #expect(nested.code == 64 && nested.stderr.contains("unknown subcommand 'x': 'allocate solve' has no subcommands"), "\(nested.stderr)")
        // Known subcommands still show their screens.
        #expect(try runAllocate(["help", "history", "list"], environment: ["LANG": "C"]).code == 0)
        #expect(try runAllocate(["help"], environment: ["LANG": "C"]).code == 0)
    }

    /// A failed run recorded in English (LANG=C) is shown in German by a German `history show`,
    /// and the other way round; list, diff, rerun, export and prune speak German.
    @Test(.enabled(if: binary != nil)) func theHistorySpeaksTheReadersLanguage() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = ["--history", folder + "/h.sqlite"]
        #expect(try runAllocate(["solve"] + history).code == 0)
        #expect(try runAllocate(["solve", "--set", "pools.sofort.budget=5490000"] + history).code == 0)
        let english = try runAllocate(["solve", "--set", "pools.sofort.budget=-5"] + history)
        #expect(english.code == 1 && english.stderr.hasPrefix("error: "))
        let german = try runAllocate(["solve", "--set", "pools.sofort.budget=abc"] + history, environment: Self.german)
        #expect(german.code == 1 && german.stderr.hasPrefix("Fehler: "))

        let show3 = try Self.run(["history", "show", "3"] + history, code: 0)
        #expect(show3.contains("Fehler: --set pools.sofort.budget=-5: pools.sofort.budget: -5 gefunden, erwartet: "), "\(show3)")
        let show4 = try Self.run(["history", "show", "4"] + history, code: 0)
        #expect(show4.contains("Fehler: " + german.stderr.dropFirst("Fehler: ".count).trimmingCharacters(in: .newlines)), "\(show4)")
        // The German run shown in English: the English message.
        let en = try runAllocate(["history", "show", "4", "--lang", "en"] + history)
        #expect(en.stdout.contains("Error: --set pools.sofort.budget=abc: pools.sofort.budget: found 'abc', expected "), "\(en.stdout)")
        let json = try runAllocate(["history", "list", "--json", "--lang", "de"] + history)
        #expect(json.stdout.contains("-5 gefunden") && !json.stdout.contains("\"de\""), "\(json.stdout)")

        try Self.run(["history", "list"] + history, code: 0)
        try Self.run(["history", "diff", "1", "2"] + history, code: 0)
        try Self.run(["history", "rerun", "1"] + history, code: 0)
        try Self.run(["history", "export", "1", "--out", folder + "/e"] + history, code: 0)
        try Self.run(["history", "show", "99"] + history, code: 1)
        try Self.run(["history", "show", "3", "--plan-json"] + history, code: 1)
        try Self.run(["history", "diff", "1", "3"] + history, code: 1)
        try Self.run(["history", "prune", "--before", "gestern"] + history, code: 1)
        try Self.run(["history", "prune", "--before", "2000-01-01"] + history, code: 0)
        try Self.run(["history", "list", "--history", folder + "/fehlt.sqlite"], code: 1)

        // A stored plan whose bytes are damaged: the reason in German, exit 3 (this tool's fault).
        let damage = Process()
        damage.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        damage.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE plan SET planJSON=x'00ff11'\"); c.commit()",
                            folder + "/h.sqlite"]
        try damage.run()
        damage.waitUntilExit()
        if damage.terminationStatus == 0 {
            let shown = try Self.run(["history", "show", "1", "--plan-json"] + history, code: 3)
            #expect(shown.contains("der gespeicherte Plan (plan.json) kann nicht entpackt werden: die komprimierten Daten sind beschädigt"), "\(shown)")
        }
    }

    /// The workbook's inputs sheet and the report's scenario values word the scenario's
    /// enumerated values in German (a pool's rule, the need basis, the guarantee, yes/no).
    @Test func scenarioValuesInGerman() {
        let de = Words(language: .de), en = Words(language: .en)
        #expect(de.auditValue("pools.sofort.rule", "grant").hasPrefix("Zuschuss"))
        #expect(de.auditValue("pools.stadt.rule", "any") == "alles (any)")
        #expect(de.auditValue("maximin.guarantee", "per-kind") == "je Geräteart (per-kind)")
        #expect(de.auditValue("deviceKinds.pupil.basis", "pupils") == "Schülerinnen und Schüler (pupils)")
        #expect(de.auditValue("pools.stadt.ownMoney", "false") == "nein")
        #expect(en.auditValue("pools.sofort.rule", "grant") == "grant")
        #expect(de.auditValue("name", "any") == "any", "a name is data")
        guard case .text(let cell) = PlanWorkbook.inputCell("pools.stadt.ownMoney", "true", de) else { Issue.record("not text"); return }
        #expect(cell == "ja")
    }
}
