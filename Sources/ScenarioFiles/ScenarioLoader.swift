import Foundation
import Yams
import Allocation
import Scheduling

/// A scenario as loaded from disk: the domain value plus the files it was read from.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    /// Every file read, scenario first, with the SHA-256 of the bytes read.
    public var inputs: [InputFile]
    /// The roll-out schedule section, if the scenario has one.
    public var schedule: ScheduleRules?
    /// Their paths, as the user would write them.
    public var inputFiles: [String] { inputs.map(\.path) }
}

/// Reads a scenario YAML file and the school and key-figure tables it names.
/// Every number a user may change comes from these files; nothing is assumed in code
/// beyond the documented defaults of optional keys.
public enum ScenarioLoader {
    /// Loads a scenario, following `extends:` to its bases, then applies `--set` overrides
    /// ("key.path=value", the value written as YAML).
    public static func load(path: String, overrides: [String] = []) throws(ScenarioError) -> LoadedScenario {
        try ScenarioTemplate.load(path: path, overrides: overrides).scenario()
    }

    /// A path written one way: "." and empty parts dropped, ".." resolved where it can be
    /// ("./Scenarios//what-if/../x.yaml" -> "Scenarios/x.yaml"), as every message shows it.
    public static func normalizedPath(_ path: String) -> String { normalized(path) }

    /// Keys whose values are paths, relative to the file that names them.
    static let pathKeys = [["schools", "file"], ["teachers", "keyFigures"], ["pools", "*", "split", "file"]]

    /// Whether a key path is one of `pathKeys` ("*" stands for any one key).
    static func isPathKey(_ keyPath: [String]) -> Bool {
        pathKeys.contains { $0.count == keyPath.count && zip($0, keyPath).allSatisfy { $0 == "*" || $0 == $1 } }
    }

    static func loadTree(_ path: String, chain: [String], files: inout [InputFile]) throws(ScenarioError) -> YAMLTree {
        let shown = normalized(path)
        if chain.contains(shown) {
            throw ScenarioError(file: chain.last!, key: "extends",
                                "extends forms a cycle: \((chain + [shown]).joined(separator: " -> ")); a scenario cannot extend itself")
        }
        if chain.count >= 32 {
            throw ScenarioError(file: shown, key: "extends", "more than 32 levels of extends; flatten the chain")
        }
        try PathPolicy.checkCurrent(path, shownAs: shown)
        let (text, record) = try readFile(path, shownAs: shown)
        // A scenario is a page of settings; a huge YAML file is a mistake, and parsing one
        // would take long.
        if text.utf8.count > 1 << 20 {
            throw ScenarioError(file: shown, "is \(text.utf8.count >> 10) KiB; a scenario file may have at most 1 MiB (the school data belongs in a CSV table)")
        }
        guard let node = try parseYAML(text, file: shown) else {
            throw ScenarioError(file: shown, "is empty; expected a scenario (see README, 'Scenario format')")
        }
        var tree = try YAMLTree(node, file: shown)
        guard case .mapping = tree.kind else {
            throw ScenarioError(file: shown, line: tree.line, "expected a scenario (key: value lines) at the top")
        }
        // Data paths are relative to the file that names them; from here on, to the working directory.
        for key in pathKeys { tree = tree.mapScalars(at: key) { displayPath($0, besides: shown) } }
        files.append(record)
        if let parent = tree["extends"] {
            guard case .scalar(let relative) = parent.kind, !relative.isEmpty else {
                throw ScenarioError(file: shown, line: parent.line, key: "extends", "expected the path of the scenario this one extends")
            }
            let base = try loadTree(displayPath(relative, besides: shown), chain: chain + [shown], files: &files)
            tree = base.merged(with: tree)
        }
        return tree
    }

    /// One `--set key.path=value` override.
    static func apply(_ override: String, to tree: YAMLTree) throws(ScenarioError) -> YAMLTree {
        let source = "--set \(override.prefix(80))"
        guard let eq = override.firstIndex(of: "=") else {
            throw ScenarioError(file: source, "expected key.path=value, for example pools.sofort.budget=5490000")
        }
        let keyPath = override[..<eq].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !keyPath.isEmpty, keyPath.allSatisfy({ !$0.isEmpty }) else {
            throw ScenarioError(file: source, "the key path '\(override[..<eq])' has an empty part; write it like need.priorityWeightByLevel.9")
        }
        if keyPath == ["extends"] { throw ScenarioError(file: source, "extends cannot be set from the command line") }
        // A value inside a pool or device kind that does not exist makes a new one (several
        // `--set`s may define it together). When the id is a near miss of an existing one, it is
        // a typo: it would make a new, incomplete entry ("missing 'kinds'"), so name the unknown id
        // and the closest existing one instead.
        let collections = ["pools": "pool", "deviceKinds": "device kind"]
        if keyPath.count > 2, let what = collections[keyPath[0]], case .mapping(let top) = tree.kind,
           let members = top.first(where: { $0.key == keyPath[0] })?.value, case .mapping(let items) = members.kind,
           !items.contains(where: { $0.key == keyPath[1] }) {
            let ids = items.map(\.key)
            // Near misses of entries from the scenario's files only, not of ones other `--set`s made.
            if let near = closest(keyPath[1], in: items.filter { !$0.value.file.hasPrefix("--set") }.map(\.key)) {
                throw ScenarioError(file: source, key: keyPath[0] + "." + keyPath[1],
                                    "unknown \(what) '\(keyPath[1])' (did you mean '\(near)'?); \(what == "pool" ? "pools" : "device kinds") are: \(ids.joined(separator: ", "))")
            }
        }
        let text = String(override[override.index(after: eq)...])
        let value: YAMLTree
        if let node = try parseYAML(text, file: source) { value = try YAMLTree(node, file: source).withoutLines() } else {
            value = YAMLTree(kind: .scalar(""), file: source, line: nil)
        }
        var updated = tree.setting(keyPath[...], to: value)
        if isPathKey(keyPath) { updated = updated.mapScalars(at: keyPath) { normalized($0) } }
        return updated
    }

    static func parseYAML(_ text: String, file: String) throws(ScenarioError) -> Node? {
        try YAMLAliasBound.check(text, file: file)
        do { return try Yams.compose(yaml: text) } catch let e as YamlError {
            throw yamlError(e, file: file)
        } catch { throw ScenarioError(file: file, "cannot be read as YAML: \(error)") }
    }

    static func yamlError(_ e: YamlError, file: String) -> ScenarioError {
        switch e {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ScenarioError(file: file, line: mark.line, "malformed YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, _):
            return ScenarioError(file: file, "malformed YAML: key \(duplicates.joined(separator: ", ")) appears twice in one mapping")
        default:
            return ScenarioError(file: file, "malformed YAML: \(e)")
        }
    }

    static let topKeys = ["extends", "schedule", "authorities", "name", "description", "schools", "teachers", "deviceKinds", "pools", "need", "objective", "maximin", "solver"]

    static func build(_ root: YAMLValue, files readFiles: [InputFile], tables: TableCache) throws(ScenarioError) -> LoadedScenario {
        let file = root.file
        let top = Dictionary(try root.mapping(allowed: topKeys).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        func require(_ key: String) throws(ScenarioError) -> YAMLValue {
            guard let v = top[key] else { throw ScenarioError(file: file, key: key, "missing; every scenario needs '\(key)'") }
            return v
        }
        let name = try require("name").string()
        let kinds = try readKinds(try require("deviceKinds"))
        var splitPools: [SplitSpec] = []
        var pools = try readPools(try require("pools"), kinds: kinds, split: &splitPools)
        let need = try readNeed(try require("need"))
        let objective = try require("objective").choice(ObjectiveMode.self, allowed: ObjectiveMode.allCases.map(\.rawValue).joined(separator: ", "))
        let solver = try top["solver"].map(readSolver) ?? SolverSettings()
        let maximin = try top["maximin"].map { (v) throws(ScenarioError) in try readMaximin(v, kinds: kinds) } ?? MaximinRule()
        var files = readFiles
        let schoolsValue = try require("schools")
        // The school list depends only on `schools` and `teachers`: a sweep over other values
        // reuses it.
        let key = schoolsValue.node.canonical + "\u{1}" + (top["teachers"]?.node.canonical ?? "")
        let schools: [School]
        if let cached = tables.schools(for: key) {
            schools = cached.schools
            files += cached.files
        } else {
            var read: [InputFile] = []
            schools = try readSchools(schoolsValue, teachers: top["teachers"], need: need, files: &read, tables: tables)
            tables.store(schools: schools, files: read, for: key)
            files += read
        }
        if !splitPools.isEmpty {
            if splitPools.count != pools.count {
                let shared = pools.map(\.id).filter { id in !splitPools.contains { $0.pool == id } }
                throw ScenarioError(file: root.file, key: "pools", "pools \(splitPools.map(\.pool).joined(separator: ", ")) are split among authorities but \(shared.joined(separator: ", ")) are not; give every pool a 'split' (see README, 'Splitting pools among authorities') or none")
            }
            try splitAmongAuthorities(&pools, specs: splitPools, schools: schools, section: top["authorities"], root: root,
                                      tables: tables, files: &files)
        }
        let scenario = Scenario(name: name, schools: schools, deviceKinds: kinds, pools: pools, need: need,
                                objective: objective, maximin: maximin, solver: solver)
        do { _ = try NeedTable(scenario) } catch { throw ScenarioError(file: file, key: "need", error.description) }
        let schedule = try top["schedule"].map { (v) throws(ScenarioError) in try readSchedule(v, scenario: scenario) }
        return LoadedScenario(scenario: scenario, inputs: files, schedule: schedule)
    }

    // MARK: device kinds and pools

    static func readKinds(_ v: YAMLValue) throws(ScenarioError) -> [DeviceKind] {
        var kinds: [DeviceKind] = []
        for (id, kv) in try v.mapping(allowed: nil) {
            try checkID(id, kv)
            let f = Dictionary(try kv.mapping(allowed: ["label", "basis", "unitPrice", "priorityWeight", "coverageFloor"])
                .map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            guard let basisValue = f["basis"] else { throw kv.fail("missing 'basis' (pupils or teachers)") }
            let basis = try basisValue.choice(DeviceKind.Basis.self, allowed: "pupils, teachers")
            guard let price = f["unitPrice"] else { throw kv.fail("missing 'unitPrice' (euros per device bundle)") }
            kinds.append(DeviceKind(
                id: id, label: try f["label"]?.string() ?? id, basis: basis, unitPrice: try price.money(positive: true),
                priorityWeight: try f["priorityWeight"]?.decimal(0...1000, what: "a weight from 0 to 1000") ?? 1,
                coverageFloor: try f["coverageFloor"]?.decimal(0...1, what: "a share of need from 0 to 1") ?? 0))
        }
        if kinds.isEmpty { throw v.fail("no device kinds; define at least one") }
        return kinds
    }

    static func readPools(_ v: YAMLValue, kinds: [DeviceKind], split: inout [SplitSpec]) throws(ScenarioError) -> [Pool] {
        var pools: [Pool] = []
        for (id, pv) in try v.mapping(allowed: nil) {
            try checkID(id, pv)
            let f = Dictionary(try pv.mapping(allowed: ["name", "budget", "kinds", "rule", "fundingRate", "capPerDevice", "ownMoney", "split"])
                .map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            guard let kindsValue = f["kinds"] else { throw pv.fail("missing 'kinds' (the device kinds it may pay for)") }
            let kindIDs = try kindsValue.stringList()
            for k in kindIDs where !kinds.contains(where: { $0.id == k }) {
                throw kindsValue.fail("unknown device kind '\(k)'; defined: \(kinds.map(\.id).joined(separator: ", "))")
            }
            guard let ruleValue = f["rule"] else { throw pv.fail("missing 'rule' (grant, remainder or any)") }
            let ruleText = try ruleValue.string()
            let rule: Pool.Rule
            switch ruleText {
            case "grant":
                guard let rate = f["fundingRate"], let cap = f["capPerDevice"] else {
                    throw pv.fail("a grant needs 'fundingRate' (share of eligible cost it pays) and 'capPerDevice' (eligible cost cap in euros)")
                }
                let r = try rate.decimal(what: "a funding rate above 0 and at most 1")
                guard r > 0 && r <= 1 else { throw rate.fail("found \(r), expected a funding rate above 0 and at most 1") }
                rule = .grant(rate: r, capPerDevice: try cap.money(positive: true))
            case "remainder", "any":
                for key in ["fundingRate", "capPerDevice"] where f[key] != nil {
                    throw f[key]!.fail("only a pool with rule 'grant' has '\(key)'")
                }
                rule = ruleText == "any" ? .any : .remainder
            default:
                throw ruleValue.fail("found '\(ruleText)', allowed: grant (pays a rate of capped cost per device), remainder (pays own shares and cost above caps), any (pays any cost)")
            }
            var spec: SplitSpec?
            if let sv = f["split"] {
                spec = try readSplit(sv, pool: id, kinds: kinds.filter { kindIDs.contains($0.id) })
                if let spec { split.append(spec) }
            }
            let usesBudget = spec.map { if case .key(nil) = $0.rule { return true } else { return false } } ?? true
            let budget: Money
            if usesBudget {
                guard let b = f["budget"] else {
                    throw pv.fail(spec == nil ? "missing 'budget' (euros)"
                                  : "missing 'budget' (the reference authority's budget, which split.by: key scales to every authority; or give split.stateTotal)")
                }
                budget = try b.money()
            } else {
                if let b = f["budget"] {
                    throw b.fail("this pool's money is split among the authorities by its 'split' (\(spec!.ruleWord)), which gives the total and every share; 'budget' (a reference authority's budget) is not used here: remove it, or set 'split: none' for one budget")
                }
                budget = .zero
            }
            let own = try f["ownMoney"]?.bool() ?? false
            if own, case .grant = rule {
                throw f["ownMoney"]!.fail("a grant cannot be the city's own money; give own money its own pool with rule 'any' or 'remainder'")
            }
            if case .grant = rule {
                for kind in kinds where kindIDs.contains(kind.id) {
                    let probe = Pool(id: id, name: id, budget: .zero, kinds: kindIDs, rule: rule)
                    if probe.grantPerDevice(price: kind.unitPrice) <= .zero {
                        throw pv.fail("pays 0.00 € per \(kind.id) device (fundingRate × min(price, capPerDevice) is below one cent); raise fundingRate or capPerDevice")
                    }
                }
            }
            pools.append(Pool(id: id, name: try f["name"]?.string() ?? id, budget: budget, kinds: kindIDs,
                              rule: rule, isOwnMoney: own))
        }
        if pools.isEmpty { throw v.fail("no pools; define at least one") }
        return pools
    }

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
        let f = Dictionary(try v.mapping(allowed: ["by", "stateTotal", "perDevice", "basis", "file", "columns", "checkAgainst", "checkSource"])
            .map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
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
                for (key, cv) in try c.mapping(allowed: ["authority", "amount"]) { columns[key] = try cv.string() }
            }
            rule = .table(path: try file.string(), authority: columns["authority"]!, amount: columns["amount"]!)
        }
        return SplitSpec(pool: pool, rule: rule, checkAgainst: try f["checkAgainst"]?.money(),
                         checkSource: try f["checkSource"]?.string(), value: v)
    }

    /// `authorities`: the key, and the reference authority whose budgets pools with
    /// `split: authorities` (or `by: key` without a state total) give.
    static func readAuthorityKey(_ v: YAMLValue) throws(ScenarioError) -> (key: AuthorityKey, reference: String?) {
        let f = Dictionary(try v.mapping(allowed: ["reference", "key"]).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let kv = f["key"] else { throw v.fail("missing 'key' (pupilWeightByLevel, withoutLevel)") }
        let k = Dictionary(try kv.mapping(allowed: ["pupilWeightByLevel", "withoutLevel"]).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let weights = k["pupilWeightByLevel"] else { throw kv.fail("missing 'pupilWeightByLevel'") }
        let table = try readLevelTable(weights, range: 0...1000, what: "a weight from 0 to 1000")
        let without = try k["withoutLevel"]?.decimal(0...1000, what: "a weight from 0 to 1000") ?? 1
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
                let weights = byAuthority.mapValues { key.weight(of: $0) }
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
                    shares = Apportionment.scaledFromReference(budget: budget, weights: weights, reference: reference)!
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

    static func checkID(_ id: String, _ v: YAMLValue) throws(ScenarioError) {
        guard !id.isEmpty, id.count <= 40, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw v.fail("id '\(id.prefix(40))' is not allowed; use up to 40 ASCII letters, digits, '-' or '_'")
        }
    }

    // MARK: need

    static func readNeed(_ v: YAMLValue) throws(ScenarioError) -> NeedRules {
        let f = Dictionary(try v.mapping(allowed: ["gradesInScope", "schoolForms", "pupilShareByLevel",
                                                    "priorityWeightByLevel", "withoutLevel", "formFactor"]).map { ($0.key, $0.value) },
                           uniquingKeysWith: { a, _ in a })
        func require(_ key: String) throws(ScenarioError) -> YAMLValue {
            guard let x = f[key] else { throw v.fail("missing '\(key)'") }
            return x
        }
        let grades = try readGrades(try require("gradesInScope"))
        var forms: [String: ClosedRange<Int>] = [:]
        for (form, gv) in try require("schoolForms").mapping(allowed: nil) { forms[form] = try readGrades(gv) }
        let shares = try readLevelTable(try require("pupilShareByLevel"), range: 0...1, what: "a share from 0 to 1")
        let weights = try readLevelTable(try require("priorityWeightByLevel"), range: 0...1000, what: "a weight from 0 to 1000")
        var without: [String: NeedRules.WithoutLevel] = [:]
        var fallback: NeedRules.WithoutLevel?
        if let w = f["withoutLevel"] {
            for (form, rv) in try w.mapping(allowed: nil) {
                let rule: NeedRules.WithoutLevel
                if (try? rv.string()) == "exclude" { rule = .exclude } else {
                    rule = .level(try rv.integer(1...9, what: "an index level 1-9 or 'exclude'"))
                }
                if form == "default" { fallback = rule } else { without[form] = rule }
            }
        }
        var factors: [String: Decimal] = [:]
        if let fv = f["formFactor"] {
            for (form, value) in try fv.mapping(allowed: nil) {
                guard forms[form] != nil else {
                    throw value.fail("'\(form)' is not a school form of need.schoolForms; allowed: \(forms.keys.sorted().joined(separator: ", "))")
                }
                factors[form] = try value.decimal(0...10, what: "a factor on the need share from 0 to 10 (1 = as the index level says)")
            }
        }
        return NeedRules(gradesInScope: grades, formGrades: forms, pupilShareByLevel: shares, priorityWeightByLevel: weights,
                         withoutLevel: without, defaultWithoutLevel: fallback, formFactor: factors)
    }

    /// [from, to] grades, 1...13.
    static func readGrades(_ v: YAMLValue) throws(ScenarioError) -> ClosedRange<Int> {
        let items = try v.sequence()
        guard items.count == 2 else { throw v.fail("expected [first grade, last grade], found \(items.count) values") }
        let lo = try items[0].integer(1...13, what: "a grade"), hi = try items[1].integer(1...13, what: "a grade")
        guard lo <= hi else { throw v.fail("first grade \(lo) is after last grade \(hi)") }
        return lo...hi
    }

    /// One entry for each index level 1...9.
    static func readLevelTable(_ v: YAMLValue, range: ClosedRange<Decimal>, what: String) throws(ScenarioError) -> [Int: Decimal] {
        var table: [Int: Decimal] = [:]
        for (key, value) in try v.mapping(allowed: (1...9).map(String.init)) {
            table[Int(key)!] = try value.decimal(range, what: what)
        }
        let missing = (1...9).filter { table[$0] == nil }
        if !missing.isEmpty { throw v.fail("missing index levels \(missing.map(String.init).joined(separator: ", ")); give all of 1-9") }
        return table
    }

    /// `maximin: {guarantee: per-kind | joint, order: [kind ids]}`.
    static func readMaximin(_ v: YAMLValue, kinds: [DeviceKind]) throws(ScenarioError) -> MaximinRule {
        var rule = MaximinRule()
        var orderValue: YAMLValue?
        for (key, value) in try v.mapping(allowed: ["guarantee", "order"]) {
            if key == "guarantee" {
                rule.guarantee = try value.choice(MaximinRule.Guarantee.self,
                    allowed: "per-kind (one guarantee per device kind, in the order of 'order'), joint (one smallest coverage over all kinds together)")
            } else {
                orderValue = value
                let ids = kinds.map(\.id)
                var seen: [String] = []
                for item in try value.sequence() {
                    let id = try item.string()
                    guard ids.contains(id) else {
                        throw item.fail("found '\(id.prefix(40))', allowed: the device kinds \(ids.joined(separator: ", "))")
                    }
                    guard !seen.contains(id) else { throw item.fail("device kind '\(id)' is listed twice; list each kind once") }
                    seen.append(id)
                }
                rule.order = seen
            }
        }
        if rule.guarantee == .joint, let orderValue, !rule.order.isEmpty {
            throw orderValue.fail("an order applies only to 'guarantee: per-kind'; a joint guarantee covers all kinds at once")
        }
        return rule
    }

    static func readSolver(_ v: YAMLValue) throws(ScenarioError) -> SolverSettings {
        var s = SolverSettings()
        for (key, value) in try v.mapping(allowed: ["relativeGap", "timeLimitSeconds", "stageTolerance"]) {
            switch key {
            case "relativeGap": s.relativeGap = try value.decimal(0...0.5, what: "a relative gap from 0 to 0.5").doubleValue
            case "timeLimitSeconds": s.timeLimitSeconds = try value.decimal(0.001...86_400, what: "seconds from 0.001 to 86400").doubleValue
            default: s.stageTolerance = try value.decimal(0...0.5, what: "a relative tolerance from 0 to 0.5").doubleValue
            }
        }
        return s
    }
}

/// A scenario file read and merged (with its `extends` chain and `--set` overrides) but not
/// yet turned into a `Scenario`: a sweep makes one scenario per point from it, each with a
/// few more overrides, and reads every data table only once.
public struct ScenarioTemplate: Sendable {
    public let path: String
    let tree: YAMLTree
    let files: [InputFile]
    let tables: TableCache

    public static func load(path: String, overrides: [String] = []) throws(ScenarioError) -> ScenarioTemplate {
        var files: [InputFile] = []
        var tree = try ScenarioLoader.loadTree(path, chain: [], files: &files)
        for override in overrides { tree = try ScenarioLoader.apply(override, to: tree) }
        return ScenarioTemplate(path: path, tree: tree, files: files, tables: TableCache())
    }

    /// The scenario, with `overrides` ("key.path=value") applied on top.
    public func scenario(overrides: [String] = []) throws(ScenarioError) -> LoadedScenario {
        var t = tree
        for override in overrides { t = try ScenarioLoader.apply(override, to: t) }
        return try ScenarioLoader.build(YAMLValue(node: t, path: ""), files: files, tables: tables)
    }
}

/// Parsed CSV tables by path, and school lists by the scenario text they came from, shared
/// by the scenarios made from one template.
final class TableCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: CSVTable] = [:]
    private var schoolLists: [String: (schools: [School], files: [InputFile])] = [:]

    func schools(for key: String) -> (schools: [School], files: [InputFile])? { lock.withLock { schoolLists[key] } }
    func store(schools: [School], files: [InputFile], for key: String) { lock.withLock { schoolLists[key] = (schools, files) } }

    func store(_ path: String, _ table: CSVTable) { lock.withLock { tables[path] = table } }

    func table(_ path: String) throws(ScenarioError) -> CSVTable {
        try PathPolicy.checkCurrent(path, shownAs: path)
        if let cached = lock.withLock({ tables[path] }) { return cached }
        let (text, record) = try readFile(path, shownAs: path)
        var table = try CSVTable(text: text, file: path)
        table.source = record
        lock.withLock { tables[path] = table }
        return table
    }
}
