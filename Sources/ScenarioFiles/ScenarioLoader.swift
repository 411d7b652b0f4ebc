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
    static let pathKeys = [["schools", "file"], ["teachers", "keyFigures"]]

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
        if pathKeys.contains(keyPath) { updated = updated.mapScalars(at: keyPath) { normalized($0) } }
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
        var splitPools: [String] = []
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
                let shared = pools.map(\.id).filter { !splitPools.contains($0) }
                throw ScenarioError(file: root.file, key: "pools", "pools \(splitPools.joined(separator: ", ")) are split among authorities but \(shared.joined(separator: ", ")) are not; give every pool 'split: authorities' or none")
            }
            try splitAmongAuthorities(&pools, ids: splitPools, schools: schools, section: top["authorities"], root: root)
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

    static func readPools(_ v: YAMLValue, kinds: [DeviceKind], split: inout [String]) throws(ScenarioError) -> [Pool] {
        var pools: [Pool] = []
        for (id, pv) in try v.mapping(allowed: nil) {
            try checkID(id, pv)
            let f = Dictionary(try pv.mapping(allowed: ["name", "budget", "kinds", "rule", "fundingRate", "capPerDevice", "ownMoney", "split"])
                .map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            guard let budget = f["budget"] else { throw pv.fail("missing 'budget' (euros)") }
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
            if let sv = f["split"] {
                let text = try sv.string()
                switch text {
                case "authorities": split.append(id)
                case "none": break
                default: throw sv.fail("found '\(text)', allowed: authorities (the budget is the reference authority's; every authority gets it scaled by the key), none")
                }
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
            pools.append(Pool(id: id, name: try f["name"]?.string() ?? id, budget: try budget.money(), kinds: kindIDs,
                              rule: rule, isOwnMoney: own))
        }
        if pools.isEmpty { throw v.fail("no pools; define at least one") }
        return pools
    }

    /// `authorities`: the key and the reference authority whose budgets the pools give.
    static func readAuthorityKey(_ v: YAMLValue) throws(ScenarioError) -> (key: AuthorityKey, reference: String) {
        let f = Dictionary(try v.mapping(allowed: ["reference", "key"]).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let ref = f["reference"] else { throw v.fail("missing 'reference' (the authority whose budgets the pools give, e.g. \"5913000\")") }
        guard let kv = f["key"] else { throw v.fail("missing 'key' (pupilWeightByLevel, withoutLevel)") }
        let k = Dictionary(try kv.mapping(allowed: ["pupilWeightByLevel", "withoutLevel"]).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let weights = k["pupilWeightByLevel"] else { throw kv.fail("missing 'pupilWeightByLevel'") }
        let table = try readLevelTable(weights, range: 0...1000, what: "a weight from 0 to 1000")
        let without = try k["withoutLevel"]?.decimal(0...1000, what: "a weight from 0 to 1000") ?? 1
        return (AuthorityKey(pupilWeightByLevel: table, withoutLevel: without), try ref.string())
    }

    /// Pools with `split: authorities`: every authority gets the reference authority's budget
    /// scaled by the key; a pool that is not split stays one budget for everybody.
    static func splitAmongAuthorities(_ pools: inout [Pool], ids: [String], schools: [School], section: YAMLValue?,
                                      root: YAMLValue) throws(ScenarioError) {
        guard let section else {
            throw ScenarioError(file: root.file, key: "authorities", "pools \(ids.joined(separator: ", ")) are split among authorities, so the scenario needs 'authorities' (reference, key)")
        }
        let (key, reference) = try readAuthorityKey(section)
        let byAuthority = Dictionary(grouping: schools, by: \.authority)
        guard let refSchools = byAuthority[reference], !refSchools.isEmpty else {
            throw section.fail("the reference authority '\(reference)' has no schools in this scenario; authorities here: \(byAuthority.keys.sorted().prefix(8).joined(separator: ", "))…")
        }
        let refWeight = key.weight(of: refSchools)
        let weights = byAuthority.mapValues { key.weight(of: $0) }
        for i in pools.indices where ids.contains(pools[i].id) {
            var shares: [String: Money] = [:]
            for (a, w) in weights {
                // Shares stay within the money the loader accepts anywhere (10^12 €).
                guard pools[i].budget.cents == 0 || w / refWeight * Decimal(pools[i].budget.cents) <= 100_000_000_000_000 else {
                    throw section.fail("authority \(a)'s share of \(pools[i].id) would exceed 1,000,000,000,000 €; check the key and the reference")
                }
                shares[a] = AuthorityKey.scale(pools[i].budget, weight: w, reference: refWeight)
            }
            pools[i].authorityBudgets = shares
            pools[i].referenceBudget = pools[i].budget
            pools[i].budget = shares.values.reduce(.zero, +)
        }
    }

    static func checkID(_ id: String, _ v: YAMLValue) throws(ScenarioError) {
        guard !id.isEmpty, id.count <= 40, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw v.fail("id '\(id.prefix(40))' is not allowed; use up to 40 ASCII letters, digits, '-' or '_'")
        }
    }

    // MARK: need

    static func readNeed(_ v: YAMLValue) throws(ScenarioError) -> NeedRules {
        let f = Dictionary(try v.mapping(allowed: ["gradesInScope", "schoolForms", "pupilShareByLevel",
                                                    "priorityWeightByLevel", "withoutLevel"]).map { ($0.key, $0.value) },
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
        return NeedRules(gradesInScope: grades, formGrades: forms, pupilShareByLevel: shares, priorityWeightByLevel: weights,
                         withoutLevel: without, defaultWithoutLevel: fallback)
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
