import Foundation
import Allocation

/// The language of a council report: German by default, English on request.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case de, en
}

/// Numbers as a council reads them: de-DE "6.100.000,00 €" and "87,5 %", or English
/// "6,100,000.00 €" and "87.5 %". Locale-free code, so the output is the same everywhere.
public struct NumberStyle: Sendable {
    public let language: ReportLanguage
    public init(_ language: ReportLanguage) { self.language = language }

    var group: String { language == .de ? "." : "," }
    var decimalMark: String { language == .de ? "," : "." }

    public func int(_ n: Int) -> String { groupDigits(n, separator: group) }

    /// Euros with cents ("6.099.843,60 €") or whole ("6.100.000 €", rounded half up).
    public func money(_ m: Money, cents: Bool = true) -> String {
        if !cents {
            let whole = (abs(m.cents) + 50) / 100
            return (m.cents < 0 ? "-" : "") + groupDigits(whole, separator: group) + " €"
        }
        let a = abs(m.cents)
        return (m.cents < 0 ? "-" : "") + groupDigits(a / 100, separator: group) + decimalMark
            + (a % 100 < 10 ? "0" : "") + String(a % 100) + " €"
    }

    public func signedMoney(_ m: Money) -> String { (m > .zero ? "+" : "") + money(m) }
    public func signedInt(_ n: Int) -> String { (n > 0 ? "+" : "") + int(n) }

    /// "87,5 %" for a fixed ratio such as a chart's tick (not a figure of a plan: those are
    /// `share`s); "–" for no value.
    public func percent(_ ratio: Double?, digits: Int = 1) -> String {
        guard let ratio, ratio.isFinite else { return "–" }
        return number(ratio * 100, digits: digits) + " %"
    }

    /// A share by the one rule (`Share`): "96,4 %", rounded down; "–" for no share.
    public func share(_ s: Share?) -> String {
        guard let s else { return "–" }
        let p = s.permille
        return (p < 0 ? "-" : "") + groupDigits(abs(p) / 10, separator: group) + decimalMark + String(abs(p) % 10) + " %"
    }

    /// A share in a sentence: "mindestens 96,4 %" / "at least 96.4 %" where it was rounded down.
    public func shareAtLeast(_ s: Share) -> String {
        (s.isExact ? "" : (language == .de ? "mindestens " : "at least ")) + share(s)
    }

    /// A change of a share, in percentage points of the shown figures: "+1,2 Pp." / "+1.2 pp";
    /// "–" where a share is missing.
    public func points(_ permille: Int?) -> String {
        guard let p = permille else { return "–" }
        let sign = p > 0 ? "+" : p < 0 ? "-" : "±"
        return sign + groupDigits(abs(p) / 10, separator: group) + decimalMark + String(abs(p) % 10) + (language == .de ? " Pp." : " pp")
    }

    /// A signed change of a count: "+1.234", "-56", "±0".
    public func delta(_ n: Int) -> String { n == 0 ? "±0" : signedInt(n) }
    /// A signed change of money: "+1.234,00 €", "-5,00 €", "±0,00 €".
    public func delta(_ m: Money) -> String { m == .zero ? "±" + money(m) : signedMoney(m) }

    public func number(_ v: Double, digits: Int) -> String {
        let scale = pow(10.0, Double(digits))
        let scaled = Int((abs(v) * scale).rounded())
        let whole = scaled / Int(scale), frac = scaled % Int(scale)
        var s = (v < 0 && scaled != 0 ? "-" : "") + groupDigits(whole, separator: group)
        if digits > 0 {
            let f = String(frac)
            s += decimalMark + String(repeating: "0", count: digits - f.count) + f
        }
        return s
    }
}

/// The words of the council report in both languages.
struct Words {
    let language: ReportLanguage
    func t(_ de: String, _ en: String) -> String { language == .de ? de : en }

    var reportTitle: String { t("Budgetbericht", "Budget report") }
    var keyFacts: String { t("Auf einen Blick", "Key facts") }
    var pools: String { t("Mittel je Förderprogramm", "Money per funding pool") }
    var pool: String { t("Förderprogramm", "Funding pool") }
    var granted: String { t("bewilligt", "granted") }
    var spent: String { t("ausgegeben", "spent") }
    var left: String { t("übrig", "left") }
    var total: String { t("Summe", "Total") }
    var devices: String { t("Geräte", "Devices") }
    var planned: String { t("geplant", "planned") }
    var needed: String { t("Bedarf", "need") }
    var coverage: String { t("Abdeckung", "coverage") }
    var unitPrice: String { t("Stückpreis", "unit price") }
    var pupilsCovered: String { t("Versorgte Schülerinnen und Schüler", "Pupils covered") }
    var ofNeed: String { t("von", "of") }
    var ownMoney: String { t("Eigenanteil der Stadt (Eigenmittel)", "The city's own money") }
    var byDistrict: String { t("Geräte und Abdeckung je Stadtbezirk", "Devices and coverage per district") }
    var byLevel: String { t("Geräte und Abdeckung je Sozialindex-Stufe", "Devices and coverage per social-index level") }
    var district: String { t("Stadtbezirk", "District") }
    var level: String { t("Stufe", "Level") }
    var noLevel: String { t("ohne", "none") }
    var schools: String { t("Schulen", "Schools") }
    var school: String { t("Schule", "School") }
    var pupilNeed: String { t("Bedarf Leihgeräte", "Pupil need") }
    var pupilDevices: String { t("Leihgeräte", "Pupil devices") }
    var teacherDevices: String { t("Lehrkräfte-Geräte", "Teacher devices") }
    var cost: String { t("Kosten", "Cost") }
    var map: String { t("Karte der Schulen", "Map of the schools") }
    var mapNote: String {
        t("Lage nach geocodierter Adresse (ungefähr); Farbe: Abdeckung des Leihgeräte-Bedarfs; Fläche: Bedarf.",
          "Position from the geocoded address (approximate); colour: coverage of the pupil need; area: need.")
    }
    var allSchools: String { t("Alle Schulen", "All schools") }
    var form: String { t("Schulform", "Form") }
    var number: String { t("Schulnr.", "School no.") }
    var comparison: String { t("Vergleich der Szenarien", "Comparison of scenarios") }
    var gainsLosses: String { t("Schulen mit mehr oder weniger Geräten", "Schools that gain or lose devices") }
    var change: String { t("Änderung", "Change") }
    var noChanges: String { t("Keine Schule erhält eine andere Zahl von Geräten.", "No school gets a different number of devices.") }
    var audit: String { t("Prüfprotokoll", "Audit record") }
    var inputs: String { t("Eingabedateien", "Input files") }
    var scenarioValues: String { t("Werte des Szenarios", "Scenario values") }
    var solver: String { t("Berechnung", "Solver") }
    var generatedAt: String { t("erstellt", "generated") }
    var toolVersion: String { t("Programmversion", "Tool version") }
    var status: String { t("Status", "Status") }
    var scenario: String { t("Szenario", "Scenario") }
    var objective: String { t("Zielfunktion", "Objective") }

    func statusSentence(_ plan: Plan) -> String {
        let s = plan.solver
        if plan.scenario.objective == .proportional {
            return t("Verteilung nach der proportionalen Formel (keine Optimierung); ihr Anteil ist der größte, den das Geld erreicht.",
                     "Distributed by the proportional formula (not an optimisation); its share is the largest the money reaches.")
        }
        let n = s.gapDevices
        if s.stoppedAtTimeLimit {
            return t("Beim Zeitlimit angehalten: der beste bisher geprüfte Plan; höchstens \(n) Gerät\(n == 1 ? "" : "e") vom bestmöglichen Plan entfernt (bewiesene Schranke).",
                     "Stopped at the time limit: the best verified plan so far; at most \(n) device\(n == 1 ? "" : "s") from the best possible plan (proven bound).")
        }
        if s.status == .optimal {
            return t("Optimal (bewiesen innerhalb der relativen Toleranz); höchstens \(n) Gerät\(n == 1 ? "" : "e") vom bestmöglichen Plan entfernt.",
                     "Optimal (proven within the relative gap); at most \(n) device\(n == 1 ? "" : "s") from the best possible plan.")
        }
        return t("Zulässig, nicht als optimal bewiesen (Zeitlimit); höchstens \(n) Gerät\(n == 1 ? "" : "e") vom bestmöglichen Plan entfernt (bewiesene Schranke).",
                 "Feasible, not proven optimal (time limit); at most \(n) device\(n == 1 ? "" : "s") from the best possible plan (proven bound).")
    }

    /// Maximin: the guarantee per device kind, one sentence each, in the order of the
    /// scenario's kinds (rounded down by the one share rule, `Share`); empty when the plan has none.
    func kindGuarantees(_ plan: Plan, share: (Share?) -> String) -> [String] {
        guard plan.hasKindGuarantees else { return [] }
        return plan.kinds.enumerated().compactMap { k, kind in
            plan.kindCoverage[k].map { c in
                t("\(kind.label): jede Schule mit Bedarf erhält mindestens \(share(Share(c))) ihres Bedarfs.",
                  "\(kind.label): every school with need gets at least \(share(Share(c))) of it.")
            }
        }
    }

    func objectiveName(_ mode: ObjectiveMode, maximin: MaximinRule.Guarantee = .joint) -> String {
        switch mode {
        case .maximin where maximin == .perKind:
            return t("maximin (größte kleinste Abdeckung je Geräteart, dann gewichtete Geräte)",
                     "maximin (largest smallest coverage per device kind, then weighted devices)")
        case .maximin: return t("maximin (größte kleinste Abdeckung, dann gewichtete Geräte)", "maximin (largest smallest coverage, then weighted devices)")
        case .weighted: return t("gewichtet (bedarfsgewichtete Geräte)", "weighted (need-weighted devices)")
        case .minCost: return t("geringste Eigenmittel", "least own money")
        case .proportional: return t("proportionale Formel", "proportional formula")
        }
    }
}
