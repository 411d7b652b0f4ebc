import Allocation

/// A multi-year replacement scenario (issue 19, docs/MULTIYEAR.md): which devices of which
/// schools are renewed in which budget year, paid from which pool. Money in integer cents;
/// years are calendar (budget) years.
public struct ReplacementScenario: Sendable, Equatable {
    /// The planning years, e.g. 2026...2030 (budget years, consecutive).
    public var years: ClosedRange<Int>
    public var kinds: [DeviceKind]
    public var schools: [School]
    public var pools: [Pool]
    /// The devices in service in the year before the first planning year.
    public var inventory: [Cohort]
    public var turbulence: Turbulence

    public init(years: ClosedRange<Int>, kinds: [DeviceKind], schools: [School], pools: [Pool],
                inventory: [Cohort], turbulence: Turbulence = Turbulence()) {
        self.years = years; self.kinds = kinds; self.schools = schools; self.pools = pools
        self.inventory = inventory; self.turbulence = turbulence
    }

    /// What money pays: devices (investment) or running them (device management, licences,
    /// support, insurance: operating cost).
    public enum CostKind: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
        case investment, operating
        public static func < (a: CostKind, b: CostKind) -> Bool { a.rawValue < b.rawValue }
    }

    public struct DeviceKind: Sendable, Equatable {
        public var id: String
        /// Planned life: a device bought in year p serves p ... p+life-1.
        public var lifeYears: Int
        /// It may leave service up to this many years before the end of its life ...
        public var earlyYears: Int
        /// ... or serve up to this many years longer.
        public var lateYears: Int
        /// Price of one device in the first planning year.
        public var price: Money
        /// Price change per year in basis points (500 = +5 % a year), compounded and rounded
        /// to the cent each year (`price(in:)`).
        public var priceChangeBasisPoints: Int
        /// Running cost per device in service and year; only own money pays it.
        public var operatingCostPerYear: Money
        /// Weight of one covered device-year in the need-weighted stage.
        public var weight: Int
        /// Income per device that leaves service in a planning year (ReplacementResidual.swift).
        public var residualValue: Money

        public init(id: String, lifeYears: Int, earlyYears: Int = 0, lateYears: Int = 0, price: Money,
                    priceChangeBasisPoints: Int = 0, operatingCostPerYear: Money = .zero, weight: Int = 1,
                    residualValue: Money = .zero) {
            self.id = id; self.lifeYears = lifeYears; self.earlyYears = earlyYears; self.lateYears = lateYears
            self.price = price; self.priceChangeBasisPoints = priceChangeBasisPoints
            self.operatingCostPerYear = operatingCostPerYear; self.weight = weight; self.residualValue = residualValue
        }

        /// The first year in which a device bought in `purchaseYear` may be out of service.
        public func earliestRetirement(_ purchaseYear: Int) -> Int { purchaseYear + lifeYears - earlyYears }
        /// The first year in which it must be out of service.
        public func latestRetirement(_ purchaseYear: Int) -> Int { purchaseYear + lifeYears + lateYears }
    }

    public struct School: Sendable, Equatable {
        public var id: String
        /// Devices needed per kind, one entry per planning year.
        public var need: [String: [Int]]
        public init(id: String, need: [String: [Int]]) { self.id = id; self.need = need }
        public func need(_ kind: String, yearIndex: Int) -> Int { need[kind]?[yearIndex] ?? 0 }
    }

    public enum Source: String, Sendable, Equatable { case grant, own }

    /// When money not spent in its year is lost.
    public enum CarryOver: Sendable, Equatable {
        /// At the end of its year.
        case lapses
        /// It may be spent in later years up to and including `lastYear`.
        case until(lastYear: Int)
    }

    public struct Pool: Sendable, Equatable {
        public var id: String
        public var source: Source
        /// Money granted per planning year (one entry per year).
        public var money: [Money]
        public var carryOver: CarryOver
        /// The cost kinds it may pay (a grant: investment only).
        public var pays: Set<CostKind>
        public init(id: String, source: Source, money: [Money], carryOver: CarryOver, pays: Set<CostKind>) {
            self.id = id; self.source = source; self.money = money; self.carryOver = carryOver; self.pays = pays
        }
        /// Whether money left at the end of `year` may be spent in `year + 1`.
        public func carries(from year: Int) -> Bool {
            if case .until(let last) = carryOver { return year + 1 <= last }
            return false
        }
    }

    /// Devices of one kind at one school, bought in one year.
    public struct Cohort: Sendable, Equatable {
        public var school: String
        public var kind: String
        public var purchaseYear: Int
        public var count: Int
        public init(school: String, kind: String, purchaseYear: Int, count: Int) {
            self.school = school; self.kind = kind; self.purchaseYear = purchaseYear; self.count = count
        }
    }

    /// Limits on how fast a school's devices change (the analogue of England's minimum funding
    /// guarantee, and delivery and imaging capacity). Over all kinds of a school.
    public struct Turbulence: Sendable, Equatable {
        /// A school's devices in service may fall by at most this share a year (basis points).
        public var maxFallBasisPoints: Int?
        /// At most this many new devices per school and year.
        public var maxNewDevicesPerYear: Int?
        public init(maxFallBasisPoints: Int? = nil, maxNewDevicesPerYear: Int? = nil) {
            self.maxFallBasisPoints = maxFallBasisPoints; self.maxNewDevicesPerYear = maxNewDevicesPerYear
        }
    }

    public var yearCount: Int { years.count }
    public func yearIndex(_ year: Int) -> Int { year - years.lowerBound }

    public func kind(_ id: String) -> DeviceKind? { kinds.first { $0.id == id } }

    /// Price of one device of `kind` bought in `year`: the first year's price, changed by the
    /// yearly rate and rounded half away from zero to the cent, year after year.
    public func price(_ kind: DeviceKind, in year: Int) -> Money {
        var cents = kind.price.cents
        if year > years.lowerBound {
            for _ in years.lowerBound..<year {
                let scaled = cents * (10_000 + kind.priceChangeBasisPoints)
                cents = scaled >= 0 ? (scaled + 5_000) / 10_000 : -((-scaled + 5_000) / 10_000)
            }
        }
        return Money(cents: cents)
    }
}

/// The limits of the replacement values (declared once; a later key table names them).
public enum ReplacementLimits {
    public static let planningYears: ClosedRange<Int> = 1...15
    public static let yearRange: ClosedRange<Int> = 1990...2100
    public static let lifeYears: ClosedRange<Int> = 1...15
    public static let windowYears: ClosedRange<Int> = 0...5
    public static let priceChangeBasisPoints: ClosedRange<Int> = -5_000...5_000
    public static let weight: ClosedRange<Int> = 0...1_000
    public static let count: ClosedRange<Int> = 0...10_000_000
    public static let fallBasisPoints: ClosedRange<Int> = 0...10_000
}

extension ReplacementScenario {
    public func validate() throws(ScenarioIssue) {
        if let first = issues(limit: 1).first { throw first }
    }

    /// The broken rules, keys spelled as in the scenario's `years:` section, at most `limit`:
    /// facts (`InputProblem.YearsRule`, the loader's `YearsProblem` and the scenario rules'
    /// `RuleProblem` where they say the same), worded in German and English by Reports.
    public func issues(limit: Int = .max) -> [ScenarioIssue] {
        var out: [ScenarioIssue] = []
        func add(_ key: String, _ problem: InputProblem) { if out.count < limit { out.append(ScenarioIssue(key, problem)) } }
        func range(_ v: Int, _ r: ClosedRange<Int>, key: String, what: InputProblem.YearsQuantity) {
            if !r.contains(v) { add(key, .years(.rule(.outside(what, found: v, allowed: r)))) }
        }
        func money(_ m: Money, key: String) {
            if m.cents < 0 || m.cents > ScenarioLimits.maxMoneyCents {
                add(key, .found(.number(m.plain), expected: .moneyAtMost(positive: false)))
            }
        }
        func yearly(_ count: Int, key: String) {
            if count != years.count { add(key, .years(.yearlyValues(found: count, first: years.lowerBound, last: years.upperBound))) }
        }
        range(years.lowerBound, ReplacementLimits.yearRange, key: "years.first", what: .year)
        range(years.upperBound, ReplacementLimits.yearRange, key: "years.last", what: .year)
        range(years.count, ReplacementLimits.planningYears, key: "years.last", what: .planningYearCount)
        let n = years.count

        if kinds.isEmpty { add("years.deviceKinds", .rule(.noDeviceKinds)) }
        var kindIDs = Set<String>()
        for k in kinds {
            let key = "years.deviceKinds.\(k.id)"
            if !kindIDs.insert(k.id).inserted { add(key, .rule(.definedTwice(.deviceKinds, id: k.id))) }
            range(k.lifeYears, ReplacementLimits.lifeYears, key: key + ".lifeYears", what: .years)
            range(k.earlyYears, ReplacementLimits.windowYears, key: key + ".earlyYears", what: .years)
            range(k.lateYears, ReplacementLimits.windowYears, key: key + ".lateYears", what: .years)
            if k.earlyYears >= k.lifeYears { add(key + ".earlyYears", .years(.earlyNotBelowLife(early: k.earlyYears, life: k.lifeYears))) }
            range(k.priceChangeBasisPoints, ReplacementLimits.priceChangeBasisPoints, key: key + ".priceChange", what: .basisPoints)
            range(k.weight, ReplacementLimits.weight, key: key + ".weight", what: .weight)
            money(k.price, key: key + ".price")
            if k.price.cents <= 0 { add(key + ".price", .years(.rule(.priceNotPositive(found: k.price.plain)))) }
            money(k.operatingCostPerYear, key: key + ".operatingCost")
            if ReplacementLimits.yearRange.contains(years.upperBound), ReplacementLimits.planningYears.contains(n),
               price(k, in: years.upperBound).cents > ScenarioLimits.maxMoneyCents || price(k, in: years.upperBound).cents <= 0 {
                add(key + ".priceChange", .years(.rule(.priceLeavesRange(year: years.upperBound))))
            }
        }

        if schools.isEmpty { add("years.schools", .years(.rule(.noSchools))) }
        var schoolIDs = Set<String>()
        for s in schools {
            let key = "years.schools.\(s.id)"
            if !schoolIDs.insert(s.id).inserted { add(key, .years(.givenTwice(school: s.id, kind: "", year: 0, firstLine: nil))) }
            for (kind, need) in s.need.sorted(by: { $0.key < $1.key }) {
                if !kindIDs.contains(kind) { add(key + ".need.\(kind)", .rule(.unknownKind(kind, defined: kinds.map(\.id)))) }
                yearly(need.count, key: key + ".need.\(kind)")
                for (i, v) in need.enumerated() { range(v, ReplacementLimits.count, key: key + ".need.\(kind)[\(years.lowerBound + i)]", what: .devices) }
            }
        }

        if pools.isEmpty { add("years.pools", .rule(.noPools)) }
        var poolIDs = Set<String>()
        for p in pools {
            let key = "years.pools.\(p.id)"
            if !poolIDs.insert(p.id).inserted { add(key, .rule(.definedTwice(.pools, id: p.id))) }
            yearly(p.money.count, key: key + ".money")
            for (i, m) in p.money.enumerated() { money(m, key: key + ".money[\(years.lowerBound + i)]") }
            if p.pays.isEmpty { add(key + ".pays", .years(.rule(.paysNothing))) }
            if p.source == .grant && p.pays.contains(.operating) { add(key + ".pays", .years(.grantPaysOperating)) }
            if case .until(let last) = p.carryOver, last < years.lowerBound {
                add(key + ".carryOverUntil", .years(.carryOverBefore(last, first: years.lowerBound)))
            }
        }

        var cohorts = Set<String>()
        for (i, c) in inventory.enumerated() {
            let key = "years.inventory[\(i + 1)]"
            if !schoolIDs.contains(c.school) { add(key + ".school", .years(.unknownSchool(c.school))) }
            if !kindIDs.contains(c.kind) { add(key + ".kind", .rule(.unknownKind(c.kind, defined: kinds.map(\.id)))) }
            if c.purchaseYear >= years.lowerBound || c.purchaseYear < ReplacementLimits.yearRange.lowerBound {
                add(key + ".purchaseYear", .years(.purchaseYearNotBefore(c.purchaseYear, first: years.lowerBound)))
            }
            range(c.count, ReplacementLimits.count, key: key + ".count", what: .devices)
            if !cohorts.insert("\(c.school)|\(c.kind)|\(c.purchaseYear)").inserted {
                add(key, .years(.givenTwice(school: c.school, kind: c.kind, year: c.purchaseYear, firstLine: nil)))
            }
        }

        for issue in residualIssues() where out.count < limit { out.append(issue) }
        if let f = turbulence.maxFallBasisPoints { range(f, ReplacementLimits.fallBasisPoints, key: "years.turbulence.maxFall", what: .basisPoints) }
        if let r = turbulence.maxNewDevicesPerYear { range(r, ReplacementLimits.count, key: "years.turbulence.maxNewDevicesPerYear", what: .devices) }
        return out
    }
}
