import Foundation
import Testing
@testable import Allocation
import Reports
@testable import ScenarioFiles
import WhatIf
import TestSupport

@Suite struct SweepTests {
    @Test func moreMoneyNeverCoversFewerPupils() throws {
        let template = try ScenarioTemplate.load(path: Paths.fixture("valid/small.yaml"))
        let axis = try SweepAxis(parsing: "pools.sofort.budget=0:60000:31")
        let result = try Sweep.run(template: template, axes: [axis], engine: engine)
        let pupils = result.points.map { $0.summary!.pupilDevices }
        #expect(pupils == pupils.sorted())
        #expect(pupils.last! > pupils.first!)
    }

    @Test func workersDoNotChangeTheAnswer() throws {
        let template = try ScenarioTemplate.load(path: Paths.fixture("valid/small.yaml"))
        let axes = [try SweepAxis(parsing: "pools.sofort.budget=10000:50000:9"),
                    try SweepAxis(parsing: "deviceKinds.pupil.unitPrice=300:400:7")]
        let one = try Sweep.run(template: template, axes: axes, engine: engine, workers: 1)
        let two = try Sweep.run(template: template, axes: axes, engine: engine, workers: 2)
        #expect(SweepReport.csv(one) == SweepReport.csv(two))
        #expect(one.points.count == 63)
        #expect(SweepReport.svg(one).hasPrefix("<svg"))
    }

    @Test func aPointThatCannotHoldIsReportedNotFatal() throws {
        let template = try ScenarioTemplate.load(path: Paths.fixture("valid/small.yaml"),
                                                 overrides: ["deviceKinds.pupil.coverageFloor=0.3"])
        let result = try Sweep.run(template: template, axes: [try SweepAxis(parsing: "pools.sofort.budget=0:80000:5")], engine: engine)
        #expect(result.points.first?.summary == nil)
        #expect(result.points.first?.infeasibility?.rule == .coverageFloors)
        #expect(result.points.last?.summary != nil)
        #expect(SweepReport.csv(result).contains("infeasible"))
    }

    @Test(arguments: ["pools.sofort.budget", "x=1:2", "x=1:2:1", "x=a:2:3", "x=1:2:3:4"])
    func badAxesAreRejected(_ text: String) {
        #expect(throws: SweepError.self) { try SweepAxis(parsing: text) }
    }

    @Test func axisValues() throws {
        let a = try SweepAxis(parsing: "x=0:1:4")
        #expect(a.values == [0, Decimal(string: "0.33")!, Decimal(string: "0.67")!, 1])
    }
}
