/// Turns the model's per-kind funding (devices per grant, euros per other pool) into
/// exact cents per school and pool, after the solve (docs/ARCHITECTURE.md, GLPK rule 8).
///
/// Grant-funded devices are spread over schools in proportion to their devices; every
/// other pool's money in proportion to what is still open at each school — pools that
/// may pay only own shares first, then pools that may pay anything, the city's own money
/// last. All splits use the largest-remainder rule, ties to the earlier school.
enum FundingAttribution {
    struct Failure: Error { var message: String }

    /// `table`: `KindPoolTable(scenario)`.
    static func attribute(scenario: Scenario, table: KindPoolTable, devices: [[Int]], grantTotals: [[Int]],
                          poolEuros: [[Double]]) throws(Failure) -> (schools: [[[Money]]], grants: [[[Int]]]) {
        let kinds = scenario.deviceKinds, pools = scenario.pools
        let S = scenario.schools.count, P = pools.count
        let poolCents = try centsPerPool(scenario: scenario, table: table, devices: devices, grantTotals: grantTotals,
                                         poolEuros: poolEuros)
        let grantPools = pools.indices.filter { pools[$0].isGrant }
        let order = payingOrder(pools)
        // Per kind, one column of cents and of grant devices per pool (flat, school-indexed);
        // the per-school tables are assembled once at the end.
        var fundingColumns = [[[Int]]](), grantColumns = [[[Int]]]()
        fundingColumns.reserveCapacity(kinds.count); grantColumns.reserveCapacity(kinds.count)
        for (k, kind) in kinds.enumerated() {
            let price = kind.unitPrice.cents
            var fund = [[Int]](repeating: [], count: P), grant = [[Int]](repeating: [], count: P)
            // 1. grant-funded devices
            var unfunded = [Int](repeating: 0, count: S)
            for s in 0..<S { unfunded[s] = devices[s][k] }
            // 2. what grants leave open: own shares (remainder pools may pay these) and the rest
            var shareOpen = [Int](repeating: 0, count: S)
            var totalOpen = [Int](repeating: 0, count: S)
            for s in 0..<S { totalOpen[s] = price * unfunded[s] }
            for p in grantPools where grantTotals[k][p] > 0 {
                let per = table.grantCents[k][p]
                let split = try apportion(grantTotals[k][p], capacities: unfunded)
                var paid = [Int](repeating: 0, count: S)
                for s in 0..<S {
                    let n = split[s]
                    unfunded[s] -= n
                    paid[s] = per * n
                    shareOpen[s] += (price - per) * n
                    totalOpen[s] -= per * n
                }
                fund[p] = paid; grant[p] = split
            }
            for p in order where poolCents[k][p] > 0 {
                let onlyShares = pools[p].rule == .remainder
                let split = try apportion(poolCents[k][p], capacities: onlyShares ? shareOpen : totalOpen)
                for s in 0..<S {
                    totalOpen[s] -= split[s]
                    shareOpen[s] = min(shareOpen[s] - (onlyShares ? split[s] : 0), totalOpen[s])
                }
                fund[p] = split
            }
            if let s = totalOpen.firstIndex(where: { $0 != 0 }) {
                throw Failure(message: "school \(scenario.schools[s].id): \(Money(cents: totalOpen[s])) of \(kind.id) devices left unpaid")
            }
            fundingColumns.append(fund); grantColumns.append(grant)
        }
        // funding[s][k][p], grants[s][k][p] (an empty column: nothing from that pool)
        var funding = [[[Money]]](), grants = [[[Int]]]()
        funding.reserveCapacity(S); grants.reserveCapacity(S)
        let zeroMoney = [Money](repeating: .zero, count: P), zeroCount = [Int](repeating: 0, count: P)
        for s in 0..<S {
            var fs = [[Money]](), gs = [[Int]]()
            fs.reserveCapacity(kinds.count); gs.reserveCapacity(kinds.count)
            for k in kinds.indices {
                var f = zeroMoney, g = zeroCount
                for p in 0..<P {
                    let fc = fundingColumns[k][p]
                    if !fc.isEmpty { f[p] = Money(cents: fc[s]) }
                    let gc = grantColumns[k][p]
                    if !gc.isEmpty { g[p] = gc[s] }
                }
                fs.append(f); gs.append(g)
            }
            funding.append(fs); grants.append(gs)
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
    static func centsPerPool(scenario: Scenario, table: KindPoolTable, devices: [[Int]], grantTotals: [[Int]],
                             poolEuros: [[Double]]) throws(Failure) -> [[Int]] {
        let kinds = scenario.deviceKinds, pools = scenario.pools
        var cents = poolEuros.map { row in row.map { max(0, Int(($0 * 100).rounded())) } }
        var budgetRoom = pools.map { $0.budget.cents }
        for k in kinds.indices { for p in pools.indices { budgetRoom[p] -= cents[k][p] } }
        let order = payingOrder(pools), grantPools = pools.indices.filter { pools[$0].isGrant }
        for (k, kind) in kinds.enumerated() {
            var granted = 0, shares = 0
            for p in grantPools where grantTotals[k][p] != 0 {
                let per = Money(cents: table.grantCents[k][p])
                granted += (per * grantTotals[k][p]).cents
                shares += ((kind.unitPrice - per) * grantTotals[k][p]).cents
            }
            var count = 0
            for row in devices { count += row[k] }
            let open = (kind.unitPrice * count).cents - granted
            let eligible = order.filter { table.eligible[k][$0] }
            var residue = open, shareRoom = shares
            for p in eligible {
                residue -= cents[k][p]
                if pools[p].rule == .remainder { shareRoom -= cents[k][p] }
            }
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
        var caps = capacities
        var sum = 0
        for i in caps.indices { if caps[i] < 0 { caps[i] = 0 }; sum += caps[i] }
        guard total <= sum else { throw Failure(message: "cannot split \(total) over capacities summing to \(sum)") }
        guard total > 0 else { return [Int](repeating: 0, count: caps.count) }
        var result = [Int](repeating: 0, count: caps.count), remainders = [Int](repeating: 0, count: caps.count)
        var left = total
        for i in caps.indices where caps[i] > 0 {
            let (q, r) = sum.dividingFullWidth(caps[i].multipliedFullWidth(by: total))
            result[i] = q; remainders[i] = r; left -= q
        }
        // The `left` largest remainders get one more (ties: the earlier index). Only nonzero
        // remainders can be among them: they add up to `left` × `sum`, each below `sum`.
        if left > 0 {
            let order = caps.indices.filter { remainders[$0] > 0 }
                .sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
            for i in order.prefix(left) { result[i] += 1 }
        }
        return result
    }
}
