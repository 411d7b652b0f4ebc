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

    static func rows(_ plan: Plan, _ language: ReportLanguage) -> [Row] {
        let de = language == .de, f = NumberStyle(language)
        return plan.pools.compactMap { use -> Row? in
            guard let split = use.pool.split else { return nil }
            let rule: String
            switch split.rule {
            case .key:
                if let ref = use.pool.referenceBudget {
                    rule = de ? "Schülerschlüssel, vom Referenzträger (\(f.money(ref))) hochgerechnet"
                              : "pupil key, scaled from the reference's \(f.money(ref))"
                } else {
                    rule = de ? "Schülerschlüssel (nach Sozialindex gewichtet), Summe vorgegeben"
                              : "pupil key (weighted by social index), total given"
                }
            case let .perDevice(amount, basis):
                let n = amount.cents > 0 ? split.stateTotal.cents / amount.cents : 0
                let what = basis == .teachers ? (de ? "Lehrkräfte" : "teachers") : (de ? "Schülerinnen und Schüler" : "pupils")
                rule = "\(f.money(amount)) × \(f.int(n)) \(what)" + (de ? " (je Träger nach seiner Zahl)" : " (each authority by its own count)")
            case .table(let file):
                rule = de ? "Beträge je Träger aus \(file)" : "amounts per authority from \(file)"
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

    /// Lines for the terminal summary (English), empty when no pool is split.
    static func terminal(_ plan: Plan) -> String {
        let rows = rows(plan, .en)
        if rows.isEmpty { return "" }
        let f = NumberStyle(.en)
        var t = Table(["Pool", "State total", "Split", "Checked against", "Δ"], rightAligned: [1, 3, 4])
        for r in rows {
            t.add([r.pool, r.total.formatted, r.rule, r.check?.formatted ?? "–",
                   r.delta.map { "\(f.delta($0)) (\(percent($0, of: r.check!, f)))" } ?? "–"])
        }
        var out = "State-wide split among \(plan.authorities.count) school authorities (shares add up to the state total to the cent)\n" + t.render()
        for r in rows { if let s = r.source { out += "  \(r.pool): checked against \(s)\n" } }
        return out + "\n"
    }

    /// A small HTML table for the council report, empty when no pool is split.
    static func html(_ plan: Plan, _ w: Words, _ f: NumberStyle) -> String {
        let rows = rows(plan, f.language)
        if rows.isEmpty { return "" }
        let esc = HTMLReport.esc
        var h = "<h3>\(esc(w.t("Landesweite Verteilung auf \(f.int(plan.authorities.count)) Schulträger", "State-wide split among \(f.int(plan.authorities.count)) school authorities")))</h3>\n"
        h += "<table class=\"num\"><thead><tr><th>\(esc(w.pool))</th><th>\(esc(w.t("Landessumme", "State total")))</th><th>\(esc(w.t("Verteilt nach", "Split by")))</th><th>\(esc(w.t("Vergleichswert", "Checked against")))</th><th>Δ</th></tr></thead><tbody>\n"
        for r in rows {
            let check = r.check.map { f.money($0) + (r.source.map { " (\($0))" } ?? "") } ?? "–"
            let delta = r.delta.map { "\(f.delta($0)) (\(percent($0, of: r.check!, f)))" } ?? "–"
            h += "<tr><td>\(esc(r.pool))</td><td>\(f.money(r.total))</td><td>\(esc(r.rule))</td><td>\(esc(check))</td><td>\(esc(delta))</td></tr>\n"
        }
        h += "</tbody></table>\n"
        h += "<p class=\"note\">\(esc(w.t("Die Anteile der Träger ergeben die Landessumme auf den Cent (Verteilung nach größten Resten).", "The authorities' shares add up to the state total to the cent (largest remainder).")))</p>\n"
        return h
    }
}
