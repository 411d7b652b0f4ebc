import Foundation
import Allocation
import Calibration

/// The calibration fit as a section of the council report (`allocate report --calibration`):
/// the same figures as `allocate calibrate --json`, formatted with the report's NumberStyle.
enum CalibrationSection {
    static func html(_ r: CalibrationResult, _ w: Words, _ f: NumberStyle) -> String {
        let esc = HTMLReport.esc
        func head(_ cells: [String]) -> String { "<thead><tr>" + cells.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead>" }
        var h = "<section class=\"calibration\">\n<h2>\(esc(w.calibrationTitle))</h2>\n"
        h += "<p class=\"note\">" + esc(w.calibrationNote(r.observations.file, column: r.observations.countColumn, groups: r.groups.count,
                                                         loss: r.spec.loss, rounds: r.iterations.count, settled: r.converged)) + "</p>\n"
        h += "<table class=\"num calibration-groups\">\(head(w.calibrationGroupHeader))<tbody>\n"
        for g in r.groups {
            h += "<tr data-group=\"\(esc(g.group.kind.rawValue)):\(esc(g.group.key))\"><td>\(esc(w.calibrationGroupLabel(g.group)))</td>"
            h += "<td>\(f.int(g.group.observed))</td><td>\(f.int(g.before))</td><td>\(f.int(g.after))</td><td>\(f.delta(g.absoluteError))</td>"
            h += "<td>\(signedPercent(g.relativeError, f))</td><td>\(g.leaveOneOut.map { f.number($0, digits: 1) } ?? "–")</td>"
            h += "<td>\(signedPercent(g.leaveOneOutRelativeError, f))</td></tr>\n"
        }
        h += "</tbody></table>\n"
        h += "<table class=\"num calibration-summary\">\(head(["", w.calibrationBefore, w.calibrationAfter, w.calibrationLeaveOneOut]))<tbody>\n"
        h += "<tr data-figure=\"mape\"><td>\(esc(w.calibrationMAPE))</td><td>\(f.percent(r.mapeBefore, digits: 2))</td><td>\(f.percent(r.mapeAfter, digits: 2))</td><td>\(f.percent(r.mapeLeaveOneOut, digits: 2))</td></tr>\n"
        h += "<tr data-figure=\"spearman\"><td>\(esc(w.calibrationSpearman))</td><td>\(corr(r.spearmanBefore, f))</td><td>\(corr(r.spearmanAfter, f))</td><td>–</td></tr>\n"
        h += "<tr data-figure=\"pupilDevices\"><td>\(esc(w.pupilDevices))</td><td>\(f.int(pupilDevices(r.basePlan)))</td><td>\(f.int(pupilDevices(r.plan)))</td><td>–</td></tr>\n"
        h += "</tbody></table>\n"
        if r.freeParameters > r.groups.count {
            h += "<p class=\"status\">" + esc(w.calibrationUnderdetermined(groups: r.groups.count, parameters: r.freeParameters)) + "</p>\n"
        }
        h += "<h3>\(esc(w.calibrationFitted))</h3>\n"
        h += "<table class=\"num calibration-parameters\">\(head(w.calibrationParameterHeader))<tbody>\n"
        for p in r.parameters {
            h += "<tr data-parameter=\"\(esc(p.parameter.key))\"><td>\(esc(label(p, w)))</td><td>\(decimal(p.before, f))</td><td>\(decimal(p.after, f))</td><td>\(esc(bounds(p, w, f)))</td>"
            h += "<td class=\"key\">\(esc(p.parameter.key))</td></tr>\n"
        }
        h += "</tbody></table>\n"
        for n in otherNotes(r, w) { h += "<p class=\"note\">\(esc(w.note)): \(esc(n))</p>\n" }
        return h + "</section>\n"
    }

    /// `allocate calibrate`'s text: the same figures as the report's section, in the terminal's language.
    static func text(_ r: CalibrationResult, _ w: Words) -> String {
        let f = w.f
        var out = w.calibrationOf(r.scenario.name) + "\n"
        out += w.calibrationObserved(r.observations.file, column: r.observations.countColumn, groups: r.groups.count, loss: r.spec.loss) + "\n"
        out += w.calibrationRounds(r.iterations.count, settled: r.converged,
                                   changes: r.iterations.map { f.number($0.change, digits: 4) }.joined(separator: w.language == .de ? "; " : ", ")) + "\n\n"
        var groups = Table(w.calibrationGroupHeader, rightAligned: Set(1..<8))
        for g in r.groups {
            groups.add([w.calibrationGroupLabel(g.group), f.int(g.group.observed), f.int(g.before), f.int(g.after), f.delta(g.absoluteError),
                        signedPercent(g.relativeError, f, digits: 1), g.leaveOneOut.map { f.number($0, digits: 0) } ?? "–",
                        signedPercent(g.leaveOneOutRelativeError, f, digits: 1)])
        }
        out += groups.render() + "\n"
        out += w.calibrationMAPELine(f.percent(r.mapeBefore), f.percent(r.mapeAfter), f.percent(r.mapeLeaveOneOut)) + "\n"
        out += w.calibrationSpearmanLine(corr(r.spearmanBefore, f), corr(r.spearmanAfter, f)) + "\n"
        out += w.calibrationPupilDevicesLine(f.int(pupilDevices(r.basePlan)), f.int(pupilDevices(r.plan))) + "\n"
        if r.freeParameters > r.groups.count { out += w.calibrationUnderdetermined(groups: r.groups.count, parameters: r.freeParameters) + "\n" }
        out += "\n"
        var parameters = Table(w.calibrationParameterHeader, rightAligned: [1, 2, 3])
        for p in r.parameters { parameters.add([label(p, w), decimal(p.before, f), decimal(p.after, f), bounds(p, w, f), p.parameter.key]) }
        out += parameters.render()
        for n in otherNotes(r, w) { out += "\(w.note): \(n)\n" }
        return out
    }

    /// The fit's notes other than the one on free parameters (worded on its own above), in words.
    static func otherNotes(_ r: CalibrationResult, _ w: Words) -> [String] {
        r.notes.filter { if case .underdetermined = $0 { return false } else { return true } }.map(w.calibrationNote)
    }

    /// A fitted parameter by its label ("Anteil mit Bedarf, Stufe 5"), not its key path.
    static func label(_ p: CalibrationResult.ParameterFit, _ w: Words) -> String { ParameterLabel(p.parameter.key, w).text }

    static func pupilDevices(_ p: Plan) -> Int { p.totalDevices(kind: p.kinds.firstIndex { $0.basis == .pupils } ?? 0) }

    /// "+12,34 %" / "-4,05 %"; "–" for none. Two decimals in the report: the precision of
    /// `calibrate --json` (ratios to 4 digits), so the report shows the same figure without rounding twice.
    static func signedPercent(_ x: Double?, _ f: NumberStyle, digits: Int = 2) -> String {
        guard let x, x.isFinite else { return "–" }
        let s = f.percent(x, digits: digits)
        return x > 0 && s != f.percent(0, digits: digits) ? "+" + s : s
    }

    static func corr(_ x: Double?, _ f: NumberStyle) -> String { x.map { f.number($0, digits: 2) } ?? "–" }

    /// A fitted value exactly as written to the what-if file, with the report's decimal mark.
    static func decimal(_ d: Decimal, _ f: NumberStyle) -> String {
        "\(d)".replacingOccurrences(of: ".", with: f.language == .de ? "," : ".")
    }

    static func bounds(_ p: CalibrationResult.ParameterFit, _ w: Words, _ f: NumberStyle) -> String {
        if case .withoutLevel = p.parameter { return w.calibrationLevelBounds }
        func b(_ x: Double) -> String { decimal(Decimal(string: String(format: "%.4f", x)) ?? 0, f) }
        return "\(b(p.bounds.lowerBound))–\(b(p.bounds.upperBound))"
    }
}

/// `allocate calibrate`'s text in a language (the terminal's).
public enum CalibrationText {
    public static func render(_ r: CalibrationResult, language: ReportLanguage) -> String {
        CalibrationSection.text(r, Words(language: language))
    }
}
