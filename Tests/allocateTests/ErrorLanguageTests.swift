import Foundation
import Testing
import TestSupport

/// Issue 15: the command line's errors in the terminal's language (`--lang`, then `LC_ALL`,
/// `LC_MESSAGES`, `LANG`; else English), with the same exit code in every language. The
/// argument parser's own usage errors stay as it prints them (exit 64).
@Suite struct ErrorLanguageTests {
    static let german = ["LANG": "de_DE.UTF-8"]

    /// A scenario file with one value out of range, at a known line.
    static func badScenario(_ folder: String) throws -> String {
        let path = folder + "/bad.yaml"
        let yaml = "extends: \(Paths.defaultScenario)\npools:\n  sofort:\n    fundingRate: 1.5\n"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aBadScenarioIsExplainedInGermanWithItsFileLineKeyFoundAndAllowed() throws {
        let folder = try temporaryFolder("error-language"); defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try Self.badScenario(folder)
        let de = try runAllocate(["solve", path], environment: Self.german)
        let en = try runAllocate(["solve", path])
        #expect(de.code == 1 && en.code == 1, "\(de.code) \(en.code)")
        #expect(de.stderr == "Fehler: \(path):4: pools.sofort.fundingRate: 1,5 (= 150\u{a0}%) gefunden, erwartet: eine Förderquote über 0 und höchstens 1 (also über 0\u{a0}% bis 100\u{a0}%)\n", "\(de.stderr)")
        #expect(en.stderr == "error: \(path):4: pools.sofort.fundingRate: found 1.5, expected a funding rate above 0 and at most 1\n", "\(en.stderr)")
        // --lang wins over the environment, in both directions.
        #expect(try runAllocate(["solve", path, "--lang", "en"], environment: Self.german).stderr == en.stderr)
        #expect(try runAllocate(["solve", path, "--lang", "de"]).stderr == de.stderr)
        // LC_ALL comes before LANG, as POSIX reads them.
        #expect(try runAllocate(["solve", path], environment: ["LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"]).stderr == de.stderr)
    }

    @Test func anInfeasibleScenarioIsExplainedInGermanWithTheSameExitCode() throws {
        let args = ["solve", "Scenarios/dortmund-2020.yaml", "--set", "deviceKinds.pupil.coverageFloor=0.99"]
        let de = try runAllocate(args, environment: Self.german)
        let en = try runAllocate(args)
        #expect(de.code == 2 && en.code == 2, "\(de.code) \(en.code)")
        #expect(de.stderr.hasPrefix("Fehler: nicht lösbar: die Regel „Mindestabdeckung“ kann nicht eingehalten werden. Die Mindestabdeckungen Leihgerät für Schülerinnen und Schüler 99\u{a0}% (20.014 Geräte)"), "\(de.stderr)")
        #expect(de.stderr.contains("(pools.sofort.budget) um 150.372,20\u{a0}€ auf 6.250.372,20\u{a0}€ erhöhen"), "\(de.stderr)")
        #expect(de.stderr.contains("die Mindestabdeckung für Leihgerät für Schülerinnen und Schüler (deviceKinds.pupil.coverageFloor) von 99\u{a0}% auf 96,5\u{a0}% senken"), "\(de.stderr)")
        #expect(en.stderr.hasPrefix("error: infeasible: the rule 'coverage floors' cannot hold. The floors pupil devices 99 % (20,014 devices)"), "\(en.stderr)")
        #expect(en.stderr.contains("(pools.sofort.budget) by 150,372.20 € to 6,250,372.20 €"), "\(en.stderr)")
    }

    @Test func aMissingFileIsNamedInGerman() throws {
        let de = try runAllocate(["solve", "no-such-scenario.yaml"], environment: Self.german)
        let en = try runAllocate(["solve", "no-such-scenario.yaml"])
        #expect(de.code == 1 && en.code == 1)
        #expect(de.stderr == "Fehler: no-such-scenario.yaml: Datei nicht gefunden\n", "\(de.stderr)")
        #expect(en.stderr == "error: no-such-scenario.yaml: file not found\n", "\(en.stderr)")
    }

    /// A usage error is the argument parser's: its exit code 64 in any language, its words in
    /// German in a German terminal (UsageWords; GermanThroughoutCLITests).
    @Test func usageErrorsStayTheParsers() throws {
        let de = try runAllocate(["solve", "--no-such-option"], environment: Self.german)
        let en = try runAllocate(["solve", "--no-such-option"])
        #expect(de.code == 64 && en.code == 64)
        #expect(en.stderr.hasPrefix("Error: Unknown option '--no-such-option'"), "\(en.stderr)")
        #expect(de.stderr.hasPrefix("Fehler: unbekannte Option „--no-such-option“"), "\(de.stderr)")
    }
}
