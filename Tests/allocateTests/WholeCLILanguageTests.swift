import Foundation
import Testing
@testable import Reports
import TestSupport

/// Issue 15, the whole-CLI sweep: the terminal text of every command that solves (solve,
/// compare, explain, schedule, sweep, export-model, years), of init and generate, and the
/// refusals, in German and in English: no output shows a label of the other language
/// (`CommandLanguageTests.check`, the labels of the language layer), and the words the sweep
/// found English in German (or German in English) stay fixed.
@Suite(.serialized, .enabled(if: AllocateBinary.url != nil)) struct WholeCLILanguageTests {
    static let scenario = "Scenarios/dortmund-2020.yaml"

    static let commands: [(String, [String])] = [
        ("solve", ["solve", scenario]),
        ("compare", ["compare", scenario, scenario, "--set", "pools.sofort.budget=5000000"]),
        ("explain", ["explain", scenario]),
        ("schedule", ["schedule", scenario]),
        ("sweep", ["sweep", scenario, "--vary", "pools.sofort.budget=5000000:6000000:500000"]),
        ("years", ["years", "Scenarios/dortmund-2026-2030.yaml"]),
        ("infeasible", ["solve", scenario, "--set", "deviceKinds.pupil.coverageFloor=0.99"]),
        ("bad value", ["validate", scenario, "--set", "pools.sofort.budget=abc"]),
        ("missing file", ["solve", "/nonexistent/scenario.yaml"]),
        ("malformed YAML", ["validate", "Tests/AllocationTests/Fixtures/invalid/malformed-yaml.yaml"]),
        ("usage", ["solve", scenario, "--bogus"]),
    ]

    @Test(arguments: [ReportLanguage.de, .en]) func everyCommandInOneLanguage(_ language: ReportLanguage) throws {
        for (name, args) in Self.commands {
            let r = try runAllocate(args + ["--lang", language.rawValue])
            #expect(!(r.stdout + r.stderr).isEmpty, "\(name): no output")
            let text = Self.withoutData(r.stdout + "\n" + r.stderr)
            CommandLanguageTests.check(name, text, language)
            Self.checkWords(name, text, language)
        }
    }

    /// The text less what is data or syntax, not words: rows that start with a school number
    /// (explain's shortened school names) and the usage synopsis (option names).
    static func withoutData(_ text: String) -> String {
        var text = text
        for name in yearsData { text = text.replacingOccurrences(of: name, with: " ") }
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            line.range(of: #"^\s*\d{6} "#, options: .regularExpression) == nil && !line.hasPrefix("Aufruf: ") && !line.hasPrefix("Usage: ")
        }.joined(separator: "\n")
    }

    /// The multi-year scenario's names (data, German in both languages).
    static let yearsData = ["Dortmund 2026–2030 – Ersatz der Geräte von 2020/21", "DigitalPakt Schule 2.0"]

    /// English phrases a German terminal showed before the sweep (and the German ones an
    /// English terminal must not show).
    static let englishInGerman = ["found", "expected", "allowed", "Permission denied (errno", "No such file or directory (errno",
                                  "Unknown option", "Usage:", "for more information", "(rule: any)", "stage '", "devices)"]
    static let germanInEnglish = ["gefunden", "erwartet", "erlaubt", "Geräte", "Stufe", "Fehler:", "Aufruf:"]

    static func checkWords(_ name: String, _ text: String, _ language: ReportLanguage) {
        for word in language == .de ? englishInGerman : germanInEnglish where text.contains(word) {
            Issue.record("\(name) (\(language.rawValue)) shows “\(word)”:\n\(text)")
        }
    }
}
