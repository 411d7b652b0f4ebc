import Foundation
import LinearProgramming

/// A solved, verified allocation: what every school gets and who pays for it.
public struct Plan: Sendable, Equatable {
    public struct SchoolAllocation: Sendable, Equatable {
        public var school: School
        /// Per device kind (scenario order).
        public var need: [Int]
        public var devices: [Int]
        /// funding[kind][pool]: what each pool pays for this school's devices of that kind.
        public var funding: [[Money]]
        /// grantDevices[kind][pool]: devices of that kind funded by a grant pool (0 elsewhere).
        public var grantDevices: [[Int]]

        // Plain loops: these run per school and kind in every report (no closures per cell).
        // Inlinable: called from another module on a school read in place, a call copied the
        // whole school first (a retain per field; issue 18: 40,005 schools per report).
        @inlinable public func funding(pool p: Int) -> Money {
            var cents = 0
            for row in funding { cents += row[p].cents }
            return Money(cents: cents)
        }
        @inlinable public var cost: Money {
            var cents = 0
            for row in funding { for m in row { cents += m.cents } }
            return Money(cents: cents)
        }
    }

    public struct PoolUse: Sendable, Equatable {
        public var pool: Pool
        public var spent: Money
        public var remaining: Money { pool.budget - spent }
    }

    public typealias Stage = Lexicographic.Stage

    public struct SolverReport: Sendable, Equatable {
        /// Status of the device-count stage (the word "optimal" only when proven).
        public var status: TerminationStatus
        public var objectiveName: String
        public var objective: Double
        public var bestBound: Double
        /// At most this many devices from the best possible plan.
        public var gapDevices: Int
        public var seconds: Double
        public var solverVersion: String
        public var relativeGap: Double
        public var timeLimitSeconds: Double
        /// Each stage's objective is the value recomputed from this plan; its bound is the
        /// solver's proven bound.
        public var stages: [Stage]
        /// The time limit ran out before every stage was proven: the plan is the best verified
        /// one found by then.
        public var stoppedAtTimeLimit: Bool = false
    }

    /// One school authority's part of a plan whose pools are split among authorities.
    public struct AuthorityResult: Sendable, Equatable {
        public var authority: String
        public var schools: Int
        /// Budget and spending of each pool (scenario order) for this authority.
        public var budgets: [Money]
        public var spent: [Money]
        public var guaranteedCoverage: Ratio?
    }

    public var scenario: Scenario
    public var schools: [SchoolAllocation]
    /// Per authority, when the pools are split among authorities (sorted by authority).
    public var authorities: [AuthorityResult] = []
    public var pools: [PoolUse]
    /// The smallest coverage ratio the plan guarantees across schools with need (maximin),
    /// or the common share of need (proportional); nil for other objectives.
    public var guaranteedCoverage: Ratio?
    /// Maximin: per device kind (scenario order), the smallest coverage ratio guaranteed to
    /// every school with need of that kind (nil where no school needs the kind); with a joint
    /// guarantee the same ratio for every kind. Empty for other objectives.
    public var kindCoverage: [Ratio?] = []
    public var solver: SolverReport

    /// Whether the maximin guarantee is one per device kind (else one joint value).
    public var hasKindGuarantees: Bool {
        scenario.objective == .maximin && scenario.maximin.guarantee == .perKind && !kindCoverage.isEmpty
    }

    public var kinds: [DeviceKind] { scenario.deviceKinds }
    public func totalDevices(kind k: Int) -> Int {
        var n = 0
        for i in schools.indices { n += schools[i].devices[k] }
        return n
    }
    public func totalNeed(kind k: Int) -> Int {
        var n = 0
        for i in schools.indices { n += schools[i].need[k] }
        return n
    }
    public var ownMoneySpent: Money { pools.filter { $0.pool.isOwnMoney }.sum { $0.spent } }
    public var totalCost: Money { pools.sum { $0.spent } }

    /// Weighted devices as the objective counts them.
    public func weightedDevices(_ needs: NeedTable) -> Decimal {
        var total = Decimal(0)
        for (s, a) in schools.enumerated() {
            for k in a.devices.indices { total += Decimal(a.devices[k]) * needs.entries[s][k].weight }
        }
        return total
    }
}
