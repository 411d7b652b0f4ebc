import Allocation

/// Re-checks a multi-year plan in integer cents, independent of the model that produced it:
/// lifespans, turbulence, the cost of each year, who pays it (operating cost never from a
/// grant), and every pool's money per year with its carry-over rule. Also computes the plan's
/// figures (the pool-year ledger, smallest coverage, covered device-years, own money).
public enum ReplacementVerifier {
    /// One pool in one year, in cents: granted + carried in = spent + carried out + lapsed.
    public struct PoolYear: Sendable, Equatable {
        public var pool: String
        public var year: Int
        public var granted: Money
        public var carriedIn: Money
        public var investment: Money
        public var operating: Money
        public var carriedOut: Money
        /// Money lost at the end of this year (by the carry-over rule, or at the end of the plan).
        public var lapsed: Money
        /// Residual value of the devices leaving service this year (the receiving own pool only):
        /// granted + carried in + income = spent + carried out + lapsed.
        public var income: Money = .zero
    }

    public struct Result: Sendable, Equatable {
        /// Every broken rule, each naming school/kind/pool and year, what was found and what is allowed.
        public var violations: [String]
        public var ledger: [PoolYear]
        /// Smallest share of need in service over all school-kind-years with need (capped at 1).
        public var smallestCoverage: Ratio
        /// Σ kind weight × min(in service, need) over schools, kinds and years.
        public var coveredDeviceYears: Int
        public var ownMoney: Money
        /// Devices bought plus devices retired within the planning years.
        public var changes: Int
        public var investment: [Money]
        public var operating: [Money]
        public var isValid: Bool { violations.isEmpty }
    }

    public static func verify(_ plan: ReplacementPlan, _ scenario: ReplacementScenario) -> Result {
        var v: [String] = []
        let first = scenario.years.lowerBound, n = scenario.yearCount
        let kinds = Dictionary(scenario.kinds.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let schoolIDs = Set(scenario.schools.map(\.id))
        var inService: [String: [Int]] = [:]   // "school|kind" -> per year
        var bought: [String: [Int]] = [:]
        var changes = 0
        var seen = Set<String>()

        func cohortKey(_ s: String, _ k: String, _ p: Int) -> String { "\(s)|\(k)|\(p)" }
        let inventory = Dictionary(scenario.inventory.map { (cohortKey($0.school, $0.kind, $0.purchaseYear), $0.count) },
                                   uniquingKeysWith: +)

        // Lifespans.
        for c in plan.cohorts {
            let name = "school \(c.school), \(c.kind) bought \(c.purchaseYear)"
            guard schoolIDs.contains(c.school), let kind = kinds[c.kind] else { v.append("\(name): unknown school or device kind"); continue }
            guard c.inService.count == n else { v.append("\(name): \(c.inService.count) yearly counts, expected \(n)"); continue }
            guard seen.insert(cohortKey(c.school, c.kind, c.purchaseYear)).inserted else { v.append("\(name): given twice"); continue }
            guard c.purchaseYear <= scenario.years.upperBound else { v.append("\(name): bought after the planning years"); continue }
            let early = kind.earliestRetirement(c.purchaseYear), late = kind.latestRetirement(c.purchaseYear)
            var previous: Int
            if c.purchaseYear < first {
                guard let start = inventory[cohortKey(c.school, c.kind, c.purchaseYear)] else {
                    v.append("\(name): not in the starting inventory"); continue
                }
                previous = start
            } else {
                previous = c.inService[c.purchaseYear - first]
                for i in 0..<(c.purchaseYear - first) where c.inService[i] != 0 {
                    v.append("\(name): \(c.inService[i]) in service in \(first + i), before it was bought")
                }
            }
            let startIndex = max(0, c.purchaseYear - first)
            for i in startIndex..<n {
                let year = first + i, count = c.inService[i]
                if count < 0 { v.append("\(name): \(count) devices in \(year), expected 0 or more") }
                if count > previous { v.append("\(name): \(count) in service in \(year), more than the \(previous) of the year before") }
                if count < previous && year < early && !(i == startIndex && c.purchaseYear >= first) {
                    v.append("\(name): \(previous - count) retired in \(year), before the earliest replacement year \(early)")
                }
                if count > 0 && year >= late { v.append("\(name): \(count) still in service in \(year); its life ends before \(late)") }
                if i != startIndex || c.purchaseYear < first { changes += max(0, previous - count) }
                previous = count
            }
            let key = "\(c.school)|\(c.kind)"
            var s = inService[key] ?? Array(repeating: 0, count: n)
            for i in 0..<n { s[i] += c.inService[i] }
            inService[key] = s
            if c.purchaseYear >= first {
                var b = bought[key] ?? Array(repeating: 0, count: n)
                b[c.purchaseYear - first] += c.inService[c.purchaseYear - first]
                changes += c.inService[c.purchaseYear - first]
                bought[key] = b
            }
        }
        // Inventory the plan leaves out is retired in the first year: allowed only if its window is open.
        for c in scenario.inventory where !seen.contains(cohortKey(c.school, c.kind, c.purchaseYear)) && c.count > 0 {
            if let kind = kinds[c.kind], first < kind.earliestRetirement(c.purchaseYear) {
                v.append("school \(c.school), \(c.kind) bought \(c.purchaseYear): \(c.count) retired in \(first), before the earliest replacement year \(kind.earliestRetirement(c.purchaseYear))")
            }
            changes += c.count
        }

        // Turbulence, per school over all kinds.
        for s in scenario.schools {
            var before = scenario.inventory.filter { $0.school == s.id }.reduce(0) { $0 + $1.count }
            for i in 0..<n {
                let now = scenario.kinds.reduce(0) { $0 + (inService["\(s.id)|\($1.id)"]?[i] ?? 0) }
                let new = scenario.kinds.reduce(0) { $0 + (bought["\(s.id)|\($1.id)"]?[i] ?? 0) }
                if let f = scenario.turbulence.maxFallBasisPoints, now * 10_000 < (10_000 - f) * before {
                    v.append("school \(s.id), \(first + i): \(now) devices after \(before), a fall of more than \(Double(f) / 100) %")
                }
                if let r = scenario.turbulence.maxNewDevicesPerYear, new > r {
                    v.append("school \(s.id), \(first + i): \(new) new devices, at most \(r) a year")
                }
                before = now
            }
        }

        // Cost per year, in cents.
        var investment = Array(repeating: Money.zero, count: n), operating = Array(repeating: Money.zero, count: n)
        for (key, counts) in inService {
            let kind = kinds[String(key.split(separator: "|")[1])]!
            for i in 0..<n { operating[i] += kind.operatingCostPerYear * counts[i] }
        }
        for (key, counts) in bought {
            let kind = kinds[String(key.split(separator: "|")[1])]!
            for i in 0..<n { investment[i] += scenario.price(kind, in: first + i) * counts[i] }
        }

        // Who pays.
        let pools = Dictionary(scenario.pools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var paid: [String: Money] = [:]            // "pool|yearIndex|cost"
        var paidPerYear: [ReplacementScenario.CostKind: [Money]] = [.investment: Array(repeating: .zero, count: n),
                                                                    .operating: Array(repeating: .zero, count: n)]
        for p in plan.spending {
            guard let pool = pools[p.pool] else { v.append("pool \(p.pool): unknown"); continue }
            guard scenario.years.contains(p.year) else { v.append("pool \(p.pool): pays in \(p.year), outside \(first)–\(scenario.years.upperBound)"); continue }
            if p.amount.cents < 0 { v.append("pool \(p.pool), \(p.year): pays \(p.amount.plain) €, expected 0 or more") }
            if p.cost == .operating && pool.source == .grant {
                v.append("pool \(p.pool), \(p.year): the grant pays \(p.amount.plain) € of operating cost; operating cost is paid from own money only")
            } else if !pool.pays.contains(p.cost) {
                v.append("pool \(p.pool), \(p.year): pays \(p.amount.plain) € of \(p.cost.rawValue) cost, which it may not pay")
            }
            let i = p.year - first
            paid["\(p.pool)|\(i)|\(p.cost.rawValue)", default: .zero] += p.amount
            paidPerYear[p.cost]![i] += p.amount
        }
        for i in 0..<n {
            if paidPerYear[.investment]![i] != investment[i] {
                v.append("\(first + i): investment cost \(investment[i].plain) €, but the pools pay \(paidPerYear[.investment]![i].plain) €")
            }
            if paidPerYear[.operating]![i] != operating[i] {
                v.append("\(first + i): operating cost \(operating[i].plain) €, but the pools pay \(paidPerYear[.operating]![i].plain) €")
            }
        }

        // Each pool's money per year, with its carry-over rule.
        var ledger: [PoolYear] = []
        var own = Money.zero
        let income = scenario.residualIncome(of: plan), receiver = scenario.residualPool
        for pool in scenario.pools {
            var carried = Money.zero
            for i in 0..<n {
                let year = first + i
                let inv = paid["\(pool.id)|\(i)|investment"] ?? .zero, op = paid["\(pool.id)|\(i)|operating"] ?? .zero
                let granted = i < pool.money.count ? pool.money[i] : .zero
                let received = pool.id == receiver ? income[i] : .zero
                let available = granted + carried + received
                let left = available - inv - op
                if left.cents < 0 {
                    v.append("pool \(pool.id), \(year): pays \((inv + op).plain) € of \(available.plain) € available (granted \(granted.plain) €, carried over \(carried.plain) €)")
                }
                let out = pool.carries(from: year) && year < scenario.years.upperBound ? max(left, .zero) : .zero
                ledger.append(PoolYear(pool: pool.id, year: year, granted: granted, carriedIn: carried, investment: inv, operating: op,
                                       carriedOut: out, lapsed: max(left, .zero) - out, income: received))
                if pool.source == .own { own += inv + op }
                carried = out
            }
        }

        // Coverage.
        var smallest = Ratio(1, 1)
        var covered = 0
        for s in scenario.schools {
            for k in scenario.kinds {
                for i in 0..<n {
                    let need = s.need(k.id, yearIndex: i)
                    guard need > 0 else { continue }
                    let have = inService["\(s.id)|\(k.id)"]?[i] ?? 0
                    smallest = min(smallest, Ratio(min(have, need), need))
                    covered += k.weight * min(have, need)
                }
            }
        }
        return Result(violations: v, ledger: ledger, smallestCoverage: smallest, coveredDeviceYears: covered, ownMoney: own,
                      changes: changes, investment: investment, operating: operating)
    }
}
