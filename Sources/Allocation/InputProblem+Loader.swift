import Foundation

/// The facts of the loader's refusals in the `schedule` section, a pool's `split` with the
/// `authorities` section, and the kinds, pools and need sections (issue 15): the words, in
/// German and English, are `Sources/Reports/ErrorWords+Loader.swift`.
extension InputProblem {
    /// Why the `schedule` section cannot be read. Days are ISO dates (2021-01-04).
    public enum ScheduleProblem: Sendable, Equatable {
        /// schedule.deadlines names a pool the scenario does not have.
        case unknownPool(String, pools: [String])
        /// schedule.earliest names a school the scenario does not have (`examples`: the first numbers).
        case unknownSchool(String, count: Int, examples: [String])
        /// A mapping key that must be a date.
        case keyNotADate(String)
        case periodNeedsStartAndEnd
        case endBeforeStart(end: String, start: String)
        /// A listed period that starts before the previous one ends.
        case periodsOverlap(start: String, previousEnd: String)
        case noPeriods
        case tooManyPeriods(Int, limit: Int)
        /// schedule.periods is neither {every, from, until} nor a list of periods.
        case periodsShape
        case untilBeforeFrom(until: String, from: String)
        /// {every, from, until} that gives more periods than allowed.
        case spanTooLong(from: String, until: String, limit: Int)
        /// Monthly periods that would run past the last day the program knows.
        case monthsBeyond(until: String)
        case missingCumulative
        case missingSupplyBy
        case noSupplyFigures
        case dateTwice(String)
        /// 'rest' given for another date than the latest.
        case restNotLast(latest: String)
        /// A cumulative supply figure below the one before it.
        case cumulativeFalls(devices: Int, date: String, previous: Int, previousDate: String)
        /// An imaging exception on a day in no period.
        case dateInNoPeriod(String, first: String, last: String)
        case periodTwice(label: String)
    }

    /// A pool's split rule as the file writes it ("by: key").
    public enum SplitRule: Sendable, Equatable { case key, keyWithStateTotal, perDevice, table }

    /// Why a pool's `split`, the `authorities` section or an allocation table cannot be read.
    public enum SplitProblem: Sendable, Equatable {
        /// A split mapping without its rule.
        case missingBy
        /// A key another rule has (`by`: the rule given; `keys`: its own keys).
        case notAKeyOfRule(by: String, stateTotal: Bool, keys: [String])
        /// by: perDevice without basis over device kinds that count both.
        case basisAmbiguous
        /// A pool split by the pupil key in a scenario without `authorities`.
        case needsAuthorities(pool: String, rule: SplitRule)
        /// The key weighs every authority 0, so `total` cannot be split.
        case keyWeighsZero(total: Money)
        /// The key scaled from a reference authority's budget, without a reference.
        case needsReference
        case referenceHasNoSchools(String, authorities: [String])
        case scaledTotalTooLarge(pool: String)
        case perDeviceTooLarge(amount: Money, count: Int, basis: DeviceKind.Basis)
        case totalTooLarge(Money)
        /// A row of the allocation table without an authority key.
        case emptyAuthority
        case authorityTwice(String, firstLine: Int)
        /// Authorities with schools that the allocation table has no row for.
        case authoritiesWithoutRow([String], pool: String)
        /// `budget` beside a split that gives the total itself.
        case budgetNotUsed(rule: SplitRule)
    }

    /// Why an entry of the kinds, pools or need sections cannot be read.
    public enum SectionProblem: Sendable, Equatable {
        /// A device kind's or pool's id that is not up to 40 ASCII letters, digits, '-' or '_'.
        case idNotAllowed(String)
        /// fundingRate or capPerDevice on a pool whose rule is not grant.
        case onlyGrantHas(key: String)
        /// A grade range that is not two values.
        case gradesShape(found: Int)
        case gradesReversed(first: Int, last: Int)
    }
}

/// What a key of the loader's sections holds, or which words it allows (`Allowed.loader`).
public enum LoaderPhrase: Sendable, Equatable {
    /// schedule.periods, schedule.supply, schedule.imaging (with an example each)
    case periods, supply, imaging
    /// schedule.imaging.schoolsPerPeriod
    case schoolsPerPeriod
    /// the words of schedule.teacherDevices and schedule.supply.spread, explained
    case teacherDevices, supplySpread
    /// a date yyyy-mm-dd between 1900 and 2199
    case date
    /// the words of pools.<pool>.split (none, authorities or a mapping), and of split.by
    case splitWord, splitRules
    /// the words of pools.<pool>.rule, explained
    case poolRules
    /// split.perDevice, split.file, authorities.key, a split pool's reference budget
    case perDeviceAmount, allocationTable, authorityKeyKeys, referenceBudget
    /// an amount of an allocation table
    case tableAmount
    /// one grade of need.gradesInScope
    case grade
    /// the words of maximin.guarantee, explained
    case guarantee
    /// counts of the key table (the range follows in a message)
    case pupilCount, teacherCount, deviceCount
    /// an index level 1-9 or 'none' (a school override)
    case levelOrNone
    /// a number of devices (0 to 10,000,000) or 'rest' (a supply figure)
    case devicesOrRest
    /// a number of schools from 0 to 10,000 (imaging capacity)
    case schoolsUpTo10000
    /// years.pools.<pool>.source, years.pools.<pool>.pays, years.inventory.plan, an inventory row's devices
    case poolSource, costKinds, planPath, devicesPerKind
}
