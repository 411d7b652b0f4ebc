import Foundation
import Testing
@testable import Allocation
import LinearProgramming
import ScenarioFiles
import TestSupport

/// Issue #18 (state-wide speed): a split scenario works out its need table once for all
/// schools and hands each authority its rows (`AuthoritySplit.needs`, `NeedTable(rows:of:)`)
/// instead of each authority working out the rules again. The rows must be the authority's
/// own table in every number the engine reads, and the plans the same.
@Suite struct SharedNeedTableTests {
    static func split() throws -> (SplitScenarioFolder, AuthoritySplit) {
        let folder = try SplitScenarioFolder()
        let scenario = try ScenarioLoader.load(path: try folder.scenario()).scenario
        return (folder, try #require(try AuthoritySplit.make(scenario)))
    }

    @Test func eachAuthoritysRowsAreItsOwnTable() throws {
        let (_, split) = try Self.split()
        let shared = try #require(split.needs)
        #expect(shared.count == split.scenarios.count && split.scenarios.count > 1)
        for (i, part) in split.scenarios.enumerated() {
            let own = try NeedTable(part)
            let rows = shared[i]
            #expect(rows.entries.map { $0.map(\.need) } == own.entries.map { $0.map(\.need) })
            #expect(rows.entries.map { $0.map(\.floor) } == own.entries.map { $0.map(\.floor) })
            #expect(rows.entries.map { $0.map(\.weight) } == own.entries.map { $0.map(\.weight) })
            #expect(rows.leastPositiveWeight == own.leastPositiveWeight)
            // The classes may be numbered differently; each entry's class weight is its weight.
            for row in rows.entries { for e in row { #expect(rows.weightClasses[e.weightClass] == e.weight) } }
            // Sums by class: the same for any device counts.
            var generator = SplitMix64(seed: UInt64(i + 1))
            let devices = own.entries.map { $0.map { e in e.need == 0 ? 0 : Int(generator.next() % UInt64(e.need + 1)) } }
            #expect(rows.weightedSum(devices) == own.weightedSum(devices))
        }
    }

    /// Each authority solved with its rows of the shared table gives the plan it gives with its
    /// own table: devices, money per school and pool, stages and guarantees.
    @Test func plansWithTheSharedRowsAreThePlansWithOwnTables() throws {
        let (_, split) = try Self.split()
        let shared = try #require(split.needs)
        let far = ContinuousClock.now.advanced(by: .seconds(3600))
        try engine.withReusableSolver { (sessions) throws(AllocationError) in
            for (i, part) in split.scenarios.enumerated() {
                let a = try sessions.solveOne(part, deadline: far, verify: false, shared: split.shared, needs: shared[i])
                let b = try sessions.solveOne(part, deadline: far, verify: false, shared: split.shared)
                #expect(a.schools.map(\.devices) == b.schools.map(\.devices))
                #expect(a.schools.map(\.funding) == b.schools.map(\.funding))
                #expect(a.pools.map(\.spent) == b.pools.map(\.spent))
                #expect(a.solver.stages.map(\.objective) == b.solver.stages.map(\.objective))
                #expect(a.solver.gapDevices == b.solver.gapDevices && a.kindCoverage == b.kindCoverage)
            }
        }
    }
}
