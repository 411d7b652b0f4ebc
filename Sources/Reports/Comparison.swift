import Foundation
import Allocation

/// Several solved plans side by side; the first is the base the others are measured against.
public struct Comparison: Sendable {
    public struct SchoolChange: Sendable, Equatable {
        public var id: String
        public var name: String
        public var district: String
        public var socialIndex: Int?
        /// Pupil + teacher devices in each plan (0 where a plan lacks the school).
        public var devices: [Int]
        /// Largest absolute change against the base, signed.
        public var change: Int
    }

    public let plans: [Plan]
    public let figures: [PlanFigures]
    /// Union of pool ids, in the order they first appear.
    public let poolIDs: [String]
    public let levelKeys: [String]
    public let districtKeys: [String]
    /// Schools whose devices differ in some plan, largest change first.
    public let changes: [SchoolChange]

    public init(_ plans: [Plan]) {
        precondition(!plans.isEmpty)
        self.plans = plans
        figures = plans.map(PlanFigures.init)
        poolIDs = Self.union(plans.map { $0.pools.map(\.pool.id) })
        levelKeys = Self.union(figures.map { $0.byLevel.map(\.key) }).sorted(by: PlanFigures.levelOrder)
        districtKeys = Self.union(figures.map { $0.byDistrict.map(\.key) }).sorted(by: PlanFigures.nameOrder)
        var rows: [String: SchoolChange] = [:]
        for (i, plan) in plans.enumerated() {
            for a in plan.schools {
                var row = rows[a.school.id] ?? SchoolChange(id: a.school.id, name: a.school.name, district: a.school.district,
                                                            socialIndex: a.school.socialIndex,
                                                            devices: Array(repeating: 0, count: plans.count), change: 0)
                row.devices[i] = a.devices.reduce(0, +)
                rows[a.school.id] = row
            }
        }
        changes = rows.values.compactMap { row -> SchoolChange? in
            var r = row
            let deltas = r.devices.dropFirst().map { $0 - r.devices[0] }
            guard let biggest = deltas.max(by: { abs($0) < abs($1) }), biggest != 0 else { return nil }
            r.change = biggest
            return r
        }.sorted { abs($0.change) != abs($1.change) ? abs($0.change) > abs($1.change) : $0.id < $1.id }
    }

    static func union(_ lists: [[String]]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for list in lists { for x in list where seen.insert(x).inserted { out.append(x) } }
        return out
    }

    public func pool(_ id: String, in plan: Int) -> Plan.PoolUse? { plans[plan].pools.first { $0.pool.id == id } }
    public func level(_ key: String, in plan: Int) -> PlanFigures.Group? { figures[plan].byLevel.first { $0.key == key } }
    public func district(_ key: String, in plan: Int) -> PlanFigures.Group? { figures[plan].byDistrict.first { $0.key == key } }
}

/// The comparison as text for the terminal.
public enum ComparisonText {
    public static func render(_ c: Comparison, labels: [String], maxSchools: Int = 30) -> String {
        let n = c.plans.count
        var out = "Comparison (base: \(labels[0]))\n"
        for (i, plan) in c.plans.enumerated() { out += "  [\(i + 1)] \(labels[i]): \(plan.scenario.name) (\(plan.scenario.objective.rawValue))\n" }
        out += "\n"
        let cols = (1...n).map { "[\($0)]" }
        var pools = Table(["Pool spent / granted"] + cols + (n > 1 ? ["Δ vs [1]"] : []), rightAligned: Set(1...n + 1))
        for id in c.poolIDs {
            let uses = (0..<n).map { c.pool(id, in: $0) }
            let name = uses.compactMap { $0?.pool.name }.first ?? id
            pools.add(["\(name)"] + uses.map { u in u.map { "\($0.spent.formatted) / \($0.pool.budget.formatted)" } ?? "–" }
                      + (n > 1 ? [delta(money: uses.map { $0?.spent }, base: 0)] : []))
        }
        out += pools.render() + "\n"

        var totals = Table(["Totals"] + cols + (n > 1 ? ["Δ vs [1]"] : []), rightAligned: Set(1...n + 1))
        func addRow(_ name: String, _ values: [Int]) {
            totals.add([name] + values.map { groupDigits($0, separator: ",") } + (n > 1 ? [signed(values.dropFirst().map { $0 - values[0] })] : []))
        }
        addRow("Pupil devices", c.figures.map(\.total.pupilDevices))
        addRow("Pupil need", c.figures.map(\.total.pupilNeed))
        addRow("Teacher devices", c.figures.map(\.total.teacherDevices))
        totals.add(["Pupil coverage"] + c.figures.map { percentText($0.total.pupilCoverage) } + (n > 1 ? [""] : []))
        totals.add(["City's own money"] + c.plans.map(\.ownMoneySpent.formatted) + (n > 1 ? [delta(money: c.plans.map(\.ownMoneySpent), base: 0)] : []))
        totals.add(["Total spent"] + c.plans.map(\.totalCost.formatted) + (n > 1 ? [delta(money: c.plans.map(\.totalCost), base: 0)] : []))
        out += totals.render() + "\n"

        out += groupTable("Pupil devices by index level", keys: c.levelKeys, n: n) { c.level($0, in: $1) }
        out += groupTable("Pupil devices by district", keys: c.districtKeys, n: n) { c.district($0, in: $1) }

        if c.changes.isEmpty {
            out += "No school gets a different number of devices.\n"
        } else {
            out += "Schools that gain or lose devices (\(c.changes.count), largest change first)\n"
            var t = Table(["School", "Name", "Level"] + cols + ["Change"], rightAligned: Set(3...n + 3))
            for ch in c.changes.prefix(maxSchools) {
                t.add([ch.id, String(ch.name.prefix(40)), ch.socialIndex.map(String.init) ?? "–"]
                      + ch.devices.map { groupDigits($0, separator: ",") } + [signed([ch.change])])
            }
            out += t.render()
            if c.changes.count > maxSchools { out += "  … and \(c.changes.count - maxSchools) more (see --json or --out)\n" }
        }
        return out
    }

    static func groupTable(_ title: String, keys: [String], n: Int, _ lookup: (String, Int) -> PlanFigures.Group?) -> String {
        var t = Table([title] + (1...n).map { "[\($0)]" } + (n > 1 ? ["Δ vs [1]"] : []), rightAligned: Set(1...n + 1))
        for key in keys {
            let groups = (0..<n).map { lookup(key, $0) }
            let devices = groups.map { $0?.pupilDevices ?? 0 }
            t.add([key] + groups.map { g in g.map { "\(groupDigits($0.pupilDevices, separator: ",")) (\(percentText($0.pupilCoverage)))" } ?? "–" }
                  + (n > 1 ? [signed(devices.dropFirst().map { $0 - devices[0] })] : []))
        }
        return t.render() + "\n"
    }

    static func signed(_ values: [Int]) -> String {
        values.map { $0 > 0 ? "+\(groupDigits($0, separator: ","))" : $0 == 0 ? "0" : groupDigits($0, separator: ",") }
            .joined(separator: " / ")
    }

    static func delta(money: [Money?], base: Int) -> String {
        let b = money[base] ?? .zero
        return money.dropFirst().map { m in
            let d = (m ?? .zero) - b
            return d > .zero ? "+" + d.formatted : d.formatted
        }.joined(separator: " / ")
    }
}

/// The comparison as one JSON document (`allocate compare --json`, `comparison.json`).
public enum ComparisonJSON {
    public static func render(_ c: Comparison, labels: [String], timing: Bool = true) -> String {
        let n = c.plans.count
        func group(_ g: PlanFigures.Group?) -> JSONValue {
            guard let g else { return .null }
            return .object([("pupilNeed", .int(g.pupilNeed)), ("pupilDevices", .int(g.pupilDevices)),
                            ("pupilCoverage", g.pupilCoverage.map { .double($0) } ?? .null),
                            ("teacherDevices", .int(g.teacherDevices))])
        }
        let doc: JSONValue = .object([
            ("scenarios", .array((0..<n).map { i in
                .object([("label", .string(labels[i])), ("name", .string(c.plans[i].scenario.name)),
                         ("objective", .string(c.plans[i].scenario.objective.rawValue))])
            })),
            ("plans", .array(c.plans.map { PlanJSON.document($0, timing: timing) })),
            ("pools", .array(c.poolIDs.map { id in
                .object([("id", .string(id)), ("spent", .array((0..<n).map { c.pool(id, in: $0).map { .money($0.spent) } ?? .null })),
                         ("granted", .array((0..<n).map { c.pool(id, in: $0).map { .money($0.pool.budget) } ?? .null })),
                         ("remaining", .array((0..<n).map { c.pool(id, in: $0).map { .money($0.remaining) } ?? .null }))])
            })),
            ("byIndexLevel", .array(c.levelKeys.map { key in
                .object([("key", .string(key)), ("plans", .array((0..<n).map { group(c.level(key, in: $0)) }))])
            })),
            ("byDistrict", .array(c.districtKeys.map { key in
                .object([("key", .string(key)), ("plans", .array((0..<n).map { group(c.district(key, in: $0)) }))])
            })),
            ("schoolChanges", schoolChanges(c.changes)),
        ])
        return doc.render() + "\n"
    }

    /// Schools whose devices differ, one object each (as in `comparison.json`).
    public static func schoolChanges(_ changes: some Sequence<Comparison.SchoolChange>) -> JSONValue {
        .array(changes.map { ch in
            .object([("schulnummer", .string(ch.id)), ("name", .string(ch.name)), ("district", .string(ch.district)),
                     ("socialIndex", ch.socialIndex.map(JSONValue.int) ?? .null),
                     ("devices", .array(ch.devices.map(JSONValue.int))), ("change", .int(ch.change))])
        })
    }

    /// `school-changes.csv`: one row per school whose devices differ.
    public static func changesCSV(_ c: Comparison, labels: [String], dialect: CSVDialect = .rfc4180) -> String {
        var rows: [[CSVDialect.Cell]] = [(["schulnummer", "name", "district", "social_index"] + labels.map { "devices_\($0)" } + ["change"]).map { .text($0) }]
        for ch in c.changes {
            rows.append([.text(ch.id), .text(ch.name), .text(ch.district), .number(ch.socialIndex.map(String.init) ?? "")]
                        + ch.devices.map { .number(String($0)) } + [.number(String(ch.change))])
        }
        return dialect.render(rows)
    }
}
