import LinearProgramming

/// The compact linear program (docs/ARCHITECTURE.md, GLPK rule 8): integer devices per school and kind, and
/// per kind only a handful of funding columns — devices funded by each grant, euros paid
/// by each other pool. Which school's devices each pool paid for is decided after the
/// solve (`FundingAttribution`), so the model never has school × pool columns.
///
/// Rows per device kind k (T_k = devices of kind k in total):
///   total_k:     T_k - Σ_s x_sk = 0                       (full model only)
///   grants_k:    Σ_p n_kp - T_k <= 0                      a device is funded by one grant at most
///   cost_k:      Σ_p g_kp n_kp + Σ_q f_kq - price_k T_k = 0   every device is paid in full
///   remainder_k: Σ_{q remainder} f_kq - Σ_p (price_k - g_kp) n_kp <= 0   only own shares/above-cap
/// and per pool one budget row.
struct AllocationModel {
    var program: LinearProgram
    /// Column of x_sk, nil where the school needs no device of that kind.
    var x: [[Int?]]
    var total: [Int]
    /// Column of n_kp for grant pools eligible for kind k.
    var grantDevices: [[Int?]]
    /// Column of f_kq (euros) for non-grant pools eligible for kind k.
    var poolEuros: [[Int?]]
    /// Row of each pool's budget (nil for a pool that may pay for no kind).
    var budgetRow: [Int?] = []

    /// The full model over schools; `lower` overrides the floors (maximin raises them).
    init(scenario: Scenario, needs: NeedTable, lower: [[Int]], table: KindPoolTable? = nil) {
        var lp = LinearProgram(name: "allocate")
        let kinds = scenario.deviceKinds
        let table = table ?? KindPoolTable(scenario)
        let names = table.names
        var x: [[Int?]] = []
        x.reserveCapacity(scenario.schools.count)
        lp.variables.reserveCapacity(scenario.schools.count * kinds.count + kinds.count * (1 + scenario.pools.count))
        scenario.schools.withUnsafeBufferPointer { schools in
            for s in schools.indices {
                var row: [Int?] = []
                row.reserveCapacity(kinds.count)
                for k in kinds.indices {
                    let need = needs.entries[s][k].need
                    if need > 0 {
                        row.append(lp.addVariable(names.school(schools[s].id, kind: k), lower: Double(lower[s][k]),
                                                  upper: Double(need), integer: true))
                    } else {
                        row.append(nil)
                    }
                }
                x.append(row)
            }
        }
        self.init(program: lp, x: x, scenario: scenario, fixedTotals: nil, table: table)
    }

    /// The funding model alone: device totals fixed, only the money decided.
    init(scenario: Scenario, fixedTotals: [Int], table: KindPoolTable? = nil) {
        self.init(program: LinearProgram(name: "funding"), x: [], scenario: scenario, fixedTotals: fixedTotals, table: table)
    }

    private init(program: LinearProgram, x: [[Int?]], scenario: Scenario, fixedTotals: [Int]?, table: KindPoolTable?) {
        var lp = program
        let table = table ?? KindPoolTable(scenario)
        let per = table.grantCents
        let kinds = scenario.deviceKinds
        let pools = scenario.pools
        let names = table.names
        var total: [Int] = []
        var n: [[Int?]] = []
        var f: [[Int?]] = []
        for k in kinds.indices {
            let fixed = fixedTotals.map { Double($0[k]) }
            total.append(lp.addVariable(names.total[k], lower: fixed ?? 0, upper: fixed ?? .infinity, integer: true))
            // Column order: every grant's devices, then every other pool's euros.
            let eligible = table.eligible[k]
            var nk: [Int?] = [], fk: [Int?] = []
            for (p, pool) in pools.enumerated() {
                nk.append(pool.isGrant && eligible[p] ? lp.addVariable(names.grant[k][p], integer: true) : nil)
            }
            for (p, pool) in pools.enumerated() {
                fk.append(!pool.isGrant && eligible[p] ? lp.addVariable(names.euros[k][p]) : nil)
            }
            n.append(nk); f.append(fk)
        }
        for (k, kind) in kinds.enumerated() {
            let price = kind.unitPrice.eurosDouble
            if fixedTotals == nil {
                var terms = [LinearProgram.Term(total[k], 1)]
                for row in x { if let c = row[k] { terms.append(.init(c, -1)) } }
                lp.addConstraint(names.totalRow[k], terms, lower: 0, upper: 0)
            }
            var grantTerms: [LinearProgram.Term] = []
            var costTerms: [LinearProgram.Term] = []
            var remainderTerms: [LinearProgram.Term] = []
            for (p, pool) in pools.enumerated() {
                if let c = n[k][p] {
                    let g = Money(cents: per[k][p])
                    grantTerms.append(.init(c, 1))
                    costTerms.append(.init(c, g.eurosDouble))
                    remainderTerms.append(.init(c, -(kind.unitPrice - g).eurosDouble))
                }
                if let c = f[k][p] {
                    costTerms.append(.init(c, 1))
                    if pool.rule == .remainder { remainderTerms.append(.init(c, 1)) }
                }
            }
            lp.addConstraint(names.grantsRow[k], grantTerms + [.init(total[k], -1)], upper: 0)
            lp.addConstraint(names.costRow[k], costTerms + [.init(total[k], -price)], lower: 0, upper: 0)
            if remainderTerms.contains(where: { $0.coefficient > 0 }) {
                lp.addConstraint(names.remainderRow[k], remainderTerms, upper: 0)
            }
        }
        var budgetRow: [Int?] = []
        for (p, pool) in pools.enumerated() {
            var terms: [LinearProgram.Term] = []
            for k in kinds.indices {
                if let c = n[k][p] { terms.append(.init(c, Money(cents: per[k][p]).eurosDouble)) }
                if let c = f[k][p] { terms.append(.init(c, 1)) }
            }
            budgetRow.append(terms.isEmpty ? nil : lp.addConstraint(names.budgetRow[p], terms, upper: pool.budget.eurosDouble))
        }
        self.budgetRow = budgetRow
        self.program = lp
        self.x = x
        self.total = total
        self.grantDevices = n
        self.poolEuros = f
    }

    // MARK: objectives

    func weightedDevicesTerms(_ needs: NeedTable) -> [LinearProgram.Term] {
        var terms: [LinearProgram.Term] = []
        let weights = needs.weightClasses.map(\.doubleValue)
        for (s, row) in x.enumerated() {
            for (k, c) in row.enumerated() { if let c { terms.append(.init(c, weights[needs.entries[s][k].weightClass])) } }
        }
        return terms
    }

    /// Euros pool `p` pays: grant amounts of the devices it funds, or its euro columns.
    func spendingTerms(of p: Int, _ scenario: Scenario) -> [LinearProgram.Term] {
        var terms: [LinearProgram.Term] = []
        for (k, kind) in scenario.deviceKinds.enumerated() {
            if let c = grantDevices[k][p] { terms.append(.init(c, scenario.pools[p].grantPerDevice(price: kind.unitPrice).eurosDouble)) }
            if let c = poolEuros[k][p] { terms.append(.init(c, 1)) }
        }
        return terms
    }

    func ownMoneyTerms(_ scenario: Scenario) -> [LinearProgram.Term] {
        var terms: [LinearProgram.Term] = []
        for row in poolEuros {
            for (p, c) in row.enumerated() where scenario.pools[p].isOwnMoney { if let c { terms.append(.init(c, 1)) } }
        }
        return terms
    }

    /// The last, deterministic tie-break: leftover devices go to the schools whose coverage
    /// one device raises most (smallest need), then to the lower school number.
    func tieBreakTerms(_ scenario: Scenario, _ needs: NeedTable) -> [LinearProgram.Term] {
        var cells: [(s: Int, k: Int, col: Int)] = []
        for (s, row) in x.enumerated() { for (k, c) in row.enumerated() { if let c { cells.append((s, k, c)) } } }
        let ranked = cells.sorted { a, b in
            let na = needs.entries[a.s][a.k].need, nb = needs.entries[b.s][b.k].need
            if na != nb { return na < nb }
            if scenario.schools[a.s].id != scenario.schools[b.s].id { return scenario.schools[a.s].id < scenario.schools[b.s].id }
            return a.k < b.k
        }
        return ranked.enumerated().map { .init($0.element.col, Double(ranked.count - $0.offset)) }
    }
}

/// A name safe for LP and MPS files (docs/ARCHITECTURE.md, GLPK rule 7).
func modelName(_ id: String) -> String {
    String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
}
