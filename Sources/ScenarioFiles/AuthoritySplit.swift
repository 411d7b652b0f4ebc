import Foundation
import Allocation

/// A pool's `split` and the `authorities` section: each school authority's share of a pool.
extension ScenarioLoader {
    /// A pool's `split`, read but not yet applied (that needs the schools).
    struct SplitSpec {
        enum Rule: Equatable {
            /// The pupil key; with a state total, or (nil) scaled from the reference's budget.
            case key(Money?)
            case perDevice(Money, DeviceKind.Basis)
            case table(path: String, authority: String, amount: String)
        }
        var pool: String
        var rule: Rule
        var checkAgainst: Money?
        var checkSource: String?
        var value: YAMLValue
        /// The rule as the file writes it, for a message ("by: key with stateTotal").
        var ruleName: InputProblem.SplitRule {
            switch rule {
            case .key(let t): return t == nil ? .key : .keyWithStateTotal
            case .perDevice: return .perDevice
            case .table: return .table
            }
        }
    }

    /// `split: authorities` (the key, scaled from the reference authority's budget), `split: none`,
    /// or a mapping: `by: key|perDevice|table` with the rule's own keys.
    static func readSplit(_ v: YAMLValue, pool: String, kinds: [DeviceKind]) throws(ScenarioError) -> SplitSpec? {
        if case .scalar(let text) = v.node.kind {
            switch text {
            case "authorities": return SplitSpec(pool: pool, rule: .key(nil), value: v)
            case "none": return nil
            default: throw v.fail(.outside(.text(excerpt(text, limit: 40)), allowed: .loader(.splitWord)))
            }
        }
        let f = try v.fields(keysOf: "pools.<pool>.split")
        guard let byValue = f["by"] else { throw v.fail(.split(.missingBy)) }
        let by = try byValue.string()
        let allowedKeys: [String: [String]] = ["key": ["stateTotal"], "perDevice": ["perDevice", "basis"], "table": ["file", "columns"]]
        guard let own = allowedKeys[by] else { throw byValue.fail(.outside(.text(excerpt(by, limit: 40)), allowed: .loader(.splitRules))) }
        for (key, kv) in f where !["by", "checkAgainst", "checkSource"].contains(key) && !own.contains(key) {
            throw kv.fail(.split(.notAKeyOfRule(by: by, stateTotal: key == "stateTotal", keys: own + ["checkAgainst", "checkSource"])))
        }
        let rule: SplitSpec.Rule
        switch by {
        case "key":
            rule = .key(try f["stateTotal"]?.money())
        case "perDevice":
            guard let amount = f["perDevice"] else { throw v.fail(.missing(key: "perDevice", why: .loader(.perDeviceAmount))) }
            let basis: DeviceKind.Basis
            if let b = f["basis"] {
                basis = try b.choice(DeviceKind.Basis.self, allowed: "pupils, teachers")
            } else {
                let bases = Set(kinds.map(\.basis))
                guard bases.count == 1 else { throw v.fail(.split(.basisAmbiguous)) }
                basis = bases.first!
            }
            rule = .perDevice(try amount.money(positive: true), basis)
        default:
            guard let file = f["file"] else { throw v.fail(.missing(key: "file", why: .loader(.allocationTable))) }
            var columns = ["authority": "authority", "amount": "amount"]
            if let c = f["columns"] {
                for (key, cv) in try c.mapping(keysOf: "pools.<pool>.split.columns") { columns[key] = try cv.string() }
            }
            rule = .table(path: try file.string(), authority: columns["authority"]!, amount: columns["amount"]!)
        }
        return SplitSpec(pool: pool, rule: rule, checkAgainst: try f["checkAgainst"]?.money(),
                         checkSource: try f["checkSource"]?.string(), value: v)
    }

    /// `authorities`: the key, and the reference authority whose budgets pools with
    /// `split: authorities` (or `by: key` without a state total) give.
    static func readAuthorityKey(_ v: YAMLValue) throws(ScenarioError) -> (key: AuthorityKey, reference: String?) {
        let f = try v.fields(keysOf: "authorities")
        guard let kv = f["key"] else { throw v.fail(.missing(key: "key", why: .loader(.authorityKeyKeys))) }
        let k = try kv.fields(keysOf: "authorities.key")
        guard let weights = k["pupilWeightByLevel"] else { throw kv.fail(.missing(key: "pupilWeightByLevel", why: nil)) }
        let table = try readLevelTable(weights, key: "authorities.key.pupilWeightByLevel.<level>")
        let without = try k["withoutLevel"]?.decimal(key: "authorities.key.withoutLevel") ?? 1
        return (AuthorityKey(pupilWeightByLevel: table, withoutLevel: without), try f["reference"]?.string())
    }

    /// The most money a state total may have (the loader's limit for any amount: 10^12 €).
    static let maxTotalCents = 100_000_000_000_000

    /// Pools with a `split`: each authority's share of the pool by the pool's rule (largest
    /// remainder, so the shares add up to the state total to the cent); a pool that is not
    /// split stays one budget for everybody.
    static func splitAmongAuthorities(_ pools: inout [Pool], specs: [SplitSpec], schools: [School], section: YAMLValue?,
                                      root: YAMLValue, tables: TableCache, files: inout [InputFile]) throws(ScenarioError) {
        // Each authority's pupils per level, teachers: one pass, no school copied.
        let groups = AuthorityGroups(schools)
        var keyAndReference: (key: AuthorityKey, reference: String?)?
        var keyWeights: [String: Decimal]?  // each authority's weight by the key: worked out once for all pools, when needed
        var keySum: Decimal?                // their sum
        var exactWeights: ExactWeights??    // the same as whole numbers (nil: not exactly scalable)
        func authorityKey(_ spec: SplitSpec) throws(ScenarioError) -> (key: AuthorityKey, reference: String?) {
            if let keyAndReference { return keyAndReference }
            guard let section else {
                throw ScenarioError(file: root.file, key: "authorities", .split(.needsAuthorities(pool: spec.pool, rule: spec.ruleName)))
            }
            keyAndReference = try readAuthorityKey(section)
            return keyAndReference!
        }
        for spec in specs {
            guard let i = pools.firstIndex(where: { $0.id == spec.pool }) else { continue }
            var shares: [String: Money]
            var given = false
            switch spec.rule {
            case .key(let total):
                let (key, reference) = try authorityKey(spec)
                // The Decimal weights (a few Decimal operations per authority, the most costly
                // part for 70,000 authorities) only where the whole numbers cannot decide.
                func weights() -> [String: Decimal] {
                    if let keyWeights { return keyWeights }
                    let w = groups.map { key.weight(of: $0) }
                    keyWeights = w
                    return w
                }
                if let total {
                    given = true
                    guard let s = Apportionment.proportional(total: total, weights: weights()) else {
                        throw spec.value.fail(.split(.keyWeighsZero(total: total)))
                    }
                    shares = s
                } else {
                    guard let section, let reference else {
                        throw spec.value.fail(.split(.needsReference))
                    }
                    guard let refSums = groups.sums(of: reference) else {
                        throw section.fail(.split(.referenceHasNoSchools(excerpt(reference), authorities: groups.names.sorted())))
                    }
                    let refWeight = key.weight(of: refSums)
                    let budget = pools[i].budget
                    if exactWeights == nil { exactWeights = .some(key.exactWeights(groups)) }
                    // Shares stay within the money the loader accepts anywhere (10^12 €): the sum
                    // of the weights / the reference's × the budget, in Decimals, or in whole
                    // numbers where they are clearly on one side of the limit.
                    func withinLimit() -> Bool {
                        if let exact = exactWeights ?? nil,
                           let answer = exactlyWithinLimit(exact, reference: reference, budget: budget) { return answer }
                        let sum = keySum ?? weights().values.reduce(Decimal(0), +)
                        keySum = sum
                        return sum / refWeight * Decimal(budget.cents) <= Decimal(maxTotalCents)
                    }
                    guard refWeight > 0, budget.cents == 0 || withinLimit() else {
                        throw section.fail(.split(.scaledTotalTooLarge(pool: spec.pool)))
                    }
                    shares = Apportionment.scaledFromReference(
                        budget: budget, reference: reference, exact: exactWeights!,
                        weight: { keyWeights?[$0] ?? groups.sums(of: $0).map { key.weight(of: $0) } }, weights: weights)!
                    pools[i].referenceBudget = budget
                }
            case .perDevice(let amount, let basis):
                let counts = groups.map { $0.count(of: basis) }
                let total = counts.values.reduce(0, +)
                guard Decimal(total) * Decimal(amount.cents) <= Decimal(maxTotalCents) else {
                    throw spec.value.fail(.split(.perDeviceTooLarge(amount: amount, count: total, basis: basis)))
                }
                shares = counts.mapValues { amount * $0 }
            case .table(let path, let authorityColumn, let amountColumn):
                given = true
                shares = try readAllocationTable(path, authority: authorityColumn, amount: amountColumn, spec: spec,
                                                 authorities: Set(groups.names), tables: tables, files: &files)
            }
            let total = shares.values.reduce(Money.zero, +)
            if total.cents > maxTotalCents {
                throw spec.value.fail(.split(.totalTooLarge(total)))
            }
            pools[i].authorityBudgets = shares
            pools[i].budget = total
            pools[i].split = PoolSplit(rule: poolRule(spec.rule), stateTotal: total, totalGiven: given,
                                       checkAgainst: spec.checkAgainst, checkSource: spec.checkSource)
        }
    }

    /// Whether Σ weights / reference weight × budget <= the limit, from the whole-number weights
    /// (all scaled by the same power of ten): nil when the products overflow 128 bits or lie
    /// so close to the limit (10^-25 of it) that the Decimal computation's rounding could decide
    /// (its error is below 10^-30 of it).
    static func exactlyWithinLimit(_ exact: ExactWeights, reference: String, budget: Money) -> Bool? {
        guard let r = exact.values[reference], r > 0, budget.cents > 0 else { return nil }
        var sum: UInt128 = 0
        for v in exact.values.values {
            guard v >= 0 else { return nil }
            sum += UInt128(v)
        }
        let (lhs, o1) = sum.multipliedReportingOverflow(by: UInt128(budget.cents))
        let (rhs, o2) = UInt128(maxTotalCents).multipliedReportingOverflow(by: UInt128(r))
        if o1 || o2 { return nil }
        let gap = lhs > rhs ? lhs - rhs : rhs - lhs
        guard Double(gap) > Double(rhs) * 1e-25 else { return nil }
        return lhs <= rhs
    }

    static func poolRule(_ rule: SplitSpec.Rule) -> PoolSplit.Rule {
        switch rule {
        case .key: return .key
        case .perDevice(let a, let b): return .perDevice(amount: a, basis: b)
        case .table(let path, _, _): return .table(file: path)
        }
    }

    /// A table of official allocations: one row per authority, its key and its amount in euros.
    static func readAllocationTable(_ path: String, authority: String, amount: String, spec: SplitSpec,
                                    authorities: Set<String>, tables: TableCache,
                                    files: inout [InputFile]) throws(ScenarioError) -> [String: Money] {
        let table = try tables.table(path)
        if let source = table.source, !files.contains(source) { files.append(source) }
        guard let ac = table.column(authority) else {
            throw ScenarioError(file: table.file, line: 1, .csv(.noColumn(excerpt(authority), use: .authorityKey(pool: spec.pool), columns: table.header, choice: nil)))
        }
        guard let mc = table.column(amount) else {
            throw ScenarioError(file: table.file, line: 1, .csv(.noColumn(excerpt(amount), use: .amount(pool: spec.pool), columns: table.header, choice: nil)))
        }
        var shares: [String: Money] = [:]
        var lines: [String: Int] = [:]
        for row in table.rows {
            let key = row.fields[ac].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw ScenarioError(file: table.file, line: row.line, key: authority, .split(.emptyAuthority)) }
            if let first = lines[key] {
                throw ScenarioError(file: table.file, line: row.line, key: authority, .split(.authorityTwice(excerpt(key), firstLine: first)))
            }
            let text = table.plainNumber(row.fields[mc].trimmingCharacters(in: .whitespaces))
            guard isPlainDecimal(text), !text.hasPrefix("-"), text.count <= 30, let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                  d <= 1_000_000_000_000, let m = Money(euros: d) else {
                throw ScenarioError(file: table.file, line: row.line, key: amount, .found(.text(excerpt(row.fields[mc], limit: 40)), expected: .loader(.tableAmount)))
            }
            shares[key] = m
            lines[key] = row.line
        }
        let missing = authorities.subtracting(shares.keys).sorted()
        if !missing.isEmpty {
            throw ScenarioError(file: table.file, .split(.authoritiesWithoutRow(missing, pool: spec.pool)))
        }
        return shares
    }
}
