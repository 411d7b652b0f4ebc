import Foundation
import Testing
import TestSupport
import Allocation
import Reports

/// Issue 19: the value `allocate years` shows for each objective stage is the verified figure
/// of the summary and the JSON (one figure, one value), and each stage's proven bound is of the
/// same quantity, on the right side of the value (≥ when maximised, ≤ when minimised) and never
/// negative for a count. Before, the 'changes' stage printed the model's objective (18,802 for
/// Dortmund against 47,850 changes in the summary) and a proven bound of -4,160.
@Suite struct YearsStageFigureTests {
    static let small = "Tests/AllocationTests/Fixtures/years/small.yaml"

    @Test(.enabled(if: AllocateBinary.url != nil)) func stageValuesAreTheVerifiedFigures() throws {
        let dir = try temporaryFolder("years-stages")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runAllocate(["years", Self.small, "--out", dir, "--lang", "en", "--no-history", "--time-limit", "10"])
        #expect(r.code == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/years.json"))) as? [String: Any])
        let stages = try #require((doc["solver"] as? [String: Any])?["stages"] as? [[String: Any]])
        #expect(stages.count == 4)
        let verified: [String: Double] = [
            "smallest coverage": try #require(doc["smallestCoverage"] as? Double),
            "need-weighted device-years": Double(try #require(doc["coveredDeviceYears"] as? Int)),
            "own money": try #require(doc["ownMoney"] as? Double),
            "changes": Double(try #require(doc["changes"] as? Int)),
        ]
        for st in stages {
            let name = try #require(st["name"] as? String)
            let value = try #require(st["objective"] as? Double), bound = try #require(st["bestBound"] as? Double)
            let figure = try #require(verified[name], "unknown stage \(name)")
            #expect(abs(value - figure) < 1e-9, "stage \(name): \(value), the summary's figure \(figure)")
            let maximised = name == "smallest coverage" || name == "need-weighted device-years"
            #expect(maximised ? bound >= value : bound <= value, "stage \(name): bound \(bound) on the wrong side of \(value)")
            #expect(bound >= 0, "stage \(name): negative bound \(bound)")
            if name == "smallest coverage" { #expect(bound <= 1) }
        }
        // The status line names each unproven stage with the summary's figure.
        let n = NumberStyle(.en)
        let text = r.stdout
        if text.contains("stage 'changes':") {
            #expect(text.contains("stage 'changes': \(n.int(Int(verified["changes"]!))), proven bound "), "\(text)")
        }
        if text.contains("stage 'own money':") {
            #expect(text.contains("stage 'own money': \(n.money(Money(cents: Int((verified["own money"]! * 100).rounded())))), proven bound "), "\(text)")
        }
        #expect(text.contains("changes (bought + retired): \(n.int(Int(verified["changes"]!)))"))
    }
}
