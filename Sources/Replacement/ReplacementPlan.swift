import Allocation

/// A multi-year plan: devices in service per cohort and year, and what each pool pays in each
/// year for each cost kind, in cents. Bought = a cohort's count in its purchase year; retired =
/// the drop of a cohort's count from one year to the next.
public struct ReplacementPlan: Sendable, Equatable {
    public struct CohortService: Sendable, Equatable {
        public var school: String
        public var kind: String
        public var purchaseYear: Int
        /// Devices of this cohort in service, one entry per planning year.
        public var inService: [Int]
        public init(school: String, kind: String, purchaseYear: Int, inService: [Int]) {
            self.school = school; self.kind = kind; self.purchaseYear = purchaseYear; self.inService = inService
        }
    }

    public struct Spending: Sendable, Equatable {
        public var pool: String
        public var year: Int
        public var cost: ReplacementScenario.CostKind
        public var amount: Money
        public init(pool: String, year: Int, cost: ReplacementScenario.CostKind, amount: Money) {
            self.pool = pool; self.year = year; self.cost = cost; self.amount = amount
        }
    }

    public var cohorts: [CohortService]
    public var spending: [Spending]
    public init(cohorts: [CohortService], spending: [Spending]) { self.cohorts = cohorts; self.spending = spending }

    /// Devices of `kind` at `school` bought in `year` (first planning year = index 0).
    public func bought(school: String, kind: String, year: Int, firstYear: Int) -> Int {
        cohorts.filter { $0.school == school && $0.kind == kind && $0.purchaseYear == year }
            .reduce(0) { $0 + $1.inService[year - firstYear] }
    }

    public func inService(school: String, kind: String, yearIndex: Int) -> Int {
        cohorts.filter { $0.school == school && $0.kind == kind }.reduce(0) { $0 + $1.inService[yearIndex] }
    }
}
