import Foundation

/// One school as the scenario knows it (after the data file and the scenario's own
/// corrections have been applied).
public struct School: Sendable, Equatable {
    /// Official school number (Schulnummer), the unique key.
    public var id: String
    public var name: String
    /// School form (Schulform), e.g. "Grundschule".
    public var form: String
    public var district: String
    public var pupils: Int
    /// NRW Schulsozialindex level 1...9, nil where the school has none.
    public var socialIndex: Int?
    public var teachers: Int
    /// Suitable loan devices the school already has; they reduce its pupil need.
    public var existingPupilDevices: Int
    public var latitude: Double?
    public var longitude: Double?
    /// The school authority (Schulträger) whose pools pay for it; "" where all pools are shared.
    public var authority: String

    public init(id: String, name: String, form: String, district: String, pupils: Int, socialIndex: Int?,
                teachers: Int, existingPupilDevices: Int = 0, latitude: Double? = nil, longitude: Double? = nil,
                authority: String = "") {
        self.id = id; self.name = name; self.form = form; self.district = district; self.pupils = pupils
        self.socialIndex = socialIndex; self.teachers = teachers; self.existingPupilDevices = existingPupilDevices
        self.latitude = latitude; self.longitude = longitude; self.authority = authority
    }
}

/// A device bundle (device, accessories, setup, MDM licence) and whose need it meets.
public struct DeviceKind: Sendable, Equatable {
    public enum Basis: String, Sendable, Equatable, CaseIterable {
        /// Loan devices for pupils: need from pupils in scope × share by index level.
        case pupils
        /// One device per teacher.
        case teachers
    }
    public var id: String
    public var label: String
    public var basis: Basis
    public var unitPrice: Money
    /// Priority weight of one device for `.teachers`; pupil devices use the weight of
    /// the school's index level.
    public var priorityWeight: Decimal
    /// Coverage floor: every school gets at least ceil(floor × need) devices of this kind.
    public var coverageFloor: Decimal

    public init(id: String, label: String, basis: Basis, unitPrice: Money, priorityWeight: Decimal = 1,
                coverageFloor: Decimal = 0) {
        self.id = id; self.label = label; self.basis = basis; self.unitPrice = unitPrice
        self.priorityWeight = priorityWeight; self.coverageFloor = coverageFloor
    }
}

/// A source of money and the rule by which it pays for devices.
public struct Pool: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// Pays `rate` × min(price, cap) per device it funds (Sofortausstattung: 90 %, cap 500 €;
        /// teacher directive: 100 %, cap 500 €). The rest of the device's price is the
        /// authority's own share.
        case grant(rate: Decimal, capPerDevice: Money)
        /// Pays only what grants leave open: own shares and cost above the caps (Gute Schule 2020).
        case remainder
        /// Pays any part of any eligible device (the city's own budget).
        case any
    }
    public var id: String
    public var name: String
    public var budget: Money
    /// Ids of the device kinds this pool may pay for.
    public var kinds: [String]
    public var rule: Rule
    /// The city's own money: it is spent last, in every objective.
    public var isOwnMoney: Bool
    /// When the pool's money is split among school authorities: each authority's share, which
    /// pays only for that authority's schools (`budget` is then their sum). nil: one budget
    /// for every school.
    public var authorityBudgets: [String: Money]?
    /// For a split pool: the budget as the scenario file gives it (the reference authority's),
    /// from which every share was scaled.
    public var referenceBudget: Money?
    /// For a split pool: the rule it was split by, its state total and the figure checked against.
    public var split: PoolSplit?

    public init(id: String, name: String, budget: Money, kinds: [String], rule: Rule, isOwnMoney: Bool = false,
                authorityBudgets: [String: Money]? = nil) {
        self.id = id; self.name = name; self.budget = budget; self.kinds = kinds; self.rule = rule; self.isOwnMoney = isOwnMoney
        self.authorityBudgets = authorityBudgets
    }

    public var isGrant: Bool { if case .grant = rule { return true } else { return false } }

    /// What this grant pays per device of the given price, rounded down to the cent
    /// (a grant never pays more than its rate). Zero for pools that are not grants.
    public func grantPerDevice(price: Money) -> Money {
        guard case let .grant(rate, cap) = rule else { return .zero }
        let eligible = min(price, cap)
        return Money(cents: (Decimal(eligible.cents) * rate).floored().intValue)
    }
}

/// Per device kind and pool ([kind][pool]), worked out once for the loops over schools, kinds
/// and pools: whether the pool may pay for the kind (a lookup in the pool's kind list) and
/// what it pays per device as a grant (`Pool.grantPerDevice(price:)`, which computes in Decimal).
public struct KindPoolTable: Sendable {
    public let eligible: [[Bool]]
    /// Cents per device; 0 for pools that are not grants.
    public let grantCents: [[Int]]
    /// The device kinds' and pools' names in a model (`modelName`), made once: every full
    /// model of a state-wide run names its columns and rows with them (issue 18).
    let kindNames: [String], poolNames: [String]
    /// The model's names of the kind and pool columns and rows, put together once (issue 18:
    /// thousands of models per state-wide run, each naming the same ones).
    let names: ModelNames

    struct ModelNames: Sendable {
        /// Per kind: T_k, the rows total_k, grants_k, cost_k, remainder_k, and "_k" as bytes
        /// (the end of every school column's name x_<school>_k).
        let total: [String], totalRow: [String], grantsRow: [String], costRow: [String], remainderRow: [String]
        let schoolSuffix: [[UInt8]]
        /// Per kind and pool: n_k_p (devices a grant funds) and f_k_p (euros a pool pays).
        let grant: [[String]], euros: [[String]]
        /// Per pool: budget_p.
        let budgetRow: [String]

        init(kinds: [String], pools: [String]) {
            total = kinds.map { "T_" + $0 }
            totalRow = kinds.map { "total_" + $0 }
            grantsRow = kinds.map { "grants_" + $0 }
            costRow = kinds.map { "cost_" + $0 }
            remainderRow = kinds.map { "remainder_" + $0 }
            schoolSuffix = kinds.map { Array(("_" + $0).utf8) }
            grant = kinds.map { k in pools.map { "n_" + k + "_" + $0 } }
            euros = kinds.map { k in pools.map { "f_" + k + "_" + $0 } }
            budgetRow = pools.map { "budget_" + $0 }
        }

        /// x_<school>_<kind>, from the bytes (string interpolation cost several times more).
        func school(_ id: String, kind k: Int) -> String {
            var id = id
            return id.withUTF8 { idBytes in
                let suffix = schoolSuffix[k]
                return String(unsafeUninitializedCapacity: 2 + idBytes.count + suffix.count) { out in
                    out[0] = UInt8(ascii: "x"); out[1] = UInt8(ascii: "_")
                    var i = 2
                    for b in idBytes { out[i] = b; i += 1 }
                    for b in suffix { out[i] = b; i += 1 }
                    return i
                }
            }
        }
    }

    public init(_ scenario: Scenario) {
        kindNames = scenario.deviceKinds.map { modelName($0.id) }
        poolNames = scenario.pools.map { modelName($0.id) }
        names = ModelNames(kinds: kindNames, pools: poolNames)
        let kindSets = scenario.pools.map { Set($0.kinds) }
        eligible = scenario.deviceKinds.map { kind in kindSets.map { $0.contains(kind.id) } }
        grantCents = scenario.deviceKinds.map { kind in
            scenario.pools.map { $0.isGrant ? $0.grantPerDevice(price: kind.unitPrice).cents : 0 }
        }
    }
}

/// How the need for pupil loan devices is derived from a school's figures.
public struct NeedRules: Sendable, Equatable {
    public enum WithoutLevel: Sendable, Equatable {
        /// Treat the school as if it had this index level.
        case level(Int)
        /// The school gets no pupil loan devices.
        case exclude
    }
    /// Grades whose pupils may receive loan devices (the city lent from grade 2).
    public var gradesInScope: ClosedRange<Int>
    /// Grades each in-scope school form teaches; forms not listed get no pupil devices.
    public var formGrades: [String: ClosedRange<Int>]
    /// Share of in-scope pupils needing a loan device, per index level 1...9.
    public var pupilShareByLevel: [Int: Decimal]
    /// Priority weight of one pupil device, per index level 1...9.
    public var priorityWeightByLevel: [Int: Decimal]
    /// Rule per school form for schools without an index level; `defaultWithoutLevel`
    /// for forms not listed (nil: such a school is an error in the scenario).
    public var withoutLevel: [String: WithoutLevel]
    public var defaultWithoutLevel: WithoutLevel?
    /// Factor on the need share per school form (`need.formFactor`); forms not listed: 1.
    /// "Vocational colleges: a third of the general rate" is {Berufskolleg: 0.333}.
    public var formFactor: [String: Decimal]

    public init(gradesInScope: ClosedRange<Int>, formGrades: [String: ClosedRange<Int>],
                pupilShareByLevel: [Int: Decimal], priorityWeightByLevel: [Int: Decimal],
                withoutLevel: [String: WithoutLevel], defaultWithoutLevel: WithoutLevel?,
                formFactor: [String: Decimal] = [:]) {
        self.gradesInScope = gradesInScope; self.formGrades = formGrades; self.pupilShareByLevel = pupilShareByLevel
        self.priorityWeightByLevel = priorityWeightByLevel; self.withoutLevel = withoutLevel
        self.defaultWithoutLevel = defaultWithoutLevel; self.formFactor = formFactor
    }

    /// The factor on the need share of a school form (1 where none is given).
    public func factor(form: String) -> Decimal { formFactor[form] ?? 1 }
}

public enum ObjectiveMode: String, Sendable, Equatable, CaseIterable, Codable {
    /// Largest possible smallest coverage ratio, then need-weighted devices.
    case maximin
    /// Need-weighted devices.
    case weighted
    /// Meet the coverage floors at the least own money, then weighted devices with it.
    case minCost = "min-cost"
    /// The classic formula: every school gets the same share of its need.
    case proportional
}

/// How the maximin objective guarantees coverage.
public struct MaximinRule: Sendable, Equatable {
    public enum Guarantee: String, Sendable, Equatable, CaseIterable {
        /// One guarantee per device kind: the first kind's smallest coverage ratio is maximised,
        /// then the next kind's while keeping it, and so on (the programmes are separate).
        case perKind = "per-kind"
        /// One smallest coverage ratio over all device kinds together.
        case joint
    }
    public var guarantee: Guarantee
    /// Device kind ids in priority order (per-kind only); empty: kinds for pupils first, then
    /// kinds for teachers, each in scenario order.
    public var order: [String]
    public init(guarantee: Guarantee = .perKind, order: [String] = []) { self.guarantee = guarantee; self.order = order }

    /// The groups of kind indices whose guarantees are maximised one after another.
    public func groups(_ kinds: [DeviceKind]) -> [[Int]] {
        if guarantee == .joint { return [Array(kinds.indices)] }
        if !order.isEmpty {
            let listed = order.compactMap { id in kinds.firstIndex { $0.id == id } }
            return (listed + kinds.indices.filter { !listed.contains($0) }).map { [$0] }
        }
        return (kinds.indices.filter { kinds[$0].basis == .pupils } + kinds.indices.filter { kinds[$0].basis != .pupils }).map { [$0] }
    }
}

public struct SolverSettings: Sendable, Equatable {
    public var relativeGap: Double
    /// Wall-clock limit for the whole solve (every stage and every authority together): a
    /// deadline, after which the best verified plan so far is returned with its proven bound.
    public var timeLimitSeconds: Double
    /// Relative slack a later objective stage may give up on an earlier optimum.
    public var stageTolerance: Double
    public init(relativeGap: Double = 1e-4, timeLimitSeconds: Double = 10, stageTolerance: Double = 0) {
        self.relativeGap = relativeGap; self.timeLimitSeconds = timeLimitSeconds; self.stageTolerance = stageTolerance
    }

    /// When work started at `start` must end: `timeLimitSeconds` later. The one place the limit
    /// becomes a deadline (the solve's, the schedule's; a command passes its own start, the web
    /// planner the request's arrival, so that the limit bounds the whole command or request).
    public func deadline(from start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        start.advanced(by: .milliseconds(Int64((min(max(timeLimitSeconds, 0), 1e9) * 1000).rounded())))
    }
}

public struct Scenario: Sendable, Equatable {
    public var name: String
    public var schools: [School]
    public var deviceKinds: [DeviceKind]
    public var pools: [Pool]
    public var need: NeedRules
    public var objective: ObjectiveMode
    /// For `maximin`: per device kind (default) or one joint guarantee.
    public var maximin: MaximinRule
    public var solver: SolverSettings

    public init(name: String, schools: [School], deviceKinds: [DeviceKind], pools: [Pool], need: NeedRules,
                objective: ObjectiveMode, maximin: MaximinRule = MaximinRule(), solver: SolverSettings = SolverSettings()) {
        self.name = name; self.schools = schools; self.deviceKinds = deviceKinds; self.pools = pools
        self.need = need; self.objective = objective; self.maximin = maximin; self.solver = solver
    }
}
