import Foundation
import Allocation
import ScenarioFiles

/// A JSON value written with keys in a fixed order and numbers as given, so that the same
/// plan always gives the same bytes (euros keep their two decimals: 6100000.00).
public indirect enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number, already formatted as JSON.
    case number(String)
    case bool(Bool)
    case null

    static func money(_ m: Money) -> JSONValue { .number(m.plain) }
    static func int(_ i: Int) -> JSONValue { .number(String(i)) }
    static func double(_ d: Double, _ decimals: Int = 6) -> JSONValue { d.isFinite ? .number(fixed(d, decimals)) : .null }
    /// A share as its exact ratio (the rule of `Share`); null without one.
    static func share(_ s: Share?) -> JSONValue { s.map { .number($0.exactText) } ?? .null }

    public func render(indent: String = "") -> String {
        var out = ""
        render(into: &out, indent: indent)
        return out
    }

    /// Appends the value to `out`: one buffer for the whole document (building each level as
    /// its own string and joining them copied every byte once per level; the run history
    /// renders a plan.json on every recorded run, README "What recording costs").
    public func render(into out: inout String, indent: String) {
        switch self {
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (i, field) in fields.enumerated() {
                if i > 0 { out += ",\n" }
                out += inner
                Self.quote(field.0, into: &out)
                out += ": "
                field.1.render(into: &out, indent: inner)
            }
            out += "\n" + indent + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let inner = indent + "  "
            out += "[\n"
            for (i, item) in items.enumerated() {
                if i > 0 { out += ",\n" }
                out += inner
                item.render(into: &out, indent: inner)
            }
            out += "\n" + indent + "]"
        case .string(let s): Self.quote(s, into: &out)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    static func quote(_ s: String) -> String {
        var out = ""
        quote(s, into: &out)
        return out
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: appended whole.
        if !s.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}

/// `plan.json` and `allocate solve --json`.
public enum PlanJSON {
    /// With an audit record, its time decides: a given (reproducible) time leaves out the
    /// measured seconds, so that the same inputs give the same bytes.
    public static func render(_ plan: Plan, timing: Bool = true, audit: AuditRecord? = nil) -> String {
        document(plan, timing: timing && !(audit?.reproducible ?? false), audit: audit).render() + "\n"
    }

    /// Without `schools`, the per-school list is left out (the web planner's compact summary).
    public static func document(_ plan: Plan, timing: Bool = true, audit: AuditRecord? = nil, schools includeSchools: Bool = true) -> JSONValue {
        let fig = PlanFigures(plan)
        let pools: [JSONValue] = plan.pools.map { use in
            .object([("id", .string(use.pool.id)), ("name", .string(use.pool.name)), ("granted", .money(use.pool.budget)),
                     ("spent", .money(use.spent)), ("remaining", .money(use.remaining)), ("ownMoney", .bool(use.pool.isOwnMoney))])
        }
        let schools: [JSONValue] = !includeSchools ? [] : plan.schools.map { a in
            let s = a.school
            return .object([
                ("schulnummer", .string(s.id)), ("name", .string(s.name)), ("form", .string(s.form)),
                ("district", .string(s.district)), ("socialIndex", s.socialIndex.map(JSONValue.int) ?? .null),
                ("level", .string(PlanFigures.levelKey(s, plan.scenario))),
                ("pupils", .int(s.pupils)), ("teachers", .int(s.teachers)),
                ("pupilNeed", .int(fig.pupilNeed(a))), ("pupilDevices", .int(fig.pupilDevices(a))),
                ("teacherDevices", .int(fig.teacherDevices(a))),
                ("devices", .object(plan.kinds.enumerated().map { ($1.id, .int(a.devices[$0])) })),
                ("need", .object(plan.kinds.enumerated().map { ($1.id, .int(a.need[$0])) })),
                ("funding", .object(plan.pools.enumerated().map { ($1.pool.id, .money(a.funding(pool: $0))) })),
                ("cost", .money(a.cost)),
            ])
        }
        func group(_ g: PlanFigures.Group) -> JSONValue {
            .object([("key", .string(g.key)), ("schools", .int(g.schools)), ("pupilNeed", .int(g.pupilNeed)),
                     ("pupilDevices", .int(g.pupilDevices)), ("pupilCoverage", .share(g.pupilShare)),
                     ("teacherNeed", .int(g.teacherNeed)), ("teacherDevices", .int(g.teacherDevices)), ("cost", .money(g.cost))])
        }
        let s = plan.solver
        var solver: [(String, JSONValue)] = [
            ("status", .string(s.status.rawValue)), ("objectiveName", .string(s.objectiveName)),
            ("objective", .double(s.objective)), ("bestBound", .double(s.bestBound)), ("gapDevices", .int(s.gapDevices)),
            ("guaranteedCoverage", plan.guaranteedCoverage.map { .share(Share($0)) } ?? .null),
            ("guaranteedCoverageByKind", plan.hasKindGuarantees
                ? .object(plan.kinds.enumerated().map { k, kind in (kind.id, plan.kindCoverage[k].map { .share(Share($0)) } ?? .null) })
                : .null),
            ("stoppedAtTimeLimit", .bool(s.stoppedAtTimeLimit)),
            ("relativeGap", .double(s.relativeGap, 8)), ("timeLimitSeconds", .double(s.timeLimitSeconds, 3)),
            ("glpkVersion", .string(s.solverVersion)),
            ("stages", .array(s.stages.map { st in
                .object([("name", .string(st.name)), ("status", .string(st.status.rawValue)),
                         ("objective", .double(st.objective)), ("bestBound", .double(st.bestBound))])
            })),
        ]
        solver.append(("seconds", timing ? .double(s.seconds, 4) : .null))
        var fields: [(String, JSONValue)] = [
            ("scenario", .string(plan.scenario.name)),
            ("objective", .string(plan.scenario.objective.rawValue)),
            ("pools", .array(pools)),
            ("deviceKinds", .array(plan.kinds.enumerated().map { k, kind in
                .object([("id", .string(kind.id)), ("label", .string(kind.label)), ("unitPrice", .money(kind.unitPrice)),
                         ("devices", .int(plan.totalDevices(kind: k))), ("need", .int(plan.totalNeed(kind: k))),
                         ("coverage", .share(Share(plan.totalDevices(kind: k), of: plan.totalNeed(kind: k))))])
            })),
            ("totals", .object([
                ("schools", .int(plan.schools.count)), ("pupilNeed", .int(fig.total.pupilNeed)),
                ("pupilDevices", .int(fig.total.pupilDevices)), ("pupilCoverage", .share(fig.total.pupilShare)),
                ("teacherNeed", .int(fig.total.teacherNeed)), ("teacherDevices", .int(fig.total.teacherDevices)),
                ("granted", .money(plan.pools.sum { $0.pool.budget })), ("spent", .money(plan.totalCost)),
                ("remaining", .money(plan.pools.sum { $0.remaining })), ("ownMoneySpent", .money(plan.ownMoneySpent)),
            ])),
            ("byIndexLevel", .array(fig.byLevel.map(group))),
            ("byDistrict", .array(fig.byDistrict.map(group))),
        ]
        if includeSchools { fields.append(("schools", .array(schools))) }
        fields.append(("solver", .object(solver)))
        if let audit { fields.append(("audit", audit.json)) }
        return .object(fields)
    }
}

/// The CSV flavours: RFC 4180 (comma, decimal point, UTF-8) by default; `excel-de` is what
/// German Excel opens with a double click (semicolon, decimal comma, UTF-8 with BOM).
public enum CSVDialect: String, Sendable, CaseIterable {
    case rfc4180
    case excelDE = "excel-de"

    public enum Cell {
        case text(String)
        /// A number written with a decimal point ("6100000.00"); the dialect picks the mark.
        case number(String)
    }

    public func render(_ rows: [[Cell]]) -> String {
        let separator: Character = self == .excelDE ? ";" : ","
        let body = rows.map { row in
            row.map { cell -> String in
                switch cell {
                case .number(let n): return self == .excelDE ? n.replacingOccurrences(of: ".", with: ",") : n
                case .text(let t): return CSVField.quoted(t, separator: separator)
                }
            }.joined(separator: String(separator))
        }.joined(separator: "\r\n") + "\r\n"
        return self == .excelDE ? "\u{FEFF}" + body : body
    }
}

/// `schools.csv` and `pools.csv`.
public enum PlanCSV {
    /// `language`: the header set — German with `--lang de` (the kinds and pools by their
    /// labels and names), the English set as before by default.
    public static func schools(_ plan: Plan, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .en) -> String {
        let h = Words(language: language).csvSchools, de = language == .de
        var header = h.fixed
        for kind in plan.kinds { header += [h.need(de ? kind.label : kind.id), h.devices(de ? kind.label : kind.id)] }
        header += plan.pools.map { h.funding(de ? $0.pool.name : $0.pool.id) } + [h.cost]
        var rows: [[CSVDialect.Cell]] = [header.map { .text($0) }]
        for a in plan.schools {
            let s = a.school
            var row: [CSVDialect.Cell] = [.text(s.id), .text(s.name), .text(s.form), .text(s.district),
                                          .number(s.socialIndex.map(String.init) ?? ""), .number(String(s.pupils)), .number(String(s.teachers))]
            for k in plan.kinds.indices { row += [.number(String(a.need[k])), .number(String(a.devices[k]))] }
            row += plan.pools.indices.map { .number(a.funding(pool: $0).plain) } + [.number(a.cost.plain)]
            rows.append(row)
        }
        return dialect.render(rows)
    }

    public static func pools(_ plan: Plan, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .en) -> String {
        let w = Words(language: language)
        var rows: [[CSVDialect.Cell]] = [w.csvPools.map { .text($0) }]
        for u in plan.pools {
            rows.append([.text(u.pool.id), .text(u.pool.name), .number(u.pool.budget.plain), .number(u.spent.plain),
                         .number(u.remaining.plain), .text(u.pool.isOwnMoney ? w.csvTrue : w.csvFalse)])
        }
        return dialect.render(rows)
    }
}
