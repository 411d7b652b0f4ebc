import Foundation
import Testing
import TestSupport

/// Issue 15, the last part, through the command line: `init` writes its comments in the
/// terminal's language and the file loads alike; usage errors (exit 64) in German; the
/// infeasibility advice without 0 % floors, kinds by label in English.
@Suite(.enabled(if: AllocateBinary.url != nil)) struct GermanThroughoutCLITests {
    static let german = ["LANG": "de_DE.UTF-8"]

    @Test func initWritesGermanCommentsByDefaultInAGermanTerminalAndTheFileLoads() throws {
        let folder = try temporaryFolder("german-init"); defer { try? FileManager.default.removeItem(atPath: folder) }
        let de = folder + "/de.yaml", en = folder + "/en.yaml"
        #expect(try runAllocate(["init", "--municipality", "Bochum", "--out", de], environment: Self.german).code == 0)
        #expect(try runAllocate(["init", "--municipality", "Bochum", "--out", en, "--lang", "en"], environment: Self.german).code == 0)
        let g = try String(contentsOfFile: de, encoding: .utf8), e = try String(contentsOfFile: en, encoding: .utf8)
        #expect(g.hasPrefix("# Szenario für ") && g.contains("# Jeder Wert der Vorlage kann hier überschrieben werden.\n"), "\(g)")
        #expect(!g.contains("Scenario for") && !g.contains("pupils") && !g.contains("the pupil key"), "\(g)")
        #expect(e.hasPrefix("# Scenario for ") && e.contains("# Every value of the template can be overridden here.\n"), "\(e)")
        // Only the comments differ: the same keys and values.
        func values(_ s: String) -> [String] {
            s.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "#", maxSplits: 1)[0].trimmingCharacters(in: .whitespaces) }
        }
        #expect(values(g) == values(e))
        // Both load, in either language's terminal, and solve to the same plan summary.
        #expect(try runAllocate(["validate", de]).code == 0)
        #expect(try runAllocate(["validate", en], environment: Self.german).code == 0)
        let a = try runAllocate(["solve", de, "--lang", "en"]), b = try runAllocate(["solve", en, "--lang", "en"])
        func money(_ s: String) -> [Substring] { s.split(separator: "\n").filter { $0.contains("€") } }
        #expect(a.code == 0 && b.code == 0 && !money(a.stdout).isEmpty && money(a.stdout) == money(b.stdout))
        // Without a terminal language English stays the default (LANG=C).
        #expect(try runAllocate(["init", "--municipality", "Bochum"]).stdout.hasPrefix("# Scenario for "))
        #expect(try runAllocate(["init", "--municipality", "Bochum", "--lang", "de"]).stdout.hasPrefix("# Szenario für "))
    }

    @Test func usageErrorsInGermanKeepExit64() throws {
        let de = try runAllocate(["solve", "Scenarios/dortmund-2020.yaml", "--outt", "x"], environment: Self.german)
        #expect(de.code == 64)
        #expect(de.stderr.hasPrefix("Fehler: unbekannte Option „--outt“. Meinten Sie „--out“?\nAufruf: allocate solve "), "\(de.stderr)")
        #expect(de.stderr.contains("\n  Mehr dazu: allocate solve --help"), "\(de.stderr)")
        let en = try runAllocate(["solve", "Scenarios/dortmund-2020.yaml", "--outt", "x"])
        #expect(en.code == 64 && en.stderr.hasPrefix("Error: Unknown option '--outt'. Did you mean '--out'?"), "\(en.stderr)")
        // --lang on the command line decides even when parsing failed.
        let asked = try runAllocate(["compare", "Scenarios/dortmund-2020.yaml", "--lang", "de"])
        #expect(asked.code == 64 && asked.stderr.hasPrefix("Fehler: ein Basisszenario und mindestens ein weiteres zum Vergleich angeben"), "\(asked.stderr)")
        let missing = try runAllocate(["init"], environment: Self.german)
        #expect(missing.code == 64 && missing.stderr.hasPrefix("Fehler: das Argument „--municipality <Gemeinde>“ fehlt"), "\(missing.stderr)")
        // Help is German too (HelpLanguageTests) and exits 0.
        #expect(try runAllocate(["solve", "--help"], environment: Self.german).code == 0)
    }

    @Test func infeasibilityAdviceWithoutZeroFloorsAndKindsByLabel() throws {
        let args = ["solve", "Scenarios/dortmund-2020.yaml", "--set", "deviceKinds.pupil.coverageFloor=0.99"]
        let de = try runAllocate(args, environment: Self.german), en = try runAllocate(args)
        #expect(de.code == 2 && en.code == 2, "\(de.stderr)\n\(en.stderr)")
        #expect(!de.stderr.contains("0\u{a0}% (") && !de.stderr.contains("(rule: any)"), "\(de.stderr)")
        #expect(en.stderr.contains("The floors pupil devices 99 % (") && !en.stderr.contains("teacher devices 0 %"), "\(en.stderr)")
        #expect(en.stderr.contains("lower the coverage floor of pupil devices (deviceKinds.pupil.coverageFloor) from 99 %"), "\(en.stderr)")
    }
}
