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

    /// `indent` starts every line after the first (the indent the document is rendered at).
    public func render(indent: String = "") -> String {
        String(decoding: bytes(indent: indent), as: UTF8.self)
    }

    /// The rendered UTF-8 bytes (what `render` returns as a String, without checking them again),
    /// written by `JSONWriter` (the one JSON format of the tool).
    public func bytes(indent: String = "", capacity: Int = 4096) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity, indent: indent)
        writer.value(self)
        return writer.bytes
    }

    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        JSONWriter.quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// `plan.json` and `allocate solve --json`.
public enum PlanJSON {
    /// With an audit record, its time decides: a given (reproducible) time leaves out the
    /// measured seconds, so that the same inputs give the same bytes.
    public static func render(_ plan: Plan, timing: Bool = true, audit: AuditRecord? = nil) -> String {
        String(decoding: bytes(plan, timing: timing, audit: audit), as: UTF8.self)
    }

    /// The same document as UTF-8 bytes, written straight into one buffer (`JSONWriter`: no
    /// `JSONValue` tree and no String per number; the run history keeps these bytes).
    /// `figures`: the plan's `PlanFigures`, when the caller has them already.
    public static func bytes(_ plan: Plan, timing: Bool = true, audit: AuditRecord? = nil, figures: PlanFigures? = nil) -> [UInt8] {
        // About 740 bytes a school (a plan.json of 155 schools: 114 KB): one buffer, rarely grown.
        var writer = JSONWriter(capacity: 8192 + 768 * plan.schools.count)
        write(plan, timing: timing && !(audit?.reproducible ?? false), audit: audit, schools: true, figures: figures, into: &writer)
        // The writer's buffer taken over, not shared: the line feed then goes into its spare
        // capacity instead of into a copy of the whole document (26 MB for 40,005 schools).
        var out = writer.takeBytes()
        out.append(0x0A)
        return out
    }

    /// Without `schools`, the per-school list is left out (the web planner's compact summary).
    public static func document(_ plan: Plan, timing: Bool = true, audit: AuditRecord? = nil, schools includeSchools: Bool = true) -> JSONValue {
        var tree = JSONTreeBuilder()
        write(plan, timing: timing, audit: audit, schools: includeSchools, into: &tree)
        return tree.root
    }

    /// The document, field by field, into a byte buffer (`bytes`) or a value tree (`document`).
    static func write<Sink: JSONSink>(_ plan: Plan, timing: Bool, audit: AuditRecord?, schools includeSchools: Bool,
                                      figures: PlanFigures? = nil, into j: inout Sink) {
        let fig = figures ?? PlanFigures(plan)
        func group(_ g: PlanFigures.Group) {
            j.beginObject()
            j.string("key", g.key); j.int("schools", g.schools); j.int("pupilNeed", g.pupilNeed)
            j.int("pupilDevices", g.pupilDevices); j.key("pupilCoverage"); j.share(g.pupilShare)
            j.int("teacherNeed", g.teacherNeed); j.int("teacherDevices", g.teacherDevices); j.money("cost", g.cost)
            j.endObject()
        }
        j.beginObject()
        j.string("scenario", plan.scenario.name)
        j.string("objective", plan.scenario.objective.rawValue)
        j.key("pools"); j.beginArray()
        for use in plan.pools {
            j.beginObject()
            j.string("id", use.pool.id); j.string("name", use.pool.name); j.money("granted", use.pool.budget)
            j.money("spent", use.spent); j.money("remaining", use.remaining); j.key("ownMoney"); j.bool(use.pool.isOwnMoney)
            j.endObject()
        }
        j.endArray()
        j.key("deviceKinds"); j.beginArray()
        for (k, kind) in plan.kinds.enumerated() {
            let devices = plan.totalDevices(kind: k), need = plan.totalNeed(kind: k)
            j.beginObject()
            j.string("id", kind.id); j.string("label", kind.label); j.money("unitPrice", kind.unitPrice)
            j.int("devices", devices); j.int("need", need); j.key("coverage"); j.share(Share(devices, of: need))
            j.endObject()
        }
        j.endArray()
        j.key("totals"); j.beginObject()
        j.int("schools", plan.schools.count); j.int("pupilNeed", fig.total.pupilNeed)
        j.int("pupilDevices", fig.total.pupilDevices); j.key("pupilCoverage"); j.share(fig.total.pupilShare)
        j.int("teacherNeed", fig.total.teacherNeed); j.int("teacherDevices", fig.total.teacherDevices)
        j.money("granted", plan.pools.sum { $0.pool.budget }); j.money("spent", plan.totalCost)
        j.money("remaining", plan.pools.sum { $0.remaining }); j.money("ownMoneySpent", plan.ownMoneySpent)
        j.endObject()
        j.key("byIndexLevel"); j.beginArray(); for g in fig.byLevel { group(g) }; j.endArray()
        j.key("byDistrict"); j.beginArray(); for g in fig.byDistrict { group(g) }; j.endArray()
        if includeSchools {
            j.key("schools"); j.beginArray()
            // A member per school (on the cores for a long list: `JSONSink.members`); the school
            // read in place and the kinds' and pools' ids taken once (copying them per school
            // was a retain per field).
            let kindIDs = plan.kinds.map(\.id), poolIDs = plan.pools.map(\.pool.id)
            j.members(plan.schools) { a, j in
                j.beginObject()
                j.string("schulnummer", a.school.id); j.string("name", a.school.name); j.string("form", a.school.form)
                j.string("district", a.school.district)
                j.key("socialIndex"); if let i = a.school.socialIndex { j.int(i) } else { j.null() }
                j.string("level", PlanFigures.levelKey(a.school, plan.scenario))
                j.int("pupils", a.school.pupils); j.int("teachers", a.school.teachers)
                j.int("pupilNeed", fig.pupilNeed(a)); j.int("pupilDevices", fig.pupilDevices(a))
                j.int("teacherDevices", fig.teacherDevices(a))
                j.key("devices"); j.beginObject(); for k in kindIDs.indices { j.int(dynamicKey: kindIDs[k], a.devices[k]) }; j.endObject()
                j.key("need"); j.beginObject(); for k in kindIDs.indices { j.int(dynamicKey: kindIDs[k], a.need[k]) }; j.endObject()
                j.key("funding"); j.beginObject()
                for p in poolIDs.indices { j.dynamicKey(poolIDs[p]); j.money(a.funding(pool: p)) }
                j.endObject()
                j.money("cost", a.cost)
                j.endObject()
            }
            j.endArray()
        }
        let s = plan.solver
        j.key("solver"); j.beginObject()
        j.string("status", s.status.rawValue); j.string("objectiveName", s.objectiveName)
        j.key("objective"); j.double(s.objective); j.key("bestBound"); j.double(s.bestBound); j.int("gapDevices", s.gapDevices)
        j.key("guaranteedCoverage"); if let c = plan.guaranteedCoverage { j.share(Share(c)) } else { j.null() }
        j.key("guaranteedCoverageByKind")
        if plan.hasKindGuarantees {
            j.beginObject()
            for (k, kind) in plan.kinds.enumerated() {
                j.dynamicKey(kind.id); if let c = plan.kindCoverage[k] { j.share(Share(c)) } else { j.null() }
            }
            j.endObject()
        } else { j.null() }
        j.key("stoppedAtTimeLimit"); j.bool(s.stoppedAtTimeLimit)
        j.key("relativeGap"); j.double(s.relativeGap, 8); j.key("timeLimitSeconds"); j.double(s.timeLimitSeconds, 3)
        j.string("glpkVersion", s.solverVersion)
        j.key("stages"); j.beginArray()
        for st in s.stages {
            j.beginObject()
            j.string("name", st.name); j.string("status", st.status.rawValue)
            j.key("objective"); j.double(st.objective); j.key("bestBound"); j.double(st.bestBound)
            j.endObject()
        }
        j.endArray()
        j.key("seconds"); if timing { j.double(s.seconds, 4) } else { j.null() }
        j.endObject()
        if let audit { j.key("audit"); audit.write(into: &j) }
        j.endObject()
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
