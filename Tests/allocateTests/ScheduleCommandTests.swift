import Foundation
import Testing
import TestSupport

/// `allocate schedule` as a user runs it (skipped when the executable is not built).
@Suite struct ScheduleCommandTests {
    func run(_ arguments: [String]) throws -> (code: Int32, stdout: String, stderr: String) { try runAllocate(arguments) }

    @Test(.enabled(if: AllocateBinary.url != nil)) func writesTableCSVJSONAndChart() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-schedule-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["schedule", "Tests/AllocationTests/Fixtures/schedule/small-weekly.yaml", "--out", dir.path])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Week by week") && r.stdout.contains("2021-W01"))
        for name in ["schedule.csv", "schedule.json", "schedule.svg"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name) missing")
        }
        let json = try run(["schedule", "Tests/AllocationTests/Fixtures/schedule/small-weekly.yaml", "--json"])
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func aScenarioWithoutScheduleIsBadInput() throws {
        let r = try run(["schedule", "Tests/AllocationTests/Fixtures/valid/small.yaml"])
        #expect(r.code == 1)
        #expect(r.stderr.contains("has no 'schedule' section"))
        #expect(r.stdout.isEmpty)
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func anInvalidScheduleNamesFileAndLine() throws {
        let r = try run(["schedule", "Tests/AllocationTests/Fixtures/schedule/invalid/cumulative-falls.yaml"])
        #expect(r.code == 1)
        #expect(r.stderr.hasPrefix("error: Tests/AllocationTests/Fixtures/schedule/invalid/cumulative-falls.yaml:5: schedule.supply.by.2021-01-20:"))
    }
}
