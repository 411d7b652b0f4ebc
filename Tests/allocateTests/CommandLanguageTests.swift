import Foundation
import Testing
@testable import Reports
import TestSupport
import ScenarioFiles

/// The terminal text of validate, calibrate, bench and the run history (list, show, diff) in
/// German and in English, through the binary: no output shows a label of the other language
/// (issue 15); without --lang the terminal follows LANG.
@Suite(.serialized) struct CommandLanguageTests {
    static let binary = AllocateBinary.url

    /// The labels one language shows and the other does not: the report's table and the history's.
    static func labels(_ of: ReportLanguage) -> [String] {
        let other: ReportLanguage = of == .de ? .en : .de
        let a = Words(language: of), b = Words(language: other)
        var pairs = Words.labels.map { (a[keyPath: $0], b[keyPath: $0]) }
        let sa = StatusWords(of), sb = StatusWords(other)
        pairs += zip(sa.runListHeader, sb.runListHeader).map { ($0, $1) }
        pairs += [(sa.headlineFigures, sb.headlineFigures), (sa.inputFiles, sb.inputFiles), (sa.user, sb.user), (sa.command, sb.command)]
        return pairs.compactMap { x, y in
            let x = x.trimmingCharacters(in: .whitespacesAndNewlines)
            return x == y.trimmingCharacters(in: .whitespacesAndNewlines) ? nil : x
        }
    }

    /// Names in the data (scenario titles, districts, pools, kinds as the scenario labels them): not labels.
    static let data = ["Dortmund 2020/21 – Sofortausstattung, Gute Schule 2020, Lehrkräfte-Endgeräte", "Innenstadt-West", "Scharnhorst", "Hombruch",
                       "Sofortausstattungsprogramm", "Gute Schule 2020", "Richtlinie Endgeräte für Lehrkräfte", "Eigenmittel der Stadt",
                       "Leihgerät für Schülerinnen und Schüler", "Dienstliches Endgerät für Lehrkräfte"]

    /// The default scenario's school names, whole and as a table shortens them: data.
    static let schools: [String] = {
        let names = (try? ScenarioLoader.load(path: Paths.defaultScenario).scenario.schools.map(\.name)) ?? []
        return names + names.map { String($0.prefix(39)) }
    }()

    static func check(_ name: String, _ text: String, _ language: ReportLanguage) {
        let foreign = labels(language == .de ? .en : .de)
        for label in ForeignLabels.found(in: text, labels: foreign, data: data + schools) {
            Issue.record("\(name) (\(language.rawValue)) shows the \(language == .de ? "English" : "German") label “\(label)”:\n\(text)")
        }
    }

    @Test(.enabled(if: binary != nil), arguments: [ReportLanguage.de, .en])
    func validateCalibrateAndHistoryInOneLanguage(_ language: ReportLanguage) throws {
        let lang = ["--lang", language.rawValue]
        let validate = try runAllocate(["validate"] + lang)
        #expect(validate.code == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains(language == .de ? ": gültig" : ": valid"))
        Self.check("validate", validate.stdout, language)

        let calibrate = try runAllocate(["calibrate", "--observed", "Scenarios/data/dortmund-loan-devices-2021-observed.csv", "--max-iterations", "2"] + lang)
        #expect(calibrate.code == 0, "\(calibrate.stderr)")
        #expect(calibrate.stdout.hasPrefix(language == .de ? "Kalibrierung von " : "Calibration of "))
        Self.check("calibrate", calibrate.stdout, language)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cmdlang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = ["--history", folder.appendingPathComponent("h.sqlite").path]
        #expect(try runAllocate(["solve"] + history).code == 0)
        #expect(try runAllocate(["solve", "--set", "pools.sofort.budget=5490000"] + history).code == 0)
        for command in [["history", "list"], ["history", "show", "1"], ["history", "diff", "1", "2"]] {
            let r = try runAllocate(command + history + lang)
            #expect(r.code == 0, "\(command): \(r.stderr)")
            Self.check(command.joined(separator: " "), r.stdout, language)
        }
        // The recorded headline figures by their names, not their keys.
        let show = try runAllocate(["history", "show", "1"] + history + lang).stdout
        #expect(show.contains(language == .de ? "Summe: ausgegeben" : "Total: spent") && !show.contains("total.spent"), "\(show)")
        #expect(show.contains(language == .de ? "Sofortausstattungsprogramm: bewilligt" : "Sofortausstattungsprogramm: granted"))
        let diff = try runAllocate(["history", "diff", "1", "2"] + history + lang)
        #expect(diff.stdout.hasPrefix(language == .de ? "Vergleich — Basis: " : "Comparison — baseline: "))
    }

    /// Without --lang the history follows the terminal: English for LANG=C, German for LANG=de_DE.
    @Test(.enabled(if: binary != nil)) func theHistoryFollowsTheTerminal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cmdlang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = ["--history", folder.appendingPathComponent("h.sqlite").path]
        #expect(try runAllocate(["solve"] + history).code == 0)
        let english = try runAllocate(["history", "list"] + history).stdout, german = try runAllocate(["history", "list"] + history, environment: ["LANG": "de_DE.UTF-8"]).stdout
        #expect(english.trimmingCharacters(in: .whitespaces).hasPrefix("Run "), "\(english)")
        #expect(german.trimmingCharacters(in: .whitespaces).hasPrefix("Lauf "), "\(german)")
        // A history that cannot be written: the warning in the terminal's language.
        let bad = ["--history", folder.path]
        #expect(try runAllocate(["solve"] + bad + ["--lang", "de"]).stderr.hasPrefix("Warnung: Lauf nicht in der Laufhistorie aufgezeichnet"))
        #expect(try runAllocate(["solve"] + bad).stderr.hasPrefix("warning: run not recorded in the history"))
    }
}
