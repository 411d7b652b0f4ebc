import Foundation
import Allocation
import Calibration
import LinearProgramming
import ScenarioFiles

// Part of the one language layer (`Words`, Lexicon.swift): the words of the comparison's
// figures, of the calibration (terminal text and report section), of `explain`, and the status
// lines of validate, bench, serve and the run history, German and English side by side.

// MARK: - device kinds

extension Words {
    /// A device kind as a person reads it: the scenario's label in German (the scenario files
    /// are German); in English its basis, "Pupil devices" / "Teacher devices", with the kind's
    /// id where it is not the usual one ("Pupil devices (laptop)"), so that two kinds stay apart.
    func kindLabel(_ kind: DeviceKind) -> String {
        language == .en ? Self.englishKindLabel(id: kind.id, basis: kind.basis) : kind.label
    }

    /// The English label of a kind ("Pupil devices", "Teacher devices (tablet)").
    static func englishKindLabel(id: String, basis: DeviceKind.Basis) -> String {
        let (word, usual) = basis == .pupils ? ("Pupil devices", "pupil") : ("Teacher devices", "teacher")
        return id == usual ? word : "\(word) (\(id))"
    }

    /// The kind's label inside a sentence ("3 pupil devices"): English starts lower case.
    func kindInSentence(_ kind: DeviceKind) -> String {
        let label = kindLabel(kind)
        return language == .en ? label.prefix(1).lowercased() + label.dropFirst() : label
    }
}

// MARK: - comparison figures

extension Words {
    func linePoolGranted(_ pool: String) -> String { "\(pool): " + granted }
    func linePoolSpent(_ pool: String) -> String { "\(pool): " + spent }
    func linePoolLeft(_ pool: String) -> String { "\(pool): " + left }
    var lineTotalGranted: String { t("Summe: bewilligt", "Total: granted") }
    var lineTotalSpent: String { t("Summe: ausgegeben", "Total: spent") }
    var lineTotalLeft: String { t("Summe: übrig", "Total: left") }
    func lineKindDevices(_ kind: String) -> String { t("\(kind): Geräte", "\(kind): devices") }
    func lineKindNeed(_ kind: String) -> String { t("\(kind): Bedarf", "\(kind): need") }
    func lineKindShare(_ kind: String) -> String { t("\(kind): Abdeckung", "\(kind): coverage") }
    var lineAllPupilDevices: String { t("Leihgeräte (alle Arten)", "Pupil devices (all kinds)") }
    var lineTeacherDevicesAll: String { t("Lehrkräfte-Geräte (alle Arten)", "Teacher devices (all kinds)") }
    /// A level key ("4", "none") as a group of the comparison: "Stufe 4" / "Level 4".
    func lineLevel(_ key: String) -> String { key == "none" ? t("ohne Stufe", "no level") : t("Stufe \(key)", "Level \(key)") }
    func lineGroupPupilDevices(_ group: String) -> String { t("\(group): Leihgeräte", "\(group): pupil devices") }
    func lineGroupShare(_ group: String) -> String { t("\(group): Abdeckung", "\(group): coverage") }
    func lineGroupTeacherDevices(_ group: String) -> String { t("\(group): Lehrkräfte-Geräte", "\(group): teacher devices") }
    var devicesPerKind: String { t("Geräte und Abdeckung je Geräteart", "Devices and coverage per device kind") }
    var deltaDefinition: String {
        t("Δ = Szenario − Basis (die Basis ist die erste Spalte); Anteile auf 0,1\u{00A0}% abgerundet, ihre Änderung in Prozentpunkten (Pp.) der gezeigten Werte.",
          "Δ = scenario − baseline (the baseline is the first column); shares rounded down to 0.1 %, their change in percentage points (pp) of the shown figures.")
    }
}

// MARK: - calibration (terminal text and the report's section)

extension Words {
    var calibrationTitle: String { t("Kalibrierung des Bedarfsmodells", "Calibration of the need model") }
    func calibrationOf(_ scenario: String) -> String { t("Kalibrierung von \(scenario)", "Calibration of \(scenario)") }
    func calibrationLoss(_ l: CalibrationSpec.Loss) -> String {
        switch l {
        case .relative: return t("relativ", "relative")
        case .absolute: return t("absolut", "absolute")
        }
    }
    func calibrationObserved(_ file: String, column: String, groups: Int, loss: CalibrationSpec.Loss) -> String {
        t("Beobachtet: \(file), Spalte \(column), \(groups) Gruppen; Verlustfunktion: \(calibrationLoss(loss)) L1",
          "Observed: \(file), column \(column), \(groups) groups; loss: \(calibrationLoss(loss)) L1")
    }
    func calibrationSettled(_ settled: Bool) -> String { settled ? t("eingeschwungen", "settled") : t("NICHT eingeschwungen", "NOT settled") }
    func calibrationRounds(_ n: Int, settled: Bool, changes: String) -> String {
        t("Runden (Anpassen → Lösen): \(n), \(calibrationSettled(settled)); größte Änderung je Runde: \(changes)",
          "Rounds (fit → solve): \(n), \(calibrationSettled(settled)); largest change per round: \(changes)")
    }
    /// The report section's note: what was observed and what before, after and leave-one-out mean.
    func calibrationNote(_ file: String, column: String, groups: Int, loss: CalibrationSpec.Loss, rounds: Int, settled: Bool) -> String {
        t("Beobachtet: \(file), Spalte \(column), \(groups) Gruppen; Verlustfunktion: \(calibrationLoss(loss)) L1; \(rounds) Runden (Anpassen → Lösen), \(calibrationSettled(settled)). „Vorher“: Plan mit den Werten des Szenarios; „nachher“: mit den angepassten Werten; „ohne diese Gruppe“: vorhergesagt von einer Anpassung ohne diese Gruppe.",
          "Observed: \(file), column \(column), \(groups) groups; loss: \(calibrationLoss(loss)) L1; \(rounds) rounds (fit → solve), \(calibrationSettled(settled)). “Before”: the plan with the scenario's values; “after”: with the fitted values; “leave-one-out”: predicted by a fit without that group.")
    }
    var calibrationGroup: String { t("Gruppe", "Group") }
    var calibrationObservedHead: String { t("Beobachtet", "Observed") }
    var calibrationBefore: String { t("Vorher", "Before") }
    var calibrationAfter: String { t("Nachher", "After") }
    var calibrationError: String { t("Abweichung", "Error") }
    var calibrationRelError: String { t("rel. Abweichung", "Rel. error") }
    var calibrationLeaveOneOut: String { t("Ohne diese Gruppe", "Leave-one-out") }
    var calibrationLOORelError: String { t("rel. Abweichung ohne", "LOO rel. error") }
    var calibrationGroupHeader: [String] {
        [calibrationGroup, calibrationObservedHead, calibrationBefore, calibrationAfter, calibrationError, calibrationRelError,
         calibrationLeaveOneOut, calibrationLOORelError]
    }
    var calibrationMAPE: String { t("Mittlere absolute prozentuale Abweichung (MAPE)", "Mean absolute percentage error (MAPE)") }
    var calibrationSpearman: String { t("Spearman-Rangkorrelation (beobachtet/Plan)", "Spearman rank correlation (observed/plan)") }
    func calibrationMAPELine(_ before: String, _ after: String, _ leaveOneOut: String) -> String {
        t("\(calibrationMAPE): vorher \(before), nachher \(after), ohne die jeweilige Gruppe \(leaveOneOut)",
          "\(calibrationMAPE): before \(before), after \(after), leave-one-out \(leaveOneOut)")
    }
    func calibrationSpearmanLine(_ before: String, _ after: String) -> String {
        t("\(calibrationSpearman): vorher \(before), nachher \(after)", "\(calibrationSpearman): before \(before), after \(after)")
    }
    func calibrationPupilDevicesLine(_ before: String, _ after: String) -> String {
        t("Leihgeräte im Plan: vorher \(before), nachher \(after)", "Pupil devices in the plan: before \(before), after \(after)")
    }
    func calibrationUnderdetermined(groups: Int, parameters: Int) -> String {
        t("\(groups) beobachtete Gruppen für \(parameters) freie Parameter: die Daten allein bestimmen die Anpassung nicht; den Rest entscheiden die Monotonie, die Grenzen, der Glättungsterm und der Zug zu den Werten des Szenarios.",
          "\(groups) observed groups for \(parameters) free parameters: the data alone do not determine the fit; the monotonicity, the bounds, the smoothness term and the pull towards the scenario's values decide the rest.")
    }
    var calibrationFitted: String { t("Angepasste Werte", "Fitted values") }
    var calibrationBounds: String { t("Grenzen", "Bounds") }
    /// The fitted values' table: the parameter by its label, its key path (as `--fit` and
    /// `--bound` take it) last, as a hint.
    var calibrationParameterHeader: [String] { [parameter, calibrationBefore, calibrationAfter, calibrationBounds, key] }
    var calibrationLevelBounds: String { t("Stufen 1–9", "levels 1–9") }
    var note: String { t("Hinweis", "Note") }
    /// A fact the fit found, in words.
    func calibrationNote(_ n: CalibrationNote) -> String {
        switch n {
        case .cycle:
            return t("die Runden kehrten zu früheren Werten zurück (ein Zyklus); die letzte Runde gilt",
                     "the rounds returned to earlier values (a cycle); the last round is kept")
        case let .notSettled(rounds, change):
            return t("die Anpassung ist in \(rounds) Runden (Anpassen → Lösen) nicht eingeschwungen (letzte Änderung \(f.number(change, digits: 4))); --max-iterations erhöhen oder die Grenzen enger fassen",
                     "the fit did not settle within \(rounds) fit → solve rounds (last change \(f.number(change, digits: 4))); raise --max-iterations or narrow the bounds")
        case let .underdetermined(groups, free):
            return calibrationUnderdetermined(groups: groups, parameters: free)
        case let .moreThanAffordable(observed, line, rows, kind, affordable, price):
            // One bracket only, for the devices: "die beobachtete Gesamtzahl in Zeile 5 (19.600 Geräte)".
            let what = line.map { t("die beobachtete Gesamtzahl in Zeile \($0)", "the observed total in line \($0)") }
                ?? t("die \(rows) beobachteten Zeilen der Art „\(calibrationKind(kind))“", "the \(rows) observed \(kind.rawValue) rows")
            return t("\(what) (\(f.int(observed)) Geräte) \(line == nil ? "sind" : "ist") mehr, als die Förderprogramme bezahlen können (\(f.int(affordable)) zu je \(f.money(price))); der Plan bleibt darunter (als gerundete Zahl verstanden)",
                     "\(what) (\(f.int(observed)) devices) \(line == nil ? "are" : "is") more than the pools can buy (\(f.int(affordable)) at \(f.money(price))); the plan stays below it (taken as a rounded figure)")
        }
    }
    func calibrationKind(_ k: ObservedGroup.Kind) -> String {
        switch k {
        case .total: return t("Gesamtzahl", "total")
        case .district: return district
        case .school: return school
        case .form: return form
        case .level: return level
        }
    }
    func calibrationGroupLabel(_ g: ObservedGroup) -> String {
        switch g.kind {
        case .total: return t("Stadt gesamt", "City total")
        case .district: return g.key
        case .school: return t("Schule \(g.key)", "school \(g.key)")
        case .form: return t("Schulform \(g.key)", "form \(g.key)")
        case .level: return t("Stufe \(g.key)", "level \(g.key)")
        }
    }
}

// MARK: - explain

extension ExplanationWords {
    func whatMoneyDoes(_ step: String) -> String {
        t("Was \(step) mehr oder weniger in jedem Förderprogramm bewirken würden", "What \(step) more or less in each pool would do")
    }
    func poolLine(_ name: String, budget: String, spent: String) -> String {
        t("\(name) (Budget \(budget), ausgegeben \(spent))", "\(name) (budget \(budget), spent \(spent))")
    }
    func emptyPool(_ zero: String) -> String {
        t("leer: ein Budget von \(zero) kauft nichts; die Rate unten ist, was die ersten Euro kaufen würden",
          "empty: a budget of \(zero) buys nothing; the rate below is what the first euros would buy")
    }
    func notLimiting(_ step: String, left: String) -> String {
        t("nicht begrenzend: +/-\(step) ändert keine Gerätezahl (\(left) übrig)", "not limiting: +/-\(step) changes no device count (\(left) left)")
    }
    func zeroRate(_ step: String, spent: String) -> String {
        t("Rate: 0 Geräte je \(step); gilt für Budgets ab \(spent) (dem Ausgegebenen)",
          "rate: 0 devices per \(step); holds for budgets from \(spent) (what is spent) upwards")
    }
    func lessNotPossible(_ step: String) -> String { t("-\(step): nicht möglich, das Budget ist kleiner", "-\(step): not possible, the budget is smaller") }
    func pupilsCovered(_ n: String) -> String { t("(\(n) versorgte Schülerinnen und Schüler)", "(\(n) pupils covered)") }
    var beyondRange: String { t(" — außerhalb des Bereichs, in dem die Rate gilt", " — beyond the range where the rate holds") }
    func per(_ step: String) -> String { t(" je ", " per ") + step }
    func rateLine(_ rates: String, range: String) -> String {
        t("Rate: \(rates); gilt für Budgets \(range)", "rate: \(rates); holds for budgets \(range)")
    }
    var rulesThatBind: String { t("Bindende Regeln", "Rules that bind") }
    var noRules: String { t("keine", "none") }
    func andMore(_ n: Int) -> String { t("und \(n) weitere", "and \(n) more") }
    var weightsTitle: String {
        t("Wie weit sich jedes Bedarfsgewicht bewegen darf, bevor sich die Gerätezahl einer Schule ändert",
          "How far each need weight may move before any school's device count changes")
    }
    func weightRange(_ low: String?, _ high: String?) -> String {
        switch (low, high) {
        case let (lo?, hi?): return t("bleibt gleich zwischen \(lo) und \(hi)", "stays while between \(lo) and \(hi)")
        case let (lo?, nil): return t("bleibt gleich für jedes Gewicht ab \(lo)", "stays for any weight from \(lo) up")
        case let (nil, hi?): return t("bleibt gleich für jedes Gewicht bis \(hi)", "stays for any weight up to \(hi)")
        case (nil, nil): return t("bleibt bei jedem Gewicht gleich", "stays whatever the weight")
        }
    }
    var weight: String { t("Gewicht", "weight") }
    var howComputed: String { t("Wie das berechnet wurde: ", "How this was computed: ") }
    var objectiveWord: String { t("Zielfunktion", "Objective") }
}

// MARK: - status lines of the command-line tool

extension StatusWords {
    /// `allocate validate`: "Scenarios/x.yaml: valid".
    public func valid(_ file: String) -> String { w.t("\(file): gültig", "\(file): valid") }
    /// "  155 schools, 2 pools, 2 device kinds, objective maximin".
    public func validCounts(schools: Int, pools: Int, kinds: Int, objective: ObjectiveMode, maximin: MaximinRule.Guarantee) -> String {
        let f = w.f
        return w.t("\(f.int(schools)) Schulen, \(pools) Förderprogramme, \(kinds) Gerätearten, Zielfunktion \(w.objectiveName(objective, maximin: maximin))",
                   "\(schools) schools, \(pools) pools, \(kinds) device kinds, objective \(w.objectiveShort(objective, maximin: maximin))")
    }
    /// "  pupil devices: need 19,532 devices at 347.00 €".
    public func kindNeed(_ kind: DeviceKind, need: Int) -> String {
        let f = w.f
        return w.t("\(w.kindLabel(kind)): Bedarf \(f.int(need)) Geräte zu je \(f.money(kind.unitPrice))",
                   "\(w.kindLabel(kind)): need \(f.int(need)) devices at \(f.money(kind.unitPrice))")
    }
    /// "  read: a.yaml, b.csv".
    public func read(_ files: [String]) -> String { w.t("gelesen: ", "read: ") + files.joined(separator: ", ") }

    /// Which build measured a benchmark.
    public func build(release: Bool) -> String {
        release ? w.t("Release-Build", "release build") : w.t("Debug-Build (für Messwerte -c release verwenden)", "debug build (use -c release for figures)")
    }
    /// `allocate bench`: "x.yaml: 30 runs of parse + build + solve + verify, release build".
    public func benchHeadline(_ scenario: String, runs: Int, build: String) -> String {
        w.t("\(scenario): \(runs) Läufe von Einlesen + Modellbau + Lösen + Prüfen, \(build)",
            "\(scenario): \(runs) runs of parse + build + solve + verify, \(build)")
    }
    /// "  median 12.3 ms, min 11.0 ms, max 15.2 ms" (`digits` decimals).
    public func timings(median: Double, min: Double, max: Double, digits: Int) -> String {
        let f = w.f
        return w.t("Median \(f.number(median, digits: digits)) ms, Minimum \(f.number(min, digits: digits)) ms, Maximum \(f.number(max, digits: digits)) ms",
                   "median \(f.number(median, digits: digits)) ms, min \(f.number(min, digits: digits)) ms, max \(f.number(max, digits: digits)) ms")
    }
    /// "  155 schools, status optimal, GLPK 5.0".
    public func benchPlan(schools: Int, status: TerminationStatus, solver: String) -> String {
        w.t("\(w.f.int(schools)) Schulen, Status \(w.termination(status)), \(solver)", "\(schools) schools, status \(status.rawValue), \(solver)")
    }
    /// `allocate history bench`: "h.sqlite: 30 recordings of x.yaml (open + record), release build".
    public func recordingBenchHeadline(_ history: String, runs: Int, scenario: String, build: String) -> String {
        w.t("\(history): \(runs) Aufzeichnungen von \(scenario) (Öffnen + Aufzeichnen), \(build)",
            "\(history): \(runs) recordings of \(scenario) (open + record), \(build)")
    }
    /// `allocate serve`: where the planner listens.
    public func plannerListening(_ url: String) -> String {
        w.t("allocate-Planer: \(url)  (Strg-C beendet ihn)", "allocate planner: \(url)  (Ctrl-C stops it)")
    }
    /// The warning when a run cannot be recorded in the history (the run itself went through).
    public func notRecorded(_ reason: String) -> String {
        w.t("Warnung: Lauf nicht in der Laufhistorie aufgezeichnet: \(reason) (die Ausgaben des Laufs sind davon nicht betroffen; --no-history schaltet das Aufzeichnen ab)",
            "warning: run not recorded in the history: \(reason) (the run's outputs are unaffected; --no-history switches recording off)")
    }
    /// The first line of a what-if file the web planner saves.
    public var savedFromPlanner: String {
        w.t("# Im Web-Planer gespeichert (allocate serve): die auf dem Bildschirm geänderten Werte über dem Basisszenario.",
            "# Saved from the web planner (allocate serve): the values changed on screen over the base scenario.")
    }
}

// MARK: - the run history (`allocate history`)

extension StatusWords {
    public func noRuns(_ path: String, filtered: Bool) -> String {
        w.t("Keine Läufe in \(path)\(filtered ? " mit diesen Filtern" : "").", "No runs in \(path)\(filtered ? " with these filters" : "").")
    }
    /// The columns of `history list`.
    public var runListHeader: [String] {
        [w.t("Lauf", "Run"), w.t("Zeit", "Time"), w.t("Befehl", "Command"), w.scenario, w.status, w.t("Benutzer", "User"), w.spent, w.pupilCoverage]
    }
    public func runHeading(_ number: Int64, uuid: String) -> String { w.t("Lauf \(number)  (ID \(uuid))", "Run \(number)  (id \(uuid))") }
    public var time: String { w.t("Zeit", "Time") }
    public var command: String { w.t("Befehl", "Command") }
    public var user: String { w.t("Benutzer", "User") }
    public func client(_ name: String) -> String { w.t(", Client \(name)", ", client \(name)") }
    public func versions(tool: String, glpk: String, status: String) -> String {
        "\(w.toolVersion): \(tool), GLPK: \(glpk), \(w.status): \(status)"
    }
    public func planHeading(_ number: Int) -> String { "Plan \(number)" }
    /// After a stored plan's heading: " – Mehrjahresplan" / " – multi-year plan".
    public var multiYearMark: String { w.t(" – Mehrjahresplan", " – multi-year plan") }
    /// A run of `history diff` by the kind of its plan: "Lauf 3: Mehrjahresplan (years)".
    public func runKind(_ id: Int64, years: Bool) -> String {
        w.t("Lauf \(id): \(years ? "Mehrjahresplan (years)" : "Einjahresplan")", "run \(id): \(years ? "multi-year plan (years)" : "one-year plan")")
    }
    /// `history diff` of a multi-year plan beside a one-year plan (`found`: the runs by `runKind`).
    public func yearsHistoryMismatch(_ found: [String]) -> String {
        let runs = found.joined(separator: ", ")
        return w.t("history diff: \(runs); erlaubt sind zwei Einjahrespläne oder zwei Mehrjahrespläne",
                   "history diff: \(runs); allowed: two one-year plans or two multi-year plans")
    }
    /// `compare` (or `report --years --compare`) of scenarios with and without a `years:` section.
    public func yearsCompareMismatch(command: String, files: [(path: String, years: Bool)]) -> String {
        let found = files.map { f in
            w.t("\(f.path): \(f.years ? "mit Abschnitt „years“ (Mehrjahresplan)" : "ohne Abschnitt „years“ (Einjahresplan)")",
                "\(f.path): \(f.years ? "with a 'years' section (multi-year plan)" : "without a 'years' section (one-year plan)")")
        }.joined(separator: ", ")
        if command == "compare" {
            return w.t("compare: \(found); erlaubt: alle Szenarien mit einem Abschnitt „years“ (ihre Mehrjahrespläne werden verglichen) oder keines (die Einjahrespläne)",
                       "compare: \(found); allowed: every scenario with a 'years' section (their multi-year plans are compared) or none (the one-year plans)")
        }
        return w.t("\(command): \(found); erlaubt: mit --years nur Szenarien mit einem Abschnitt „years“ (ihre Mehrjahrespläne werden verglichen); ohne --years vergleicht der Bericht die Einjahrespläne",
                   "\(command): \(found); allowed: with --years only scenarios with a 'years' section (their multi-year plans are compared); without --years the report compares the one-year plans")
    }
    public var statusWord: String { w.status }
    public func provenBound(_ devices: Int) -> String {
        w.t("; bewiesene Schranke: höchstens \(w.devicesWord(devices)) vom bestmöglichen Plan entfernt",
            "; proven bound: at most \(w.devicesWord(devices)) from the best possible plan")
    }
    public var errorWord: String { w.t("Fehler", "Error") }
    /// `allocate init --out`: the scenario written, and how to solve it.
    public func wroteScenario(_ path: String, for name: String, key: String) -> String {
        w.t("\(path) für \(name) (\(key)) geschrieben; lösen mit: allocate solve \(path)",
            "wrote \(path) for \(name) (\(key)); solve it with: allocate solve \(path)")
    }
    /// `allocate export-model`: a model file written, its stage and size, and how to re-solve it.
    public func wroteModel(_ path: String, stage: String, columns: Int, rows: Int, resolve: String) -> String {
        w.t("\(path) geschrieben: Stufe „\(w.stageName(stage))“, \(w.f.int(columns)) Spalten, \(w.f.int(rows)) Zeilen\n"
            + "  erneut lösen: \(resolve)  (MPS-Dateien tragen keine Optimierungsrichtung)\n",
            "wrote \(path): stage '\(stage)', \(columns) columns, \(rows) rows\n"
            + "  re-solve: \(resolve)  (MPS files carry no objective sense)\n")
    }
    /// `allocate init` for the template's reference authority: how the scenario it writes
    /// differs from the shipped one of the same city. English from its one owner,
    /// `MunicipalityInit.referenceNote` (also the written file's comment).
    public func referenceNote(schools: Int) -> [String] {
        guard w.language == .de else { return MunicipalityInit.referenceNote(schools: schools) }
        return [
            "Dies ist der Referenz-Schulträger der Vorlage. Das mitgelieferte Szenario Scenarios/dortmund-2020.yaml",
            "ist von Hand erstellt und weicht absichtlich von diesem ab:",
            "- Schulen: hier die \(w.f.int(schools)) öffentlichen Schulen, die die landesweite Liste dem Gemeindeschlüssel zuordnet",
            "  (Schulen der Landschaftsverbände und Kreise zählen mit ihrer Stadt); das mitgelieferte",
            "  Szenario behält die 155 städtischen Schulen der eigenen Liste der Stadt (traeger_hinweis);",
            "- Lehrkräfte: hier aus den NRW-Kennzahlen geschätzt (Schülerzahl × Lehrkräfte je Schüler der Schulform)",
            "  und auf die 6.083 Lehrkräfte der Förderung der Stadt hochgerechnet (teachers.knownTotals);",
            "  das Lehrkräftebudget ist also gleich (500 € × 6.083), die Lehrkräfte je Schule weichen etwas ab;",
            "- Töpfe: hier Dortmunds Anteil an den NRW-Summen nach der Regel jedes Programms (die Sofortausstattung",
            "  nach dem Schülerschlüssel), im mitgelieferten Szenario die tatsächlichen Zuweisungen an die Stadt;",
            "- Stadtbezirke: die landesweite Liste kennt keine Stadtbezirke, daher steht die Stadt für den Bezirk;",
            "- Sozialindexstufen: die Spalte Sozialindex der landesweiten Liste, im mitgelieferten Szenario sozialindex_2024_25.",
        ]
    }
    /// The word before a note on standard error ("note: …").
    public var noteWord: String { w.t("Hinweis", "note") }
    /// The status of a recorded run: as recorded, or "failed: input" with the error's class.
    public func runStatus(_ status: String, errorClass: String?) -> String {
        guard status == "failed" else {
            // German words for the statuses a run records; English shows them as recorded.
            guard w.language == .de else { return status }
            if status == "explained" { return "erklärt" }
            return TerminationStatus(rawValue: status).map(w.termination) ?? status
        }
        let kind: String
        switch errorClass {
        case "input": kind = w.t("Eingabe", "input")
        case "infeasible": kind = w.t("unlösbar", "infeasible")
        case "solverOrInternal": kind = w.t("Solver/intern", "solver/internal")
        case "cancelled": kind = w.t("abgebrochen", "cancelled")
        case let other?: kind = other
        case nil: kind = "?"
        }
        return w.t("fehlgeschlagen: ", "failed: ") + kind
    }
    /// The status of a recorded plan (`history show`): the solver's status, `explained`,
    /// `saved` (the planner), `failed` (the run failed before a plan); German words in German.
    public func planStatus(_ status: String) -> String {
        guard w.language == .de else { return status }
        switch status {
        case "failed": return "fehlgeschlagen"
        case "saved": return "gespeichert"
        case "explained": return "erklärt"
        default: return TerminationStatus(rawValue: status).map(w.termination) ?? status
        }
    }
    /// Added to a "not recorded" warning when the run's outputs already name its id.
    public func runIDNotKept(_ id: String) -> String {
        w.t(" (die Ausgaben nennen die Lauf-ID \(id), die deshalb nicht in der Laufhistorie steht)",
            " (the outputs name run id \(id), which is therefore not in the history)")
    }
    /// The planner server's warning (its terminal): a download or save not recorded.
    public func plannerRunNotRecorded(_ reason: String) -> String {
        w.t("Warnung: Lauf des Planers nicht in der Laufhistorie aufgezeichnet: \(reason) (die Antwort ist davon nicht betroffen)",
            "warning: planner run not recorded in the history: \(reason) (the response is unaffected)")
    }
    /// The planner server's warning (its terminal): a failed request not recorded.
    public func plannerFailedRunNotRecorded(_ reason: String) -> String {
        w.t("Warnung: fehlgeschlagener Lauf des Planers nicht in der Laufhistorie aufgezeichnet: \(reason)",
            "warning: failed planner run not recorded in the history: \(reason)")
    }
    public func failedRunNotRecorded(_ reason: String) -> String {
        w.t("Warnung: fehlgeschlagener Lauf nicht in der Laufhistorie aufgezeichnet: \(reason) (--no-history schaltet das Aufzeichnen ab)",
            "warning: failed run not recorded in the history: \(reason) (--no-history switches recording off)")
    }
    public var headlineFigures: String { w.t("Kennzahlen", "Headline figures") }
    public var inputFiles: String { w.t("Eingabedateien", "Input files") }
    public var auditRecord: String { w.audit }
    public var bytes: String { w.bytes }
    public var byteIdentical: String { w.t("byte-identisch mit dem gespeicherten Plan", "byte-identical to the stored plan") }
    public var sameApartFromTime: String {
        w.t("gleich dem gespeicherten Plan bis auf die Zeitfelder (generatedAt, seconds)", "the same as the stored plan apart from the time fields (generatedAt, seconds)")
    }
    public var differs: String { w.t("weicht vom gespeicherten Plan ab", "differs from the stored plan") }
    public func exported(run: Int64, _ files: String) -> String { w.t("Lauf \(run): \(files) geschrieben", "run \(run): wrote \(files)") }
    public func pruned(_ n: Int, before: String, from path: String) -> String {
        w.t("\(n) Lauf/Läufe vor \(before) aus \(path) entfernt", "removed \(n) run(s) recorded before \(before) from \(path)")
    }
}

extension StatusWords {
    /// A line of a recorded audit record, "label (key): value": the record's own entries, the
    /// solver options and the outcome by the audit's labels (`Words.auditLabel`), the
    /// scenario's values by their parameter labels (`ParameterLabel`, the one owner of them,
    /// as the report's audit shows them: "Sofortausstattung: Budget"), with the pool's name
    /// and the device kind's label from `poolNames` and `kindLabels`; the key path beside as
    /// a hint for support. Values in the language (the record keeps them in English).
    public func auditEntry(_ section: String, _ key: String, _ value: String,
                           poolNames: [String: String] = [:], kindLabels: [String: String] = [:]) -> String {
        let label: String
        switch section {
        case "audit": label = ["reproducible": w.t("Reproduzierbar", "Reproducible"), "runId": w.t("Lauf-ID", "Run id")][key] ?? w.auditLabel(key)
        case "scenario": label = ParameterLabel(key, w, poolNames: poolNames, kindLabels: kindLabels).text
        default: label = w.auditLabel(key)
        }
        // The key beside its label where it is a key path (not the outcome's "stage: …" words).
        return (label == key || key.hasPrefix("stage: ") ? label : "\(label) (\(key))") + ": " + w.auditValue(key, value)
    }

    /// The lines of a recorded audit record: its entries (`auditEntry`) under a heading for
    /// each section after the record's own (scenario values, solver options, outcome), the
    /// entries indented by two spaces below their heading. Pool names and device-kind labels
    /// come from the record's own scenario values (`pools.<id>.name`, `deviceKinds.<id>.label`).
    public func auditLines(_ entries: [(section: String, key: String, value: String)]) -> [String] {
        var poolNames: [String: String] = [:], kindLabels: [String: String] = [:]
        for e in entries where e.section == "scenario" {
            let p = e.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if p.count == 3, p[0] == "pools", p[2] == "name" { poolNames[p[1]] = e.value }
            if p.count == 3, p[0] == "deviceKinds", p[2] == "label" { kindLabels[p[1]] = e.value }
        }
        let headings = ["scenario": w.scenarioValues, "solverOptions": w.t("Einstellungen des Solvers", "Solver options"),
                        "outcome": w.t("Ergebnis", "Outcome")]
        var out: [String] = [], section: String?
        for e in entries {
            if e.section != section {
                section = e.section
                if e.section != "audit" { out.append((headings[e.section] ?? e.section) + ":") }
            }
            out.append((e.section == "audit" ? "" : "  ") + auditEntry(e.section, e.key, e.value, poolNames: poolNames, kindLabels: kindLabels))
        }
        return out
    }
}

extension StatusWords {
    /// A recorded headline figure's name (`HeadlineFigure`: its key, e.g. "pool.sofort.granted",
    /// and the German label it was recorded with): the German label, or the English one
    /// made from the key (a pool's or district's name taken from the German label); the key where
    /// it names no figure this table knows.
    public func figureLabel(key: String, german: String) -> String {
        guard w.language == .en else { return german }
        let parts = key.split(separator: ".").map(String.init)
        let owner = german.components(separatedBy: ": ").dropLast().joined(separator: ": ")
        switch (parts.first ?? "", parts.count, parts.last ?? "") {
        case ("pool", 3, "granted"): return w.linePoolGranted(owner)
        case ("pool", 3, "spent"): return w.linePoolSpent(owner)
        case ("pool", 3, "left"): return w.linePoolLeft(owner)
        case ("total", 2, "granted"): return w.lineTotalGranted
        case ("total", 2, "spent"): return w.lineTotalSpent
        case ("total", 2, "left"): return w.lineTotalLeft
        case ("total", 2, "ownMoney"): return w.ownMoney
        case ("total", 2, "pupilDevices"): return w.lineAllPupilDevices
        case ("total", 2, "pupilShare"): return w.pupilCoverage
        case ("total", 2, "teacherDevices"): return w.lineTeacherDevicesAll
        case ("kind", 3, let what) where ["devices", "need", "share"].contains(what):
            // The record keeps the kind's id, not its basis: the usual ids name it.
            let id = parts[1]
            let kind = id == "teacher" ? "Teacher devices" : id == "pupil" ? "Pupil devices" : "Devices (\(id))"
            return what == "devices" ? w.lineKindDevices(kind) : what == "need" ? w.lineKindNeed(kind) : w.lineKindShare(kind)
        default: return key
        }
    }
}
