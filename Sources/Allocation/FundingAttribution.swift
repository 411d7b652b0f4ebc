/// Turns the model's per-kind funding (devices per grant, euros per other pool) into
/// exact cents per school and pool, after the solve (docs/ARCHITECTURE.md, GLPK rule 8).
///
/// Grant-funded devices are spread over schools in proportion to their devices; every
/// other pool's money in proportion to what is still open at each school — pools that
/// may pay only own shares first, then pools that may pay anything, the city's own money
/// last. All splits use the largest-remainder rule, ties to the earlier school.
enum FundingAttribution {
    struct Failure: Error { var message: String }

    static func attribute(scenario: Scenario, devices: [[Int]], grantTotals: [[Int]],
                          poolEuros: [[Double]]) throws(Failure) -> (schools: [[[Money]]], grants: [[[Int]]]) {
        let kinds = scenario.deviceKinds, pools = scenario.pools
        let S = scenario.schools.count
        // funding[s][k][p], grants[s][k][p]
        var funding = Array(repeating: Array(repeating: Array(repeating: Money.zero, count: pools.count), count: kinds.count), count: S)
        var grants = Array(repeating: Array(repeating: Array(repeating: 0, count: pools.count), count: kinds.count), count: S)
        let poolCents = try centsPerPool(scenario: scenario, devices: devices, grantTotals: grantTotals, poolEuros: poolEuros)

        for (k, kind) in kinds.enumerated() {
            // 1. grant-funded devices
            var unfunded = (0..<S).map { devices[$0][k] }
            for (p, pool) in pools.enumerated() where pool.isGrant && grantTotals[k][p] > 0 {
                let per = pool.grantPerDevice(price: kind.unitPrice)
                let split = try apportion(grantTotals[k][p], capacities: unfunded)
                for s in 0..<S {
                    grants[s][k][p] = split[s]
                    unfunded[s] -= split[s]
                    funding[s][k][p] = per * split[s]
                }
            }
            // 2. what grants leave open: own shares (remainder pools may pay these) and the rest
            var shareOpen = [Int](repeating: 0, count: S)
            var totalOpen = [Int](repeating: 0, count: S)
            let grantPools = pools.indices.filter { pools[$0].isGrant }
            let perDevice = pools.map { $0.grantPerDevice(price: kind.unitPrice) }
            for s in 0..<S {
                var granted = Money.zero
                for p in grantPools {
                    shareOpen[s] += ((kind.unitPrice - perDevice[p]) * grants[s][k][p]).cents
                    granted += funding[s][k][p]
                }
                totalOpen[s] = (kind.unitPrice * devices[s][k] - granted).cents
            }
            for p in payingOrder(pools) where poolCents[k][p] > 0 {
                let onlyShares = pools[p].rule == .remainder
                let split = try apportion(poolCents[k][p], capacities: onlyShares ? shareOpen : totalOpen)
                for s in 0..<S {
                    funding[s][k][p] = Money(cents: split[s])
                    totalOpen[s] -= split[s]
                    shareOpen[s] = min(shareOpen[s] - (onlyShares ? split[s] : 0), totalOpen[s])
                }
            }
            if let s = totalOpen.firstIndex(where: { $0 != 0 }) {
                throw Failure(message: "school \(scenario.schools[s].id): \(Money(cents: totalOpen[s])) of \(kind.id) devices left unpaid")
            }
        }
        return (funding, grants)
    }

    /// Non-grant pools in the order they pay: share-only pools, then others, own money last.
    static func payingOrder(_ pools: [Pool]) -> [Int] {
        func rank(_ p: Pool) -> Int { p.isGrant ? 3 : p.rule == .remainder ? 0 : p.isOwnMoney ? 2 : 1 }
        return pools.indices.filter { !pools[$0].isGrant }.sorted { (rank(pools[$0]), $0) < (rank(pools[$1]), $1) }
    }

    /// The model's euros per (kind, pool) in cents, with the rounding residue of each kind
    /// moved onto pools that still have room, so that every device is paid to the cent.
    static func centsPerPool(scenario: Scenario, devices: [[Int]], grantTotals: [[Int]],
                             poolEuros: [[Double]]) throws(Failure) -> [[Int]] {
        let kinds = scenario.deviceKinds, pools = scenario.pools
        var cents = poolEuros.map { row in row.map { max(0, Int(($0 * 100).rounded())) } }
        var budgetRoom = pools.map { $0.budget.cents }
        for k in kinds.indices { for p in pools.indices { budgetRoom[p] -= cents[k][p] } }
        for (k, kind) in kinds.enumerated() {
            var granted = 0, shares = 0
            for (p, pool) in pools.enumerated() where pool.isGrant {
                let per = pool.grantPerDevice(price: kind.unitPrice)
                granted += (per * grantTotals[k][p]).cents
                shares += ((kind.unitPrice - per) * grantTotals[k][p]).cents
            }
            let open = (kind.unitPrice * devices.reduce(0) { $0 + $1[k] }).cents - granted
            let eligible = payingOrder(pools).filter { pools[$0].kinds.contains(kind.id) }
            var residue = open - eligible.reduce(0) { $0 + cents[k][$1] }
            var shareRoom = shares - eligible.filter { pools[$0].rule == .remainder }.reduce(0) { $0 + cents[k][$1] }
            for p in eligible where residue != 0 {
                let isShare = pools[p].rule == .remainder
                if residue > 0 {
                    let add = min(residue, max(0, budgetRoom[p]), isShare ? max(0, shareRoom) : residue)
                    cents[k][p] += add; budgetRoom[p] -= add; residue -= add
                    if isShare { shareRoom -= add }
                } else {
                    let take = min(-residue, cents[k][p])
                    cents[k][p] -= take; budgetRoom[p] += take; residue += take
                    if isShare { shareRoom += take }
                }
            }
            if residue != 0 {
                throw Failure(message: "\(Money(cents: residue)) of \(kind.id) devices cannot be placed on any pool")
            }
        }
        return cents
    }

    /// Splits `total` units in proportion to `capacities`, never above a capacity.
    static func apportion(_ total: Int, capacities: [Int]) throws(Failure) -> [Int] {
        let caps = capacities.map { max(0, $0) }
        let sum = caps.reduce(0, +)
        guard total <= sum else { throw Failure(message: "cannot split \(total) over capacities summing to \(sum)") }
        guard total > 0 else { return caps.map { _ in 0 } }
        var result = caps.map { $0.multipliedFullWidth(by: total) }.map { Int(sum.dividingFullWidth($0).quotient) }
        let remainders = caps.indices.map { i in sum.dividingFullWidth(caps[i].multipliedFullWidth(by: total)).remainder }
        let left = total - result.reduce(0, +)
        let order = caps.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for i in order.prefix(left) { result[i] += 1 }
        return result
    }
}
