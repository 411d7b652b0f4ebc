import Foundation
import Testing
import Allocation
import Reports
import ScenarioFiles
import TestSupport

@Suite struct CompareTests {
    @Test func goldenComparison() throws {
        let base = try engine.solve(try loadFixture("valid/small.yaml"))
        let child = try engine.solve(try loadFixture("whatif/grandchild.yaml"))
        let c = Comparison([base, child], labels: ["small", "grandchild"])
        try assertGolden(ComparisonText.render(c), "compare-small.txt")
        // Every change is real and they come largest first.
        for ch in c.changes { #expect(ch.devices[1] != ch.devices[0]) }
        #expect(c.changes.map { abs($0.largestChange) } == c.changes.map { abs($0.largestChange) }.sorted(by: >))
        // Δ = scenario − baseline, everywhere.
        #expect(c.line("total.pupilDevices")?.delta(1) == .count(c.figures[1].total.pupilDevices - c.figures[0].total.pupilDevices))
        let json = ComparisonJSON.render(c, timing: false)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }
}
