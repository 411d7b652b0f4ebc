import Calibration
import Scheduling

/// The progress lines `allocate schedule` and `allocate calibrate` draw on a terminal's
/// standard error, in German or English (the elapsed seconds are the caller's).
public struct ProgressWords: Sendable {
    private let w: Words
    public init(_ language: ReportLanguage) { w = Words(language: language) }

    /// "Zeitplan: Stufe 1 von 1, gewichtete Geräte-Wochen: bester Plan 1.234,5; Schranke 1.240,0;
    /// Lücke 0,4436 % (5,5 gewichtete Geräte-Wochen)" — the gap relative (as `--relative-gap`)
    /// and in the stage's own unit.
    public func schedule(_ p: ScheduleProgress) -> String {
        let f = w.f
        let label = w.t("Zeitplan", "schedule")
        var unit = w.stageName("weighted device-weeks")
        let step: String
        switch p.step {
        case .relaxation: step = w.t("obere Schranke aus der linearen Relaxation", "upper bound from the linear relaxation")
        case .startingPlan: step = w.t("Startplan (Reihenfolge der Schulen, Tauschschritte)", "starting plan (order of the schools, exchange moves)")
        case let .stage(index, count, name):
            step = w.t("Stufe \(index + 1) von \(count), ", "stage \(index + 1) of \(count), ") + w.stageName(name)
            if name.contains("euros") { unit = "€" }
        case .done: return label + ": " + w.t("fertig, wird geprüft", "done, verifying")
        }
        var parts = [step]
        if let v = p.incumbent { parts.append(w.t("bester Plan ", "best schedule ") + f.plain(v, 1)) }
        if let b = p.bound { parts.append(w.t("Schranke ", "bound ") + f.plain(b, 1)) }
        if let g = p.relativeGap, let v = p.incumbent, let b = p.bound {
            parts.append(w.t("Lücke ", "gap ") + f.plain(g * 100, 4) + " % (" + f.plain(max(0, b - v), 1) + " " + unit + ")")
        }
        return label + ": " + parts.joined(separator: "; ")
    }

    /// "Kalibrierung: Runde 3 von höchstens 8; Änderung 0,0123; mittlere prozentuale Abweichung 4,2 %"
    /// (round 0: the scenario as given is solved; then the leave-one-out fits).
    public func calibration(_ p: CalibrationProgress) -> String {
        let f = w.f
        var parts: [String]
        switch p.step {
        case .round(0): parts = [w.t("Ausgangsplan", "plan as given")]
        case .round(let n): parts = [w.t("Runde \(n) von höchstens \(p.maxRounds)", "round \(n) of at most \(p.maxRounds)")]
        case let .leaveOneOut(done, total):
            parts = [w.t("Kreuzprüfung (je eine Gruppe ausgelassen) \(done) von \(total)", "leave-one-out check \(done) of \(total)")]
        }
        if let change = p.change { parts.append(w.t("Änderung ", "change ") + f.plain(change, 4)) }
        if let e = p.meanError { parts.append(w.t("mittlere prozentuale Abweichung ", "mean absolute percentage error ") + f.plain(e * 100, 1) + " %") }
        return w.t("Kalibrierung", "calibrate") + ": " + parts.joined(separator: "; ")
    }
}
