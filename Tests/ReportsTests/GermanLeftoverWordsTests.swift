import Foundation
import Testing
@testable import Reports
import Allocation
import PlannerService
import TestSupport

/// Issue 15, the leftovers: a stored plan that does not unpack, the YAML reader's rare reasons,
/// the help subcommand's usage line, and the planner's history answer, in German without the
/// English message's words; English as it says them.
@Suite struct GermanLeftoverWordsTests {
    static func check(_ en: String, _ de: String, shared: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(en != de, "\(en)", sourceLocation: sourceLocation)
        let english = MessageWords.english(en, in: de, shared: shared)
        #expect(english.isEmpty, "English \(english) in \(de)", sourceLocation: sourceLocation)
    }

    @Test func aStoredPlanThatDoesNotUnpack() {
        let cases: [(InputProblem.StoredPart, InputProblem.UnpackFailure, String)] = [
            (.planJSON, .damaged, "the stored plan JSON cannot be unpacked: the compressed bytes are damaged; the history is probably damaged or was changed by another program"),
            (.yearsPlan, .notJSON, "the stored multi-year plan cannot be unpacked: the unpacked bytes are not valid JSON"),
            (.yearsPlan, .missing("stages.0.bound"), "the stored multi-year plan cannot be unpacked: value 'stages.0.bound' is missing"),
            (.yearsPlan, .missing(""), "the stored multi-year plan cannot be unpacked: a value is missing"),
            (.yearsPlan, .invalid("cohorts.3.inService"), "the stored multi-year plan cannot be unpacked: value 'cohorts.3.inService' has the wrong type or is not valid"),
            (.planJSON, .other("Permission denied"), "the stored plan JSON cannot be unpacked: Permission denied"),
        ]
        for (part, failure, en) in cases {
            let problem = InputProblem.history(.unpack(part, failure))
            #expect(ErrorWords.text(problem, .en) == en)
            Self.check(en, ErrorWords.text(problem, .de), shared: ["JSON", "Permission denied"])
        }
        #expect(ErrorWords.text(InputProblem.history(.unpack(.planJSON, .other("Permission denied"))), .de)
                == "der gespeicherte Plan (plan.json) kann nicht entpackt werden: Zugriff verweigert (Permission denied)")
        #expect(ErrorWords.text(InputProblem.history(.unpack(.planJSON, .damaged)), .de)
                == "der gespeicherte Plan (plan.json) kann nicht entpackt werden: die komprimierten Daten sind beschädigt; die Laufhistorie ist wohl beschädigt oder von einem anderen Programm geändert")
    }

    @Test func theYAMLReadersRareReasons() {
        for (problem, shared) in [(InputProblem.ScenarioFileProblem.malformed("Memory error"), ["Memory error"]),
                                  (.malformed("No error is produced"), ["No error is produced"]),
                                  (.notYAML("String could not be decoded from data using 'Unicode (UTF-8)' encoding"),
                                   ["String could not be decoded from data using 'Unicode (UTF-8)' encoding", "Unicode (UTF-8)"]),
                                  (.notYAML("some reason nobody knows"), [])] {
            let en = ErrorWords.text(InputProblem.scenarioFile(problem), .en)
            let de = ErrorWords.text(InputProblem.scenarioFile(problem), .de)
            #expect(en.hasPrefix("malformed YAML: ") || en.hasPrefix("cannot be read as YAML: "))
            // The library's own sentence only in parentheses or quotes, beside German words.
            var outside = de
            for s in shared { outside = outside.replacingOccurrences(of: s, with: " ") }
            outside = outside.replacingOccurrences(of: "„[^“]*“", with: " ", options: .regularExpression)
            Self.check(en, outside, shared: ["YAML"])
        }
        #expect(ErrorWords.text(InputProblem.scenarioFile(.notYAML("some reason nobody knows")), .de)
                == "kann nicht als YAML gelesen werden: der YAML-Leser meldet „some reason nobody knows“")
    }

    @Test func theHelpSubcommandsUsageLine() {
        let german = UsageWords.german("Error: Unknown option '--bogus'\nUsage: allocate help [<subcommands> ...]\n  See 'allocate help --help' for more information.")
        #expect(german.contains("Aufruf: allocate help [<Unterbefehle> ...]"), "\(german)")
    }

    /// A failed planner download is listed with its message in the asked language (German by
    /// default, `lang=en`) and in both.
    @Test func thePlannersHistoryListsAFailedRunInTheAskedLanguage() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        var service = try copy.service()
        service.historyPath = copy.path + "/.allocate-history.sqlite"
        let bad = await service.respond("report.xlsx", body: Data(#"{"overrides": {"pools.sofort.budget": "-1"}, "lang": "en"}"#.utf8))
        #expect(bad.status == 422)
        func run(_ query: [String: String]) async throws -> [String: Any] {
            let body = await service.respond("history", body: Data(), query: query).body
            let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            return try #require((object["runs"] as? [[String: Any]])?.first)
        }
        let de = try await run([:]), en = try await run(["lang": "en"])
        let german = try #require(de["errorMessage"] as? String), english = try #require(en["errorMessage"] as? String)
        #expect(german.contains("-1 gefunden") && english.contains("found -1"), "\(german) / \(english)")
        let both = try #require(de["errorMessages"] as? [String: String])
        #expect(both["de"] == german && both["en"] == english)
    }
}
