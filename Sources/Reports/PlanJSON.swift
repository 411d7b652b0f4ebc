import Foundation
import Allocation
import ScenarioFiles

/// A JSON value written with keys in a fixed order and numbers as given, so that the same
/// plan always gives the same bytes (euros keep their two decimals: 6100000.00).
/// Not `indirect`: objects and arrays hold their values in an array's storage already, and an
/// indirect enum boxed every value on the heap (a plan.json of 155 schools: about 20,000 boxes
/// made and freed per rendering, README "What recording costs").
public enum JSONValue: Sendable {
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
        String(decoding: bytes(indent: indent), as: UTF8.self)
    }

    /// The rendered UTF-8 bytes (what `render` returns as a String, without checking them again).
    public func bytes(indent: String = "", capacity: Int = 4096) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        render(into: &out, depth: 0, prefix: Array(indent.utf8))
        return out
    }

    /// Indents up to 32 levels appended whole (most of a pretty-printed document's bytes are spaces).
    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// Appends the value's UTF-8 to `out`: one byte buffer for the whole document, indents
    /// written as runs of spaces (a plan.json of 155 schools has about 20,000 values; building
    /// it as Strings was most of the cost of recording a run, README "What recording costs").
    /// `prefix` starts every line after the first (the indent the document is rendered at).
    func render(into out: inout [UInt8], depth: Int, prefix: [UInt8]) {
        func newline(_ depth: Int) {
            out.append(0x0A)
            if !prefix.isEmpty { out.append(contentsOf: prefix) }
            if depth <= 32 {
                Self.spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0 ..< 2 &* depth])) }
            } else {
                for _ in 0..<depth { out.append(0x20); out.append(0x20) }
            }
        }
        switch self {
        case .object(let fields):
            if fields.isEmpty { out.append(0x7B); out.append(0x7D); return }
            out.append(0x7B)
            for (i, field) in fields.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(depth + 1)
                Self.quote(field.0, into: &out)
                out.append(0x3A); out.append(0x20)
                field.1.render(into: &out, depth: depth + 1, prefix: prefix)
            }
            newline(depth)
            out.append(0x7D)
        case .array(let items):
            if items.isEmpty { out.append(0x5B); out.append(0x5D); return }
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(depth + 1)
                item.render(into: &out, depth: depth + 1, prefix: prefix)
            }
            newline(depth)
            out.append(0x5D)
        case .string(let s): Self.quote(s, into: &out)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The string as a JSON string: `"` and `\` escaped, control characters as \n, \r, \t or \u00XX;
    /// everything else (UTF-8 included) as it is.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            // Most strings need no escape: appended whole.
            var from = 0
            for (i, b) in bytes.enumerated() where b == 0x22 || b == 0x5C || b < 0x20 {
                out.append(contentsOf: bytes[from..<i])
                from = i + 1
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            out.append(contentsOf: bytes[from...])
        }
        out.append(0x22)
    }
}

/// `plan.json` and `allocate solve --json`.
public enum PlanJSON {
    /// With an audit record, its time decides: a given (reproducible) time leaves out the
    /// measured seconds, so that the same inputs give the same bytes.
    public static func render(_ plan: Plan, timing: Bool = true, audit: AuditRecord? = nil) -> String {
        String(decoding: bytes(plan, timing: timing, audit: audit), as: UTF8.self)
    }

    /// The same document as UTF-8 bytes (the run history keeps these: no String made and
    /// checked again on the way, README "What recording costs").
    public static func bytes(_ plan: Plan, timing: Bool = true, audit: AuditRecord? = nil) -> [UInt8] {
        // About 740 bytes a school (a plan.json of 155 schools: 114 KB): one buffer, rarely grown.
        var out = document(plan, timing: timing && !(audit?.reproducible ?? false), audit: audit)
            .bytes(capacity: 8192 + 768 * plan.schools.count)
        out.append(0x0A)
        return out
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
        // One string for the whole table (joining a string per row and per field copied every byte twice).
        var out = self == .excelDE ? "\u{FEFF}" : ""
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out.append(separator) }
                switch cell {
                case .number(let n):
                    if self == .excelDE, n.utf8.contains(UInt8(ascii: ".")) {
                        out += String(decoding: n.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: ",") : $0 }, as: UTF8.self)
                    } else { out += n }
                case .text(let t): out += CSVField.quoted(t, separator: separator)
                }
            }
            out += "\r\n"
        }
        if rows.isEmpty { out += "\r\n" }  // as the joined form gave
        return out
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
