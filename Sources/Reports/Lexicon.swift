import Foundation
import Allocation
import LinearProgramming
import Scheduling
import ScenarioFiles

/// The one language layer: every word a user sees in a report, chart, workbook, CSV header
/// or terminal text, in German and English side by side. Outputs ask `Words` for their
/// texts; no output assembles a user string of its own. `labels` lists the short labels, so
/// that a test can check that no German output shows an English one (and the other way round).
struct Words {
    let language: ReportLanguage
    func t(_ de: String, _ en: String) -> String { language == .de ? de : en }
    var f: NumberStyle { NumberStyle(language) }
    var date: DateText { DateText(language) }

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
            return t("Beim Zeitlimit angehalten: der beste bisher geprüfte Plan; höchstens \(devicesWord(n)) vom bestmöglichen Plan entfernt (bewiesene Schranke).",
                     "Stopped at the time limit: the best verified plan so far; at most \(devicesWord(n)) from the best possible plan (proven bound).")
        }
        if s.status == .optimal {
            return t("Optimal (bewiesen innerhalb der relativen Toleranz); höchstens \(devicesWord(n)) vom bestmöglichen Plan entfernt.",
                     "Optimal (proven within the relative gap); at most \(devicesWord(n)) from the best possible plan.")
        }
        return t("Zulässig, nicht als optimal bewiesen (Zeitlimit); höchstens \(devicesWord(n)) vom bestmöglichen Plan entfernt (bewiesene Schranke).",
                 "Feasible, not proven optimal (time limit); at most \(devicesWord(n)) from the best possible plan (proven bound).")
    }

    /// Maximin: the guarantee per device kind, one sentence each, in the order of the
    /// scenario's kinds (rounded down by the one share rule, `Share`); empty when the plan has none.
    func kindGuarantees(_ plan: Plan, share: (Share?) -> String) -> [String] {
        guard plan.hasKindGuarantees else { return [] }
        return plan.kinds.enumerated().compactMap { k, kind in
            plan.kindCoverage[k].map { c in
                t("\(kindLabel(kind)): jede Schule mit Bedarf erhält mindestens \(share(Share(c))) ihres Bedarfs.",
                  "\(kindLabel(kind)): every school with need gets at least \(share(Share(c))) of it.")
            }
        }
    }

    func objectiveName(_ mode: ObjectiveMode, maximin: MaximinRule.Guarantee = .joint) -> String {
        switch mode {
        case .maximin where maximin == .perKind:
            return t("größte Mindestabdeckung je Geräteart, dann bedarfsgewichtete Geräte (maximin)",
                     "maximin (largest smallest coverage per device kind, then weighted devices)")
        case .maximin: return t("größte Mindestabdeckung, dann bedarfsgewichtete Geräte (maximin)", "maximin (largest smallest coverage, then weighted devices)")
        case .weighted: return t("bedarfsgewichtete Geräte (weighted)", "weighted (need-weighted devices)")
        case .minCost: return t("geringste Eigenmittel (min-cost)", "least own money")
        case .proportional: return t("proportionale Formel (proportional)", "proportional formula")
        }
    }

    /// The objective as the terminal's first lines and `explain` name it: German words with the
    /// scenario file's id in parentheses; English the id itself (as the file writes it).
    func objectiveShort(_ mode: ObjectiveMode, maximin: MaximinRule.Guarantee = .joint) -> String {
        language == .de ? objectiveName(mode, maximin: maximin) : mode.rawValue
    }

    // MARK: - report: page 1 and sections

    var moneyGranted: String { t("Fördermittel bewilligt", "Money granted") }
    var eachDevice: String { t("je Gerät", "each") }
    var beyondPools: String { t("über die Förderprogramme hinaus", "beyond the funding pools") }
    var share: String { t("Anteil", "share") }
    var contents: String { t("Inhalt", "Contents") }
    var page: String { t("Seite", "page") }
    var rollout: String { t("Auslieferung Periode für Periode", "Roll-out period by period") }
    var file: String { t("Datei", "file") }
    var baseline: String { t("Basis", "baseline") }
    var solverLabel: String { t("Rechenprogramm", "Solver") }
    var fileHeader: String { t("Datei", "File") }
    var bytes: String { t("Bytes", "Bytes") }
    var poolShort: String { t("Kurzname", "Short name") }
    var abbreviations: String { t("Beträge in ganzen Euro (auf den Cent im Arbeitsblatt); Abkürzungen", "Amounts in whole euros (to the cent in the workbook); abbreviations") }
    var isoTime: String { t("ISO 8601", "ISO 8601") }
    var everyFigureChecked: String {
        t("Jede Zahl wurde vor der Ausgabe gegen alle Regeln des Szenarios auf den Cent nachgeprüft.",
          "Every figure was re-checked against every rule of the scenario, to the cent, before it was shown.")
    }
    func everySchoolGetsAtLeast(_ share: String) -> String {
        t("Jede Schule mit Bedarf erhält mindestens \(share) ihres Bedarfs.", "Every school with need gets at least \(share) of it.")
    }
    var levelNote: String {
        t("Sozialindex NRW: Stufe 1 geringste, Stufe 9 höchste Belastung. Schulen ohne eigene Stufe zählen mit der Stufe, die ihnen das Szenario gibt (in der Schultabelle mit * markiert); „ohne“: Schulen, denen es keine gibt. Anteile auf 0,1\u{00A0}% abgerundet.",
          "NRW social index: level 1 least, level 9 most burden. Schools without a level of their own count at the level the scenario gives them (marked * in the school table); “none”: schools it gives none. Shares rounded down to 0.1\u{00A0}%.")
    }
    var noCoordinates: String { t("Keine Koordinaten vorhanden.", "No coordinates given.") }
    var pupilsAndTeachersApart: String {
        t("Leihgeräte und Lehrkräfte-Geräte getrennt; Δ gegen die Basis.", "Pupil devices and teacher devices apart; Δ against the baseline.")
    }
    func moneyLost(_ m: String) -> String { t("Bis zu den Fristen nicht ausgegeben (verloren): \(m).", "Not spent by the deadlines (lost): \(m).") }
    var noMoneyLost: String {
        t("Kein Geld verfällt: jedes Gerät wird vor der Frist seines Programms ausgegeben.", "No money is lost: every device is handed out before its pool's deadline.")
    }
    /// Page 1's list of what follows.
    func contentsList(comparison: Bool, rollout: Bool, calibration: Bool, years: Bool = false) -> [String] {
        var out = [byDistrict, byLevel, map]
        if comparison { out.append(self.comparison) }
        if rollout { out.append(self.rollout) }
        if calibration { out.append(calibrationTitle) }
        if years { out.append(yearsContents) }
        out += [allSchools, audit]
        return out
    }
    var contentsIntro: String { t("Auf den folgenden Seiten:", "On the following pages:") }

    // MARK: - report: map

    var mapTitle: String {
        t("Abdeckung des Leihgeräte-Bedarfs je Schule (Farbe) und Größe des Bedarfs (Fläche)",
          "Coverage of each school's pupil need (colour) and size of the need (area)")
    }
    var mapLegendCoverage: String { t("Abdeckung", "Coverage") }
    var mapNoNeed: String { t("kein Bedarf", "no need") }
    var mapHighestNeed: String { t("höchster Bedarf (Stufe 9 oder größte Bedarfe)", "highest need (level 9 or largest needs)") }
    func mapHighestNeedMarked(_ n: Int) -> String {
        t("Ring: die \(n) Schulen mit dem höchsten Bedarf (höchste Sozialindex-Stufe, dann größter Bedarf)",
          "Ring: the \(n) schools of highest need (highest social-index level, then largest need)")
    }
    var mapDistrictOutline: String { t("Stadtbezirk: ungefähre Umrisslinie (konvexe Hülle seiner Schulen)", "District: approximate outline (convex hull of its schools)") }
    var mapNoteLong: String {
        t("Lage nach geocodierter Adresse (ungefähr); keine Kartengrundlage. Die Farbklassen teilen die tatsächlich vorkommenden Abdeckungen in gleich große Gruppen (Quantile); Umrisse der Stadtbezirke sind aus den Schulstandorten abgeleitet und nur ungefähr.",
          "Position from the geocoded address (approximate); no base map. The colour classes split the coverages that actually occur into groups of equal size (quantiles); district outlines are derived from the schools' positions and only approximate.")
    }
    func schoolTooltip(_ name: String, _ devices: String, _ need: String, _ share: String) -> String {
        t("\(name): \(devices) von \(need) (\(share))", "\(name): \(devices) of \(need) (\(share))")
    }

    // MARK: - report: roll-out (Gantt)

    var ganttTitle: String { t("Auslieferungsplan", "Roll-out schedule") }
    var ganttArrived: String { t("Geräte angeliefert (grau)", "devices arrived (grey)") }
    var ganttHandedOutCumulative: String { t("und ausgegeben (blau), kumuliert", "and handed out (blue), cumulative") }
    func ganttOfTotal(_ n: String) -> String { t("von \(n)", "of \(n)") }
    func ganttArrivedTooltip(_ period: String, _ arrived: String, _ out: String) -> String {
        t("\(period): \(arrived) angeliefert, \(out) ausgegeben", "\(period): \(arrived) arrived, \(out) handed out")
    }
    func ganttCellTooltip(_ school: String, _ period: String, _ n: String) -> String {
        t("\(school), \(period): \(n) Geräte", "\(school), \(period): \(n) devices")
    }
    func levelShort(_ level: Int?) -> String {
        level.map { t("Stufe \($0)", "level \($0)") } ?? t("ohne Stufe", "no level")
    }
    func deadline(_ pool: String, _ day: String) -> String { t("Frist \(pool) \(day)", "deadline \(pool) \(day)") }
    var ganttLegendHandedOut: String { t("Ausgegebene Geräte", "Devices handed out") }
    var ganttImageReady: String { t("eingerichtet, Geräte noch offen", "image ready, devices due") }
    var ganttAllOut: String { t("alle Geräte ausgegeben", "all devices out") }
    var ganttImageMade: String { t("Einrichtung fertig", "image made") }
    /// The schools' device setup (the image with Wi-Fi, apps and rights the IT service makes per
    /// school; issue 15: German "Einrichtung", the IT term "Image" once in parentheses).
    var imaging: String { t("Einrichtung (Image)", "imaging") }
    func ganttFooter(_ money: String) -> String {
        t("Zeilen: Schulen in der Reihenfolge ihrer Versorgung; Spalten: Perioden. \(money)",
          "Rows: schools in the order they are served; columns: periods. \(money)")
    }
    func ganttPart(_ district: String, _ part: Int, _ parts: Int) -> String {
        parts > 1 ? t("\(district) (Teil \(part) von \(parts))", "\(district) (part \(part) of \(parts))") : district
    }
    var ganttOverview: String { t("Geräte im Zeitverlauf", "Devices over time") }
    var ganttByDistrict: String {
        t("Je Stadtbezirk: Schulen (Zeilen) in der Reihenfolge ihrer Versorgung, Perioden (Spalten).",
          "Per district: schools (rows) in the order they are served, periods (columns).")
    }
    func moneyLostToDeadlines(_ m: String) -> String {
        t("An Fristen verlorenes Geld: \(m).", "Money lost to deadlines: \(m).")
    }
    var noMoneyLostToDeadlines: String { t("Kein Geld verfällt an Fristen.", "No money is lost to deadlines.") }

    // MARK: - schedule text

    func periodsPhrase(_ n: Int, unit: ScheduleRules.PeriodUnit, from: String, to: String) -> String {
        let one = n == 1
        let u: String
        switch unit {
        case .week: u = one ? t("Wochenperiode", "weekly period") : t("Wochenperioden", "weekly periods")
        case .month: u = one ? t("Monatsperiode", "monthly period") : t("Monatsperioden", "monthly periods")
        case .custom: u = one ? t("Periode", "period") : t("Perioden", "periods")
        }
        return t("\(n) \(u), \(from) bis \(to)", "\(n) \(u), \(from) to \(to)")
    }
    func policy(_ p: ScheduleRules.TeacherPolicy) -> String {
        switch p {
        case .first: return t("Lehrkräfte-Geräte zuerst", "teacher devices first")
        case .last: return t("Lehrkräfte-Geräte zuletzt", "teacher devices last")
        case .mixed: return t("Lehrkräfte- und Leihgeräte nach Gewicht", "teacher and pupil devices by weight")
        }
    }
    func schoolsCount(_ n: Int) -> String { n == 1 ? t("1 Schule", "1 school") : t("\(f.int(n)) Schulen", "\(f.int(n)) schools") }
    func perPeriod(_ s: String) -> String { t("\(s) je Periode", "\(s) per period") }
    func inPeriod(_ n: Int, _ label: String) -> String { t("\(n) in \(label)", "\(n) in \(label)") }
    func supplyItem(_ n: String, rest: Bool, by day: String) -> String {
        t("\(n)\(rest ? " (Rest)" : "") bis \(day)", "\(n)\(rest ? " (rest)" : "") by \(day)")
    }
    var supplyEven: String { t(" (gleichmäßig dazwischen)", " (evenly in between)") }
    var supplyOnDate: String { t(" (jeweils am Stichtag)", " (on each date)") }
    func scheduleHeadline(_ periods: String, schools: String, devices: String) -> String {
        t("Auslieferungsplan: \(periods) · \(schools) · \(devices) Geräte", "Roll-out schedule: \(periods) · \(schools) · \(devices) devices")
    }
    func scheduleRulesLine(_ policy: String, imaging: String, supply: String) -> String {
        t("\(policy) · \(self.imaging) \(imaging) · Lieferung \(supply)", "\(policy) · imaging \(imaging) · supply \(supply)")
    }
    func ganttSubtitle(_ periods: String, _ policy: String, _ imaging: String) -> String {
        t("Auslieferungsplan: \(periods) · \(policy) · \(self.imaging) \(imaging)", "Roll-out schedule: \(periods) · \(policy) · imaging \(imaging)")
    }
    func byUnit(_ unit: ScheduleRules.PeriodUnit) -> String {
        switch unit {
        case .week: return t("Woche für Woche", "Week by week")
        case .month: return t("Monat für Monat", "Month by month")
        case .custom: return t("Periode für Periode", "Period by period")
        }
    }
    /// A period's label as shown (text, HTML, SVG): the generated ISO labels in German as a
    /// German planner says them ("2020-W47" → "KW 47/2020", "2020-11" → "Nov. 2020"); a label
    /// the scenario gives, and every label in English, as it is. CSV and JSON keep the label itself.
    func periodName(_ label: String) -> String {
        guard language == .de else { return label }
        let parts = label.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]) else { return label }
        if parts[1].hasPrefix("W"), parts[1].count == 3, let week = Int(parts[1].dropFirst()) { return "KW \(week)/\(year)" }
        if parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) {
            let short = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]
            return "\(short[month - 1]) \(year)"
        }
        return label
    }
    var periodHeader: [String] { [t("Periode", "Period"), t("Von", "From"), t("Bis", "To"), t("Angeliefert", "Arrived")] }
    func outOfKind(_ id: String) -> String { t("Aus: \(id)", "Out: \(id)") }
    /// A device kind in a column head: its label (`kindLabel`).
    func kindHead(_ kind: DeviceKind) -> String { kindLabel(kind) }
    var periodHeaderTail: [String] { [t("Aus (gesamt)", "Out (total)"), t("Im Lager", "In stock"), t("Eingerichtet", "Imaged"), t("Schulen versorgt", "Schools served")] }
    func imagedOf(_ n: Int, _ cap: Int) -> String { t("\(n) von \(cap)", "\(n) of \(cap)") }
    var periodTableNote: String {
        t("  Angeliefert: vom Lieferanten bis zum Ende der Periode gelieferte Geräte. Aus: an Schulen ausgegebene Geräte.\n  Eingerichtet: Schulen, deren Geräte in der Periode eingerichtet werden (Image mit WLAN, Apps und Rechten; von der Kapazität des IT-Dienstleisters).\n\n",
          "  Arrived: devices delivered by the supplier up to the period's end. Out: devices handed out to schools.\n  Imaged: schools whose device image is made in the period (of the IT service's capacity).\n\n")
    }
    func notHandedOut(_ n: String, of total: String, _ label: String) -> String {
        t("Im Zeitplan nicht ausgegeben: \(n) von \(total) \(label)", "Not handed out within the schedule: \(n) of \(total) \(label)")
    }
    var moneyHeader: [String] {
        [t("Förderprogramm", "Pool"), t("Geplant", "Planned"), t("Frist", "Deadline"), t("Rechtzeitig ausgegeben", "Spent in time"), t("Verloren", "Lost"), t("Status", "Status")]
    }
    var none: String { t("keine", "none") }
    var moneyTitle: String {
        t("Geld und Fristen (das Geld eines Geräts gilt in der Periode als ausgegeben, in der es ausgegeben wird)",
          "Money and deadlines (a device's money counts as spent in the period it is handed out)")
    }
    var moneyOpenNoneLost: String {
        t("Im Zeitplan verfällt kein Geld, aber ein Teil bleibt offen (unten): Fristen nach seiner letzten Periode entscheiden.\n",
          "No money is lost within the schedule, but some stays open (below): deadlines after its last period decide.\n")
    }
    var moneyNoneLost: String {
        t("Kein Geld verfällt: die Geräte jedes Förderprogramms werden in Perioden ausgegeben, die bis zu seiner Frist enden.\n",
          "No money is lost: every pool's devices are handed out in periods that end by its deadline.\n")
    }
    func moneyLostLine(_ m: String) -> String { t("GELD VERLOREN: \(m) verfallen an Fristen.\n", "MONEY LOST: \(m) would be lost to deadlines.\n") }
    func lostPoolLine(_ name: String, _ id: String, _ lost: String, _ devices: String, _ schools: Int, _ day: String) -> String {
        t("  \(name) (\(id)): \(lost) — \(devices) Geräte an \(schools) Schulen werden nach dem \(day) ausgegeben\n",
          "  \(name) (\(id)): \(lost) — \(devices) devices at \(schools) schools are handed out after \(day)\n")
    }
    func openLine(_ name: String, _ m: String, _ day: String) -> String {
        t("Offen: \(name): \(m) bezahlt Geräte, die der Zeitplan bis \(day) nicht ausgibt\n",
          "Open: \(name): \(m) pays for devices the schedule does not hand out by \(day)\n")
    }
    func deadlineStatus(_ s: RolloutPlan.PoolDeadline.Status) -> String {
        switch s {
        case .noDeadline: return t("keine Frist", "no deadline")
        case .met: return t("eingehalten", "met")
        case .lost: return t("VERFEHLT", "MISSED")
        case .open: return t("offen nach dem Zeitplan", "open after the schedule")
        }
    }
    var levelHeader: [String] {
        [t("Stufe", "Level"), t("Schulen", "Schools"), t("Leihgeräte", "Pupil devices"), t("Erste aus", "First out"), t("Hälfte aus", "Half out"),
         t("Alle aus", "All out"), t("Ø Wochen in Händen", "Avg. weeks in hands")]
    }
    var notWithinSchedule: String { t("nicht im Zeitplan", "not within the schedule") }
    var levelTitle: String { t("Leihgeräte je Sozialindex-Stufe\n", "Pupil devices by social index level\n") }
    var scheduleSchoolsHeader: [String] {
        [t("Einrichtung", "Image"), t("Erste aus", "First out"), t("Alle aus", "All out"), t("Schulnummer", "School number"), t("Schule", "School"), t("Stufe", "Level")]
    }
    var scheduleSchoolsTitle: String {
        t("Schulen in der Reihenfolge ihrer Versorgung (Einrichtung: die Periode, in der das Geräte-Image der Schule erstellt wird)\n",
          "Schools in the order they are served (Image: the period its device image is made)\n")
    }
    func scheduleSolverLine(_ version: String, gap: String, limit: String) -> String {
        t("Rechenprogramm: \(version), relative Toleranz \(gap) %, Zeitlimit \(limit) s für den ganzen Zeitplan\n",
          "Solver: \(version), relative gap \(gap) %, time limit \(limit) s for the whole schedule\n")
    }
    func stageLine(_ name: String, _ value: String, _ status: String, _ bound: String, gap: String?) -> String {
        if let gap {
            return t("  \(name): \(value) (\(status), beste Schranke \(bound), Abstand \(gap))\n", "  \(name): \(value) (\(status), best bound \(bound), gap \(gap))\n")
        }
        return t("  \(name): \(value) (\(status), beste Schranke \(bound))\n", "  \(name): \(value) (\(status), best bound \(bound))\n")
    }
    func deviceWeeks(_ day: String, pupils: String, weighted: String, teachers: String) -> String {
        t("Geräte-Wochen bis \(day): Leihgeräte \(pupils) (bedarfsgewichtet \(weighted)), Lehrkräfte \(teachers)\n",
          "Device-weeks until \(day): pupils \(pupils) (need-weighted \(weighted)), teachers \(teachers)\n")
    }
    var scheduleNothingToDecide: String {
        t("Status: nichts zu entscheiden (kein Gerät hat Gewicht); die Geräte jeder Schule so früh, wie Lieferung und Einrichtung es erlauben\n",
          "Status: nothing to decide (no device has weight); every school's devices as early as supply and imaging allow\n")
    }
    var scheduleOptimal: String { t("Status: optimal (jede Stufe innerhalb der relativen Toleranz bewiesen)\n", "Status: optimal (every stage proven within the relative gap)\n") }
    var scheduleStopped: String {
        t("Status: beim Zeitlimit angehalten — der beste bisher geprüfte Zeitplan; der Abstand jeder Stufe oben ist das Höchste, das er vom bestmöglichen entfernt sein kann (bewiesene Schranke)\n",
          "Status: stopped at the time limit — the best verified schedule so far; each stage's gap above is the most it may be from the best possible (proven bound)\n")
    }
    var scheduleFeasible: String {
        t("Status: zulässig — nicht als optimal bewiesen; der Abstand jeder Stufe oben ist das Höchste, das er vom bestmöglichen entfernt sein kann\n",
          "Status: feasible — not proven optimal; each stage's gap above is the most it may be from the best possible\n")
    }
    var scheduleVerified: String {
        t("Geprüft: Lieferung, Kapazität der Einrichtung, Einrichtung vor Geräten, früheste Termine und geplante Geräte nachgerechnet\n",
          "Verified: supply, imaging capacity, images before devices, earliest dates and planned devices re-checked\n")
    }
    func solvedIn(_ s: String) -> String { t("Gelöst in \(s) s\n", "Solved in \(s) s\n") }
    func pupilWeights(_ lo: String, _ hi: String?) -> String {
        hi.map { t("Leihgeräte \(lo) bis \($0) nach Sozialindex-Stufe", "pupil devices \(lo) to \($0) by index level") } ?? t("Leihgeräte \(lo)", "pupil devices \(lo)")
    }
    func teacherWeight(_ w: String, _ p: ScheduleRules.TeacherPolicy) -> String {
        let why: String
        switch p {
        case .first: why = t(" (zuerst: doppelt das schwerste Leihgerät)", " (first: twice the heaviest pupil device)")
        case .last: why = t(" (zuletzt: halb das leichteste Leihgerät)", " (last: half the lightest pupil device)")
        case .mixed: why = t(" (das Prioritätsgewicht der Geräteart)", " (the kind's priority weight)")
        }
        return t("Lehrkräfte-Geräte \(w)\(why)", "teacher devices \(w)\(why)")
    }
    func weightLine(_ parts: String) -> String { t("Gewicht einer Geräte-Woche: \(parts)\n", "Weight of one device-week: \(parts)\n") }
    var yes: String { t("ja", "yes") }
    var no: String { t("nein", "no") }

    // MARK: - terminal summary

    func objectiveLine(_ mode: ObjectiveMode, maximin: MaximinRule.Guarantee, schools: Int) -> String {
        t("Zielfunktion: \(objectiveShort(mode, maximin: maximin)) · \(f.int(schools)) Schulen\n", "Objective: \(objectiveShort(mode, maximin: maximin)) · \(schools) schools\n")
    }
    var poolsHeader: [String] { [t("Förderprogramm", "Pool"), t("Bewilligt", "Granted"), t("Ausgegeben", "Spent"), t("Übrig", "Left")] }
    var totalLabel: String { t("Summe", "Total") }
    func ownMoneySpent(_ m: String) -> String { t("Eigenanteil der Stadt ausgegeben: \(m)\n\n", "The city's own money spent: \(m)\n\n") }
    var kindsHeader: [String] { [t("Geräte", "Devices"), t("Geplant", "Planned"), t("Bedarf", "Needed"), t("Abdeckung", "Coverage"), t("Stückpreis", "Unit price")] }
    func pupilsCoveredLine(_ n: String, _ need: String, _ share: String) -> String {
        t("Versorgte Schülerinnen und Schüler: \(n) von \(need) mit Bedarf (\(share))\n", "Pupils covered: \(n) of \(need) in need (\(share))\n")
    }
    var sharesRounded: String {
        t("Anteile auf 0,1 % abgerundet (nie 100,0 % für weniger als alle).\n\n", "Shares are rounded down to 0.1 % (never 100.0 % for less than all).\n\n")
    }
    var levelTableTitle: String {
        t("Leihgeräte je Sozialindex-Stufe (Schulen ohne eigene Stufe mit der Stufe, die ihnen das Szenario gibt; ohne: keine Stufe)\n",
          "Pupil devices by social index level (schools without one at the level the scenario gives them; none: no level)\n")
    }
    var districtTableTitle: String { t("Leihgeräte je Stadtbezirk\n", "Pupil devices by district\n") }
    var groupHeader: [String] {
        [t("Schulen", "Schools"), t("Bedarf Leihgeräte", "Pupil need"), t("Leihgeräte", "Pupil devices"), t("Abdeckung", "Coverage"), t("Lehrkräfte-Geräte", "Teacher devices")]
    }
    var levelColumn: String { t("Stufe", "Level") }
    var districtColumn: String { t("Stadtbezirk", "District") }
    /// A group key as shown in the terminal ("none" in English, as before).
    func groupKey(_ key: String) -> String { key == "none" ? t("ohne", "none") : key }
    func solveSolverLine(_ version: String, gap: String, limit: String) -> String {
        t("Rechenprogramm: \(version), relative Toleranz \(gap) %, Zeitlimit \(limit) s für die ganze Rechnung\n",
          "Solver: \(version), relative gap \(gap) %, time limit \(limit) s for the whole solve\n")
    }
    func kindGuaranteeLine(_ label: String, _ share: String, exact: String) -> String {
        t("Garantierte Abdeckung von \(label): jede Schule mit Bedarf erhält mindestens \(share) davon (genau \(exact.replacingOccurrences(of: ".", with: ",")), abgerundet gezeigt)\n",
          "Guaranteed coverage of \(label): every school with need gets at least \(share) of it (exactly \(exact), shown rounded down)\n")
    }
    func commonShareLine(_ share: String) -> String {
        t("Gemeinsamer Anteil am Bedarf: \(share) (jede Schule erhält diesen Anteil ihres Bedarfs, abgerundet; dann jede Geräteart für sich, so weit ihr Geld reicht)\n",
          "Common share of need: \(share) (every school gets this share of its need, rounded down; then each kind on its own as far as its money reaches)\n")
    }
    func guaranteeLine(_ share: String, exact: String) -> String {
        t("Garantierte Abdeckung: jede Schule mit Bedarf erhält mindestens \(share) davon (genau \(exact.replacingOccurrences(of: ".", with: ",")), abgerundet gezeigt)\n",
          "Guaranteed coverage: every school with need gets at least \(share) of it (exactly \(exact), shown rounded down)\n")
    }
    var statusProportional: String {
        t("Status: die proportionale Formel, keine Optimierung; ihr Anteil ist der größte, den das Geld erreicht\n",
          "Status: the proportional formula, not an optimisation; its share is the largest the money reaches\n")
    }
    func devicesWord(_ n: Int) -> String { n == 1 ? t("1 Gerät", "1 device") : t("\(f.int(n)) Geräte", "\(f.int(n)) devices") }
    func statusStopped(_ n: Int) -> String {
        t("Status: beim Zeitlimit angehalten — der beste bisher geprüfte Plan; höchstens \(devicesWord(n)) vom bestmöglichen Plan entfernt (bewiesene Schranke)\n",
          "Status: stopped at the time limit — the best verified plan so far; at most \(devicesWord(n)) from the best possible plan (proven bound)\n")
    }
    func statusOptimal(_ n: Int) -> String {
        t("Status: optimal (bewiesen innerhalb der relativen Toleranz); höchstens \(devicesWord(n)) vom bestmöglichen Plan entfernt\n",
          "Status: optimal (proven within the relative gap); at most \(devicesWord(n)) from the best possible plan\n")
    }
    func statusOther(_ status: String, _ n: Int) -> String {
        t("Status: \(status) — nicht als optimal bewiesen; höchstens \(devicesWord(n)) vom bestmöglichen Plan entfernt (bewiesene Schranke)\n",
          "Status: \(status) — not proven optimal; at most \(devicesWord(n)) from the best possible plan (proven bound)\n")
    }
    var solveVerified: String {
        t("Geprüft: jedes Förderprogramm, jede Obergrenze, Quote, Förderregel und Bedarfsgrenze auf den Cent nachgerechnet\n",
          "Verified: every pool, cap, rate, eligibility rule and need limit re-checked in cents\n")
    }
    /// A solver stage's name (the engine's and the scheduler's, in English) in the language;
    /// a device kind's id in it ("(pupil)") as its label where `kinds` (the plan's) has it, in
    /// both languages (the audit's key keeps the id).
    func stageName(_ name: String, kinds: [DeviceKind] = []) -> String {
        var name = name
        for k in kinds { name = name.replacingOccurrences(of: "(\(k.id))", with: "(\(kindInSentence(k)))") }
        guard language == .de else { return name }
        let words = [("smallest coverage ratio", "kleinste Abdeckungsquote"), ("need-weighted devices", "bedarfsgewichtete Geräte"),
                     ("own money spent", "ausgegebene Eigenmittel"), ("tie-break", "Gleichstandsregel"),
                     ("common share of need", "gemeinsamer Anteil am Bedarf"),
                     ("money spent by the deadlines (euros)", "bis zu den Fristen ausgegebenes Geld (Euro)"),
                     ("weighted device-weeks", "gewichtete Geräte-Wochen")]
        var out = name
        for (en, de) in words { out = out.replacingOccurrences(of: en, with: de) }
        return out
    }

    func termination(_ s: TerminationStatus) -> String {
        switch s {
        case .optimal: return t("optimal", "optimal")
        case .feasible: return t("zulässig, vom Zeitlimit angehalten", "feasible, stopped by the time limit")
        case .infeasible: return t("unlösbar", "infeasible")
        case .unbounded: return t("unbeschränkt", "unbounded")
        case .noSolutionFound: return t("keine Lösung gefunden", "no solution found")
        case .notSearched: return t("zulässig, nicht durchsucht (GLPKs ganzzahlige Suche lief nicht; Schranke aus LP-Relaxationen)",
                                    "feasible, not searched (GLPK's integer search did not run; bound from LP relaxations)")
        case .workLimit: return t("zulässig, Suche an ihrer Arbeitsgrenze beendet (feste Knotenzahl, auf jedem Rechner gleich)",
                                  "feasible, search ended at its work limit (a fixed number of nodes, the same on every machine)")
        }
    }
    var splitHeader: [String] { [t("Förderprogramm", "Pool"), t("Landessumme", "State total"), t("Verteilt nach", "Split"), t("Vergleichswert", "Checked against"), "Δ"] }
    func splitTitle(_ n: Int) -> String {
        t("Landesweite Verteilung auf \(f.int(n)) Schulträger (die Anteile ergeben die Landessumme auf den Cent)\n",
          "State-wide split among \(n) school authorities (shares add up to the state total to the cent)\n")
    }
    func splitByKey(reference: String?) -> String {
        reference.map { t("Schülerschlüssel, vom Referenzträger (\($0)) hochgerechnet", "pupil key, scaled from the reference's \($0)") }
            ?? t("Schülerschlüssel (nach Sozialindex gewichtet), Summe vorgegeben", "pupil key (weighted by social index), total given")
    }
    func splitPerDevice(_ amount: String, _ n: String, teachers: Bool) -> String {
        let what = teachers ? t("Lehrkräfte", "teachers") : t("Schülerinnen und Schüler", "pupils")
        return "\(amount) × \(n) \(what)" + t(" (je Träger nach seiner Zahl)", " (each authority by its own count)")
    }
    func splitByTable(_ file: String) -> String { t("Beträge je Träger aus \(file)", "amounts per authority from \(file)") }
    func splitHeading(_ n: String) -> String { t("Landesweite Verteilung auf \(n) Schulträger", "State-wide split among \(n) school authorities") }
    var splitNote: String {
        t("Die Anteile der Träger ergeben die Landessumme auf den Cent (Verteilung nach größten Resten).", "The authorities' shares add up to the state total to the cent (largest remainder).")
    }
    func checkedAgainst(_ pool: String, _ source: String) -> String { t("  \(pool): verglichen mit \(source)\n", "  \(pool): checked against \(source)\n") }

    // MARK: - comparison text

    func comparisonHeadline(_ baseline: String) -> String { t("Vergleich — Basis: \(baseline)\n", "Comparison — baseline: \(baseline)\n") }
    func comparisonColumn(_ i: Int, _ title: String, _ file: String, _ objective: String, baseline: Bool) -> String {
        t("  [\(i)] \(title) (Datei: \(file); Zielfunktion \(objective))\(baseline ? " — Basis" : "")\n",
          "  [\(i)] \(title) (file: \(file); objective \(objective))\(baseline ? " — baseline" : "")\n")
    }
    func changesTitle(_ n: Int) -> String {
        t("Schulen mit mehr oder weniger Geräten (\(n), größte Änderung zuerst; Leihgeräte und Lehrkräfte-Geräte getrennt)\n",
          "Schools that gain or lose devices (\(n), largest change first; pupil and teacher devices apart)\n")
    }
    var changesSchool: String { t("Schule", "School") }
    var changesName: String { t("Name", "Name") }
    func pupilColumn(_ i: Int) -> String { t("Leihg. [\(i)]", "Pupil [\(i)]") }
    func deltaPupilColumn(_ i: Int) -> String { t("Δ Leihg. [\(i)]", "Δ pupil [\(i)]") }
    func teacherColumn(_ i: Int) -> String { t("Lehrk. [\(i)]", "Teacher [\(i)]") }
    func deltaTeacherColumn(_ i: Int) -> String { t("Δ Lehrk. [\(i)]", "Δ teacher [\(i)]") }
    func andMore(_ n: Int) -> String { t("  … und \(n) weitere (siehe --json oder --out)\n", "  … and \(n) more (see --json or --out)\n") }

    // MARK: - sweep chart and CSV

    func sweepSubtitle(_ parameter: String) -> String { t("Versorgte Schülerinnen und Schüler, wenn sich „\(parameter)“ ändert", "Pupils covered as “\(parameter)” varies") }
    func sweepHeatSubtitle(_ across: String, _ down: String) -> String {
        t("Abdeckung der Leihgeräte nach „\(across)“ (waagerecht) und „\(down)“ (senkrecht)", "Pupil coverage by “\(across)” (across) and “\(down)” (down)")
    }
    var pupilsCoveredAxis: String { t("versorgte Schülerinnen und Schüler", "pupils covered") }
    func needLine(_ n: String) -> String { t("Bedarf \(n)", "need \(n)") }
    /// Two lines beside the plateau's mark.
    func plateauLabel(_ x: String, exact: String?, pupils: String) -> [String] {
        [t("ab \(x) (Rasterpunkt\(exact.map { "; genau \($0)" } ?? ""))", "from \(x) on (grid point\(exact.map { "; exactly \($0)" } ?? ""))"),
         t("versorgt mehr keine weiteren Schülerinnen und Schüler (\(pupils))", "more covers no more pupils (\(pupils))")]
    }
    var cannotHoldNote: String { t("× das Szenario ist bei diesem Wert nicht erfüllbar", "× the scenario cannot hold at this value") }
    var cannotHold: String { t("nicht erfüllbar", "cannot hold") }
    func pupilsShare(_ n: String, _ share: String) -> String { t("\(n) Schülerinnen und Schüler (\(share))", "\(n) pupils (\(share))") }
    func plateauText(_ parameter: String, _ value: String, exact: String?) -> String {
        var s = t("ab \(parameter) = \(value) (Rasterpunkt) versorgt mehr keine weiteren Schülerinnen und Schüler",
                  "from \(parameter)=\(value) on (grid point), more covers no more pupils")
        if let exact {
            s += t("; genau ab \(exact) (was der Plan dort aus diesem Programm ausgibt)", "; exactly from \(exact) on (what the plan spends from this pool there)")
        }
        return s
    }
    var infeasible: String { t("unlösbar", "infeasible") }

    // MARK: - workbook

    var sheetSummary: String { t("Übersicht", "Summary") }
    var sheetPools: String { t("Förderprogramme", "Pools") }
    var sheetSchools: String { t("Schulen", "Schools") }
    var sheetDistricts: String { t("Stadtbezirke", "Districts") }
    var sheetLevels: String { t("Sozialindex-Stufen", "Index levels") }
    var sheetInputs: String { t("Eingaben", "Inputs") }
    var sheetAudit: String { t("Prüfprotokoll", "Audit") }
    var sheetComparison: String { t("Vergleich", "Comparison") }
    var figure: String { t("Kennzahl", "Figure") }
    var value: String { t("Wert", "Value") }
    var spentCapital: String { t("Ausgegeben", "Spent") }
    var leftCapital: String { t("Übrig", "Left") }
    var pupilCoverage: String { t("Abdeckung Leihgeräte", "Pupil coverage") }
    func guaranteedAtLeast(_ label: String) -> String { t("Garantierte Abdeckung (mindestens): \(label)", "Guaranteed coverage (at least): \(label)") }
    var poolID: String { t("Kennung", "id") }
    var shareSpent: String { t("Anteil ausgegeben", "share spent") }
    var pupils: String { t("Schülerinnen und Schüler", "Pupils") }
    var teachers: String { t("Lehrkräfte", "Teachers") }
    var teacherNeed: String { t("Bedarf Lehrkräfte", "Teacher need") }
    var key: String { t("Schlüssel", "Key") }
    var parameter: String { t("Parameter", "Parameter") }
    var entry: String { t("Eintrag", "Entry") }
    var valueOrHash: String { t("Wert / SHA-256", "Value / SHA-256") }
    func inputEntry(_ path: String) -> String { t("Eingabedatei: \(path)", "input: \(path)") }
    func needOf(_ kind: String) -> String { t("Bedarf: \(kind)", "need: \(kind)") }
    func devicesOf(_ kind: String) -> String { t("Geräte: \(kind)", "devices: \(kind)") }

    // MARK: - audit record labels

    /// An audit value as shown: stage names and statuses in the language.
    func auditValue(_ key: String, _ value: String) -> String {
        guard language == .de else { return value }
        // The scenario's objective ("maximin") by its German name; the solver's objective (a stage name) by the stage's.
        if key == "objective" { return ObjectiveMode(rawValue: value).map { objectiveName($0) } ?? stageName(value) }
        if key == "status", let s = TerminationStatus(rawValue: value) { return termination(s) }
        if key.hasPrefix("stage: ") {
            var v = value.replacingOccurrences(of: "objective", with: "Zielwert").replacingOccurrences(of: "bound", with: "Schranke")
            for s in [TerminationStatus.optimal, .feasible, .infeasible, .unbounded, .noSolutionFound, .notSearched, .workLimit] where v.hasPrefix(s.rawValue + ",") {
                v = termination(s) + v.dropFirst(s.rawValue.count)
            }
            return v.replacingOccurrences(of: ".", with: ",")
        }
        if value == "true" || value == "false" { return value == "true" ? "ja" : "nein" }
        if Double(value) != nil { return value.replacingOccurrences(of: ".", with: ",") }
        // The scenario's enumerated values (a pool's rule, the maximin guarantee) by German
        // words, the value as the file writes it in parentheses (issue 15).
        if let word = Self.germanValues[value], key.hasSuffix(".rule") || key.hasSuffix(".basis") || key == "maximin.guarantee" { return "\(word) (\(value))" }
        return value
    }

    /// German words for the scenario's enumerated values shown in the inputs (README, "Pools",
    /// "Objectives"): a pool's `rule`, a device kind's need `basis` and `maximin.guarantee`.
    static let germanValues: [String: String] = [
        "grant": "Zuschuss nach Förderquote, bis zur Obergrenze je Gerät", "remainder": "Rest: Eigenanteile und Kosten über den Obergrenzen",
        "any": "alles", "per-kind": "je Geräteart", "joint": "gemeinsam über alle Gerätearten",
        "pupils": "Schülerinnen und Schüler", "teachers": "Lehrkräfte",
    ]

    /// An audit entry's label; `kinds` (the plan's): in German a device kind's id in the key
    /// ("guaranteedCoverage.pupil", "stage: … (pupil)") shown by its label.
    func auditLabel(_ key: String, kinds: [DeviceKind] = []) -> String {
        switch key {
        case "generatedAt": return generatedAt
        case "toolVersion": return toolVersion
        case "solverVersion": return solverLabel
        case "solver.relativeGap": return t("Relative Toleranz", "Relative gap")
        case "solver.timeLimitSeconds": return t("Zeitlimit (s)", "Time limit (s)")
        case "solver.stageTolerance": return t("Toleranz zwischen den Stufen", "Tolerance between stages")
        case "status": return status
        case "objective": return objective
        case "objectiveValue": return t("Wert der Zielfunktion", "Objective value")
        case "bestBound": return t("Beste Schranke", "Best bound")
        case "gapDevices": return t("Abstand zum bestmöglichen Plan (Geräte)", "Gap to the best possible plan (devices)")
        case "guaranteedCoverage": return t("Garantierte Abdeckung", "Guaranteed coverage")
        case "stoppedAtTimeLimit": return t("Beim Zeitlimit angehalten", "Stopped at the time limit")
        case "seconds": return t("Rechenzeit (s)", "Solve time (s)")
        default:
            if key.hasPrefix("guaranteedCoverage.") {
                let id = String(key.dropFirst("guaranteedCoverage.".count))
                let kind = kinds.first { $0.id == id }.map(kindLabel) ?? id
                return t("Garantierte Abdeckung", "Guaranteed coverage") + ": " + kind
            }
            if key.hasPrefix("stage: ") { return t("Stufe der Optimierung", "Optimisation stage") + ": " + stageName(String(key.dropFirst("stage: ".count)), kinds: kinds) }
            return key
        }
    }

    // MARK: - CSV headers (`--lang de`: German; `--lang en` and the default: the English set as before)

    var csvSchools: (fixed: [String], need: (String) -> String, devices: (String) -> String, funding: (String) -> String, cost: String) {
        language == .de
            ? (["Schulnummer", "Name", "Schulform", "Stadtbezirk", "Sozialindex", "Schüler", "Lehrkräfte"], { "Bedarf \($0)" }, { "Geräte \($0)" }, { "Förderung \($0)" }, "Kosten")
            : (["schulnummer", "name", "schulform", "district", "social_index", "pupils", "teachers"], { "need_\($0)" }, { "devices_\($0)" }, { "funding_\($0)" }, "cost")
    }
    var csvPools: [String] {
        t2(["Kennung", "Name", "Bewilligt", "Ausgegeben", "Übrig", "Eigenmittel"], ["id", "name", "granted", "spent", "remaining", "own_money"])
    }
    var csvTrue: String { t("ja", "true") }
    var csvFalse: String { t("nein", "false") }
    var csvSchedule: (fixed: [String], devices: (String) -> String, cumulative: (String) -> String, planned: (String) -> String) {
        language == .de
            ? (["Periode", "Periodenbeginn", "Periodenende", "Schulnummer", "Name", "Stadtbezirk", "Sozialindex", "Eingerichtet"],
               { "Geräte \($0)" }, { "kumuliert \($0)" }, { "geplant \($0)" })
            : (["period", "period_start", "period_end", "schulnummer", "name", "district", "social_index", "image_made"],
               { "devices_\($0)" }, { "cumulative_\($0)" }, { "planned_\($0)" })
    }
    var csvScheduleYes: String { t("ja", "yes") }
    var csvScheduleNo: String { t("nein", "no") }
    var csvSweep: (head: [String], spent: (String) -> String, tail: [String]) {
        language == .de
            ? (["Status", "Leihgeräte", "Bedarf Leihgeräte", "Abdeckung Leihgeräte", "Lehrkräfte-Geräte"], { "ausgegeben \($0)" },
               ["Eigenmittel", "Summe ausgegeben", "garantierte Abdeckung", "kleinster Anteil Leihgeräte", "kleinster Anteil Lehrkräfte-Geräte", "Abstand (Geräte)", "Hinweis"])
            : (["status", "pupil_devices", "pupil_need", "pupil_coverage", "teacher_devices"], { "spent_\($0)" },
               ["own_money", "total_spent", "guaranteed_coverage", "smallest_pupil_share", "smallest_teacher_share", "gap_devices", "note"])
    }
    var csvChanges: (fixed: [String], pupil: (String) -> String, deltaPupil: (String) -> String, teacher: (String) -> String, deltaTeacher: (String) -> String) {
        language == .de
            ? (["Schulnummer", "Name", "Stadtbezirk", "Sozialindex", "Stufe"], { "Leihgeräte \($0)" }, { "Δ Leihgeräte \($0)" },
               { "Lehrkräfte-Geräte \($0)" }, { "Δ Lehrkräfte-Geräte \($0)" })
            : (["schulnummer", "name", "district", "social_index", "level"], { "pupil_devices_\($0)" }, { "delta_pupil_devices_\($0)" },
               { "teacher_devices_\($0)" }, { "delta_teacher_devices_\($0)" })
    }
    var csvFigures: (fixed: [String], delta: (String) -> String) {
        language == .de ? (["Kennung", "Kennzahl"], { "Δ \($0)" }) : (["id", "figure"], { "delta_\($0)" })
    }
    func t2(_ de: [String], _ en: [String]) -> [String] { language == .de ? de : en }

    // MARK: - the label table

    /// The short labels (headings, column heads, legends, axis titles, sheet names) as key
    /// paths: the test renders every output in both languages and checks that none shows a
    /// label of the other language's table.
    static var labels: [KeyPath<Words, String>] { [
        \.reportTitle, \.keyFacts, \.pools, \.pool, \.granted, \.spent, \.left, \.total, \.devices, \.planned, \.needed, \.coverage,
        \.unitPrice, \.pupilsCovered, \.ownMoney, \.byDistrict, \.byLevel, \.district, \.level, \.noLevel, \.schools, \.school,
        \.pupilNeed, \.pupilDevices, \.teacherDevices, \.cost, \.map, \.allSchools, \.form, \.number, \.comparison, \.gainsLosses,
        \.change, \.noChanges, \.audit, \.inputs, \.scenarioValues, \.solver, \.generatedAt, \.toolVersion, \.scenario, \.objective,
        \.moneyGranted, \.beyondPools, \.contents, \.rollout, \.solverLabel, \.abbreviations, \.mapTitle, \.mapLegendCoverage,
        \.mapNoNeed, \.mapDistrictOutline, \.ganttTitle, \.ganttArrived, \.ganttHandedOutCumulative, \.ganttLegendHandedOut,
        \.ganttImageReady, \.ganttAllOut, \.ganttImageMade, \.imaging, \.ganttOverview, \.noMoneyLostToDeadlines, \.notWithinSchedule,
        \.pupilsCoveredAxis, \.cannotHoldNote, \.sheetSummary, \.sheetPools, \.sheetSchools, \.sheetDistricts, \.sheetLevels,
        \.sheetInputs, \.sheetComparison, \.figure, \.spentCapital, \.leftCapital, \.pupilCoverage, \.shareSpent, \.pupils,
        \.teachers, \.teacherNeed, \.valueOrHash, \.everyFigureChecked, \.noMoneyLost, \.contentsIntro, \.levelColumn,
        \.districtColumn, \.sharesRounded, \.solveVerified, \.scheduleVerified, \.moneyTitle, \.levelTitle, \.scheduleSchoolsTitle,
        \.lineTotalGranted, \.lineTotalSpent, \.lineTotalLeft, \.lineAllPupilDevices, \.lineTeacherDevicesAll, \.devicesPerKind,
        \.calibrationTitle, \.calibrationGroup, \.calibrationObservedHead, \.calibrationBefore, \.calibrationAfter, \.calibrationError,
        \.calibrationRelError, \.calibrationLeaveOneOut, \.calibrationLOORelError, \.calibrationMAPE, \.calibrationSpearman,
        \.calibrationFitted, \.calibrationBounds, \.calibrationLevelBounds,
    ] + yearsLabels }
}

/// Scenario key paths as labels a reader knows ("pools.sofort.budget" -> "Sofortausstattung:
/// Budget") with their unit. The label is the one of ScenarioFiles' key table
/// (`ScenarioKeys`) where it names the key, with the pool's name or the kind's label in front;
/// the few keys it does not name (the audit's totals, the per-level need keys) are named here.
struct ParameterLabel {
    enum Unit { case euro, ratio, plain }
    private(set) var text: String
    private(set) var unit: Unit

    init(_ keyPath: String, _ w: Words, poolNames: [String: String] = [:], kindLabels: [String: String] = [:]) {
        let p = keyPath.split(separator: ".").map(String.init)
        func named(_ owner: String, _ what: String) -> String { "\(owner): \(what)" }
        // pools.<id>.<field> and deviceKinds.<id>.<field> by their field; need.<table>.<entry> by its table.
        switch p.count == 3 ? (p[0], p[0] == "need" ? p[1] : p[2]) : ("", "") {
        case ("pools", "budget"): (text, unit) = (named(poolNames[p[1]] ?? p[1], w.t("Budget", "budget")), .euro)
        case ("pools", "fundingRate"): (text, unit) = (named(poolNames[p[1]] ?? p[1], w.t("Förderquote", "funding rate")), .ratio)
        case ("pools", "capPerDevice"): (text, unit) = (named(poolNames[p[1]] ?? p[1], w.t("Höchstbetrag je Gerät", "cap per device")), .euro)
        case ("deviceKinds", "unitPrice"): (text, unit) = (named(kindLabels[p[1]] ?? p[1], w.t("Stückpreis", "unit price")), .euro)
        case ("deviceKinds", "priorityWeight"): (text, unit) = (named(kindLabels[p[1]] ?? p[1], w.t("Prioritätsgewicht", "priority weight")), .plain)
        case ("deviceKinds", "coverageFloor"): (text, unit) = (named(kindLabels[p[1]] ?? p[1], w.t("Mindestabdeckung", "coverage floor")), .ratio)
        case ("need", "pupilShareByLevel"): (text, unit) = (w.t("Anteil mit Bedarf, Stufe \(p[2])", "share in need, level \(p[2])"), .ratio)
        case ("need", "formFactor"): (text, unit) = (w.t("Faktor der Schulform: \(p[2])", "factor of the form: \(p[2])"), .ratio)
        case ("need", "priorityWeightByLevel"): (text, unit) = (w.t("Gewicht, Stufe \(p[2])", "weight, level \(p[2])"), .plain)
        case ("need", "schoolForms"): (text, unit) = (w.t("Jahrgänge mit Bedarf: \(p[2])", "grades in need: \(p[2])"), .plain)
        case ("need", "withoutLevel"):
            (text, unit) = (p[2] == "default" ? w.t("Stufe für Schulen ohne Sozialindex", "level for schools without an index")
                                              : w.t("Stufe ohne Sozialindex: \(p[2])", "level without an index: \(p[2])"), .plain)
        case ("deviceKinds", "label"): (text, unit) = (named(kindLabels[p[1]] ?? p[1], w.t("Bezeichnung", "label")), .plain)
        case ("deviceKinds", "basis"): (text, unit) = (named(kindLabels[p[1]] ?? p[1], w.t("Bezugsgröße", "basis")), .plain)
        case ("pools", "name"): (text, unit) = (named(poolNames[p[1]] ?? p[1], w.t("Name", "name")), .plain)
        case ("pools", "kinds"): (text, unit) = (named(poolNames[p[1]] ?? p[1], w.t("Gerätearten", "device kinds")), .plain)
        case ("pools", "rule"): (text, unit) = (named(poolNames[p[1]] ?? p[1], w.t("Förderregel", "rule")), .plain)
        case ("pools", "ownMoney"): (text, unit) = (named(poolNames[p[1]] ?? p[1], w.t("Eigenmittel", "own money")), .plain)
        default:
            let plain: [String: (String, String)] = [
                "name": ("Name des Szenarios", "Scenario name"), "objective": ("Zielfunktion", "Objective"),
                "schools": ("Schulen", "Schools"), "schools.pupils": ("Schülerinnen und Schüler (gesamt)", "Pupils (all)"),
                "schools.teachers": ("Lehrkräfte (gesamt)", "Teachers (all)"),
                "schools.existingPupilDevices": ("Vorhandene Leihgeräte", "Pupil devices already there"),
                "need.gradesInScope": ("Jahrgänge mit Bedarf", "Grades in need"),
                "maximin.guarantee": ("Mindestabdeckung: Garantie", "Maximin: guarantee"), "maximin.order": ("Mindestabdeckung: Reihenfolge", "Maximin: order"),
            ]
            if let l = plain[keyPath] { (text, unit) = (w.t(l.0, l.1), .plain) }
            else if keyPath.hasPrefix("solver.") { (text, unit) = (w.auditLabel(keyPath), .plain) }
            else { (text, unit) = (keyPath, .plain) }
        }
        // The schema's table names the key (not the per-level need keys: their label names no level).
        if p.first != "need", let key = ScenarioKeys.match(p) {
            let label = key.label(german: w.language == .de)
            let owner = p.count >= 3 && p[0] == "pools" ? poolNames[p[1]] ?? p[1]
                : p.count >= 3 && p[0] == "deviceKinds" ? kindLabels[p[1]] ?? p[1] : nil
            text = owner.map { "\($0): \(label)" } ?? label
            if key.type == .money { unit = .euro }
        }
    }

    /// "Sofortausstattung: Budget (Mio. €)" for an axis whose values reach a million.
    func axisTitle(_ w: Words, maximum: Double) -> String {
        switch unit {
        case .euro: return text + (abs(maximum) >= 1_000_000 ? w.t(" (Mio. €)", " (€ million)") : " (€)")
        case .ratio: return text
        case .plain: return text
        }
    }

    /// A value on that axis: millions without the unit where the title says "Mio. €".
    func tick(_ v: Double, _ w: Words, maximum: Double) -> String {
        let f = w.f
        switch unit {
        case .euro where abs(maximum) >= 1_000_000: return f.millions(v)
        case .euro: return f.trimmed(v, digits: 2)
        case .ratio: return f.trimmed(v, digits: 3)
        case .plain: return f.trimmed(v, digits: 3)
        }
    }

    /// A value in a sentence, with its unit: "5,49 Mio. €", "0,9".
    func valueText(_ v: Double, _ w: Words) -> String {
        let f = NumberStyle(w.language, nonBreaking: true)
        switch unit {
        case .euro where abs(v) >= 1_000_000: return f.millions(v) + f.space + w.t("Mio. €", "million €")
        case .euro: return f.trimmed(v, digits: 2) + f.space + "€"
        case .ratio, .plain: return f.trimmed(v, digits: 3)
        }
    }
}

// MARK: - explain

/// The words of `explain` in both languages, side by side (part of the one language layer;
/// the domain hands over facts, `Explanation.Binding.Fact`, and these word them).
struct ExplanationWords {
    let language: ReportLanguage
    var numbers: NumberStyle { NumberStyle(language) }
    func t(_ de: String, _ en: String) -> String { language == .de ? de : en }

    /// A device kind as a person reads it (`Words.kindLabel`), inside a sentence.
    func kindName(_ kind: DeviceKind) -> String { Words(language: language).kindInSentence(kind) }

    /// "+3 pupil devices" / "+3 Geräte (Leihgerät für Schülerinnen und Schüler)".
    func devices(_ count: String, kind: String, one: Bool = false) -> String {
        t("\(count) \(one ? "Gerät" : "Geräte") (\(kind))", "\(count) \(kind)")
    }

    /// "4 Schulen", "1 Schule" / "4 schools" (English as it always was, "1 schools" too).
    func schools(_ n: Int) -> String { t("\(count(n)) \(n == 1 ? "Schule" : "Schulen")", "\(count(n)) schools") }

    /// A figure with fixed decimals and no grouping: "2.8818" / "2,8818".
    func figure(_ v: Double, _ decimals: Int) -> String {
        let s = fixed(v, decimals)
        return language == .de ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    /// A count of schools: "1.234" in German; English as it always was, ungrouped.
    func count(_ n: Int) -> String { language == .de ? numbers.int(n) : String(n) }

    /// A decimal as the scenario holds it: "1.125" / "1,125".
    func decimal(_ d: Decimal) -> String {
        language == .de ? "\(d)".replacingOccurrences(of: ".", with: ",") : "\(d)"
    }

    /// "from A to B", "from A upwards", "up to B", "of any size": never "between no limit and no limit".
    func range(_ low: Money?, _ high: Money?) -> String {
        let n = numbers
        switch (low, high) {
        case let (lo?, hi?): return t("von \(n.money(lo)) bis \(n.money(hi))", "from \(n.money(lo)) to \(n.money(hi))")
        case let (lo?, nil): return t("ab \(n.money(lo))", "from \(n.money(lo)) upwards")
        case let (nil, hi?): return t("bis \(n.money(hi))", "up to \(n.money(hi))")
        case (nil, nil): return t("jeder Höhe", "of any size")
        }
    }

    /// "level 7" / "Stufe 7", or a device kind weighted on its own: its label where `kinds`
    /// (the plan's) has it, else its id.
    func label(_ r: Explanation.WeightRange, kinds: [DeviceKind] = []) -> String {
        let words = Words(language: language)
        return r.level.map { t("Stufe \($0)", "level \($0)") }
            ?? r.kind.map { id in kinds.first { $0.id == id }.map(words.kindLabel) ?? id } ?? ""
    }

    func rule(_ r: Explanation.Binding.Rule) -> String {
        guard language == .de else { return r.rawValue }
        switch r {
        case .budget: return "Budget"
        case .cap: return "Höchstbetrag"
        case .floor: return "Mindestabdeckung"
        case .coverage: return "Abdeckung"
        case .need: return "Bedarf"
        }
    }

    /// A fact in words; `kinds`: the plan's device kinds, whose labels name the kind ids of the facts.
    func binding(_ b: Explanation.Binding, kinds: [DeviceKind] = []) -> String {
        let n = numbers, atSchools = schools(b.schools.count)
        let words = Words(language: language)
        func label(_ id: String) -> String { kinds.first { $0.id == id }.map(words.kindLabel) ?? id }
        switch b.fact.named(label) {
        case let .budgetExhausted(pool, left, oneMore):
            return t("\(pool): Budget ausgeschöpft (\(n.money(left)) übrig, weniger als die \(n.money(oneMore)), die ein weiteres Gerät kosten würde)",
                     "\(pool): budget exhausted (\(n.money(left)) left, less than the \(n.money(oneMore)) one more device would take)")
        case let .capBinds(pool, kind, cap, price, pays, rate, devices):
            return t("\(pool): der Höchstbetrag von \(n.money(cap)) je Gerät (\(kind)) greift (Preis \(n.money(price))); es zahlt \(n.money(pays)) (\(decimal(rate * 100)) % des Höchstbetrags) für jedes von \(n.int(devices)) Geräten, der Rest ist Eigenanteil",
                     "\(pool): the cap of \(n.money(cap)) per device (\(kind.prefix(1).lowercased() + kind.dropFirst())) binds (price \(n.money(price))); it pays \(n.money(pays)) (\(decimal(rate * 100)) % of the cap) for each of \(n.int(devices)) devices, the rest is own share")
        case let .floorHolds(kind, floor):
            return t("\(kind): die Mindestabdeckung von \(decimal(floor * 100)) % wird an \(atSchools) genau erreicht",
                     "\(kind): the coverage floor of \(decimal(floor * 100)) % holds at \(atSchools)")
        case let .heldAtCoverage(kind, coverage):
            // Rounded down by the one share rule: a guarantee is never printed above what is proven.
            return t("\(kind): \(atSchools) \(b.schools.count == 1 ? "wird" : "werden") auf der garantierten Abdeckung von \(n.share(Share(coverage))) gehalten",
                     "\(kind): \(atSchools) are held at the guaranteed coverage of \(n.share(Share(coverage)))")
        case let .needMet(kind):
            return t("\(kind): Bedarf voll gedeckt (die Bedarfsgrenze bindet) an \(atSchools)",
                     "\(kind): need fully met (the need limit binds) at \(atSchools)")
        }
    }

    /// What the numbers were computed on, naming the solver's analysis (stated in every output).
    func basis(_ method: SensitivityMethod) -> String {
        let routines = method.routines.isEmpty ? "" : " (" + method.routines.joined(separator: ", ") + ")"
        return t("""
            Grenzwerte und Bereiche stammen aus der Sensitivitätsanalyse von \(method.solver)\(routines) für das lineare \
            Programm der Stufe „bedarfsgewichtete Geräte“ ohne Ganzzahligkeit: für die Förderprogramme bei den \
            Mindestabdeckungen des Szenarios, für die Gewichte bei den unteren Schranken des Plans (bei größter Mindestabdeckung: seiner \
            bewiesenen Abdeckung). Eine Rate gilt über den angegebenen Budgetbereich, auch über Basiswechsel hinweg, die \
            sie unverändert lassen; ganze Geräte werden zur Null hin gerundet, daher kann ein neu gelöster ganzzahliger \
            Plan um ein Gerät abweichen.
            """, """
            Marginal values and ranges come from \(method.solver)'s sensitivity analysis\(routines) of the linear program \
            of the need-weighted-devices stage with the integer requirements relaxed: for pools at the scenario's floors, \
            for weights at the plan's lower bounds (for maximin: its proven coverage). A rate holds over the budget range \
            given, across basis changes that leave it the same; whole devices are rounded towards zero, so a re-solved \
            integer plan may differ by one device.
            """)
    }
}

/// The status lines the command-line tool prints beside its output ("wrote …", the sweep's
/// timing), in the terminal's language; the English lines are the tool's lines as before.
public struct StatusWords: Sendable {
    let w: Words
    public init(_ language: ReportLanguage) { w = Words(language: language) }

    /// Seconds with two decimals ("12.34" / "12,34").
    private func seconds(_ s: Double) -> String {
        let text = String(format: "%.2f", s)
        return w.language == .de ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// "41 points in 3.20 s, 2 infeasible; wrote out/sweep.csv and out/sweep.svg"
    public func sweepDone(points: Int, seconds s: Double, infeasible: Int, csv: String, svg: String) -> String {
        w.t("\(points) Punkte in \(seconds(s)) s\(infeasible > 0 ? ", \(infeasible) nicht lösbar" : ""); \(csv) und \(svg) geschrieben",
            "\(points) points in \(seconds(s)) s\(infeasible > 0 ? ", \(infeasible) infeasible" : ""); wrote \(csv) and \(svg)")
    }

    /// "wrote out/report.html, report.xlsx, …" for the files (the first with its folder).
    public func wrote(_ files: String) -> String { w.t("\(files) geschrieben", "wrote \(files)") }

    /// The label of a progress bar: the sweep, or solving one authority after another.
    public var sweepProgress: String { w.t("Parameterlauf", "sweep") }
    public var authoritiesProgress: String { w.t("löse Schulträger", "solving authorities") }
}

extension Explanation.Binding.Fact {
    /// The fact with its device kind named by `name` (the kind's id → its label).
    func named(_ name: (String) -> String) -> Self {
        switch self {
        case .budgetExhausted: return self
        case let .capBinds(pool, kind, cap, price, pays, rate, devices):
            return .capBinds(pool: pool, kind: name(kind), cap: cap, price: price, pays: pays, rate: rate, devices: devices)
        case let .floorHolds(kind, floor): return .floorHolds(kind: name(kind), floor: floor)
        case let .heldAtCoverage(kind, coverage): return .heldAtCoverage(kind: name(kind), coverage: coverage)
        case let .needMet(kind): return .needMet(kind: name(kind))
        }
    }
}
