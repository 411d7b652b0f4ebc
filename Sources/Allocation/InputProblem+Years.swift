import Foundation

extension InputProblem {
    /// What is wrong with a value of the scenario's `years:` section (the multi-year
    /// replacement plan, docs/MULTIYEAR.md), as facts; `Sources/Reports/ErrorWords+Years.swift`
    /// words them in German and English.
    public enum YearsProblem: Sendable, Equatable {
        /// years.last before years.first, or more planning years than allowed.
        case planningYears(first: Int, last: Int, most: Int)
        /// A list with one value per planning year has another number of values.
        case yearlyValues(found: Int, first: Int, last: Int)
        /// A school number the scenario's school table does not have (inventory, need table).
        case unknownSchool(String)
        /// The earlier plan has no row for a school of the scenario.
        case missingSchool(String)
        /// A year outside the planning years (need table).
        case yearOutside(Int, first: Int, last: Int)
        /// An inventory purchase year that is not before the first planning year.
        case purchaseYearNotBefore(Int, first: Int)
        /// The same school, kind and purchase year twice in the inventory (or school, kind, year in the need table).
        case givenTwice(school: String, kind: String, year: Int, firstLine: Int?)
        /// A grant that would pay operating cost.
        case grantPaysOperating
        /// earlyYears not below lifeYears.
        case earlyNotBelowLife(early: Int, life: Int)
        /// A carry-over year before the first planning year.
        case carryOverBefore(Int, first: Int)
        /// A plan.json without a list of schools.
        case notAPlan
        /// inventory.plan without inventory.purchaseYear.
        case planNeedsPurchaseYear
        /// A device kind of the scenario that years.deviceKinds does not describe.
        case kindNotDescribed(String)
        /// A rule of a scenario built in code (`ReplacementScenario.issues()`; InputProblem+YearsRules.swift).
        case rule(YearsRule)
    }
}
