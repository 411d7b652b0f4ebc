import Foundation

// The rules of a multi-year scenario built in code (`ReplacementScenario.issues()`, issue 15):
// facts, worded in German and English by `Sources/Reports/ErrorWords+YearsRules.swift`. The
// loader's own years problems are `YearsProblem` (InputProblem+Years.swift); a rule both check
// (a grant that pays operating cost, a list with the wrong number of yearly values, …) is that
// one fact, said once.
extension InputProblem {
    /// A broken rule of `ReplacementScenario` that no loader problem already says.
    public enum YearsRule: Sendable, Equatable {
        /// A whole number outside its range ("found 0, expected years from 1 to 15").
        case outside(YearsQuantity, found: Int, allowed: ClosedRange<Int>)
        /// No schools at all.
        case noSchools
        /// A device kind's price of 0 or less (`found`: the amount as written, "0.00").
        case priceNotPositive(found: String)
        /// The price, changed year after year, leaves 0.01 … 10^12 € by the last planning year.
        case priceLeavesRange(year: Int)
        /// A pool that pays neither investment nor operating cost.
        case paysNothing
        /// A residual value above the kind's price in a planning year (`found`, `price`: amounts as written).
        case residualAbovePrice(found: String, year: Int, price: String)
        /// A residual value is own money, and no pool has `source: own` to receive it.
        case residualNeedsOwnPool
    }

    /// What a whole number of the `years:` section counts.
    public enum YearsQuantity: Sendable, Equatable, CaseIterable {
        case year, planningYearCount, years, basisPoints, weight, devices
    }
}
