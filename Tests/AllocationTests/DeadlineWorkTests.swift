import Foundation
import Testing
@testable import Allocation
import LinearProgramming
@testable import ScenarioFiles
import TestSupport

/// The work around the solver's deadline (issue #14 item 8, #18) was made cheap: tables worked
/// out once, attribution by columns, one verification of a split plan. These tests hold the
/// structure: the faster pieces give exactly what the plain definitions give, and a split
/// plan's single verification still catches what each authority's own check caught.
@Suite struct DeadlineWorkTests {
    /// The kind × pool table is `Pool.kinds.contains` and `Pool.grantPerDevice(price:)`.
    @Test func theKindPoolTableIsThePoolsRules() throws {
        for name in ["valid/small.yaml"] {
            let s = try loadFixture(name)
            let table = KindPoolTable(s)
            #expect(table.eligible.count == s.deviceKinds.count && table.grantCents.count == s.deviceKinds.count)
            for (k, kind) in s.deviceKinds.enumerated() {
                for (p, pool) in s.pools.enumerated() {
                    #expect(table.eligible[k][p] == pool.kinds.contains(kind.id))
                    #expect(table.grantCents[k][p] == pool.grantPerDevice(price: kind.unitPrice).cents)
                }
            }
        }
        // A grant with a cap below the price and a rate with many decimals.
        var s = try loadFixture("valid/small.yaml")
        s.pools[0].rule = .grant(rate: Decimal(string: "0.333333")!, capPerDevice: Money(cents: 20_001))
        let table = KindPoolTable(s)
        #expect(table.grantCents[0][0] == s.pools[0].grantPerDevice(price: s.deviceKinds[0].unitPrice).cents)
        #expect(table.grantCents[0][0] == 6_666)   // 200.01 € × 0.333333 = 66.669… € → 66.66 €, down
    }

    /// The textbook largest-remainder split (every index ranked), to hold the quicker one to.
    static func plainApportion(_ total: Int, _ capacities: [Int]) -> [Int]? {
        let caps = capacities.map { max(0, $0) }
        let sum = caps.reduce(0, +)
        guard total <= sum else { return nil }
        guard total > 0 else { return caps.map { _ in 0 } }
        var result = caps.map { $0 * total / sum }
        let remainders = caps.map { $0 * total % sum }
        let left = total - result.reduce(0, +)
        let order = caps.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for i in order.prefix(left) { result[i] += 1 }
        return result
    }

    @Test func apportionIsTheLargestRemainderRule() throws {
        var rng = SplitMix64(seed: 14)
        for _ in 0..<2_000 {
            let n = Int(rng.next() % 12) + 1
            let caps = (0..<n).map { _ in Int(rng.next() % 50) - 5 }   // some negative: counted as 0
            let sum = caps.reduce(0) { $0 + max(0, $1) }
            let total = sum == 0 ? 0 : Int(rng.next() % UInt64(sum + 2))   // now and then one too many
            let expected = Self.plainApportion(total, caps)
            let got = try? FundingAttribution.apportion(total, capacities: caps)
            #expect(got == expected, "total \(total) over \(caps)")
            if let got {
                #expect(got.reduce(0, +) == total)
                for (g, c) in zip(got, caps) { #expect(g >= 0 && g <= max(0, c)) }
            }
        }
        // Ties go to the earlier index.
        #expect(try FundingAttribution.apportion(1, capacities: [1, 1, 1]) == [1, 0, 0])
        #expect(try FundingAttribution.apportion(2, capacities: [0, 3, 3]) == [0, 1, 1])
    }

    /// A split plan is verified once, whole: each authority's own guarantee (which the state-wide
    /// table reports) still holds for each of its schools, as each authority's check used to say.
    @Test func theMergedCheckHoldsEachAuthorityToItsOwnGuarantee() throws {
        let folder = try SplitScenarioFolder()
        let scenario = try ScenarioLoader.load(path: try folder.scenario()).scenario
        try #require(scenario.objective == .maximin)
        let plan = try engine.solve(scenario, workers: 2)
        #expect(PlanVerifier.verify(plan).isEmpty)
        // An authority one of whose schools gets less than its whole need of some kind: a
        // claimed guarantee of the whole need is then broken at that school.
        let a = try #require(plan.authorities.firstIndex { r in
            r.guaranteedCoverage != nil && plan.schools.contains { s in
                s.school.authority == r.authority && s.need.indices.contains { s.need[$0] > 0 && s.devices[$0] < s.need[$0] }
            }
        })
        var tampered = plan
        tampered.authorities[a].guaranteedCoverage = Ratio(1, 1)
        let problems = PlanVerifier.verify(tampered)
        let authority = plan.authorities[a].authority
        #expect(!problems.isEmpty && problems.allSatisfy { $0.contains("guaranteed for authority \(authority)") }, "\(problems)")
    }

    /// A duplicate column within one row is refused; the same column in two rows is not.
    @Test func validateFindsADuplicateColumnInARowOnly() throws {
        var lp = LinearProgram(name: "t")
        let x = lp.addVariable("x"), y = lp.addVariable("y")
        lp.addConstraint("a", [.init(x, 1), .init(y, 1)], upper: 1)
        lp.addConstraint("b", [.init(x, 1), .init(y, 2)], upper: 2)
        lp.objective = .init(.maximize, [.init(x, 1), .init(y, 1)])
        try lp.validate()
        lp.addConstraint("c", [.init(y, 1), .init(x, 1), .init(y, 3)], upper: 2)
        #expect(throws: ModelError.duplicateVariable(row: "c", variable: "y")) { try lp.validate() }
        var objective = lp
        objective.constraints.removeLast()
        objective.objective = .init(.maximize, [.init(x, 1), .init(x, 1)])
        #expect(throws: ModelError.duplicateVariable(row: "objective", variable: "x")) { try objective.validate() }
    }
}

