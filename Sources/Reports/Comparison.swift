import Foundation
import Allocation

/// Several solved plans side by side. The one definition of a comparison for every output
/// (`compare`, `report --compare`, the web planner's screen and every download):
///
/// - the first plan is the baseline (the reference); the others are the compared scenarios;
/// - every change is Δ = scenario − baseline, one Δ column per compared scenario;
/// - columns are headed by the scenarios' titles (their `name`), the file name is a note;
/// - counts and money change by their difference; a share changes by the difference of the
///   shown (rounded-down, `Share`) figures, in percentage points.
///
/// Every output renders `lines` and `changes`, so that each figure is computed once.
public struct Comparison: Sendable {
    /// A compared scenario: its title (the scenario's name) and its file name (the label).
    public struct Column: Sendable, Equatable {
        public var title: String
        public var label: String
    }

    /// A figure of one plan.
    public enum Value: Sendable, Equatable {
        case count(Int)
        case money(Money)
        case share(Share)
    }

    /// A change against the baseline.
    public enum Delta: Sendable, Equatable {
        case count(Int)
        case money(Money)
        /// Tenths of a percentage point, of the shown figures.
        case points(Int)
    }

    public enum Section: String, Sendable, CaseIterable {
        case pools, devices, levels, districts
    }

    /// One row of a comparison: a figure in every plan and its changes.
    public struct Line: Sendable {
        /// Stable key, e.g. "pool.sofort.granted", "kind.laptop.devices", "level.4.pupilShare".
        public var id: String
        public var section: Section
        /// The group (pool name, level key, district) the line belongs to; "" for none.
        public var group: String
        /// What the line counts, in German and English.
        public var de: String, en: String
        /// One value per plan (nil: the plan has no such pool).
        public var values: [Value?]

        public func label(_ language: ReportLanguage) -> String { language == .de ? de : en }

        /// Δ = values[i] − values[0] (the baseline); nil where either value is missing.
        public func delta(_ i: Int) -> Delta? {
            switch (values[0], values[i]) {
            case let (.count(b)?, .count(v)?): return .count(v - b)
            case let (.money(b)?, .money(v)?): return .money(v - b)
            case let (.share(b)?, .share(v)?): return .points(v.permille - b.permille)
            default: return nil
            }
        }

        /// The changes of the compared scenarios, in order (index 1...).
        public var deltas: [Delta?] { (1..<values.count).map(delta) }
    }

    /// A school whose devices differ in some plan, pupil and teacher devices apart.
    public struct SchoolChange: Sendable, Equatable {
        public var id: String
        public var name: String
        public var district: String
        /// The school's own social-index level (nil: none given).
        public var socialIndex: Int?
        /// The level it is grouped under (`PlanFigures.levelKey`).
        public var level: String
        /// Devices of each kind (`Comparison.kindIDs`) in each plan: devices[plan][kind].
        public var devices: [[Int]]
        /// Pupil devices (kinds on the pupils basis) in each plan.
        public var pupilDevices: [Int]
        /// Teacher devices (kinds on the teachers basis) in each plan.
        public var teacherDevices: [Int]

        /// Pupil + teacher devices, labelled as a total wherever shown.
        public var totalDevices: [Int] { zip(pupilDevices, teacherDevices).map { $0 + $1 } }
        /// Δ pupil devices of compared plan i (1...) against the baseline.
        public func pupilChange(_ i: Int) -> Int { pupilDevices[i] - pupilDevices[0] }
        public func teacherChange(_ i: Int) -> Int { teacherDevices[i] - teacherDevices[0] }
        public func totalChange(_ i: Int) -> Int { totalDevices[i] - totalDevices[0] }
        /// The largest total change against the baseline, signed (the sort key).
        public var largestChange: Int {
            (1..<totalDevices.count).map(totalChange).max { abs($0) < abs($1) } ?? 0
        }
    }

    public let plans: [Plan]
    public let figures: [PlanFigures]
    public let columns: [Column]
    /// Union of pool ids and of device-kind ids, in the order they first appear.
    public let poolIDs: [String]
    public let kindIDs: [String]
    public let levelKeys: [String]
    public let districtKeys: [String]
    public let lines: [Line]
    /// Schools whose devices differ in some plan, largest total change first.
    public let changes: [SchoolChange]

    public var baseline: Plan { plans[0] }

    /// `labels`: the file names (without folder and extension), one per plan.
    public init(_ plans: [Plan], labels: [String]) {
        precondition(!plans.isEmpty && labels.count == plans.count)
        self.plans = plans
        figures = plans.map(PlanFigures.init)
        columns = zip(plans, labels).map { Column(title: $0.scenario.name, label: $1) }
        poolIDs = Self.union(plans.map { $0.pools.map(\.pool.id) })
        kindIDs = Self.union(plans.map { $0.kinds.map(\.id) })
        levelKeys = Self.union(figures.map { $0.byLevel.map(\.key) }).sorted(by: PlanFigures.levelOrder)
        districtKeys = PlanFigures.sortedByName(Self.union(figures.map { $0.byDistrict.map(\.key) }))
        lines = Self.lines(plans, figures, poolIDs: poolIDs, kindIDs: kindIDs, levelKeys: levelKeys, districtKeys: districtKeys)

        var rows: [String: SchoolChange] = [:]
        let zero = Array(repeating: 0, count: plans.count)
        for (i, plan) in plans.enumerated() {
            let fig = figures[i]
            for a in plan.schools {
                var row = rows[a.school.id] ?? SchoolChange(
                    id: a.school.id, name: a.school.name, district: a.school.district, socialIndex: a.school.socialIndex,
                    level: PlanFigures.levelKey(a.school, plan.scenario),
                    devices: Array(repeating: Array(repeating: 0, count: kindIDs.count), count: plans.count),
                    pupilDevices: zero, teacherDevices: zero)
                for (k, kind) in plan.kinds.enumerated() { row.devices[i][kindIDs.firstIndex(of: kind.id)!] = a.devices[k] }
                row.pupilDevices[i] = fig.pupilDevices(a)
                row.teacherDevices[i] = fig.teacherDevices(a)
                rows[a.school.id] = row
            }
        }
        changes = rows.values.filter { r in r.devices.contains { $0 != r.devices[0] } }
            .sorted { abs($0.largestChange) != abs($1.largestChange) ? abs($0.largestChange) > abs($1.largestChange) : $0.id < $1.id }
    }

    static func union(_ lists: [[String]]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for list in lists { for x in list where seen.insert(x).inserted { out.append(x) } }
        return out
    }

    static func lines(_ plans: [Plan], _ figures: [PlanFigures], poolIDs: [String], kindIDs: [String],
                      levelKeys: [String], districtKeys: [String]) -> [Line] {
        var out = headline(plans, totals: figures.map(\.total), poolIDs: poolIDs, kindIDs: kindIDs)
        let de = Words(language: .de), en = Words(language: .en)
        // Per index level and per district: pupil devices, their coverage, teacher devices.
        func groupLines(_ section: Section, _ prefix: String, _ keys: [String], _ pick: (PlanFigures) -> [PlanFigures.Group],
                        group: (Words, String) -> String) {
            for key in keys {
                let gs = figures.map { f in pick(f).first { $0.key == key } }
                out.append(Line(id: "\(prefix).\(key).pupilDevices", section: section, group: key, de: de.lineGroupPupilDevices(group(de, key)), en: en.lineGroupPupilDevices(group(en, key)),
                                values: gs.map { .count($0?.pupilDevices ?? 0) }))
                out.append(Line(id: "\(prefix).\(key).pupilShare", section: section, group: key, de: de.lineGroupShare(group(de, key)), en: en.lineGroupShare(group(en, key)),
                                values: gs.map { $0?.pupilShare.map { .share($0) } }))
                out.append(Line(id: "\(prefix).\(key).teacherDevices", section: section, group: key, de: de.lineGroupTeacherDevices(group(de, key)), en: en.lineGroupTeacherDevices(group(en, key)),
                                values: gs.map { .count($0?.teacherDevices ?? 0) }))
            }
        }
        groupLines(.levels, "level", levelKeys, \.byLevel) { w, key in w.lineLevel(key) }
        groupLines(.districts, "district", districtKeys, \.byDistrict) { _, key in key }
        return out
    }

    /// The pool and device lines of one plan, exactly as `Comparison([plan], labels:).lines`
    /// has them, without the level and district lines and the school changes: the run
    /// history's headline figures, worked out on every recorded run (README "What recording costs").
    /// `total`: the plan's `PlanFigures` total, when the caller has it already.
    public static func headlineLines(_ plan: Plan, total: PlanFigures.Group? = nil) -> [Line] {
        headline([plan], totals: [total ?? PlanFigures.total(plan)], poolIDs: union([plan.pools.map(\.pool.id)]),
                 kindIDs: union([plan.kinds.map(\.id)]))
    }

    /// The pool lines (per pool granted, spent, left; the totals and own money) and the device
    /// lines (per kind devices, need, coverage; pupil and teacher devices in all) of `plans`,
    /// whose `PlanFigures` totals are `totals`.
    static func headline(_ plans: [Plan], totals: [PlanFigures.Group], poolIDs: [String], kindIDs: [String]) -> [Line] {
        var out: [Line] = []
        // Every label in both languages, from the one language layer.
        let de = Words(language: .de), en = Words(language: .en)
        // Pools: granted, spent, left; then the totals and the city's own money.
        for id in poolIDs {
            let uses = plans.map { $0.pools.first { $0.pool.id == id } }
            let name = uses.compactMap { $0?.pool.name }.first ?? id
            out.append(Line(id: "pool.\(id).granted", section: .pools, group: name, de: de.linePoolGranted(name), en: en.linePoolGranted(name),
                            values: uses.map { $0.map { .money($0.pool.budget) } }))
            out.append(Line(id: "pool.\(id).spent", section: .pools, group: name, de: de.linePoolSpent(name), en: en.linePoolSpent(name),
                            values: uses.map { $0.map { .money($0.spent) } }))
            out.append(Line(id: "pool.\(id).left", section: .pools, group: name, de: de.linePoolLeft(name), en: en.linePoolLeft(name),
                            values: uses.map { $0.map { .money($0.remaining) } }))
        }
        out.append(Line(id: "total.granted", section: .pools, group: "", de: de.lineTotalGranted, en: en.lineTotalGranted,
                        values: plans.map { .money($0.pools.sum { $0.pool.budget }) }))
        out.append(Line(id: "total.spent", section: .pools, group: "", de: de.lineTotalSpent, en: en.lineTotalSpent,
                        values: plans.map { .money($0.totalCost) }))
        out.append(Line(id: "total.left", section: .pools, group: "", de: de.lineTotalLeft, en: en.lineTotalLeft,
                        values: plans.map { .money($0.pools.sum { $0.remaining }) }))
        out.append(Line(id: "total.ownMoney", section: .pools, group: "", de: de.ownMoney, en: en.ownMoney,
                        values: plans.map { .money($0.ownMoneySpent) }))
        // Devices per kind: planned, need, coverage.
        for id in kindIDs {
            let ks = plans.map { p in p.kinds.firstIndex { $0.id == id } }
            let kind = zip(plans, ks).compactMap { p, k in k.map { p.kinds[$0] } }.first
            let label = kind?.label ?? id, labelDe = kind.map(de.kindLabel) ?? id, labelEn = kind.map(en.kindLabel) ?? id
            out.append(Line(id: "kind.\(id).devices", section: .devices, group: label, de: de.lineKindDevices(labelDe), en: en.lineKindDevices(labelEn),
                            values: zip(plans, ks).map { p, k in k.map { .count(p.totalDevices(kind: $0)) } }))
            out.append(Line(id: "kind.\(id).need", section: .devices, group: label, de: de.lineKindNeed(labelDe), en: en.lineKindNeed(labelEn),
                            values: zip(plans, ks).map { p, k in k.map { .count(p.totalNeed(kind: $0)) } }))
            out.append(Line(id: "kind.\(id).share", section: .devices, group: label, de: de.lineKindShare(labelDe), en: en.lineKindShare(labelEn),
                            values: zip(plans, ks).map { p, k in k.flatMap { Share(p.totalDevices(kind: $0), of: p.totalNeed(kind: $0)).map { .share($0) } } }))
        }
        out.append(Line(id: "total.pupilDevices", section: .devices, group: "", de: de.lineAllPupilDevices, en: en.lineAllPupilDevices,
                        values: totals.map { .count($0.pupilDevices) }))
        out.append(Line(id: "total.pupilShare", section: .devices, group: "", de: de.pupilCoverage, en: en.pupilCoverage,
                        values: totals.map { $0.pupilShare.map { .share($0) } }))
        out.append(Line(id: "total.teacherDevices", section: .devices, group: "", de: de.lineTeacherDevicesAll, en: en.lineTeacherDevicesAll,
                        values: totals.map { .count($0.teacherDevices) }))
        return out
    }

    public func line(_ id: String) -> Line? { lines.first { $0.id == id } }

    /// Column headings: the titles, made unique with the file name where two are the same.
    public var titles: [String] {
        columns.map { c in columns.filter { $0.title == c.title }.count > 1 ? "\(c.title) (\(c.label))" : c.title }
    }

    /// Section headings.
    public static func heading(_ s: Section, _ language: ReportLanguage) -> String {
        let w = Words(language: language)
        switch s {
        case .pools: return w.pools
        case .devices: return w.devicesPerKind
        case .levels: return w.byLevel
        case .districts: return w.byDistrict
        }
    }

    /// A value as text in a language (locale-free).
    public static func text(_ v: Value?, _ f: NumberStyle) -> String {
        switch v {
        case .count(let n)?: return f.int(n)
        case .money(let m)?: return f.money(m)
        case .share(let s)?: return f.share(s)
        case nil: return "–"
        }
    }

    public static func text(_ d: Delta?, _ f: NumberStyle) -> String {
        switch d {
        case .count(let n)?: return f.delta(n)
        case .money(let m)?: return f.delta(m)
        case .points(let p)?: return f.points(p)
        case nil: return "–"
        }
    }

    /// The sentence that says what Δ means, for every output.
    public static func definition(_ language: ReportLanguage) -> String {
        Words(language: language).deltaDefinition
    }
}

/// The comparison as text for the terminal, in the terminal's language (English by default).
public enum ComparisonText {
    public static func render(_ c: Comparison, maxSchools: Int = 30, language: ReportLanguage = .en) -> String {
        let n = c.plans.count, w = Words(language: language), f = w.f
        var out = w.comparisonHeadline(c.titles[0])
        for (i, col) in c.columns.enumerated() {
            let objective = w.objectiveShort(c.plans[i].scenario.objective, maximin: c.plans[i].scenario.maximin.guarantee)
            out += w.comparisonColumn(i + 1, c.titles[i], col.label, objective, baseline: i == 0)
            // A plan the time limit stopped (it bounds the whole command) says so, with its bound.
            if c.plans[i].solver.stoppedAtTimeLimit { out += "      \(w.status): \(w.statusSentence(c.plans[i]))\n" }
        }
        out += "  " + Comparison.definition(language) + "\n\n"
        let heads = shortTitles(c.titles).enumerated().map { "[\($0 + 1)] " + short($1, 24) }
        let deltaHeads = (1..<max(n, 1)).map { "Δ [\($0 + 1)]−[1]" }
        for section in Comparison.Section.allCases {
            var t = Table([Comparison.heading(section, language)] + heads + deltaHeads, rightAligned: Set(1...(n + deltaHeads.count)))
            for line in c.lines where line.section == section {
                t.add([line.label(language)] + line.values.map { Comparison.text($0, f) } + line.deltas.map { Comparison.text($0, f) })
            }
            out += t.render() + "\n"
        }
        if c.changes.isEmpty {
            out += w.noChanges + "\n"
        } else {
            out += w.changesTitle(c.changes.count)
            var header = [w.changesSchool, w.changesName, w.levelColumn]
            header += (0..<n).map { w.pupilColumn($0 + 1) } + (1..<n).map { w.deltaPupilColumn($0 + 1) }
            header += (0..<n).map { w.teacherColumn($0 + 1) } + (1..<n).map { w.deltaTeacherColumn($0 + 1) }
            var t = Table(header, rightAligned: Set(3..<header.count))
            for ch in c.changes.prefix(maxSchools) {
                t.add([ch.id, short(ch.name, 40), w.groupKey(ch.level)]
                      + ch.pupilDevices.map(f.int) + (1..<n).map { f.delta(ch.pupilChange($0)) }
                      + ch.teacherDevices.map(f.int) + (1..<n).map { f.delta(ch.teacherChange($0)) })
            }
            out += t.render()
            if c.changes.count > maxSchools { out += w.andMore(c.changes.count - maxSchools) }
        }
        return out
    }

    static func short(_ s: String, _ limit: Int) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }

    /// The titles without the words they all begin with ("Dortmund 2020/21 – "), for narrow
    /// column heads; the full titles are listed above the tables.
    static func shortTitles(_ titles: [String]) -> [String] {
        guard titles.count > 1 else { return titles }
        var prefix = titles[0]
        for t in titles.dropFirst() { while !t.hasPrefix(prefix) { prefix.removeLast() } }
        // Cut only after a space, so that no word is split.
        while let last = prefix.last, last != " " { prefix.removeLast() }
        return titles.map { t in
            let rest = String(t.dropFirst(prefix.count))
            return rest.isEmpty ? t : rest
        }
    }
}

/// The comparison as one JSON document (`allocate compare --json`, `comparison.json`).
///
/// Numbers: counts as integers, money in euros with two decimals, shares as the exact ratio
/// (`Share.exactText`) with `shown` holding the figure every text output prints (rounded
/// down), and a share's Δ in percentage points of the shown figures (`deltaUnit`).
public enum ComparisonJSON {
    public static func render(_ c: Comparison, timing: Bool = true) -> String {
        document(c, timing: timing).render() + "\n"
    }

    public static func document(_ c: Comparison, timing: Bool = true, plans: Bool = true) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("definition", .string(Comparison.definition(.en))),
            ("baseline", .int(0)),
            ("scenarios", .array(c.columns.enumerated().map { i, col in
                .object([("title", .string(c.titles[i])), ("label", .string(col.label)), ("name", .string(c.plans[i].scenario.name)),
                         ("objective", .string(c.plans[i].scenario.objective.rawValue)), ("baseline", .bool(i == 0))])
            })),
            ("figures", lines(c)),
            ("schoolChanges", schoolChanges(c.changes, kinds: c.kindIDs)),
        ]
        if plans { fields.insert(("plans", .array(c.plans.map { PlanJSON.document($0, timing: timing) })), at: 3) }
        return .object(fields)
    }

    public static func lines(_ c: Comparison) -> JSONValue { lines(c.lines) }

    /// Figure lines as JSON objects (also the years comparison's, `YearsComparisonJSON`).
    public static func lines(_ lines: [Comparison.Line]) -> JSONValue {
        let f = NumberStyle(.en)
        return .array(lines.map { line in
            let isShare = line.values.contains { if case .share? = $0 { return true } else { return false } }
            var o: [(String, JSONValue)] = [("id", .string(line.id)), ("section", .string(line.section.rawValue)),
                                             ("label", .string(line.en)), ("labelDe", .string(line.de))]
            o.append(("values", .array(line.values.map(value))))
            if isShare { o.append(("shown", .array(line.values.map { .string(Comparison.text($0, f)) }))) }
            o.append(("deltas", .array([.null] + line.deltas.map(delta))))
            if isShare { o.append(("deltaUnit", .string("percentage points of the shown shares"))) }
            return .object(o)
        })
    }

    static func value(_ v: Comparison.Value?) -> JSONValue {
        switch v {
        case .count(let n)?: return .int(n)
        case .money(let m)?: return .money(m)
        case .share(let s)?: return .number(s.exactText)
        case nil: return .null
        }
    }

    static func delta(_ d: Comparison.Delta?) -> JSONValue {
        switch d {
        case .count(let n)?: return .int(n)
        case .money(let m)?: return .money(m)
        case .points(let p)?: return .number((p < 0 ? "-" : "") + "\(abs(p) / 10).\(abs(p) % 10)")
        case nil: return .null
        }
    }

    /// Schools whose devices differ, one object each: pupil and teacher devices apart, each
    /// kind, and a total labelled as one; changes against the baseline (index 0 is null).
    public static func schoolChanges(_ changes: some Sequence<Comparison.SchoolChange>, kinds: [String]) -> JSONValue {
        .array(changes.map { ch in
            let n = ch.pupilDevices.count
            return .object([
                ("schulnummer", .string(ch.id)), ("name", .string(ch.name)), ("district", .string(ch.district)),
                ("socialIndex", ch.socialIndex.map(JSONValue.int) ?? .null), ("level", .string(ch.level)),
                ("pupilDevices", .array(ch.pupilDevices.map(JSONValue.int))),
                ("teacherDevices", .array(ch.teacherDevices.map(JSONValue.int))),
                ("devicesByKind", .object(kinds.enumerated().map { k, id in (id, .array(ch.devices.map { .int($0[k]) })) })),
                ("totalDevices", .array(ch.totalDevices.map(JSONValue.int))),
                ("pupilChange", .array([.null] + (1..<n).map { .int(ch.pupilChange($0)) })),
                ("teacherChange", .array([.null] + (1..<n).map { .int(ch.teacherChange($0)) })),
                ("totalChange", .array([.null] + (1..<n).map { .int(ch.totalChange($0)) })),
            ])
        })
    }

    /// `school-changes.csv`: one row per school whose devices differ; pupil and teacher
    /// devices apart, each with its Δ against the baseline (the first scenario).
    /// `language`: the header set (German with `--lang de`; English, as before, by default).
    public static func changesCSV(_ c: Comparison, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .en) -> String {
        let n = c.plans.count, labels = c.columns.map(\.label), h = Words(language: language).csvChanges
        var header = h.fixed
        header += labels.map(h.pupil) + labels.dropFirst().map(h.deltaPupil)
        header += labels.map(h.teacher) + labels.dropFirst().map(h.deltaTeacher)
        var rows: [[CSVDialect.Cell]] = [header.map { .text($0) }]
        for ch in c.changes {
            var row: [CSVDialect.Cell] = [.text(ch.id), .text(ch.name), .text(ch.district), .number(ch.socialIndex.map(String.init) ?? ""), .text(ch.level)]
            row += ch.pupilDevices.map { .number(String($0)) } + (1..<n).map { .number(String(ch.pupilChange($0))) }
            row += ch.teacherDevices.map { .number(String($0)) } + (1..<n).map { .number(String(ch.teacherChange($0))) }
            rows.append(row)
        }
        return dialect.render(rows)
    }

    /// `comparison.csv`: every figure of the comparison, one row each, with its Δ columns.
    public static func figuresCSV(_ c: Comparison, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .en) -> String {
        figuresCSV(c.lines, labels: c.columns.map(\.label), dialect: dialect, language: language)
    }

    /// Figure lines as CSV rows with their Δ columns (also the years comparison's).
    public static func figuresCSV(_ lines: [Comparison.Line], labels: [String], dialect: CSVDialect = .rfc4180,
                                  language: ReportLanguage = .en) -> String {
        let h = Words(language: language).csvFigures
        var rows: [[CSVDialect.Cell]] = [(h.fixed + labels + labels.dropFirst().map(h.delta)).map { .text($0) }]
        for line in lines {
            var row: [CSVDialect.Cell] = [.text(line.id), .text(line.label(language))]
            row += line.values.map { v -> CSVDialect.Cell in
                switch v {
                case .count(let n)?: return .number(String(n))
                case .money(let m)?: return .number(m.plain)
                case .share(let s)?: return .number(s.exactText)
                case nil: return .text("")
                }
            }
            row += line.deltas.map { d -> CSVDialect.Cell in
                switch d {
                case .count(let n)?: return .number(String(n))
                case .money(let m)?: return .number(m.plain)
                case .points(let p)?: return .number((p < 0 ? "-" : "") + "\(abs(p) / 10).\(abs(p) % 10)")
                case nil: return .text("")
                }
            }
            rows.append(row)
        }
        return dialect.render(rows)
    }
}
