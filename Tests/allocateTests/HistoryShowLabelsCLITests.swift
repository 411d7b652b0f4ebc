import Foundation
import Testing
import TestSupport

/// Issue 15: `allocate history show RUN` names the audit record's scenario values by their
/// labels (German by default, English with --lang en), the key path only beside them.
@Suite(.serialized, .enabled(if: AllocateBinary.url != nil)) struct HistoryShowLabelsCLITests {
    @Test func scenarioValuesByTheirLabels() throws {
        let dir = try temporaryFolder("history-show-labels")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let history = dir + "/h.sqlite"
        let solved = try runAllocate(["solve", "Scenarios/dortmund-2020.yaml", "--history", history])
        #expect(solved.code == 0, "\(solved.stderr)")
        let de = try runAllocate(["history", "show", "1", "--history", history, "--lang", "de"]).stdout
        let en = try runAllocate(["history", "show", "1", "--history", history, "--lang", "en"]).stdout
        #expect(de.contains("    Werte des Szenarios:\n"), "\(de)")
        #expect(de.contains("      Sofortausstattungsprogramm: Budget (pools.sofort.budget): 6100000,00\n"), "\(de)")
        #expect(de.contains("      Anteil mit Bedarf, Stufe 9 (need.pupilShareByLevel.9): 0,752\n"), "\(de)")
        #expect(en.contains("      Sofortausstattungsprogramm: Budget (pools.sofort.budget): 6100000.00\n"), "\(en)")
        #expect(en.contains("      share in need, level 9 (need.pupilShareByLevel.9): 0.752\n"), "\(en)")
        // No entry is shown by its bare key path (the old "scenario.pools.sofort.budget: …").
        for text in [de, en] {
            #expect(!text.contains("scenario.") && !text.contains("outcome.") && !text.contains("solverOptions."), "\(text)")
        }
        #expect(!de.contains("(stage: "), "\(de)")
    }
}
