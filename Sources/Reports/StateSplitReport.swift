import Foundation
import Allocation

/// For a scenario whose pools are split among school authorities: per pool the state total,
/// the rule it was split by, and the real figure it was checked against.
enum StateSplitReport {
    struct Row {
        var pool: String
        var total: Money
        var rule: String
        var check: Money?
        var source: String?
        var delta: Money? { check.map { total - $0 } }
    }

    static func rows(_ plan: Plan, _ language: ReportLanguage, nonBreaking: Bool = false) -> [Row] {
        let f = NumberStyle(language, nonBreaking: nonBreaking)
        return plan.pools.compactMap { use -> Row? in
            guard let split = use.pool.split else { return nil }
            let w = Words(language: language), rule: String
            switch split.rule {
            case .key: rule = w.splitByKey(reference: use.pool.referenceBudget.map { f.money($0) })
            case let .perDevice(amount, basis):
                let n = amount.cents > 0 ? split.stateTotal.cents / amount.cents : 0
                rule = w.splitPerDevice(f.money(amount), f.int(n), teachers: basis == .teachers)
            case .table(let file): rule = w.splitByTable(file)
            }
            return Row(pool: use.pool.name, total: split.stateTotal, rule: rule, check: split.checkAgainst, source: split.checkSource)
        }
    }

    /// "+7,7 %" of the check figure, one decimal, rounded half away from zero.
    static func percent(_ delta: Money, of base: Money, _ f: NumberStyle) -> String {
        guard base.cents != 0 else { return "–" }
        let permille = (Decimal(delta.cents) * 1000 / Decimal(base.cents))
        var v = permille, r = Decimal()
        NSDecimalRound(&r, &v, 0, .plain)
        let p = NSDecimalNumber(decimal: r).intValue
        return (p > 0 ? "+" : p < 0 ? "-" : "±") + f.number(Double(abs(p)) / 10, digits: 1) + " %"
    }

    /// Lines for the terminal summary, empty when no pool is split.
    static func terminal(_ plan: Plan, language: ReportLanguage = .en) -> String {
        let rows = rows(plan, language)
        if rows.isEmpty { return "" }
        let w = Words(language: language), f = w.f
        var t = Table(w.splitHeader, rightAligned: [1, 3, 4])
        for r in rows {
            t.add([r.pool, f.money(r.total), r.rule, r.check.map { f.money($0) } ?? "–",
                   r.delta.map { "\(f.delta($0)) (\(percent($0, of: r.check!, f)))" } ?? "–"])
        }
        var out = w.splitTitle(plan.authorities.count) + t.render()
        for r in rows { if let s = r.source { out += w.checkedAgainst(r.pool, s) } }
        return out + "\n"
    }

    /// A small HTML table for the council report, empty when no pool is split.
    static func html(_ plan: Plan, _ w: Words, _ f: NumberStyle) -> String {
        let rows = rows(plan, f.language, nonBreaking: f.nonBreaking)
        if rows.isEmpty { return "" }
        let esc = Markup.escape
        var h = "<h3>\(esc(w.splitHeading(f.int(plan.authorities.count))))</h3>\n"
        h += "<table class=\"num\"><thead><tr>" + w.splitHeader.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for r in rows {
            let check = r.check.map { f.money($0) + (r.source.map { " (\($0))" } ?? "") } ?? "–"
            let delta = r.delta.map { "\(f.delta($0)) (\(percent($0, of: r.check!, f)))" } ?? "–"
            h += "<tr><td>\(esc(r.pool))</td><td>\(f.money(r.total))</td><td>\(esc(r.rule))</td><td>\(esc(check))</td><td>\(esc(delta))</td></tr>\n"
        }
        h += "</tbody></table>\n"
        h += "<p class=\"note\">\(esc(w.splitNote))</p>\n"
        return h
    }
}
