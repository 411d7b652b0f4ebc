import Foundation
import Testing
@testable import PlannerService
@testable import Reports
import TestSupport

/// Issue 15: the planner's own messages and labels come from the language layer
/// (`PlannerWords`), each in German without the English words and in English without German.
@Suite struct PlannerWordsTests {
    struct Failure: Error { }

    static let pairs: [(String, PlannerWords.Pair)] = [
        ("historyUnreadable", PlannerWords.historyUnreadable(Failure())),
        ("noHistory", PlannerWords.noHistory),
        ("noSuchRun", PlannerWords.noSuchRun("99", in: "/tmp/h.sqlite")),
        ("runIsMultiYear", PlannerWords.runIsMultiYear(3, command: "years")),
        ("runKeptNoPlan", PlannerWords.runKeptNoPlan(3, command: "solve", status: "failed")),
        ("runNotReproducible", PlannerWords.runNotReproducible(3, Failure())),
        ("runDiffers", PlannerWords.runDiffers(3, changes: PlannerWords.changes(de: "", en: ""))),
        ("noSuchYearsPool", PlannerWords.noSuchYearsPool(key: "years.pools.x.money.2027", pool: "x", known: ["bund", "stadt"])),
        ("notAPlanningYear", PlannerWords.notAPlanningYear(key: "years.pools.stadt.money.2040", year: 2040, years: 2026...2030)),
        ("builtOn", PlannerWords.builtOn("/s/dortmund-2020.yaml")),
        ("notSavable", PlannerWords.notSavable),
        ("folderNotFound", PlannerWords.folderNotFound("/s")),
        ("leadsOutside", PlannerWords.leadsOutside("/s/saved", folder: "/s")),
        ("cannotOpen", PlannerWords.cannotOpen("/s/saved", reason: "Permission denied (errno 13)")),
        ("cannotLock", PlannerWords.cannotLock("/s/saved", reason: "Permission denied (errno 13)")),
        ("cannotWrite", PlannerWords.cannotWrite("/s/saved/x.yaml", reason: "Permission denied (errno 13)")),
    ]

    /// German words an English message must not show.
    static let germanWords: Set<String> = ["der", "die", "das", "ist", "nicht", "kein", "keine", "und", "oder", "Lauf", "erlaubt", "bis",
                                           "kann", "werden", "Planer", "je", "nach", "gibt", "Topf", "Datei", "Zugriff", "verweigert"]

    @Test(arguments: pairs.map(\.0))
    func eachMessageInBothLanguages(_ name: String) throws {
        let pair = try #require(Self.pairs.first { $0.0 == name }?.1)
        #expect(pair.de != pair.en, "\(name)")
        let shared = ["baselineRun", "allocate", "history", "show", "plan-json", "solve", "compare", "report", "schedule", "years", "failed",
                      "GET", "api", "serve", "no-history", "Permission denied", "errno", "bund", "stadt", "lapses", "Failure"]
        #expect(MessageWords.english(pair.en, in: pair.de, shared: shared).isEmpty, "\(name): \(pair.de)")
        let german = pair.en.split { !$0.isLetter }.map(String.init).filter(Self.germanWords.contains)
        #expect(german.isEmpty && !pair.en.contains { "äöüßÄÖÜ„“".contains($0) }, "\(name): \(pair.en)")
        #expect(PlannerError(422, "invalid-value", pair).message(.de) == pair.de && PlannerError(422, "invalid-value", pair).message(.en) == pair.en)
    }

    @Test func labelsAndSuffixesInBothLanguages() {
        #expect(PlannerWords.runLabel(12, scenario: "dortmund-2020", .de) == "Lauf 12 (dortmund-2020)")
        #expect(PlannerWords.runLabel(12, scenario: "", .en) == "run 12")
        #expect(PlannerWords.onScreen("dortmund-2020", .de) == "dortmund-2020 (im Planer)")
        #expect(PlannerWords.onScreen("dortmund-2020", .en) == "dortmund-2020 (on screen)")
        #expect(PlannerWords.savedTitle("Dortmund", .de) == "Dortmund (Planer)" && PlannerWords.savedTitle("Dortmund", .en) == "Dortmund (planner)")
        #expect(PlannerWords.carryOver("lapses", .de) == "verfällt am Jahresende (lapses)" && PlannerWords.carryOver("2028", .en) == "up to and including 2028")
        #expect(PlannerWords.perDevice(teachers: true, .de) == " (× Lehrkräfte je Träger)")
        #expect(PlannerWords.perDevice(teachers: false, .en) == " (× each authority's pupils)")
        for (de, en) in [(PlannerWords.referenceAuthority(.de), PlannerWords.referenceAuthority(.en)), (PlannerWords.shareByKey(.de), PlannerWords.shareByKey(.en))] {
            #expect(MessageWords.english(en, in: de).isEmpty && de != en)
        }
    }

    /// The planner's scenario list names each scenario (its `name:`), so the page need not show a file name alone.
    @Test func theScenarioListNamesEachScenario() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let list = try object(copy.service().handle("scenarios", body: Data()))
        let names = try #require(list["names"] as? [String: String])
        #expect(names["dortmund-2020.yaml"]?.hasPrefix("Dortmund 2020/21 – Sofortausstattung") == true, "\(names)")
        #expect(names["what-if/weighted-instead-of-maximin.yaml"] == "Dortmund 2020/21 – gewichtet statt größter Mindestabdeckung", "\(names)")
    }
}
