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
        var ruleWord: String {
            switch rule {
            case .key(let t): return t == nil ? "by: key" : "by: key with stateTotal"
            case .perDevice: return "by: perDevice"
            case .table: return "by: table"
            }
        }
    }

    static let splitRules = "key (pupils weighted by social-index level, authorities.key), perDevice (an amount × each authority's teachers or pupils), table (amounts per authority from a CSV file)"

    /// `split: authorities` (the key, scaled from the reference authority's budget), `split: none`,
    /// or a mapping: `by: key|perDevice|table` with the rule's own keys.
    static func readSplit(_ v: YAMLValue, pool: String, kinds: [DeviceKind]) throws(ScenarioError) -> SplitSpec? {
        if case .scalar(let text) = v.node.kind {
            switch text {
            case "authorities": return SplitSpec(pool: pool, rule: .key(nil), value: v)
            case "none": return nil
            default: throw v.fail("found '\(text.prefix(40))', allowed: none, authorities (the budget is the reference authority's; every authority gets it scaled by the key), or a mapping with 'by': \(splitRules)")
            }
        }
        let f = try v.fields(keysOf: "pools.<pool>.split")
        guard let byValue = f["by"] else { throw v.fail("missing 'by', allowed: \(splitRules)") }
        let by = try byValue.string()
        let allowedKeys: [String: [String]] = ["key": ["stateTotal"], "perDevice": ["perDevice", "basis"], "table": ["file", "columns"]]
        guard let own = allowedKeys[by] else { throw byValue.fail("found '\(by.prefix(40))', allowed: \(splitRules)") }
        for (key, kv) in f where !["by", "checkAgainst", "checkSource"].contains(key) && !own.contains(key) {
            let why = key == "stateTotal" ? "; the total of 'by: \(by)' is derived (give the real figure as checkAgainst to compare)" : ""
            throw kv.fail("is not a key of 'by: \(by)'\(why); its keys: \((own + ["checkAgainst", "checkSource"]).joined(separator: ", "))")
        }
        let rule: SplitSpec.Rule
        switch by {
        case "key":
            rule = .key(try f["stateTotal"]?.money())
        case "perDevice":
            guard let amount = f["perDevice"] else { throw v.fail("missing 'perDevice' (euros per device of the basis, e.g. 500 for the teacher directive)") }
            let basis: DeviceKind.Basis
            if let b = f["basis"] {
                basis = try b.choice(DeviceKind.Basis.self, allowed: "pupils, teachers")
            } else {
                let bases = Set(kinds.map(\.basis))
                guard bases.count == 1 else { throw v.fail("missing 'basis' (pupils or teachers): the pool's device kinds count both") }
                basis = bases.first!
            }
            rule = .perDevice(try amount.money(positive: true), basis)
        default:
            guard let file = f["file"] else { throw v.fail("missing 'file' (a CSV table with a row per authority: its key and its amount in euros)") }
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
        guard let kv = f["key"] else { throw v.fail("missing 'key' (pupilWeightByLevel, withoutLevel)") }
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
        let byAuthority = Dictionary(grouping: schools, by: \.authority)
        var keyAndReference: (key: AuthorityKey, reference: String?)?
        var keyWeights: [String: Decimal]?  // each authority's weight by the key: worked out once for all pools
        var exactWeights: ExactWeights??    // the same as whole numbers (nil: not exactly scalable)
        func authorityKey(_ spec: SplitSpec) throws(ScenarioError) -> (key: AuthorityKey, reference: String?) {
            if let keyAndReference { return keyAndReference }
            guard let section else {
                throw ScenarioError(file: root.file, key: "authorities", "pool \(spec.pool) is split by the pupil key (\(spec.ruleWord)), so the scenario needs 'authorities' (key: pupilWeightByLevel, withoutLevel)")
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
                let weights = keyWeights ?? byAuthority.mapValues { key.weight(of: $0) }
                keyWeights = weights
                if let total {
                    given = true
                    guard let s = Apportionment.proportional(total: total, weights: weights) else {
                        throw spec.value.fail("the authorities' key adds up to 0 (no pupils with weight), so \(total.plain) € cannot be split by it")
                    }
                    shares = s
                } else {
                    guard let section, let reference else {
                        throw spec.value.fail("the pupil key without 'stateTotal' scales the reference authority's budget; give 'authorities.reference' (e.g. \"5913000\") or split.stateTotal")
                    }
                    guard let refSchools = byAuthority[reference], !refSchools.isEmpty else {
                        throw section.fail("the reference authority '\(reference)' has no schools in this scenario; authorities here: \(byAuthority.keys.sorted().prefix(8).joined(separator: ", "))…")
                    }
                    let refWeight = key.weight(of: refSchools)
                    let budget = pools[i].budget
                    let sum = weights.values.reduce(Decimal(0), +)
                    // Shares stay within the money the loader accepts anywhere (10^12 €).
                    guard refWeight > 0, budget.cents == 0 || sum / refWeight * Decimal(budget.cents) <= Decimal(maxTotalCents) else {
                        throw section.fail("pool \(spec.pool)'s state total would exceed 1,000,000,000,000 € (or the reference weighs 0); check the key and the reference")
                    }
                    if exactWeights == nil { exactWeights = .some(key.exactWeights(byAuthority)) }
                    shares = Apportionment.scaledFromReference(budget: budget, weights: weights, reference: reference,
                                                               exact: exactWeights!)!
                    pools[i].referenceBudget = budget
                }
            case .perDevice(let amount, let basis):
                let counts = byAuthority.mapValues { $0.count(of: basis) }
                let total = counts.values.reduce(0, +)
                guard Decimal(total) * Decimal(amount.cents) <= Decimal(maxTotalCents) else {
                    throw spec.value.fail("\(amount.plain) € × \(total) \(basis.rawValue) exceeds 1,000,000,000,000 €")
                }
                shares = counts.mapValues { amount * $0 }
            case .table(let path, let authorityColumn, let amountColumn):
                given = true
                shares = try readAllocationTable(path, authority: authorityColumn, amount: amountColumn, spec: spec,
                                                 authorities: Set(byAuthority.keys), tables: tables, files: &files)
            }
            let total = shares.values.reduce(Money.zero, +)
            if total.cents > maxTotalCents {
                throw spec.value.fail("the state total \(total.plain) € exceeds 1,000,000,000,000 €")
            }
            pools[i].authorityBudgets = shares
            pools[i].budget = total
            pools[i].split = PoolSplit(rule: poolRule(spec.rule), stateTotal: total, totalGiven: given,
                                       checkAgainst: spec.checkAgainst, checkSource: spec.checkSource)
        }
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
            throw ScenarioError(file: table.file, line: 1, "has no column '\(authority)' (the authority key; pools.\(spec.pool).split.columns.authority names it); columns: \(table.header.joined(separator: ", "))")
        }
        guard let mc = table.column(amount) else {
            throw ScenarioError(file: table.file, line: 1, "has no column '\(amount)' (the amount in euros; pools.\(spec.pool).split.columns.amount names it); columns: \(table.header.joined(separator: ", "))")
        }
        var shares: [String: Money] = [:]
        var lines: [String: Int] = [:]
        for row in table.rows {
            let key = row.fields[ac].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw ScenarioError(file: table.file, line: row.line, key: authority, "is empty; expected an authority key (e.g. 5913000)") }
            if let first = lines[key] {
                throw ScenarioError(file: table.file, line: row.line, key: authority, "authority \(key) has a row already (line \(first)); give each authority one row")
            }
            let text = table.plainNumber(row.fields[mc].trimmingCharacters(in: .whitespaces))
            guard isPlainDecimal(text), !text.hasPrefix("-"), text.count <= 30, let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                  d <= 1_000_000_000_000, let m = Money(euros: d) else {
                throw ScenarioError(file: table.file, line: row.line, key: amount, "found '\(row.fields[mc].prefix(40))', expected an amount in euros, 0 or more (at most 2 decimals, no thousands separators)")
            }
            shares[key] = m
            lines[key] = row.line
        }
        let missing = authorities.subtracting(shares.keys).sorted()
        if !missing.isEmpty {
            throw ScenarioError(file: table.file, "has no row for \(missing.count) authorit\(missing.count == 1 ? "y" : "ies") with schools in this scenario: \(missing.prefix(8).joined(separator: ", "))\(missing.count > 8 ? ", …" : ""); give each a row (amount 0 for none) for pool \(spec.pool)")
        }
        return shares
    }
}
