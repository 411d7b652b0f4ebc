import Allocation

/// Disposal (residual) value (issue 19, docs/MULTIYEAR.md "Residual value"): a device of kind
/// k that leaves service in a planning year — retired early, at the end of its life, or an
/// inventory device gone in the first year — brings `residualValue` once, whatever its age.
/// The income is own money of that year: it goes to the first pool with `source: own` (in the
/// scenario's order), under that pool's carry-over rule. A residual value is at most the
/// kind's price in every planning year, so buying a device to sell it never pays.
extension ReplacementScenario {
    /// Whether any kind has a residual value.
    public var hasResidualValue: Bool { kinds.contains { $0.residualValue.cents > 0 } }

    /// The pool that receives the income of retired devices (nil: none, or no own pool).
    public var residualPool: String? {
        hasResidualValue ? pools.first { $0.source == .own }?.id : nil
    }

    /// The broken rules of the residual values.
    func residualIssues() -> [ScenarioIssue] {
        var out: [ScenarioIssue] = []
        for k in kinds where k.residualValue.cents != 0 {
            let key = "years.deviceKinds.\(k.id).residualValue"
            if k.residualValue.cents < 0 { out.append(ScenarioIssue(key, .found(.number(k.residualValue.plain), expected: .moneyAtMost(positive: false)))); continue }
            if ReplacementLimits.planningYears.contains(yearCount),
               let year = years.first(where: { price(k, in: $0) < k.residualValue }) {
                out.append(ScenarioIssue(key, .years(.rule(.residualAbovePrice(found: k.residualValue.plain, year: year, price: price(k, in: year).plain)))))
            }
        }
        if hasResidualValue && !pools.contains(where: { $0.source == .own }) {
            out.append(ScenarioIssue("years.pools", .years(.rule(.residualNeedsOwnPool))))
        }
        return out
    }

    /// Devices of each kind that leave service in each planning year, from a plan's cohorts:
    /// the drop of a cohort's count from one year to the next (an inventory cohort from its
    /// count before the first year; a cohort's last devices when its life ends), and inventory
    /// cohorts the plan leaves out in the first year. `retired[kind][yearIndex]`.
    public func retired(in plan: ReplacementPlan) -> [String: [Int]] {
        let first = years.lowerBound, n = yearCount
        var out = Dictionary(kinds.map { ($0.id, Array(repeating: 0, count: n)) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        let start = Dictionary(inventory.map { ("\($0.school)|\($0.kind)|\($0.purchaseYear)", $0.count) }, uniquingKeysWith: +)
        for c in plan.cohorts where c.inService.count == n && out[c.kind] != nil {
            let key = "\(c.school)|\(c.kind)|\(c.purchaseYear)"
            seen.insert(key)
            var previous = c.purchaseYear < first ? start[key] ?? 0 : 0
            for i in max(0, c.purchaseYear - first)..<n {
                if c.purchaseYear >= first && i == c.purchaseYear - first { previous = c.inService[i]; continue }
                out[c.kind]![i] += max(0, previous - c.inService[i])
                previous = c.inService[i]
            }
        }
        for c in inventory where !seen.contains("\(c.school)|\(c.kind)|\(c.purchaseYear)") && out[c.kind] != nil {
            out[c.kind]![0] += c.count
        }
        return out
    }

    /// The residual income of a plan per planning year (all zero without residual values).
    public func residualIncome(of plan: ReplacementPlan) -> [Money] {
        var income = Array(repeating: Money.zero, count: yearCount)
        guard hasResidualValue else { return income }
        let retired = retired(in: plan)
        for k in kinds where k.residualValue.cents > 0 {
            for i in 0..<yearCount { income[i] += k.residualValue * (retired[k.id]?[i] ?? 0) }
        }
        return income
    }
}
