import Foundation
import Testing
import TestSupport

/// Issue 15, the whole-CLI sweep: what a German terminal showed in English or by id — device
/// kinds in the solver's stages and in explain's weight ranges, `history list`'s statuses,
/// `init`'s and `generate`'s status lines, `calibrate --out`'s file — and English stays English.
@Suite(.enabled(if: AllocateBinary.url != nil)) struct GermanTerminalSweepTests {
    static let german = ["LANG": "de_DE.UTF-8"]

    @Test func solveAndExplainNameKindsByTheirLabels() throws {
        let solve = try runAllocate(["solve", "Scenarios/dortmund-2020.yaml"], environment: Self.german)
        #expect(solve.code == 0)
        #expect(solve.stdout.contains("kleinste Abdeckungsquote (Leihgerät für Schülerinnen und Schüler): "), "\(solve.stdout)")
        #expect(!solve.stdout.contains("(pupil)") && !solve.stdout.contains("(teacher)"), "\(solve.stdout)")
        #expect(try runAllocate(["solve", "Scenarios/dortmund-2020.yaml"]).stdout.contains("smallest coverage ratio (pupil devices): "))
        let explain = try runAllocate(["explain", "Scenarios/dortmund-2020.yaml"], environment: Self.german)
        #expect(explain.code == 0)
        #expect(explain.stdout.contains("\n  Dienstliches Endgerät für Lehrkräfte (155 Schulen): Gewicht 1, "), "\(explain.stdout)")
        let english = try runAllocate(["explain", "Scenarios/dortmund-2020.yaml"])
        #expect(english.stdout.contains("\n  Teacher devices (155 schools): weight 1, "), "\(english.stdout)")
    }

    @Test func historyListsStatusesInGerman() throws {
        let folder = try temporaryFolder("german-sweep"); defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = ["ALLOCATE_HISTORY": folder + "/h.sqlite"]
        #expect(try runAllocate(["explain", "Scenarios/dortmund-2020.yaml"], environment: history).code == 0)
        let de = try runAllocate(["history", "list"], environment: history.merging(Self.german) { $1 })
        #expect(de.stdout.contains("erklärt") && !de.stdout.contains("explained"), "\(de.stdout)")
        #expect(try runAllocate(["history", "list"], environment: history).stdout.contains("explained"))
    }

    @Test func initAndGenerateSayWhatTheyWroteInTheTerminalsLanguage() throws {
        let folder = try temporaryFolder("german-sweep"); defer { try? FileManager.default.removeItem(atPath: folder) }
        let scenario = folder + "/bochum.yaml", table = folder + "/schools.csv"
        let de = try runAllocate(["init", "--municipality", "Bochum", "--out", scenario], environment: Self.german)
        #expect(de.code == 0 && de.stderr.hasPrefix("\(scenario) für ") && de.stderr.hasSuffix("Bochum (5911000) geschrieben; lösen mit: allocate solve \(scenario)\n"), "\(de.stderr)")
        let en = try runAllocate(["init", "--municipality", "Bochum", "--out", scenario, "--lang", "en"], environment: Self.german)
        #expect(en.code == 0 && en.stderr.hasPrefix("wrote \(scenario) for ") && en.stderr.hasSuffix("Bochum (5911000); solve it with: allocate solve \(scenario)\n"), "\(en.stderr)")
        let generated = try runAllocate(["generate", "--schools", "5", "--seed", "1", "--out", table], environment: Self.german)
        #expect(generated.code == 0 && generated.stderr == "\(table) geschrieben\n", "\(generated.stderr)")
        #expect(try runAllocate(["generate", "--schools", "5", "--seed", "1", "--out", table]).stderr == "wrote \(table)\n")
    }

    @Test func exportModelSaysWhatItWroteInTheTerminalsLanguage() throws {
        let folder = try temporaryFolder("german-sweep"); defer { try? FileManager.default.removeItem(atPath: folder) }
        let lp = folder + "/m.lp"
        let de = try runAllocate(["export-model", "Scenarios/dortmund-2020.yaml", "--lp", lp], environment: Self.german)
        #expect(de.code == 0 && de.stdout.hasPrefix("\(lp) geschrieben: Stufe „bedarfsgewichtete Geräte“, ") && de.stdout.contains(" Spalten, ")
                && de.stdout.contains("\n  erneut lösen: glpsol --lp \(lp)  (MPS-Dateien tragen keine Optimierungsrichtung)\n"), "\(de.stdout)")
        let en = try runAllocate(["export-model", "Scenarios/dortmund-2020.yaml", "--lp", lp])
        #expect(en.code == 0 && en.stdout.hasPrefix("wrote \(lp): stage 'need-weighted devices', ") && en.stdout.contains("\n  re-solve: glpsol --lp \(lp)  (MPS files carry no objective sense)\n"), "\(en.stdout)")
    }

    @Test func calibrateWritesItsWhatIfFileInTheTerminalsLanguage() throws {
        let folder = try temporaryFolder("german-sweep"); defer { try? FileManager.default.removeItem(atPath: folder) }
        let args = ["calibrate", "Scenarios/dortmund-2020.yaml", "--observed", "Scenarios/data/dortmund-loan-devices-2021-observed.csv",
                    "--max-iterations", "1", "--out"]
        #expect(try runAllocate(args + [folder + "/de.yaml"], environment: Self.german).code == 0)
        #expect(try runAllocate(args + [folder + "/en.yaml"]).code == 0)
        let de = try String(contentsOfFile: folder + "/de.yaml", encoding: .utf8), en = try String(contentsOfFile: folder + "/en.yaml", encoding: .utf8)
        #expect(de.hasPrefix("# Angepasst von `allocate calibrate` an ") && de.contains("# angepasst (vorher "), "\(de)")
        #expect(en.hasPrefix("# Fitted by `allocate calibrate` on ") && en.contains("# fitted (was "), "\(en)")
        // The German file loads as the English one does.
        #expect(try runAllocate(["validate", folder + "/de.yaml"]).code == 0)
    }
}
