import Foundation
import Allocation
import Calibration

// `allocate calibrate --out FILE`: the fitted values as a what-if file that extends the
// scenario. The YAML (keys and values) is the same in both languages; the comments, which
// the user reads, are in the command's language (German with `--lang de` or a German
// environment, English otherwise), with that language's numbers.

extension CalibrationText {
    /// A what-if file that extends the scenario and sets only the fitted values, each with a
    /// comment giving the fit. `extendsPath`: the scenario, relative to the file written
    /// (`CalibrationReport.relativePath`).
    public static func whatIf(_ r: CalibrationResult, extendsPath: String, language: ReportLanguage) -> String {
        let w = Words(language: language), f = w.f
        var out = w.whatIfFittedOn(r.observations.file, column: r.observations.countColumn, groups: r.groups.count,
                                   loss: r.spec.loss, rounds: r.iterations.count, settled: r.converged)
        out += w.whatIfMAPE(f.percent(r.mapeBefore), f.percent(r.mapeAfter), f.percent(r.mapeLeaveOneOut))
        for g in r.groups {
            out += "#   " + w.whatIfGroup(w.calibrationGroupLabel(g.group), observed: f.int(g.group.observed), before: f.int(g.before),
                                         after: f.int(g.after), error: CalibrationSection.signedPercent(g.relativeError, f, digits: 1)) + "\n"
        }
        for n in r.notes { out += "# \(w.note): \(w.calibrationNote(n))\n" }
        out += "extends: \(quoted(extendsPath))\n"
        out += "name: \(quoted(r.scenario.name + w.whatIfNameSuffix))\n"
        out += "need:\n"
        func comment(_ p: CalibrationResult.ParameterFit) -> String {
            let was = CalibrationSection.decimal(p.before, f)
            if case .withoutLevel = p.parameter { return w.whatIfFittedLevel(was: was) }
            return w.whatIfFitted(was: was, bounds: CalibrationSection.bounds(p, w, f))
        }
        let shares = r.parameters.filter { if case .share = $0.parameter { return true } else { return false } }
        if !shares.isEmpty {
            out += "  pupilShareByLevel:\n"
            for p in shares {
                guard case .share(let l) = p.parameter else { continue }
                out += "    \(l): \(p.after)".padding(toLength: 16, withPad: " ", startingAt: 0) + "  # \(comment(p))\n"
            }
        }
        let factors = r.parameters.filter { if case .formFactor = $0.parameter { return true } else { return false } }
        if !factors.isEmpty {
            out += "  formFactor:\n"
            for p in factors {
                guard case .formFactor(let form) = p.parameter else { continue }
                out += "    \(yamlKey(form)): \(p.after)  # \(comment(p))\n"
            }
        }
        let levels = r.parameters.filter { if case .withoutLevel = $0.parameter { return true } else { return false } }
        if !levels.isEmpty {
            out += "  withoutLevel:\n"
            for p in levels {
                guard case .withoutLevel(let form) = p.parameter else { continue }
                out += "    \(yamlKey(form)): \(p.after)  # \(comment(p))\n"
            }
        }
        return out
    }

    /// A YAML double-quoted string.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A mapping key: plain where it is ASCII letters, digits, '_' and '-', else quoted.
    static func yamlKey(_ s: String) -> String {
        s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) ? s : quoted(s)
    }
}

// MARK: - the what-if file's comments

extension Words {
    func whatIfFittedOn(_ file: String, column: String, groups: Int, loss: CalibrationSpec.Loss, rounds: Int, settled: Bool) -> String {
        let unsettled = settled ? "" : t(", NICHT eingeschwungen", ", NOT settled")
        let adjective = loss == .relative ? "relative" : "absolute"
        return t("# Angepasst von `allocate calibrate` an \(file) (Spalte \(column), \(groups) beobachtete Gruppen,\n"
                 + "# \(adjective) L1-Anpassung, \(rounds) Runden Anpassen → Lösen\(unsettled)).\n",
                 "# Fitted by `allocate calibrate` on \(file) (column \(column), \(groups) observed groups,\n"
                 + "# \(calibrationLoss(loss)) L1 fit, \(rounds) fit → solve rounds\(unsettled)).\n")
    }
    func whatIfMAPE(_ before: String, _ after: String, _ leaveOneOut: String) -> String {
        t("# Mittlere absolute prozentuale Abweichung: vorher \(before), nachher \(after), ohne die jeweilige Gruppe \(leaveOneOut).\n",
          "# Mean absolute percentage error: before \(before), after \(after), leave-one-out \(leaveOneOut).\n")
    }
    func whatIfGroup(_ group: String, observed: String, before: String, after: String, error: String) -> String {
        t("\(group): beobachtet \(observed), vorher \(before), nachher \(after) (\(error))",
          "\(group): observed \(observed), before \(before), after \(after) (\(error))")
    }
    var whatIfNameSuffix: String { t(" (kalibriert)", " (calibrated)") }
    func whatIfFitted(was: String, bounds: String) -> String {
        t("angepasst (vorher \(was)), Grenzen \(bounds)", "fitted (was \(was)), bounds \(bounds)")
    }
    func whatIfFittedLevel(was: String) -> String {
        t("angepasst (vorher \(was)), Stufen 1–9 geprüft", "fitted (was \(was)), levels 1–9 tried")
    }
}
