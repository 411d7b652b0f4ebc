import Allocation
import LinearProgramming

/// A solved roll-out schedule: which school receives how many devices of each kind in each
/// period, over a solved allocation `Plan`, and what that means for each pool's deadline.
public struct RolloutPlan: Sendable, Equatable {
    public struct SchoolRow: Sendable, Equatable {
        /// Index into `plan.schools` (the allocation's order: by school number).
        public var index: Int
        /// The period its image is ready (it uses imaging capacity there); nil: never served.
        public var imagedIn: Int?
        /// deliveries[kind][period]: devices handed out in that period.
        public var deliveries: [[Int]]

        /// Devices of a kind handed out up to and including a period.
        public func delivered(kind k: Int, through t: Int) -> Int { t < 0 ? 0 : deliveries[k][...t].reduce(0, +) }
        public func delivered(inPeriod t: Int) -> Int { deliveries.reduce(0) { $0 + $1[t] } }
        public var total: Int { deliveries.reduce(0) { $0 + $1.reduce(0, +) } }
        var periodCount: Int { deliveries.first?.count ?? 0 }
        /// The first period with a delivery.
        public var firstDelivery: Int? { (0..<periodCount).first { delivered(inPeriod: $0) > 0 } }
        /// The period in which its last device goes out.
        public var lastDelivery: Int? { (0..<periodCount).last { delivered(inPeriod: $0) > 0 } }
    }

    /// A pool's money against its spending deadline.
    public struct PoolDeadline: Sendable, Equatable {
        public enum Status: String, Sendable, Equatable {
            /// The pool has no deadline in the scenario.
            case noDeadline = "no-deadline"
            /// Every device it pays for is handed out in a period that ends by the deadline.
            case met
            /// Some of its money pays for devices handed out after the deadline: that money is lost.
            case lost
            /// The deadline is after the last period; devices the schedule does not deliver
            /// leave their money open.
            case open
        }
        public var poolIndex: Int
        public var deadline: Day?
        /// What the allocation has this pool pay.
        public var planned: Money
        /// Paid for devices handed out in periods that end by the deadline (or within the
        /// schedule when the deadline is later or absent).
        public var spentInTime: Money
        /// planned - spentInTime when the deadline falls within the schedule; else zero.
        public var lost: Money
        /// planned - spentInTime when the deadline is after the schedule or absent.
        public var open: Money
        public var status: Status
        /// Schools whose devices this pool pays for arrive (partly) after its deadline.
        public var lateSchools: [Int]
        /// Devices it (partly) pays for that arrive after its deadline.
        public var lateDevices: Int
    }

    public typealias Stage = Lexicographic.Stage

    public var plan: Plan
    public var rules: ScheduleRules
    public var rows: [SchoolRow]
    /// Devices that have arrived by the end of each period (capped at the planned total).
    public var supply: [Int]
    /// weights[school][kind]: what one device-week weighs in the schedule's objective (pupil
    /// devices: the index level's weight; teacher devices: scaled by `teacherDevices`).
    public var weights: [[Double]]
    public var pools: [PoolDeadline]
    public var stages: [Stage]
    /// "optimal" only when every stage was proven optimal within the relative gap.
    public var status: TerminationStatus
    public var solverVersion: String
    public var relativeGap: Double
    public var timeLimitSeconds: Double
    public var seconds: Double
    /// The time limit (one deadline for the whole schedule) stopped a stage before it was
    /// proven, or before it began: the schedule is the best verified one found by then.
    public var stoppedAtTimeLimit: Bool = false

    public var periods: [ScheduleRules.Period] { rules.periods }
    public var kinds: [DeviceKind] { plan.kinds }

    /// Devices of each kind handed out in each period, over all schools: [kind][period].
    public var deliveredByKind: [[Int]] {
        plan.kinds.indices.map { k in periods.indices.map { t in rows.reduce(0) { $0 + $1.deliveries[k][t] } } }
    }

    public func delivered(inPeriod t: Int) -> Int { rows.reduce(0) { $0 + $1.delivered(inPeriod: t) } }

    /// Schools whose image is made in each period.
    public var imagedPerPeriod: [Int] {
        var n = [Int](repeating: 0, count: periods.count)
        for r in rows { if let t = r.imagedIn { n[t] += 1 } }
        return n
    }

    /// Planned devices of a kind that the schedule does not hand out within its periods.
    public func undelivered(kind k: Int) -> Int {
        plan.totalDevices(kind: k) - rows.reduce(0) { $0 + $1.deliveries[k].reduce(0, +) }
    }

    /// Weeks a device handed out in period t stays in hands until the end of the schedule
    /// (the period itself included).
    public var weeksFrom: [Double] {
        var out = [Double](repeating: 0, count: periods.count)
        var sum = 0.0
        for t in periods.indices.reversed() { sum += periods[t].weeks; out[t] = sum }
        return out
    }

    /// Device-weeks of the kinds with the given basis (nil: all), plain or as the schedule's
    /// objective weighs them.
    public func deviceWeeks(basis: DeviceKind.Basis?, weighted: Bool) -> Double {
        let from = weeksFrom
        var total = 0.0
        for r in rows {
            for (k, kind) in kinds.enumerated() where basis == nil || kind.basis == basis {
                let w = weighted ? weights[r.index][k] : 1
                for t in periods.indices where r.deliveries[k][t] > 0 { total += w * Double(r.deliveries[k][t]) * from[t] }
            }
        }
        return total
    }

    /// The weight of one teacher device-week (the first teacher kind's, at its first school
    /// with such devices); nil without teacher devices.
    public var teacherWeight: Double? {
        for (k, kind) in kinds.enumerated() where kind.basis == .teachers {
            if let s = plan.schools.indices.first(where: { plan.schools[$0].devices[k] > 0 }) { return weights[s][k] }
        }
        return nil
    }

    /// Money of all pools lost to deadlines.
    public var lostMoney: Money { pools.sum { $0.lost } }
}
