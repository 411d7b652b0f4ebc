import Allocation

/// A whole-device plan built without the MIP search (docs/MULTIYEAR.md, "Third session"): for a
/// share `t` every school-kind-year gets at least ⌈t·need⌉ devices, bought just in time
/// (devices kept as long as their life window allows, those leaving last kept first; a school's
/// fall limit met by keeping old devices, then by buying the kind that costs least), and each
/// year's cost paid in cents, operating cost first, each from the pools whose money lapses
/// soonest. A search over `t` finds the largest share it can pay. The plan is checked by
/// `ReplacementVerifier` like every other plan; it is a starting point and a lower bound for the
/// first stage, never called optimal by itself.
public enum ReplacementStart {
    public struct Found: Sendable, Equatable {
        /// The share every school-kind-year holds at least (⌈share·need⌉ devices).
        public var share: Double
        public var plan: ReplacementPlan
        public var check: ReplacementVerifier.Result
    }

    /// The plan at the largest share (at most `upTo`) whose cost the pools pay and which passes
    /// the verifier; nil when not even the share 0 can be paid.
    public static func plan(_ scenario: ReplacementScenario, upTo: Double = 1) -> Found? {
        guard scenario.issues(limit: 1).isEmpty else { return nil }
        let builder = Builder(scenario)
        func attempt(_ t: Double) -> Found? {
            guard let plan = builder.plan(share: t) else { return nil }
            let check = ReplacementVerifier.verify(plan, scenario)
            return check.isValid ? Found(share: t, plan: plan, check: check) : nil
        }
        let top = min(1, max(0, upTo))
        if let best = attempt(top) { return best }
        guard var best = attempt(0) else { return nil }
        // The plan changes only where some ⌈t·need⌉ does, at the shares m/need: a bisection over
        // those (fifth session; before: over t to 1e-5, 17 plans where a small town has a few
        // hundred such shares).
        let steps = shares(scenario, below: top)
        var low = -1, high = steps.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if let found = attempt(steps[mid]) { best = found; low = mid } else { high = mid }
        }
        return best
    }

    /// The shares m/need in (0, `top`) of the scenario's needs, ascending (equal fractions are the
    /// same double: each is one correctly rounded division).
    static func shares(_ scenario: ReplacementScenario, below top: Double) -> [Double] {
        var needs = Set<Int>()
        for school in scenario.schools { for kind in scenario.kinds { for i in 0..<scenario.yearCount { needs.insert(school.need(kind.id, yearIndex: i)) } } }
        var out: [Double] = []
        for need in needs where need > 0 {
            for m in 1..<need {
                let t = Double(m) / Double(need)
                if t < top { out.append(t) } else { break }
            }
        }
        out.sort()
        var unique: [Double] = []
        unique.reserveCapacity(out.count)
        for t in out where unique.last != t { unique.append(t) }
        return unique
    }

    /// The plan at one share with `advance` devices bought as given (per school, kind · years +
    /// year index), the rest just in time; nil when the pools cannot pay it or it fails the check.
    static func plan(_ scenario: ReplacementScenario, share: Ratio, advance: [[Int]]) -> Found? {
        let t = Double(share.numerator) / Double(share.denominator)
        guard let plan = Builder(scenario).plan(share: t, advance: advance) else { return nil }
        let check = ReplacementVerifier.verify(plan, scenario)
        return check.isValid ? Found(share: t, plan: plan, check: check) : nil
    }

    /// More device-years (the second stage) from the money a plan leaves: year by year, last
    /// year first, the largest share of that year (at least the plan's) the pools still pay,
    /// kept when it passes the verifier with more covered device-years. Every school-kind-year
    /// keeps at least the plan's share, so the smallest coverage never falls.
    public static func fill(_ scenario: ReplacementScenario, from found: Found, resolution: Double = 1e-4) -> Found {
        let builder = Builder(scenario)
        var shares = Array(repeating: found.share, count: scenario.yearCount)
        var best = found
        for i in shares.indices.reversed() {
            var low = shares[i], high = 1.0
            /// Whether year `i` at share `t` is paid and verified (the best plan kept).
            func paid(_ t: Double) -> Bool {
                var trial = shares
                trial[i] = t
                guard let plan = builder.plan(shares: trial) else { return false }
                let check = ReplacementVerifier.verify(plan, scenario)
                guard check.isValid && check.smallestCoverage >= found.check.smallestCoverage else { return false }
                if check.coveredDeviceYears > best.check.coveredDeviceYears { best = Found(share: found.share, plan: plan, check: check) }
                return true
            }
            // The least raise that changes the year (one more device somewhere): when not even that
            // is paid, the year is done with one plan instead of a bisection (fifth session).
            guard let next = builder.nextShare(above: low, yearIndex: i), next <= high else { continue }
            if !paid(next) { continue }
            low = next
            while high - low > resolution {
                let mid = (low + high) / 2
                if paid(mid) { low = mid } else { high = mid }
            }
            shares[i] = low
        }
        return best
    }

    /// Builds the just-in-time plan for one share.
    struct Builder {
        let s: ReplacementScenario
        let first: Int, n: Int
        /// Per school: the inventory cohorts (kind index, purchase year, count).
        let inventory: [[(kind: Int, year: Int, count: Int)]]
        let prices: [[Int]]          // cents, per kind and year index
        /// Per school: need per kind and year index (kind · years + year), looked up once.
        let needs: [[Int]]
        let payOrder: [ReplacementScenario.CostKind: [[Int]]]   // per cost kind and year index: pools, lapsing soonest first

        init(_ scenario: ReplacementScenario) {
            s = scenario; first = scenario.years.lowerBound; n = scenario.yearCount
            let kindIndex = Dictionary(scenario.kinds.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            let schoolIndex = Dictionary(scenario.schools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            var inv = Array(repeating: [(kind: Int, year: Int, count: Int)](), count: scenario.schools.count)
            for c in scenario.inventory { inv[schoolIndex[c.school]!].append((kindIndex[c.kind]!, c.purchaseYear, c.count)) }
            inventory = inv
            needs = scenario.schools.map { school in
                scenario.kinds.flatMap { k in (0..<scenario.yearCount).map { school.need(k.id, yearIndex: $0) } }
            }
            prices = scenario.kinds.map { k in (0..<scenario.yearCount).map { scenario.price(k, in: scenario.years.lowerBound + $0).cents } }
            var order: [ReplacementScenario.CostKind: [[Int]]] = [:]
            for cost in ReplacementScenario.CostKind.allCases {
                order[cost] = (0..<scenario.yearCount).map { i in
                    let year = scenario.years.lowerBound + i
                    func deadline(_ p: ReplacementScenario.Pool) -> Int {
                        if case .until(let last) = p.carryOver, p.carries(from: year) { return last }
                        return year
                    }
                    return scenario.pools.indices.filter { j in
                        let p = scenario.pools[j]
                        return p.pays.contains(cost) && !(p.source == .grant && cost == .operating)
                    }.sorted { (deadline(scenario.pools[$0]), $0) < (deadline(scenario.pools[$1]), $1) }
                }
            }
            payOrder = order
        }

        /// A share above `t` at which some school-kind of year index `i` holds one device more
        /// than at `t` (the least such m/need); nil when every one is at its need.
        func nextShare(above t: Double, yearIndex i: Int) -> Double? {
            var best: Double?
            for row in needs {
                for ki in s.kinds.indices {
                    let need = row[ki * n + i]
                    guard need > 0 else { continue }
                    // One device above the floor the builder holds at `t`.
                    let m = Int((t * Double(need) - 1e-9).rounded(.up)) + 1
                    guard m <= need else { continue }
                    let share = Double(m) / Double(need)
                    if best.map({ share < $0 }) ?? true { best = share }
                }
            }
            return best
        }

        private struct Cohort {
            var kind: Int, year: Int, start: Int?   // start: inventory count; nil: bought in the planning years
            var counts: [Int]
            var current: Int
        }

        /// The plan at share `t`: just in time, then devices bought a year or more ahead with money
        /// left in that year (money that would lapse, and carried money spent at the lower price
        /// of the earlier year; the new devices also let old ones go sooner).
        func plan(share t: Double, advance given: [[Int]]? = nil) -> ReplacementPlan? {
            plan(shares: Array(repeating: t, count: n), advance: given)
        }

        /// As above with a share per year index.
        func plan(shares t: [Double], advance given: [[Int]]? = nil) -> ReplacementPlan? {
            var advance = given ?? Array(repeating: Array(repeating: 0, count: s.kinds.count * n), count: s.schools.count)
            guard var built = build(shares: t, advance: advance) else { return nil }
            var paid = pay(investment: built.investment, operating: built.operating)
            for i in Array(0..<max(0, n - 1)) + Array(0..<max(0, n - 1)) {
                var spare = paid.lapsing[i] + paid.carried[i]
                guard spare > 0 else { continue }
                var more = Array(repeating: Array(repeating: 0, count: s.kinds.count * n), count: s.schools.count)
                var any = false
                for j in (i + 1)..<n where spare > 0 {
                    for si in s.schools.indices where spare > 0 {
                        for ki in s.kinds.indices where spare > 0 {
                            let b = built.bought[si][ki * n + j]
                            guard b > 0 else { continue }
                            // (Its running cost in the years between is mostly saved on the old devices
                            // it lets go; a round that runs short is halved below.)
                            let unit = prices[ki][i]
                            let m = min(b, spare / max(1, unit))
                            guard m > 0 else { continue }
                            more[si][ki * n + i] += m; spare -= m * unit; any = true
                        }
                    }
                }
                guard any else { continue }
                for _ in 0..<3 {
                    let trial = zip(advance, more).map { zip($0, $1).map(+) }
                    if let b = build(shares: t, advance: trial) {
                        let p = pay(investment: b.investment, operating: b.operating)
                        if p.unpaid <= paid.unpaid && p.firstUnpaid > i { advance = trial; built = b; paid = p; break }
                    }
                    more = more.map { $0.map { $0 / 2 } }
                }
            }
            guard paid.unpaid == 0 else { return nil }
            return ReplacementPlan(cohorts: built.cohorts, spending: paid.spending)
        }

        struct Built {
            var cohorts: [ReplacementPlan.CohortService]
            var investment: [Int], operating: [Int]
            /// Per school: devices bought per kind and year index (kind · years + year).
            var bought: [[Int]]
        }

        /// The school's devices per year at shares `t` with `advance` bought as given. A year whose
        /// purchases break the delivery limit buys the excess earlier instead (the latest earlier
        /// year with room first, devices that still serve in that year), and the school is built
        /// again; nil when no earlier year has room.
        func build(shares t: [Double], advance: [[Int]]) -> Built? {
            let kinds = s.kinds
            var investment = Array(repeating: 0, count: n), operating = Array(repeating: 0, count: n)
            var out: [ReplacementPlan.CohortService] = []
            var boughtAll: [[Int]] = []
            for (si, school) in s.schools.enumerated() {
              var adv = advance[si], tries = 0
              attempt: while true {
                var boughtHere = Array(repeating: 0, count: kinds.count * n)
                var inv = Array(repeating: 0, count: n), op = Array(repeating: 0, count: n)
                var cohorts = inventory[si].map { Cohort(kind: $0.kind, year: $0.year, start: $0.count, counts: Array(repeating: 0, count: n), current: $0.count) }
                var before = cohorts.reduce(0) { $0 + $1.current }
                for i in 0..<n {
                    let year = first + i
                    var inService = Array(repeating: 0, count: kinds.count), bought = Array(repeating: 0, count: kinds.count)
                    var optional: [Int] = []   // cohorts in their window, those leaving last first
                    for c in cohorts.indices {
                        let k = kinds[cohorts[c].kind]
                        if year >= k.latestRetirement(cohorts[c].year) { cohorts[c].current = 0 }
                        else if year < k.earliestRetirement(cohorts[c].year) { inService[cohorts[c].kind] += cohorts[c].current }
                        else if cohorts[c].current > 0 { optional.append(c) }
                    }
                    optional.sort { (kinds[cohorts[$0].kind].latestRetirement(cohorts[$0].year), $0) > (kinds[cohorts[$1].kind].latestRetirement(cohorts[$1].year), $1) }
                    var kept = Array(repeating: 0, count: cohorts.count)
                    func keep(_ kind: Int, _ wanted: Int) -> Int {
                        var left = wanted
                        for c in optional where left > 0 && cohorts[c].kind == kind {
                            let more = min(left, cohorts[c].current - kept[c])
                            kept[c] += more; left -= more
                        }
                        inService[kind] += wanted - left
                        return wanted - left
                    }
                    for ki in kinds.indices where adv[ki * n + i] > 0 {
                        bought[ki] += adv[ki * n + i]; inService[ki] += adv[ki * n + i]
                    }
                    for ki in kinds.indices {
                        let need = needs[si][ki * n + i]
                        let floor = need == 0 ? 0 : Int((t[i] * Double(need) - 1e-9).rounded(.up))
                        if inService[ki] < floor { _ = keep(ki, floor - inService[ki]) }
                        if inService[ki] < floor { bought[ki] += floor - inService[ki]; inService[ki] = floor }
                    }
                    if let f = s.turbulence.maxFallBasisPoints {
                        let least = ((10_000 - f) * before + 9_999) / 10_000
                        var missing = least - inService.reduce(0, +)
                        if missing > 0 {
                            // Keep old devices first, those cheapest to run first ...
                            for ki in kinds.indices.sorted(by: { (kinds[$0].operatingCostPerYear.cents, $0) < (kinds[$1].operatingCostPerYear.cents, $1) }) where missing > 0 {
                                missing -= keep(ki, missing)
                            }
                            // ... then buy the kind that costs least this year.
                            if missing > 0 {
                                let ki = kinds.indices.min { (prices[$0][i] + kinds[$0].operatingCostPerYear.cents, $0) < (prices[$1][i] + kinds[$1].operatingCostPerYear.cents, $1) }!
                                bought[ki] += missing; inService[ki] += missing
                            }
                        }
                    }
                    if let r = s.turbulence.maxNewDevicesPerYear, bought.reduce(0, +) > r {
                        tries += 1
                        guard tries <= n * kinds.count + 1, earlier(bought, year: i, limit: r, bought: boughtHere, advance: &adv) else { return nil }
                        continue attempt
                    }
                    for c in optional { cohorts[c].current = kept[c] }
                    for ki in kinds.indices where bought[ki] > 0 {
                        boughtHere[ki * n + i] = bought[ki]
                        cohorts.append(Cohort(kind: ki, year: year, start: nil, counts: Array(repeating: 0, count: n), current: bought[ki]))
                        inv[i] += prices[ki][i] * bought[ki]
                    }
                    for c in cohorts.indices { cohorts[c].counts[i] = cohorts[c].current }
                    for ki in kinds.indices { op[i] += kinds[ki].operatingCostPerYear.cents * inService[ki] }
                    before = inService.reduce(0, +)
                }
                for c in cohorts where c.start != nil || c.counts.contains(where: { $0 != 0 }) {
                    out.append(.init(school: school.id, kind: kinds[c.kind].id, purchaseYear: c.year, inService: c.counts))
                }
                boughtAll.append(boughtHere)
                for i in 0..<n { investment[i] += inv[i]; operating[i] += op[i] }
                break
              }
            }
            return Built(cohorts: out, investment: investment, operating: operating, bought: boughtAll)
        }

        /// Moves the purchases of year index `i` above the delivery limit `r` into `advance` of
        /// earlier years with room (latest first; only devices that still serve in year `i`).
        /// False when the earlier years have no room for all of them.
        func earlier(_ wanted: [Int], year i: Int, limit r: Int, bought: [Int], advance: inout [Int]) -> Bool {
            var excess = wanted.reduce(0, +) - r
            var movable = wanted
            for j in stride(from: i - 1, through: 0, by: -1) where excess > 0 {
                var room = r - s.kinds.indices.reduce(0) { $0 + bought[$1 * n + j] }
                for ki in s.kinds.indices.sorted(by: { (movable[$0], $1) > (movable[$1], $0) })
                where excess > 0 && room > 0 && s.kinds[ki].latestRetirement(first + j) > first + i {
                    let m = min(excess, room, movable[ki])
                    advance[ki * n + j] += m; movable[ki] -= m; excess -= m; room -= m
                }
            }
            return excess <= 0
        }

        struct Paid {
            var spending: [ReplacementPlan.Spending]
            /// Cents no pool could pay, in all and from which year index on (n: none).
            var unpaid: Int, firstUnpaid: Int
            /// Per year index: money left in pools whose money lapses at its end, and in those
            /// that carry it into the next year.
            var lapsing: [Int], carried: [Int]
        }

        /// Each year's cost (cents) from the pools, operating cost first, each cost kind from the
        /// pools whose money lapses soonest (what no pool can pay is counted, not paid).
        func pay(investment: [Int], operating: [Int]) -> Paid {
            var carried = Array(repeating: 0, count: s.pools.count)
            var out = Paid(spending: [], unpaid: 0, firstUnpaid: n, lapsing: Array(repeating: 0, count: n), carried: Array(repeating: 0, count: n))
            for i in 0..<n {
                let year = first + i
                var room = s.pools.indices.map { s.pools[$0].money[i].cents + carried[$0] }
                for (cost, due) in [(ReplacementScenario.CostKind.operating, operating[i]), (.investment, investment[i])] {
                    var left = due
                    for j in payOrder[cost]![i] where left > 0 {
                        let take = min(left, room[j])
                        guard take > 0 else { continue }
                        room[j] -= take; left -= take
                        out.spending.append(.init(pool: s.pools[j].id, year: year, cost: cost, amount: Money(cents: take)))
                    }
                    if left > 0 { out.unpaid += left; out.firstUnpaid = min(out.firstUnpaid, i) }
                }
                for j in s.pools.indices {
                    if s.pools[j].carries(from: year) { carried[j] = room[j]; out.carried[i] += room[j] } else { carried[j] = 0; out.lapsing[i] += room[j] }
                }
            }
            return out
        }
    }
}

extension ReplacementModel {
    /// The model's columns at a plan (counts, money in euros, carry-over, coverage), e.g. to
    /// start the first stage from `ReplacementStart.plan`.
    public func values(of plan: ReplacementPlan) -> [Double] {
        let s = scenario, first = s.years.lowerBound, n = s.yearCount
        var x = program.variables.map { max(0, $0.lower) }
        var counts: [String: [Int]] = [:]
        for c in plan.cohorts { counts["\(c.school)|\(c.kind)|\(c.purchaseYear)"] = c.inService }
        for c in cohorts {
            let k = counts["\(c.school)|\(c.kind)|\(c.purchaseYear)"]
            for (i, col) in c.columns.enumerated() { if let col { x[col] = Double(k?[i] ?? 0) } }
        }
        var paid: [String: [Int]] = [:]   // "pool|cost" -> cents per year
        for p in plan.spending { paid["\(p.pool)|\(p.cost.rawValue)", default: Array(repeating: 0, count: n)][p.year - first] += p.amount.cents }
        for pool in s.pools {
            var carried = 0
            for i in 0..<n {
                var spent = 0
                for (cost, cols) in spend[pool.id] ?? [:] {
                    let cents = paid["\(pool.id)|\(cost.rawValue)"]?[i] ?? 0
                    x[cols[i]] = Double(cents) / 100; spent += cents
                }
                let left = pool.money[i].cents + carried - spent
                carried = pool.carries(from: first + i) && i < n - 1 ? max(0, left) : 0
                if let col = carryColumn[pool.id]?[i] { x[col] = Double(carried) / 100 }
            }
        }
        readCoverage(&x)
        return x
    }
}
