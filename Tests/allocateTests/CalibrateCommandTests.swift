import Foundation
import Testing
import ScenarioFiles
import TestSupport

/// `allocate calibrate` as a user runs it.
@Suite struct CalibrateCommandTests {
    func temp(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("observed-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func badObservedFileExitsWithOne() throws {
        let path = try temp("stadtbezirk,n\nInnenstadt-West,2001\nGotham,5\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runAllocate(["calibrate", "--observed", path])
        #expect(r.code == 1)
        #expect(r.stderr.hasPrefix("error: \(path):3: stadtbezirk: unknown district 'Gotham'"), "\(r.stderr)")
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func unaffordableCountsExitWithTwo() throws {
        let path = try temp("stadtbezirk,n\ngesamt,90000\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runAllocate(["calibrate", "--observed", path])
        #expect(r.code == 2)
        #expect(r.stderr.contains("infeasible fit: \(path): the observed total (line 2) add up to 90,000 devices"), "\(r.stderr)")
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func writesAWhatIfFileThatLoads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calibrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("fitted.yaml").path
        let r = try runAllocate(["calibrate", "--observed", "Scenarios/data/dortmund-loan-devices-2021-observed.csv", "--out", out, "--json"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"key\" : \"Innenstadt-West\""))
        let loaded = try ScenarioLoader.load(path: out)
        #expect(loaded.inputFiles.first == ScenarioLoader.normalizedPath(out))
        #expect(loaded.scenario.need.pupilShareByLevel.count == 9)
    }
}
