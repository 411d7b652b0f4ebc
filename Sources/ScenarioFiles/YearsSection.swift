import Foundation
import Allocation
import Replacement

/// A scenario with its multi-year `years:` section: the single-year scenario it extends (its
/// schools, device kinds and need) and the replacement scenario read from the section.
public struct LoadedYears: Sendable {
    public var loaded: LoadedScenario
    public var scenario: ReplacementScenario
    /// Pool names (years.pools.<pool>.name, else the id) and device-kind labels, for reports.
    public var poolNames: [String: String]
    public var kindLabels: [String: String]
    /// The schools of the scenario (name, form, district) by id, for reports.
    public var schools: [String: School]
    /// Every file read: the scenario's, then the inventory and need tables.
    public var inputs: [InputFile] { loaded.inputs }
}

/// The scenario's `years` section (docs/MULTIYEAR.md, README "Multi-year replacement"):
///
///     years:
///       first: 2026
///       last: 2030
///       deviceKinds:                      # the scenario's kinds, by id
///         pupil: {lifeYears: 5, earlyYears: 1, lateYears: 1, price: 600, priceChange: 0.02,
///                 operatingCost: 60, weight: 1}
///       pools:
///         digitalpakt2: {name: DigitalPakt 2.0, source: grant, money: [2e6, …], carryOverUntil: 2030, pays: [investment]}
///         stadt: {source: own, money: 900000, pays: [investment, operating]}
///       need: {growth: {Grundschule: [1, 1, 0.98, 0.97, 0.97]}, file: need.csv}
///       inventory: {plan: data/plan-2020.json, purchaseYear: 2021}   # or file: inventory.csv
///       turbulence: {maxFall: 0.3, maxNewDevicesPerYear: 300}
extension ScenarioTemplate {
    /// Whether the scenario (with its `extends` chain and overrides) has a `years:` section.
    public var hasYears: Bool { tree["years"] != nil }
    /// The scenario's `name:` as its file (or the file it extends) writes it; nil where none is a text.
    public var name: String? {
        guard let node = tree["name"], case .scalar(let s) = node.kind else { return nil }
        return s
    }
}

extension ScenarioLoader {
    /// Loads a scenario and its `years:` section (with `extends:` and `--set` as `load`).
    public static func loadYears(path: String, overrides: [String] = []) throws -> LoadedYears {
        let template = try ScenarioTemplate.load(path: path, overrides: overrides)
        var loaded = try template.scenario()
        let root = YAMLValue(node: template.tree, path: "")
        guard let section = root.node["years"] else {
            throw ScenarioError(file: root.file, key: "years", .scenarioFile(.missingSection("years")))
        }
        let need = try NeedTable(loaded.scenario)
        var files: [InputFile] = []
        let years = try readYears(YAMLValue(node: section, path: "years"), scenario: loaded.scenario, need: need, files: &files)
        loaded.inputs += files
        return years.with(loaded)
    }

    struct YearsRead {
        var scenario: ReplacementScenario
        var poolNames: [String: String]
        func with(_ loaded: LoadedScenario) -> LoadedYears {
            LoadedYears(loaded: loaded, scenario: scenario, poolNames: poolNames,
                        kindLabels: Dictionary(loaded.scenario.deviceKinds.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a }),
                        schools: Dictionary(loaded.scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    static func readYears(_ v: YAMLValue, scenario: Scenario, need: NeedTable, files: inout [InputFile]) throws(ScenarioError) -> YearsRead {
        let f = try v.fields(keysOf: "years")
        func require(_ key: String, _ why: Allowed) throws(ScenarioError) -> YAMLValue {
            guard let x = f[key] else { throw v.fail(.missing(key: key, why: why)) }
            return x
        }
        let firstValue = try require("first", "the first planning year, e.g. 2026")
        let first = try firstValue.integer(key: "years.first")
        let lastValue = try require("last", "the last planning year, e.g. 2030")
        let last = try lastValue.integer(key: "years.last")
        guard last >= first, ReplacementLimits.planningYears.contains(last - first + 1) else {
            throw lastValue.fail(.years(.planningYears(first: first, last: last, most: ReplacementLimits.planningYears.upperBound)))
        }
        let n = last - first + 1

        // Device kinds: the scenario's, each described once.
        var kinds: [ReplacementScenario.DeviceKind] = []
        let kindsValue = try require("deviceKinds", "life, price and operating cost per device kind")
        let defined = scenario.deviceKinds.map(\.id)
        for (id, kv) in try kindsValue.mapping(allowed: nil) {
            guard defined.contains(id) else { throw kv.fail(.rule(.unknownKind(id, defined: defined))) }
            let k = try kv.fields(keysOf: "years.deviceKinds.<kind>")
            func need(_ key: String) throws(ScenarioError) -> YAMLValue {
                guard let x = k[key] else { throw kv.fail(.missing(key: key, why: ScenarioKeys.entry("years.deviceKinds.<kind>.\(key)").what)) }
                return x
            }
            let life = try need("lifeYears").integer(key: "years.deviceKinds.<kind>.lifeYears")
            let early = try k["earlyYears"]?.integer(key: "years.deviceKinds.<kind>.earlyYears") ?? 0
            if early >= life { throw k["earlyYears"]!.fail(.years(.earlyNotBelowLife(early: early, life: life))) }
            let late = try k["lateYears"]?.integer(key: "years.deviceKinds.<kind>.lateYears") ?? 0
            let price = try need("price").money(positive: true)
            let change = try k["priceChange"]?.decimal(key: "years.deviceKinds.<kind>.priceChange") ?? 0
            let operating = try k["operatingCost"]?.money() ?? .zero
            let residual = try k["residualValue"]?.money() ?? .zero
            let weight = try k["weight"]?.integer(key: "years.deviceKinds.<kind>.weight") ?? 1
            let basisPoints = NSDecimalNumber(decimal: change * 10_000).rounding(accordingToBehavior: nil).intValue
            kinds.append(.init(id: id, lifeYears: life, earlyYears: early, lateYears: late, price: price,
                               priceChangeBasisPoints: basisPoints, operatingCostPerYear: operating, weight: weight,
                               residualValue: residual))
        }
        for id in defined where !kinds.contains(where: { $0.id == id }) {
            throw kindsValue.fail(.years(.kindNotDescribed(id)))
        }
        kinds.sort { defined.firstIndex(of: $0.id)! < defined.firstIndex(of: $1.id)! }

        // Pools.
        var pools: [ReplacementScenario.Pool] = []
        var names: [String: String] = [:]
        for (id, pv) in try require("pools", "money per pool and year").mapping(allowed: nil) {
            let p = try pv.fields(keysOf: "years.pools.<pool>")
            guard let sv = p["source"] else { throw pv.fail(.missing(key: "source", why: .loader(.poolSource))) }
            let source = try sv.choice(ReplacementScenario.Source.self, allowed: "grant, own")
            guard let mv = p["money"] else { throw pv.fail(.missing(key: "money", why: .money(positive: false))) }
            let money: [Money]
            if case .scalar = mv.node.kind {
                money = Array(repeating: try mv.money(), count: n)
            } else {
                let items = try mv.sequence()
                guard items.count == n else { throw mv.fail(.years(.yearlyValues(found: items.count, first: first, last: last))) }
                var m: [Money] = []
                for item in items { m.append(try item.money()) }
                money = m
            }
            var carry = ReplacementScenario.CarryOver.lapses
            if let cv = p["carryOverUntil"], try cv.string() != "lapses" {
                let until = try cv.integer(key: "years.pools.<pool>.carryOverUntil")
                guard until >= first else { throw cv.fail(.years(.carryOverBefore(until, first: first))) }
                carry = .until(lastYear: until)
            }
            var pays: Set<ReplacementScenario.CostKind> = source == .grant ? [.investment] : [.investment, .operating]
            if let payv = p["pays"] {
                pays = []
                for item in try payv.sequence() {
                    pays.insert(try item.choice(ReplacementScenario.CostKind.self, allowed: "investment, operating"))
                }
                if pays.isEmpty { throw payv.fail(.found(.text(""), expected: ScenarioKeys.entry("years.pools.<pool>.pays").what)) }
                if source == .grant && pays.contains(.operating) { throw payv.fail(.years(.grantPaysOperating)) }
            }
            names[id] = try p["name"]?.string() ?? id
            pools.append(.init(id: id, source: source, money: money, carryOver: carry, pays: pays))
        }
        if pools.isEmpty { throw v.fail(.rule(.noPools)) }

        // Need per school, kind and year: the scenario's need × the form's factor of the year,
        // rounded half up; rows of the need table replace it.
        var growth: [String: [Decimal]] = [:]
        var needFile: YAMLValue?
        if let nv = f["need"] {
            let nf = try nv.fields(keysOf: "years.need")
            let forms = Set(scenario.schools.map(\.form))
            if let gv = nf["growth"] {
                for (form, list) in try gv.mapping(allowed: nil) {
                    guard forms.contains(form) else { throw list.fail(.rule(.notASchoolForm(form, allowed: forms.sorted()))) }
                    let items = try list.sequence()
                    guard items.count == n else { throw list.fail(.years(.yearlyValues(found: items.count, first: first, last: last))) }
                    var factors: [Decimal] = []
                    for item in items { factors.append(try item.decimal(key: "years.need.growth.<form>")) }
                    growth[form] = factors
                }
            }
            needFile = nf["file"]
        }
        let schoolIDs = scenario.schools.map(\.id)
        let known = Set(schoolIDs)
        var needs: [[String: [Int]]] = scenario.schools.indices.map { s in
            let factors = growth[scenario.schools[s].form] ?? Array(repeating: 1, count: n)
            var byKind: [String: [Int]] = [:]
            for (k, kind) in scenario.deviceKinds.enumerated() {
                byKind[kind.id] = factors.map { roundHalfUp(Decimal(need.entries[s][k].need) * $0) }
            }
            return byKind
        }
        if let needFile {
            let index = Dictionary(schoolIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let rows = try yearRows(needFile, columns: ["school", "kind", "year", "devices"], key: "years.need.file",
                                    schools: known, kinds: defined, files: &files) { year in
                (first...last).contains(year) ? nil : .years(.yearOutside(year, first: first, last: last))
            }
            for r in rows { needs[index[r.school]!][r.kind]![r.year - first] = r.count }
        }
        let schools = scenario.schools.indices.map { ReplacementScenario.School(id: schoolIDs[$0], need: needs[$0]) }

        // Starting inventory.
        var inventory: [ReplacementScenario.Cohort] = []
        let iv = try require("inventory", "the devices in service before the first year: plan (a plan.json) and purchaseYear, or file (a CSV)")
        let inv = try iv.fields(keysOf: "years.inventory")
        if let planValue = inv["plan"] {
            guard let yv = inv["purchaseYear"] else { throw iv.fail(.years(.planNeedsPurchaseYear)) }
            let year = try yv.integer(key: "years.inventory.purchaseYear")
            guard year < first else { throw yv.fail(.years(.purchaseYearNotBefore(year, first: first))) }
            inventory += try inventoryFromPlan(planValue, purchaseYear: year, schools: schoolIDs, kinds: defined, files: &files)
        }
        if let fileValue = inv["file"] {
            let rows = try yearRows(fileValue, columns: ["school", "kind", "purchaseYear", "count"], key: "years.inventory.file",
                                    schools: known, kinds: defined, files: &files) { year in
                year < first ? nil : .years(.purchaseYearNotBefore(year, first: first))
            }
            for r in rows {
                if inventory.contains(where: { $0.school == r.school && $0.kind == r.kind && $0.purchaseYear == r.year }) {
                    throw ScenarioError(file: r.file, line: r.line, .years(.givenTwice(school: r.school, kind: r.kind, year: r.year, firstLine: nil)))
                }
                inventory.append(.init(school: r.school, kind: r.kind, purchaseYear: r.year, count: r.count))
            }
        }
        if inv["plan"] == nil && inv["file"] == nil {
            throw iv.fail(.missing(key: "plan", why: ScenarioKeys.entry("years.inventory.plan").what))
        }

        // Limits on change.
        var turbulence = ReplacementScenario.Turbulence()
        if let tv = f["turbulence"] {
            let t = try tv.fields(keysOf: "years.turbulence")
            if let fall = try t["maxFall"]?.decimal(key: "years.turbulence.maxFall") {
                turbulence.maxFallBasisPoints = NSDecimalNumber(decimal: fall * 10_000).rounding(accordingToBehavior: nil).intValue
            }
            turbulence.maxNewDevicesPerYear = try t["maxNewDevicesPerYear"]?.integer(key: "years.turbulence.maxNewDevicesPerYear")
        }

        let result = ReplacementScenario(years: first...last, kinds: kinds, schools: schools, pools: pools,
                                         inventory: inventory, turbulence: turbulence)
        // The domain's own rules (a backstop: the reads above check each value with its key).
        do { try result.validate() } catch { throw locate(error, in: YAMLValue(node: YAMLTree(kind: .mapping([("years", v.line, v.node)]), file: v.file, line: nil), path: "")) }
        return YearsRead(scenario: result, poolNames: names)
    }

    /// The devices of an earlier run's plan.json (`allocate solve --out`) per school and kind,
    /// bought in `purchaseYear`. Read as YAML (JSON is YAML), so every finding names its line.
    static func inventoryFromPlan(_ v: YAMLValue, purchaseYear: Int, schools: [String], kinds: [String],
                                  files: inout [InputFile]) throws(ScenarioError) -> [ReplacementScenario.Cohort] {
        let path = try v.string()
        let (text, record) = try readFile(path, shownAs: path)
        files.append(record)
        guard let node = try parseYAML(text, file: path) else { throw ScenarioError(file: path, .years(.notAPlan)) }
        let tree = try YAMLTree(node, file: path)
        guard let list = tree["schools"], case .sequence(let rows) = list.kind else {
            throw ScenarioError(file: path, line: tree.line, key: "schools", .years(.notAPlan))
        }
        var out: [ReplacementScenario.Cohort] = []
        var seen: [String: Int] = [:]
        let known = Set(schools)
        for (i, row) in rows.enumerated() {
            let r = YAMLValue(node: row, path: "schools[\(i)]")
            guard let idNode = row["schulnummer"] else { throw r.fail(.missing(key: "schulnummer", why: .schoolNumber)) }
            let idValue = YAMLValue(node: idNode, path: r.path + ".schulnummer")
            let id = try idValue.string()
            guard known.contains(id) else { throw idValue.fail(.years(.unknownSchool(excerpt(id)))) }
            if let earlier = seen[id] {
                throw idValue.fail(.years(.givenTwice(school: id, kind: "", year: purchaseYear, firstLine: earlier)))
            }
            seen[id] = row.line ?? 0
            guard let devices = row["devices"] else { throw r.fail(.missing(key: "devices", why: .loader(.devicesPerKind))) }
            for (kind, count) in try YAMLValue(node: devices, path: r.path + ".devices").mapping(allowed: nil) {
                guard kinds.contains(kind) else { throw count.fail(.rule(.unknownKind(kind, defined: kinds))) }
                let n = try count.integer(ReplacementLimits.count)
                if n > 0 { out.append(.init(school: id, kind: kind, purchaseYear: purchaseYear, count: n)) }
            }
        }
        for id in schools where seen[id] == nil {
            throw ScenarioError(file: path, line: list.line, key: "schools", .years(.missingSchool(id)))
        }
        return out
    }

    /// The rows of a CSV of school, kind, year and a count (the need table, the inventory): each
    /// school and kind known, the year as `checkYear` allows (it returns the problem, nil for a year allowed), no school-kind-year twice; every
    /// refusal at its file and line.
    private static func yearRows(_ v: YAMLValue, columns names: [String], key: String, schools known: Set<String>, kinds defined: [String],
                                 files: inout [InputFile], checkYear: (Int) -> InputProblem?)
        throws(ScenarioError) -> [(file: String, line: Int, school: String, kind: String, year: Int, count: Int)] {
        let (table, record) = try csv(v)
        files.append(record)
        let c = try columns(table, names, key: key)
        var out: [(file: String, line: Int, school: String, kind: String, year: Int, count: Int)] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let school = try text(row, c[0], table, known: known)
            let kind = try kindText(row, c[1], table, defined: defined)
            let year = try whole(row, c[2], table, ReplacementLimits.yearRange)
            if let problem = checkYear(year) { throw ScenarioError(file: table.file, line: row.line, key: table.header[c[2]], problem) }
            let count = try whole(row, c[3], table, ReplacementLimits.count)
            let id = "\(school)|\(kind)|\(year)"
            if let earlier = seen[id] {
                throw ScenarioError(file: table.file, line: row.line, .years(.givenTwice(school: school, kind: kind, year: year, firstLine: earlier)))
            }
            seen[id] = row.line
            out.append((table.file, row.line, school, kind, year, count))
        }
        return out
    }

    private static func csv(_ v: YAMLValue) throws(ScenarioError) -> (CSVTable, InputFile) {
        let path = try v.string()
        let (text, record) = try readFile(path, shownAs: path)
        return (try CSVTable(text: text, file: path), record)
    }

    private static func columns(_ table: CSVTable, _ names: [String], key: String) throws(ScenarioError) -> [Int] {
        var out: [Int] = []
        for name in names { out.append(try table.requireColumn(name, why: .key(key))) }
        return out
    }

    private static func text(_ row: CSVTable.Row, _ c: Int, _ table: CSVTable, known: Set<String>) throws(ScenarioError) -> String {
        let s = row.fields[c].trimmingCharacters(in: .whitespaces)
        guard known.contains(s) else {
            throw ScenarioError(file: table.file, line: row.line, key: table.header[c], .years(.unknownSchool(excerpt(s))))
        }
        return s
    }

    private static func kindText(_ row: CSVTable.Row, _ c: Int, _ table: CSVTable, defined: [String]) throws(ScenarioError) -> String {
        let s = row.fields[c].trimmingCharacters(in: .whitespaces)
        guard defined.contains(s) else {
            throw ScenarioError(file: table.file, line: row.line, key: table.header[c], .rule(.unknownKind(excerpt(s), defined: defined)))
        }
        return s
    }

    private static func whole(_ row: CSVTable.Row, _ c: Int, _ table: CSVTable, _ range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        let s = row.fields[c].trimmingCharacters(in: .whitespaces)
        guard let n = Int(s) else {
            throw ScenarioError(file: table.file, line: row.line, key: table.header[c], .found(.text(excerpt(s, limit: 30)), expected: .wholeNumber))
        }
        guard range.contains(n) else {
            throw ScenarioError(file: table.file, line: row.line, key: table.header[c],
                                .found(.number("\(n)"), expected: .wholeNumber, range: .wholeFromTo(range.lowerBound, range.upperBound)))
        }
        return n
    }

    private static func roundHalfUp(_ d: Decimal) -> Int {
        var x = d, r = Decimal()
        NSDecimalRound(&r, &x, 0, .plain)
        return NSDecimalNumber(decimal: r).intValue
    }
}
