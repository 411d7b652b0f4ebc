import Allocation

/// Why a replacement scenario cannot hold, as facts: in which year the own money that may pay
/// running cost cannot pay the running cost of the devices that must stay in service (devices
/// of the inventory before their early-replacement window, and as many as the fall limit keeps).
/// Found from the scenario alone, before any solve; `Sources/Reports/ErrorWords+Years.swift`
/// words it ("the own money of 2028 is 412.000 € short for the running cost …").
public struct ReplacementInfeasibility: Error, Sendable, Equatable, ClassifiedError {
    public struct OperatingShortfall: Sendable, Equatable {
        public var year: Int
        /// Devices that must be in service that year (all kinds).
        public var devices: Int
        /// Their running cost at least.
        public var cost: Money
        /// The most the pools that may pay operating cost can have that year (own money of the
        /// year plus every earlier year's that may be carried into it).
        public var available: Money
        public var missing: Money { cost - available }
        /// The pools that may pay operating cost.
        public var pools: [String]
        /// Of `available`: the most residual income the pools can have received up to this
        /// year (`ReplacementScenario.residualIncomeBound`; 0 without residual values).
        public var residualIncome: Money = .zero
    }
    public var shortfalls: [OperatingShortfall]
    public var errorClass: ErrorClass { .infeasible }
    public init(shortfalls: [OperatingShortfall]) { self.shortfalls = shortfalls }
}

extension ReplacementScenario {
    /// The years whose running cost of devices that must stay in service exceeds the most the
    /// operating pools can pay (empty: no year is short by this check; the scenario may still
    /// be infeasible for reasons it does not see). A sound check: every year it names is short
    /// in every plan.
    public func operatingShortfalls() -> [ReplacementInfeasibility.OperatingShortfall] {
        let first = years.lowerBound
        let payers = pools.filter { $0.pays.contains(.operating) }
        // Residual income is own money of the receiving pool: counted at its most, so the
        // check stays sound (`residualIncomeBound`).
        let receiving = payers.contains { $0.id == residualPool }
        let income = receiving ? residualIncomeBound() : Array(repeating: Money.zero, count: yearCount)
        var out: [ReplacementInfeasibility.OperatingShortfall] = []
        // Per school: devices in service the year before the first (the fall limit's start).
        var previous: [String: Int] = [:]
        for c in inventory where c.purchaseYear < first { previous[c.school, default: 0] += c.count }
        for i in 0..<yearCount {
            let year = first + i
            var devices = 0, cost = Money.zero
            for school in schools {
                // Devices of the inventory that may not leave yet.
                var kept = 0, keptCost = Money.zero
                for c in inventory where c.school == school.id {
                    guard let k = kind(c.kind), year < k.earliestRetirement(c.purchaseYear) else { continue }
                    kept += c.count; keptCost += k.operatingCostPerYear * c.count
                }
                // As many as the fall limit keeps, the rest at the cheapest running cost.
                var floor = kept
                if let f = turbulence.maxFallBasisPoints, let before = previous[school.id] {
                    let least = ((10_000 - f) * before + 9_999) / 10_000
                    floor = max(kept, least)
                    previous[school.id] = least
                }
                let cheapest = kinds.map(\.operatingCostPerYear).min() ?? .zero
                devices += floor
                cost += keptCost + cheapest * (floor - kept)
            }
            guard cost.cents > 0 else { continue }
            var available = income[i]
            for p in payers {
                for j in 0...i where j == i || p.carries(from: first + j) && { if case .until(let last) = p.carryOver { return last >= year } else { return false } }() {
                    available += p.money[j]
                }
            }
            if cost > available {
                out.append(.init(year: year, devices: devices, cost: cost, available: available, pools: payers.map(\.id),
                                 residualIncome: income[i]))
            }
        }
        return out
    }
}
