import Foundation
import Allocation
import Calibration

/// The calibration fit as a section of the council report (`allocate report --calibration`):
/// the same figures as `allocate calibrate --json`, formatted with the report's NumberStyle.
enum CalibrationSection {
    static func html(_ r: CalibrationResult, _ w: Words, _ f: NumberStyle) -> String {
        let esc = HTMLReport.esc
        var h = "<section class=\"calibration\">\n<h2>\(esc(w.t("Kalibrierung des Bedarfsmodells", "Calibration of the need model")))</h2>\n"
        h += "<p class=\"note\">" + esc(w.t(
            "Beobachtet: \(r.observations.file), Spalte \(r.observations.countColumn), \(r.groups.count) Gruppen; Verlustfunktion: \(loss(r.spec.loss, w)) L1; \(r.iterations.count) Runden (Anpassen → Lösen), \(r.converged ? "eingeschwungen" : "NICHT eingeschwungen"). „Vorher“: Plan mit den Werten des Szenarios; „nachher“: mit den angepassten Werten; „ohne diese Gruppe“: vorhergesagt von einer Anpassung ohne diese Gruppe.",
            "Observed: \(r.observations.file), column \(r.observations.countColumn), \(r.groups.count) groups; loss: \(loss(r.spec.loss, w)) L1; \(r.iterations.count) rounds (fit → solve), \(r.converged ? "settled" : "NOT settled"). “Before”: the plan with the scenario's values; “after”: with the fitted values; “leave-one-out”: predicted by a fit without that group.")) + "</p>\n"
        h += "<table class=\"num calibration-groups\"><thead><tr><th>\(esc(w.t("Gruppe", "Group")))</th><th>\(esc(w.t("Beobachtet", "Observed")))</th><th>\(esc(w.t("Vorher", "Before")))</th><th>\(esc(w.t("Nachher", "After")))</th><th>\(esc(w.t("Abweichung", "Error")))</th><th>\(esc(w.t("rel. Abweichung", "Rel. error")))</th><th>\(esc(w.t("Ohne diese Gruppe", "Leave-one-out")))</th><th>\(esc(w.t("rel. Abweichung ohne", "LOO rel. error")))</th></tr></thead><tbody>\n"
        for g in r.groups {
            h += "<tr data-group=\"\(esc(g.group.kind.rawValue)):\(esc(g.group.key))\"><td>\(esc(label(g.group, w)))</td>"
            h += "<td>\(f.int(g.group.observed))</td><td>\(f.int(g.before))</td><td>\(f.int(g.after))</td><td>\(f.delta(g.absoluteError))</td>"
            h += "<td>\(signedPercent(g.relativeError, f))</td><td>\(g.leaveOneOut.map { f.number($0, digits: 1) } ?? "–")</td>"
            h += "<td>\(signedPercent(g.leaveOneOutRelativeError, f))</td></tr>\n"
        }
        h += "</tbody></table>\n"
        h += "<table class=\"num calibration-summary\"><thead><tr><th></th><th>\(esc(w.t("Vorher", "Before")))</th><th>\(esc(w.t("Nachher", "After")))</th><th>\(esc(w.t("Ohne diese Gruppe", "Leave-one-out")))</th></tr></thead><tbody>\n"
        h += "<tr data-figure=\"mape\"><td>\(esc(w.t("Mittlere absolute prozentuale Abweichung (MAPE)", "Mean absolute percentage error (MAPE)")))</td><td>\(f.percent(r.mapeBefore, digits: 2))</td><td>\(f.percent(r.mapeAfter, digits: 2))</td><td>\(f.percent(r.mapeLeaveOneOut, digits: 2))</td></tr>\n"
        h += "<tr data-figure=\"spearman\"><td>\(esc(w.t("Spearman-Rangkorrelation (beobachtet/Plan)", "Spearman rank correlation (observed/plan)")))</td><td>\(corr(r.spearmanBefore, f))</td><td>\(corr(r.spearmanAfter, f))</td><td>–</td></tr>\n"
        let kind = { (p: Plan) in p.kinds.firstIndex { $0.basis == .pupils } ?? 0 }
        h += "<tr data-figure=\"pupilDevices\"><td>\(esc(w.pupilDevices))</td><td>\(f.int(r.basePlan.totalDevices(kind: kind(r.basePlan))))</td><td>\(f.int(r.plan.totalDevices(kind: kind(r.plan))))</td><td>–</td></tr>\n"
        h += "</tbody></table>\n"
        if r.freeParameters > r.groups.count {
            h += "<p class=\"status\">" + esc(w.t(
                "\(r.groups.count) beobachtete Gruppen für \(r.freeParameters) freie Parameter: die Daten allein bestimmen die Anpassung nicht; den Rest entscheiden die Monotonie, die Grenzen, der Glättungsterm und der Zug zu den Werten des Szenarios.",
                "\(r.groups.count) observed groups for \(r.freeParameters) free parameters: the data alone do not determine the fit; the monotonicity, the bounds, the smoothness term and the pull towards the scenario's values decide the rest.")) + "</p>\n"
        }
        h += "<h3>\(esc(w.t("Angepasste Werte", "Fitted values")))</h3>\n"
        h += "<table class=\"num calibration-parameters\"><thead><tr><th>\(esc(w.t("Parameter", "Parameter")))</th><th>\(esc(w.t("Vorher", "Before")))</th><th>\(esc(w.t("Nachher", "After")))</th><th>\(esc(w.t("Grenzen", "Bounds")))</th></tr></thead><tbody>\n"
        for p in r.parameters {
            h += "<tr data-parameter=\"\(esc(p.parameter.key))\"><td>\(esc(p.parameter.key))</td><td>\(decimal(p.before, f))</td><td>\(decimal(p.after, f))</td><td>\(esc(bounds(p, w, f)))</td></tr>\n"
        }
        h += "</tbody></table>\n"
        // Notes other than the one above (rendered in the report's language there) stay as the fit wrote them.
        for n in r.notes where !n.contains("free parameters") { h += "<p class=\"note\">\(esc(w.t("Hinweis", "Note"))): \(esc(n))</p>\n" }
        return h + "</section>\n"
    }

    static func loss(_ l: CalibrationSpec.Loss, _ w: Words) -> String {
        switch l {
        case .relative: return w.t("relativ", "relative")
        case .absolute: return w.t("absolut", "absolute")
        }
    }

    static func label(_ g: ObservedGroup, _ w: Words) -> String {
        switch g.kind {
        case .total: return w.t("Stadt gesamt", "City total")
        case .district: return g.key
        case .school: return w.t("Schule \(g.key)", "school \(g.key)")
        case .form: return w.t("Schulform \(g.key)", "form \(g.key)")
        case .level: return w.t("Stufe \(g.key)", "level \(g.key)")
        }
    }

    /// "+12,34 %" / "-4,05 %"; "–" for none. Two decimals: the precision of `calibrate --json`
    /// (ratios to 4 digits), so the report shows the same figure without rounding twice.
    static func signedPercent(_ x: Double?, _ f: NumberStyle) -> String {
        guard let x, x.isFinite else { return "–" }
        let s = f.percent(x, digits: 2)
        return x > 0 && s != f.percent(0, digits: 2) ? "+" + s : s
    }

    static func corr(_ x: Double?, _ f: NumberStyle) -> String { x.map { f.number($0, digits: 2) } ?? "–" }

    /// A fitted value exactly as written to the what-if file, with the report's decimal mark.
    static func decimal(_ d: Decimal, _ f: NumberStyle) -> String {
        "\(d)".replacingOccurrences(of: ".", with: f.language == .de ? "," : ".")
    }

    static func bounds(_ p: CalibrationResult.ParameterFit, _ w: Words, _ f: NumberStyle) -> String {
        if case .withoutLevel = p.parameter { return w.t("Stufen 1–9", "levels 1–9") }
        func b(_ x: Double) -> String { decimal(Decimal(string: String(format: "%.4f", x)) ?? 0, f) }
        return "\(b(p.bounds.lowerBound))–\(b(p.bounds.upperBound))"
    }
}
