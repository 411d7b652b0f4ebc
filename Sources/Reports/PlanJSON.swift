import Foundation
import Allocation

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

    public func render(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { "\(inner)\(Self.quote($0.0)): \($0.1.render(indent: inner))" }.joined(separator: ",\n") + "\n\(indent)}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.render(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .string(let s): return Self.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
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
        return out + "\""
    }
}

/// `plan.json` and `allocate solve --json`.
public enum PlanJSON {
    public static func render(_ plan: Plan, timing: Bool = true) -> String {
        document(plan, timing: timing).render() + "\n"
    }

    public static func document(_ plan: Plan, timing: Bool = true) -> JSONValue {
        let fig = PlanFigures(plan)
        let pools: [JSONValue] = plan.pools.map { use in
            .object([("id", .string(use.pool.id)), ("name", .string(use.pool.name)), ("granted", .money(use.pool.budget)),
                     ("spent", .money(use.spent)), ("remaining", .money(use.remaining)), ("ownMoney", .bool(use.pool.isOwnMoney))])
        }
        let schools: [JSONValue] = plan.schools.map { a in
            let s = a.school
            return .object([
                ("schulnummer", .string(s.id)), ("name", .string(s.name)), ("form", .string(s.form)),
                ("district", .string(s.district)), ("socialIndex", s.socialIndex.map(JSONValue.int) ?? .null),
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
                     ("pupilDevices", .int(g.pupilDevices)), ("pupilCoverage", g.pupilCoverage.map { .double($0) } ?? .null),
                     ("teacherNeed", .int(g.teacherNeed)), ("teacherDevices", .int(g.teacherDevices)), ("cost", .money(g.cost))])
        }
        let s = plan.solver
        var solver: [(String, JSONValue)] = [
            ("status", .string(s.status.rawValue)), ("objectiveName", .string(s.objectiveName)),
            ("objective", .double(s.objective)), ("bestBound", .double(s.bestBound)), ("gapDevices", .int(s.gapDevices)),
            ("guaranteedCoverage", plan.guaranteedCoverage.map { .double($0.double) } ?? .null),
            ("relativeGap", .double(s.relativeGap, 8)), ("timeLimitSeconds", .double(s.timeLimitSeconds, 3)),
            ("glpkVersion", .string(s.solverVersion)),
            ("stages", .array(s.stages.map { st in
                .object([("name", .string(st.name)), ("status", .string(st.status.rawValue)),
                         ("objective", .double(st.objective)), ("bestBound", .double(st.bestBound))])
            })),
        ]
        solver.append(("seconds", timing ? .double(s.seconds, 4) : .null))
        return .object([
            ("scenario", .string(plan.scenario.name)),
            ("objective", .string(plan.scenario.objective.rawValue)),
            ("pools", .array(pools)),
            ("deviceKinds", .array(plan.kinds.enumerated().map { k, kind in
                .object([("id", .string(kind.id)), ("label", .string(kind.label)), ("unitPrice", .money(kind.unitPrice)),
                         ("devices", .int(plan.totalDevices(kind: k))), ("need", .int(plan.totalNeed(kind: k)))])
            })),
            ("totals", .object([
                ("schools", .int(plan.schools.count)), ("pupilNeed", .int(fig.total.pupilNeed)),
                ("pupilDevices", .int(fig.total.pupilDevices)), ("pupilCoverage", fig.total.pupilCoverage.map { .double($0) } ?? .null),
                ("teacherNeed", .int(fig.total.teacherNeed)), ("teacherDevices", .int(fig.total.teacherDevices)),
                ("granted", .money(plan.pools.sum { $0.pool.budget })), ("spent", .money(plan.totalCost)),
                ("remaining", .money(plan.pools.sum { $0.remaining })), ("ownMoneySpent", .money(plan.ownMoneySpent)),
            ])),
            ("byIndexLevel", .array(fig.byLevel.map(group))),
            ("byDistrict", .array(fig.byDistrict.map(group))),
            ("schools", .array(schools)),
            ("solver", .object(solver)),
        ])
    }
}

/// `schools.csv` and `pools.csv` (RFC 4180, comma, UTF-8, euros with a decimal point).
public enum PlanCSV {
    public static func schools(_ plan: Plan) -> String {
        var header = ["schulnummer", "name", "schulform", "district", "social_index", "pupils", "teachers"]
        for kind in plan.kinds { header += ["need_\(kind.id)", "devices_\(kind.id)"] }
        header += plan.pools.map { "funding_\($0.pool.id)" } + ["cost"]
        var lines = [header.map(field).joined(separator: ",")]
        for a in plan.schools {
            let s = a.school
            var row = [s.id, s.name, s.form, s.district, s.socialIndex.map(String.init) ?? "", String(s.pupils), String(s.teachers)]
            for k in plan.kinds.indices { row += [String(a.need[k]), String(a.devices[k])] }
            row += plan.pools.indices.map { a.funding(pool: $0).plain } + [a.cost.plain]
            lines.append(row.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public static func pools(_ plan: Plan) -> String {
        var lines = ["id,name,granted,spent,remaining,own_money"]
        for u in plan.pools {
            lines.append([u.pool.id, u.pool.name, u.pool.budget.plain, u.spent.plain, u.remaining.plain,
                          u.pool.isOwnMoney ? "true" : "false"].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
