import Allocation

/// The most residual income any plan can have received, for the checks before the solve
/// (`operatingShortfalls`, `purchaseShortfalls`): with it they stay sound when a device kind has
/// a residual value (issue 19). Income is own money of the first own pool (`residualPool`).
///
/// Up to the end of planning year i a plan receives at most
/// - R_k for every inventory device of kind k that may leave service by then (its early window
///   reached: purchase + life − earlyYears ≤ first + i), and
/// - for devices bought in the planning years: a device of kind k bought in year p leaves service
///   in year p + h_k at the earliest (h_k = max(1, life − earlyYears)) and brings R_k ≤ ρ · its
///   price, ρ = the largest R_k / price(k, y) of any kind and year (≤ 1: a residual value is at
///   most the price). So at most ρ · S(i − h), h the smallest h_k of the kinds with a residual
///   value, S(j) what is spent on devices up to year j;
/// - S(j) is at most the money granted up to year j to the pools that pay investment, plus the
///   income up to j when the receiving pool pays investment too (a device sold pays the next).
/// Each year's bound uses only earlier years' spending (h ≥ 1), so it is finite and cumulative.
extension ReplacementScenario {
    /// Per planning year (index): the most residual income any plan can have received up to and
    /// including that year (all zero without residual values).
    public func residualIncomeBound() -> [Money] {
        let n = yearCount, first = years.lowerBound
        guard hasResidualValue, let receiver = pools.first(where: { $0.source == .own }) else {
            return Array(repeating: .zero, count: n)
        }
        let valued = kinds.filter { $0.residualValue.cents > 0 }
        // ρ = num / den: the largest residual value per euro of price (cross-multiplied; at most 1).
        var num = 0, den = 1
        for k in valued {
            for y in years {
                let price = self.price(k, in: y).cents
                guard price > 0 else { (num, den) = (1, 1); continue }   // not a valid scenario; ρ = 1 keeps the bound finite
                if k.residualValue.cents * den > num * price { (num, den) = (min(k.residualValue.cents, price), price) }
            }
        }
        if num > den { (num, den) = (1, 1) }
        let hold = valued.map { max(1, $0.lifeYears - $0.earlyYears) }.min() ?? 1
        /// ⌈m · ρ⌉ in cents, exact (ρ ≤ 1, so the quotient fits).
        func scaled(_ m: Money) -> Money {
            guard m.cents > 0 else { return .zero }
            let wide = m.cents.multipliedFullWidth(by: num)
            let (q, r) = den.dividingFullWidth((wide.high, wide.low))
            return Money(cents: q + (r > 0 ? 1 : 0))
        }
        let investing = pools.filter { $0.pays.contains(.investment) }
        let recycles = receiver.pays.contains(.investment)
        var granted = Money.zero
        var spent: [Money] = [], income: [Money] = []
        for i in 0..<n {
            var inventory = Money.zero
            for c in self.inventory where c.purchaseYear < first {
                guard let k = kind(c.kind), k.residualValue.cents > 0, k.earliestRetirement(c.purchaseYear) <= first + i else { continue }
                inventory += k.residualValue * c.count
            }
            let bought = i - hold >= 0 ? scaled(spent[i - hold]) : .zero
            income.append(inventory + bought)
            for p in investing where i < p.money.count { granted += p.money[i] }
            spent.append(granted + (recycles ? income[i] : .zero))
        }
        return income
    }
}
