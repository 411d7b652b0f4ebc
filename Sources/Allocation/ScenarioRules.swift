import Foundation

/// A range a scenario value must lie in; `lowerOpen`: the lower bound itself is not allowed
/// (a funding rate is above 0 and at most 1).
public struct ValueRange: Sendable, Equatable {
    public var lower: Decimal
    public var upper: Decimal
    public var lowerOpen: Bool
    public init(_ lower: Decimal, _ upper: Decimal, lowerOpen: Bool = false) {
        self.lower = lower; self.upper = upper; self.lowerOpen = lowerOpen
    }
    public func contains(_ d: Decimal) -> Bool { (lowerOpen ? d > lower : d >= lower) && d <= upper }
    /// The closed range a reader checks first (the open end is checked by `contains`).
    public var closed: ClosedRange<Decimal> { lower...upper }
}

/// The limits of every scenario value: declared once here, checked by `Scenario.validate()`,
/// and named by the scenario-key table (ScenarioFiles/ScenarioKeys.swift), from which the
/// loader's messages, `--set` and the planner's sliders take them.
public enum ScenarioLimits {
    /// Share of a device's eligible cost a grant pays: above 0, at most 1.
    public static let fundingRate = ValueRange(0, 1, lowerOpen: true)
    public static let priorityWeight = ValueRange(0, 1000)
    public static let coverageFloor = ValueRange(0, 1)
    public static let pupilShare = ValueRange(0, 1)
    public static let formFactor = ValueRange(0, 10)
    public static let relativeGap = ValueRange(0, Decimal(string: "0.5")!)
    public static let timeLimitSeconds = ValueRange(Decimal(string: "0.001")!, 86_400)
    public static let stageTolerance = ValueRange(0, Decimal(string: "0.5")!)
    public static let grades: ClosedRange<Int> = 1...13
    public static let indexLevels: ClosedRange<Int> = 1...9
    /// Any amount of money: 0 or more, at most 10^12 €; `positiveMoney`: above 0.
    public static let money = ValueRange(0, 1_000_000_000_000)
    public static let positiveMoney = ValueRange(0, 1_000_000_000_000, lowerOpen: true)
    /// The most money any amount may be: 10^12 € in cents.
    public static let maxMoneyCents = 100_000_000_000_000
    /// Need shares, factors and floors have at most this many decimals (the need arithmetic is exact).
    public static let maxDecimals = 6
}

/// A broken rule of a scenario: the key path as the scenario file spells it
/// ("pools.sofort.fundingRate", "maximin.order[1]", "need") and what is wrong.
/// The loader turns the key into file:line; a scenario built in code gets the key.
/// The words are `Sources/Reports/ErrorWords.swift`.
public struct ScenarioIssue: Error, Sendable, Equatable {
    public var key: String
    public var problem: InputProblem
    public init(_ key: String, _ problem: InputProblem) { self.key = key; self.problem = problem }
    /// A rule not yet handed over as facts: its English words.
    public init(_ key: String, _ text: String) { self.init(key, .text(text)) }
}

extension Scenario {
    /// Checks every domain rule of the scenario: value ranges, the grant rules ("a grant pays
    /// at least one cent per device", "a grant is not own money"), the need tables (all nine
    /// index levels, at most 6 decimals, a rule for every school without a level), the kinds
    /// pools and maximin name, pools split all or none. Throws the first rule broken.
    /// The loader and the engine both call it, so a scenario built in code meets the same rules.
    public func validate() throws(ScenarioIssue) {
        if let issue = issues(limit: 1).first { throw issue }
    }

    /// The broken rules, in the order of the scenario file's sections, at most `limit`.
    public func issues(limit: Int = .max) -> [ScenarioIssue] {
        var out: [ScenarioIssue] = []
        func add(_ key: String, _ problem: InputProblem) { if out.count < limit { out.append(ScenarioIssue(key, problem)) } }
            func check(_ d: Decimal, _ range: ValueRange, key: String, what: Allowed) {
            if !range.contains(d) { add(key, .found(.number("\(d)"), expected: what)) }
        }
        func checkDecimals(_ d: Decimal, key: String) {
            if Self.fraction(d) == nil { add(key, .tooManyDecimals(what: nil, value: d, limit: ScenarioLimits.maxDecimals)) }
        }
        func outOfRange(_ m: Money, positive: Bool) -> Bool { m.cents < (positive ? 1 : 0) || m.cents > ScenarioLimits.maxMoneyCents }
        func money(_ m: Money, key: String, positive: Bool) {
            if outOfRange(m, positive: positive) {
                add(key, .found(.number(m.plain), expected: .moneyAtMost(positive: positive)))
            }
        }

        // Device kinds.
        if deviceKinds.isEmpty { add("deviceKinds", .rule(.noDeviceKinds)) }
        var kindIDs = Set<String>()
        for kind in deviceKinds {
            let key = "deviceKinds.\(kind.id)"
            if !kindIDs.insert(kind.id).inserted { add(key, .rule(.definedTwice(.deviceKinds, id: kind.id))) }
            money(kind.unitPrice, key: key + ".unitPrice", positive: true)
            check(kind.priorityWeight, ScenarioLimits.priorityWeight, key: key + ".priorityWeight", what: .weight)
            check(kind.coverageFloor, ScenarioLimits.coverageFloor, key: key + ".coverageFloor", what: .shareOfNeed)
            checkDecimals(kind.coverageFloor, key: key + ".coverageFloor")
        }

        // Pools.
        if pools.isEmpty { add("pools", .rule(.noPools)) }
        var poolIDs = Set<String>()
        for pool in pools {
            let key = "pools.\(pool.id)"
            if !poolIDs.insert(pool.id).inserted { add(key, .rule(.definedTwice(.pools, id: pool.id))) }
            for k in pool.kinds where !kindIDs.contains(k) {
                add(key + ".kinds", .rule(.unknownKind(k, defined: deviceKinds.map(\.id))))
            }
            money(pool.budget, key: key + ".budget", positive: false)
            // A split pool has a share per authority (about 2,900 in the 40,005-school scenario):
            // only the shares out of range are sorted by authority and get a key.
            if let budgets = pool.authorityBudgets {
                var wrong: [(authority: String, share: Money)] = []
                for (authority, share) in budgets where outOfRange(share, positive: false) { wrong.append((authority, share)) }
                for (authority, share) in wrong.sorted(by: { $0.authority < $1.authority }) {
                    money(share, key: "\(key).split (authority \(authority))", positive: false)
                }
            }
            guard case let .grant(rate, cap) = pool.rule else { continue }
            if !ScenarioLimits.fundingRate.contains(rate) {
                add(key + ".fundingRate", .found(.number("\(rate)"), expected: .fundingRate))
                continue
            }
            money(cap, key: key + ".capPerDevice", positive: true)
            if pool.isOwnMoney {
                add(key + ".ownMoney", .rule(.grantIsOwnMoney))
            }
            // "Sofortausstattung pays 90 % of at most 500 €": a grant that pays nothing for a
            // device it may fund is a mistake in the figures, not a plan.
            for kind in deviceKinds where pool.kinds.contains(kind.id) && cap.cents > 0 {
                if pool.grantPerDevice(price: kind.unitPrice) <= .zero {
                    add(key, .grantPaysNothing(kind: kind.id))
                }
            }
        }
        let split = pools.filter { $0.authorityBudgets != nil }
        if !split.isEmpty && split.count != pools.count {
            let shared = pools.filter { $0.authorityBudgets == nil }.map(\.id)
            add("pools", .rule(.partlySplit(split: split.map(\.id), shared: shared)))
        }

        // Need.
        let grades = ScenarioLimits.grades
        if !grades.contains(need.gradesInScope.lowerBound) || !grades.contains(need.gradesInScope.upperBound) {
            add("need.gradesInScope", .found(.number("\(need.gradesInScope.lowerBound)–\(need.gradesInScope.upperBound)"), expected: .grades))
        }
        for form in need.formGrades.keys.sorted() {
            let g = need.formGrades[form]!
            if !grades.contains(g.lowerBound) || !grades.contains(g.upperBound) {
                add("need.schoolForms.\(form)", .found(.number("\(g.lowerBound)–\(g.upperBound)"), expected: .grades))
            }
        }
        for (table, values, range, what) in [("pupilShareByLevel", need.pupilShareByLevel, ScenarioLimits.pupilShare, Allowed.share),
                                             ("priorityWeightByLevel", need.priorityWeightByLevel, ScenarioLimits.priorityWeight, Allowed.weight)] {
            let missing = ScenarioLimits.indexLevels.filter { values[$0] == nil }
            if !missing.isEmpty {
                add("need.\(table)", .rule(.missingLevels(missing)))
            }
            for level in values.keys.sorted() {
                let key = "need.\(table).\(level)"
                if !ScenarioLimits.indexLevels.contains(level) { add(key, .rule(.noSuchLevel(level))) }
                check(values[level]!, range, key: key, what: what)
                if table == "pupilShareByLevel" { checkDecimals(values[level]!, key: key) }
            }
        }
        var without = need.withoutLevel.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
        if let d = need.defaultWithoutLevel { without.append(("default", d)) }
        for (form, rule) in without {
            if case .level(let l) = rule, !ScenarioLimits.indexLevels.contains(l) {
                add("need.withoutLevel.\(form)", .found(.number("\(l)"), expected: .levelOrExclude))
            }
        }
        for form in need.formFactor.keys.sorted() {
            let key = "need.formFactor.\(form)"
            if need.formGrades[form] == nil {
                add(key, .rule(.notASchoolForm(form, allowed: need.formGrades.keys.sorted())))
            }
            check(need.formFactor[form]!, ScenarioLimits.formFactor, key: key,
                  what: .formFactor)
            checkDecimals(need.formFactor[form]!, key: key)
        }

        // Schools: figures a count can have, and a need rule for every school without a level.
        // Fields read in place (no copy of a school), a form's rule looked up only where the
        // form changes from one school without a level to the next.
        if deviceKinds.contains(where: { $0.basis == .pupils }) && need.defaultWithoutLevel == nil {
            var lastForm: String?
            for i in schools.indices where schools[i].socialIndex == nil && schools[i].form != lastForm {
                lastForm = schools[i].form
                if need.withoutLevel[schools[i].form] == nil {
                    add("need", .rule(.noRuleWithoutLevel(school: schools[i].id, form: schools[i].form)))
                    break
                }
            }
        }
        for i in schools.indices {
            if let l = schools[i].socialIndex, !ScenarioLimits.indexLevels.contains(l) {
                add("schools", .rule(.schoolIndex(school: schools[i].id, level: l))); break
            }
            if schools[i].pupils < 0 || schools[i].teachers < 0 || schools[i].existingPupilDevices < 0 {
                let school = schools[i]
                add("schools", .rule(.schoolCounts(school: school.id, pupils: school.pupils, teachers: school.teachers, existing: school.existingPupilDevices)))
                break
            }
        }

        // Maximin.
        var seen: [String] = []
        for (i, id) in maximin.order.enumerated() {
            if !kindIDs.contains(id) {
                add("maximin.order[\(i)]", .rule(.notADeviceKind(String(id.prefix(40)), kinds: deviceKinds.map(\.id))))
            } else if seen.contains(id) {
                add("maximin.order[\(i)]", .rule(.listedTwice(id)))
            }
            seen.append(id)
        }
        if maximin.guarantee == .joint && !maximin.order.isEmpty {
            add("maximin.order", .rule(.orderNeedsPerKind))
        }

        // Solver.
        for (key, value, range, what) in [("relativeGap", solver.relativeGap, ScenarioLimits.relativeGap, Allowed.relativeGap),
                                          ("timeLimitSeconds", solver.timeLimitSeconds, ScenarioLimits.timeLimitSeconds, .seconds),
                                          ("stageTolerance", solver.stageTolerance, ScenarioLimits.stageTolerance, .relativeTolerance)] {
            if !value.isFinite || value < range.lower.doubleValue || value > range.upper.doubleValue { add("solver.\(key)", .found(.number("\(value)"), expected: what)) }
        }
        return out
    }

    /// A decimal as numerator / power of ten with at most `maxDecimals` decimals; nil if it has more or is out of range.
    static func fraction(_ d: Decimal) -> (numerator: Int, denominator: Int)? {
        var n = d, den = 1
        // At most 6 decimals keeps pupils × grades × share far inside Int.
        while n != n.floored() && den < 1_000_000 { n *= 10; den *= 10 }
        guard n == n.floored(), n >= 0, n <= 1_000_000_000 else { return nil }
        return (n.intValue, den)
    }
}
