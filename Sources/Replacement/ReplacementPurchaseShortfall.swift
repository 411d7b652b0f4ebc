import Allocation

/// Why a replacement scenario cannot hold because devices must be bought that no money pays
/// (issue 19): the fall limit keeps a school's devices in service from falling by more than a
/// share a year, while the inventory's devices reach the end of their life (`lateYears`
/// included) — the difference must be bought. Found from the scenario alone, before any solve,
/// and costed: by each year, the devices that must have been bought at least, at the lowest
/// price any kind has in any year up to then, against the most the pools that may pay
/// investment can have granted up to then, less the running cost they must pay (`Sources/Reports/ErrorWords+YearsPurchases.swift`
/// words it). A sound check: every year it names is short in every plan.
public struct ReplacementPurchaseInfeasibility: Error, Sendable, Equatable, ClassifiedError {
    public struct Shortfall: Sendable, Equatable {
        public var year: Int
        /// Devices (all kinds, all schools) that must have been bought in the planning years up
        /// to and including `year`.
        public var devices: Int
        /// The lowest price of one device in the planning years up to `year`.
        public var lowestPrice: Money
        /// Their cost at least (devices × lowest price).
        public var cost: Money
        /// The most the pools that may pay investment can spend on it up to and including
        /// `year`: what they are granted, less the running cost they must pay (`operating`).
        public var available: Money
        /// The running cost up to `year` of the devices the fall limit keeps (at the lowest
        /// running cost of any kind) that the pools paying only running cost cannot pay, so
        /// that the pools paying investment must.
        public var operating: Money
        public var missing: Money { cost - available }
        /// The pools that may pay investment.
        public var pools: [String]
        /// The fall limit (basis points) that keeps the devices in service.
        public var maxFallBasisPoints: Int
        /// The most residual income up to `year` counted for these pools (in `available`, or
        /// against `operating` when the receiving pool pays only running cost; 0 without
        /// residual values: `ReplacementScenario.residualIncomeBound`).
        public var residualIncome: Money

        public init(year: Int, devices: Int, lowestPrice: Money, cost: Money, available: Money, operating: Money,
                    pools: [String], maxFallBasisPoints: Int, residualIncome: Money = .zero) {
            self.year = year; self.devices = devices; self.lowestPrice = lowestPrice; self.cost = cost
            self.available = available; self.operating = operating; self.pools = pools; self.maxFallBasisPoints = maxFallBasisPoints
            self.residualIncome = residualIncome
        }
    }
    public var shortfalls: [Shortfall]
    public var errorClass: ErrorClass { .infeasible }
    public init(shortfalls: [Shortfall]) { self.shortfalls = shortfalls }
}

extension ReplacementScenario {
    /// Per school and planning year: the fewest devices the fall limit keeps in service (all
    /// kinds; ⌈(1 − fall) · the year before⌉, starting from the inventory), nil without a limit.
    public func fallFloors() -> [String: [Int]]? {
        guard let f = turbulence.maxFallBasisPoints else { return nil }
        var out: [String: [Int]] = [:]
        for school in schools {
            var before = inventory.filter { $0.school == school.id }.reduce(0) { $0 + $1.count }
            var floors: [Int] = []
            for _ in 0..<yearCount {
                before = ((10_000 - f) * before + 9_999) / 10_000
                floors.append(before)
            }
            out[school.id] = floors
        }
        return out
    }

    /// The years by which the devices that must be bought cost more than the investment pools
    /// are granted (empty: no year is short by this check; the scenario may still be
    /// infeasible for reasons it does not see).
    ///
    /// Per school and year y: at least floor(y) devices are in service (the fall limit), of
    /// them at most the inventory's cohorts whose life has not ended (y < purchase + life +
    /// lateYears); the rest were bought in the planning years up to y. So the devices bought
    /// up to y are at least the largest such deficit of any year up to y; summed over schools,
    /// each at the lowest price up to y. The pools paying investment can at most spend what
    /// they are granted up to y (carried or not), less the running cost of the devices the
    /// fall limit keeps (at the lowest running cost of any kind) beyond what the pools paying
    /// only running cost are granted up to y.
    public func purchaseShortfalls() -> [ReplacementPurchaseInfeasibility.Shortfall] {
        guard let floors = fallFloors(), let fall = turbulence.maxFallBasisPoints else { return [] }
        let first = years.lowerBound
        let payers = pools.filter { $0.pays.contains(.investment) }
        let operatingOnly = pools.filter { $0.pays.contains(.operating) && !$0.pays.contains(.investment) }
        let cheapestRunning = kinds.map(\.operatingCostPerYear).min() ?? .zero
        // Residual income pays devices too (the receiving pool pays investment) or running cost
        // (it pays only that): counted at its most, so the check stays sound.
        let receiver = pools.first { $0.id == residualPool }
        let income = receiver == nil ? Array(repeating: Money.zero, count: yearCount) : residualIncomeBound()
        let incomeInvests = receiver?.pays.contains(.investment) ?? false
        let incomeRuns = !incomeInvests && (receiver?.pays.contains(.operating) ?? false)
        var mustHave: [String: Int] = [:]        // per school: devices bought so far, at least
        var lowest: Money?
        var granted = Money.zero, running = Money.zero, runningPaid = Money.zero
        var out: [ReplacementPurchaseInfeasibility.Shortfall] = []
        for i in 0..<yearCount {
            let year = first + i
            for k in kinds {
                let p = price(k, in: year)
                lowest = min(lowest ?? p, p)
            }
            for p in payers where i < p.money.count { granted += p.money[i] }
            for p in operatingOnly where i < p.money.count { runningPaid += p.money[i] }
            running += cheapestRunning * schools.reduce(0) { $0 + (floors[$1.id]?[i] ?? 0) }
            let operating = max(.zero, running - runningPaid - (incomeRuns ? income[i] : .zero))
            let available = granted + (incomeInvests ? income[i] : .zero) - operating
            var devices = 0
            for school in schools {
                let alive = inventory.filter { c in
                    c.school == school.id && kind(c.kind).map { year < $0.latestRetirement(c.purchaseYear) } ?? false
                }.reduce(0) { $0 + $1.count }
                let deficit = max(0, (floors[school.id]?[i] ?? 0) - alive)
                mustHave[school.id] = max(mustHave[school.id] ?? 0, deficit)
                devices += mustHave[school.id]!
            }
            guard let price = lowest, devices > 0 else { continue }
            let cost = price * devices
            if cost > available {
                out.append(.init(year: year, devices: devices, lowestPrice: price, cost: cost, available: available,
                                 operating: operating, pools: payers.map(\.id), maxFallBasisPoints: fall,
                                 residualIncome: incomeInvests || incomeRuns ? income[i] : .zero))
            }
        }
        return out
    }
}
