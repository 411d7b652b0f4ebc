import Foundation

/// Need, lower bound and priority weight of every school for every device kind:
/// the numbers the model, the formula and the verifier all start from.
public struct NeedTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// Devices the school needs (after existing devices), >= 0.
        public var need: Int
        /// Devices the school must get at least: ceil(coverage floor × need).
        public var floor: Int
        /// Weight of one device in the `weighted` objective.
        public var weight: Decimal
        /// Index of `weight` in `weightClasses` (entries with the same index have the same weight).
        public var weightClass: Int
    }
    /// entries[school][kind], in the scenario's order of schools and kinds.
    public let entries: [[Entry]]
    /// The few distinct weights (one per device kind counted by teachers, one per index
    /// level, one for none), so that sums over schools add whole devices per weight and
    /// multiply once per weight.
    public let weightClasses: [Decimal]
    /// The least weight above 0 of an entry with need (nil: none).
    public let leastPositiveWeight: Decimal?

    public init(_ scenario: Scenario) throws(AllocationError) {
        // Shares and floors as exact fractions: integer arithmetic is exact and far quicker
        // than Decimal, and the numbers are the same.
        var shares: [Int: Fraction] = [:]
        for (level, share) in scenario.need.pupilShareByLevel { shares[level] = try Fraction(share, key: "need.pupilShareByLevel.\(level)") }
        var factors: [String: Fraction] = [:]
        for (form, f) in scenario.need.formFactor { factors[form] = try Fraction(f, key: "need.formFactor.\(form)") }
        var floors: [Fraction] = []
        for kind in scenario.deviceKinds { floors.append(try Fraction(kind.coverageFloor, key: "deviceKinds.\(kind.id).coverageFloor")) }
        var rows: [[Entry]] = []
        rows.reserveCapacity(scenario.schools.count)
        let rules = scenario.need
        let kinds = scenario.deviceKinds
        let anyPupilKind = kinds.contains { $0.basis == .pupils }
        // Weight classes: 0 for weight 0 (no level), 1 + k for kind k's own weight, then levels.
        var classes = [Decimal(0)] + kinds.map(\.priorityWeight)
        var levelClass: [Int: Int] = [:]
        var withNeed = [Bool](repeating: false, count: classes.count)
        // A form's grades and factor, looked up where the form changes from one school to the next.
        var lastForm: String?, formGrades = (0, 0), formFactor: Fraction?
        for school in scenario.schools {
            var row: [Entry] = []
            row.reserveCapacity(kinds.count)
            // The pupils' need is the same for every pupil kind: worked out once per school.
            var pupilNeed = 0, pupilWeight = Decimal(0), pupilClass = 0
            if anyPupilKind, let level = try Self.effectiveLevel(school, rules) {
                guard let share = shares[level], let w = rules.priorityWeightByLevel[level] else {
                    throw .inconsistentScenario(ScenarioIssue("", .rule(.noNeedEntry(level: level, school: school.id))))
                }
                if school.form != lastForm {
                    lastForm = school.form
                    formGrades = Self.grades(form: school.form, rules); formFactor = factors[school.form]
                }
                let (inScope, taught) = formGrades
                // round half up of pupils × inScope/taught × share × form factor
                let raw = Self.roundedNeed(pupils: school.pupils, inScope: inScope, taught: taught, share: share,
                                           factor: formFactor)
                pupilNeed = max(0, raw - school.existingPupilDevices)
                pupilWeight = w
                if let c = levelClass[level] { pupilClass = c } else {
                    pupilClass = classes.count
                    levelClass[level] = pupilClass
                    classes.append(w); withNeed.append(false)
                }
            }
            for (k, kind) in kinds.enumerated() {
                let need: Int
                let weight: Decimal
                let weightClass: Int
                switch kind.basis {
                case .teachers:
                    need = max(0, school.teachers)
                    weight = kind.priorityWeight
                    weightClass = 1 + k
                case .pupils:
                    need = pupilNeed
                    weight = pupilWeight
                    weightClass = pupilClass
                }
                if need > 0 { withNeed[weightClass] = true }
                let floor = (need * floors[k].numerator + floors[k].denominator - 1) / floors[k].denominator
                row.append(Entry(need: need, floor: min(need, floor), weight: weight, weightClass: weightClass))
            }
            rows.append(row)
        }
        entries = rows
        weightClasses = classes
        var least: Decimal?
        for c in classes.indices where withNeed[c] && classes[c] > 0 {
            if let w = least, !(classes[c] < w) { continue }
            least = classes[c]
        }
        leastPositiveWeight = least
    }

    /// The rows `rows` of `whole` (a part's schools, e.g. one authority's of a split scenario):
    /// the same entries and weights as the part's own table, without working out the rules
    /// again per part (the shares and factors as fractions were most of a small part's cost).
    /// The weight classes stay the whole's (a class without an entry here adds nothing), and
    /// the least positive weight is the part's own.
    init(rows: [Int], of whole: NeedTable) {
        entries = rows.map { whole.entries[$0] }
        weightClasses = whole.weightClasses
        var withNeed = [Bool](repeating: false, count: weightClasses.count)
        for row in entries { for e in row where e.need > 0 { withNeed[e.weightClass] = true } }
        var least: Decimal?
        for c in weightClasses.indices where withNeed[c] && weightClasses[c] > 0 {
            if let w = least, !(weightClasses[c] < w) { continue }
            least = weightClasses[c]
        }
        leastPositiveWeight = least
    }

    /// Σ devices[s][k] × weight over every school and kind, exactly: whole devices summed
    /// per weight class, one product per class.
    public func weightedSum(_ devices: [[Int]]) -> Decimal {
        var perClass = [Int](repeating: 0, count: weightClasses.count)
        for (s, row) in entries.enumerated() {
            let have = devices[s]
            for k in row.indices { perClass[row[k].weightClass] += have[k] }
        }
        var total = Decimal(0)
        for c in perClass.indices where perClass[c] != 0 { total += Decimal(perClass[c]) * weightClasses[c] }
        return total
    }

    /// pupils × inScope / taught × share × factor, rounded half up; exact integer arithmetic,
    /// Decimal where the integers would overflow (large factors with many decimals).
    static func roundedNeed(pupils: Int, inScope: Int, taught: Int, share: Fraction, factor: Fraction?) -> Int {
        guard taught > 0 else { return 0 }
        let f = factor ?? Fraction(numerator: 1, denominator: 1)
        let a = pupils.multipliedReportingOverflow(by: inScope * share.numerator)
        let b = a.partialValue.multipliedReportingOverflow(by: f.numerator)
        let den = (taught * share.denominator).multipliedReportingOverflow(by: f.denominator)
        if !a.overflow && !b.overflow && !den.overflow,
           !b.partialValue.multipliedReportingOverflow(by: 2).overflow {
            let num = b.partialValue, d = den.partialValue
            return (2 * num + d) / (2 * d)
        }
        let exact = Decimal(pupils) * Decimal(inScope) * Decimal(share.numerator) * Decimal(f.numerator)
            / (Decimal(taught) * Decimal(share.denominator) * Decimal(f.denominator))
        return (exact + Decimal(string: "0.5")!).floored().intValue
    }

    /// A decimal as numerator / power of ten.
    struct Fraction {
        var numerator: Int, denominator: Int
        init(numerator: Int, denominator: Int) { self.numerator = numerator; self.denominator = denominator }
        /// `key`: the value's key path, which the message names (a fact, no sentence).
        init(_ d: Decimal, key: String) throws(AllocationError) {
            guard let f = Scenario.fraction(d) else {
                throw .inconsistentScenario(ScenarioIssue(key, .tooManyDecimals(what: nil, value: d, limit: ScenarioLimits.maxDecimals)))
            }
            numerator = f.numerator; denominator = f.denominator
        }
    }

    /// The level a school's pupil need is computed with; nil: no pupil devices.
    public static func effectiveLevel(_ school: School, _ rules: NeedRules) throws(AllocationError) -> Int? {
        if let level = school.socialIndex { return level }
        switch rules.withoutLevel[school.form] ?? rules.defaultWithoutLevel {
        case .level(let l): return l
        case .exclude: return nil
        case nil:
            throw .inconsistentScenario(ScenarioIssue("", .rule(.noRuleWithoutLevel(school: school.id, form: school.form))))
        }
    }

    /// The index level a school counts at in every report and in `explain` (one grouping for
    /// all): its own, else the level need.withoutLevel gives its form; nil for a school left
    /// without one (excluded, or no rule).
    public static func reportLevel(_ school: School, _ rules: NeedRules) -> Int? {
        (try? effectiveLevel(school, rules)) ?? nil
    }

    /// Share of a form's pupils in the grades in scope, assuming grades of equal size.
    public static func gradeFraction(form: String, _ rules: NeedRules) -> Decimal {
        let (inScope, taught) = grades(form: form, rules)
        return taught == 0 ? 0 : Decimal(inScope) / Decimal(taught)
    }

    /// (grades in scope, grades taught) of a form; (0, 0) for a form not in scope.
    static func grades(form: String, _ rules: NeedRules) -> (Int, Int) {
        guard let grades = rules.formGrades[form] else { return (0, 0) }
        let lo = max(grades.lowerBound, rules.gradesInScope.lowerBound)
        let hi = min(grades.upperBound, rules.gradesInScope.upperBound)
        return (max(0, hi - lo + 1), grades.count)
    }

    public func totalNeed(kind: Int) -> Int { entries.reduce(0) { $0 + $1[kind].need } }
}

/// Teachers per school estimated from pupils and the statewide pupils-per-teacher ratio of
/// the school's form, scaled so that the total matches a known figure (largest remainder,
/// ties by school order): no per-school teacher counts are public.
public enum TeacherEstimate {
    /// ratios: teachers per pupil for each school form. Returns one count per school.
    /// `ids` break ties (the lower school number first), so the result does not depend on the
    /// order of the rows in the data file.
    public static func estimate(pupils: [Int], forms: [String], ids: [String], ratios: [String: Decimal],
                                scaleToTotal total: Int?) throws(ScenarioIssue) -> [Int] {
        // Forms as numbers, looked up only where the form changes from one school to the next
        // (tables list schools by authority and form).
        var formNumber: [String: Int] = [:]
        var formRatio: [Decimal] = []
        var schoolForm = [Int](repeating: 0, count: forms.count)
        var last: String?, current = 0
        for (i, f) in forms.enumerated() {
            if f != last {
                last = f
                if let n = formNumber[f] { current = n } else {
                    guard let r = ratios[f] else { throw ScenarioIssue("", .rule(.noTeacherRatio(form: f))) }
                    current = formRatio.count
                    formNumber[f] = current
                    formRatio.append(r)
                }
            }
            schoolForm[i] = current
        }
        // Schools with the same pupils and form get the same Decimal numbers: each distinct
        // (pupils, form) is worked out once (a million schools have a few thousand of them),
        // with exactly the arithmetic of one school at a time, so the counts are the same.
        // The groups are found in a table by pupils and form where it is small, else by hashing.
        var groupRaw: [Decimal] = []
        var schoolGroup = [Int](repeating: 0, count: pupils.count)
        let maxPupils = pupils.max() ?? 0, minPupils = pupils.min() ?? 0
        if minPupils >= 0, maxPupils < 1 << 22, (maxPupils + 1) * formRatio.count <= 1 << 22 {
            var table = [Int32](repeating: -1, count: (maxPupils + 1) * formRatio.count)
            for (i, p) in pupils.enumerated() {
                let slot = p * formRatio.count + schoolForm[i]
                if table[slot] < 0 {
                    table[slot] = Int32(groupRaw.count)
                    groupRaw.append(Decimal(p) * formRatio[schoolForm[i]])
                }
                schoolGroup[i] = Int(table[slot])
            }
        } else {
            struct Group: Hashable { var pupils: Int; var form: Int }
            var groupOf: [Group: Int] = [:]
            for (i, p) in pupils.enumerated() {
                let key = Group(pupils: p, form: schoolForm[i])
                if let g = groupOf[key] { schoolGroup[i] = g; continue }
                groupOf[key] = groupRaw.count
                schoolGroup[i] = groupRaw.count
                groupRaw.append(Decimal(p) * formRatio[schoolForm[i]])
            }
        }
        guard let total else {
            let rounded = groupRaw.map { $0.roundedHalfUp().intValue }
            return schoolGroup.map { rounded[$0] }
        }
        var sum = Decimal(0)
        for g in schoolGroup { sum += groupRaw[g] }   // in school order, as before
        guard sum > 0 else { return schoolGroup.map { _ in 0 } }
        let scaled = groupRaw.map { $0 * Decimal(total) / sum }
        return largestRemainder(groups: schoolGroup, shares: scaled, total: total, ids: ids)
    }
}

/// `largestRemainder(members.map { shares[$0] }, total:)` with ties broken by the lower id
/// (then the earlier member), each distinct share's floor and fraction worked out once and the
/// fractions ranked once. Only the members whose fraction sits at the cut are sorted by id: the
/// same counts as sorting all members by id first.
func largestRemainder(groups members: [Int], shares: [Decimal], total: Int, ids: [String]) -> [Int] {
    // Decimal arithmetic is slow (issue 18: this was a tenth of a default solve). Shares from
    // 0 to 10^5 have Doubles within 10^-10 of them, so where the Doubles say a share is not
    // within 10^-9 of a whole number, its floor is the Double's, and where two fractions'
    // Doubles are more than 10^-9 apart, their order is the Doubles'; elsewhere (and for any
    // other shares) the exact Decimal decides. The counts are exactly Decimal arithmetic's.
    let approx = shares.map(\.doubleValue)
    let fast = approx.allSatisfy { $0 >= 0 && $0 < 1e5 }
    let floors = zip(shares, approx).map { (share: Decimal, d: Double) -> Decimal in
        let f = d.rounded(.down)
        guard fast, d - f > 1e-9, f + 1 - d > 1e-9 else { return share.floored() }
        return Decimal(Int(f))
    }
    let floorInts = floors.map(\.intValue)
    var result = members.map { floorInts[$0] }
    let left = total - result.reduce(0, +)
    guard left > 0 else { return result }
    // A fraction's exact value only where the Doubles cannot tell.
    func fraction(_ g: Int) -> Decimal { shares[g] - floors[g] }
    let approxFractions = zip(approx, floorInts).map { $0 - Double($1) }
    func apart(_ a: Int, _ b: Int) -> Bool { fast && abs(approxFractions[a] - approxFractions[b]) > 1e-9 }
    func larger(_ a: Int, _ b: Int) -> Bool {
        apart(a, b) ? approxFractions[a] > approxFractions[b] : fraction(a) > fraction(b)
    }
    // Rank of each group's fraction, largest first; equal fractions share a rank.
    let byFraction = shares.indices.sorted(by: larger)
    var rank = [Int](repeating: 0, count: shares.count)
    for (n, g) in byFraction.enumerated() where n > 0 {
        let previous = byFraction[n - 1]
        rank[g] = !apart(g, previous) && fraction(g) == fraction(previous) ? rank[previous] : n
    }
    // Members per rank; every member of the ranks before the cut gets one more, and of the
    // rank at the cut those with the lowest ids.
    var perRank = [Int](repeating: 0, count: shares.count)
    for g in members { perRank[rank[g]] += 1 }
    var remaining = left, cut = 0
    while cut < perRank.count && perRank[cut] <= remaining { remaining -= perRank[cut]; cut += 1 }
    var tied: [Int] = []
    for (i, g) in members.enumerated() {
        if rank[g] < cut { result[i] += 1 } else if rank[g] == cut && remaining > 0 { tied.append(i) }
    }
    tied.sort { ids[$0] != ids[$1] ? ids[$0] < ids[$1] : $0 < $1 }
    for i in tied.prefix(remaining) { result[i] += 1 }
    return result
}

/// Integers that sum to `total`, each the floor or the ceiling of its share; leftover units
/// go to the largest fractional parts, ties to the earlier index (deterministic).
public func largestRemainder(_ shares: [Decimal], total: Int) -> [Int] {
    let floors = shares.map { $0.floored() }
    var result = floors.map(\.intValue)
    let left = total - result.reduce(0, +)
    guard left > 0 else { return result }
    let fractions = zip(shares, floors).map { $0 - $1 }
    let order = shares.indices.sorted { a, b in
        fractions[a] != fractions[b] ? fractions[a] > fractions[b] : a < b
    }
    for i in order.prefix(left) { result[i] += 1 }
    return result
}
