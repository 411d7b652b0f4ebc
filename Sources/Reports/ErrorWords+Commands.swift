import Foundation
import Allocation
import Calibration
import LinearProgramming
import Scheduling
import WhatIf

/// An error of a module above Reports (the run history, the planner) that words its own facts
/// through `ErrorWords`: `ErrorWords.text(_:_:)` asks it for its words in the language.
public protocol WordedError: Error {
    func text(_ l: ReportLanguage) -> String
}

/// The words of the commands' errors (issue 15): observed-counts files, `init --municipality`,
/// the refusals of sweep, export-model, report, schedule, serve and history, run histories,
/// calibrations, sweep axes and schedule rules. English is the command line's text as it was,
/// byte for byte; German says the same with German words and de-DE numbers.
extension ErrorWords {
    // MARK: Observed counts of a calibration

    public static func text(_ p: InputProblem.ObservedProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        func n(_ i: Int) -> String { de ? NumberStyle(.de).int(i) : "\(i)" }
        switch p {
        case .noGroupColumn(let allowed):
            let list = allowed.joined(separator: ", ")
            return de ? "hat keine Spalte, die die Gruppe nennt; erlaubt ist eine von: \(list)" : "has no column naming the group; give one of \(list)"
        case .noCountColumn(let columns):
            let list = listed(columns, l)
            return de ? "hat keine Spalte mit den Anzahlen; Spalten sind: \(list)" : "has no column with the counts; columns are: \(list)"
        case .severalCountColumns(let columns):
            let list = listed(columns, l)
            return de ? "hat mehrere Spalten, die die Anzahlen enthalten könnten (\(list)); eine mit --count-column wählen"
                      : "has several columns that could hold the counts (\(list)); choose one with --count-column"
        case .groupInSeveralColumns(let columns):
            let list = listed(columns, l)
            return de ? "nennt eine Gruppe in \(n(columns.count)) Spalten (\(list)); je Zeile nur eine Gruppe angeben"
                      : "names a group in \(columns.count) columns (\(list)); give one group per row"
        case let .unknownGroup(kind, found, known, schools):
            let list = listed(known, l)
            switch kind {
            case .district:
                return de ? "unbekannter Stadtbezirk „\(found)“; die Stadtbezirke des Szenarios: \(list)" : "unknown district '\(found)'; the scenario's districts: \(list)"
            case .school:
                return de ? "unbekannte Schulnummer „\(found)“; sie ist keine der \(n(schools)) Schulen des Szenarios"
                          : "unknown school number '\(found)'; it is not among the scenario's \(schools) schools"
            case .form:
                return de ? "unbekannte Schulform „\(found)“; die Schulformen des Szenarios: \(list)" : "unknown school form '\(found)'; the scenario's forms: \(list)"
            case .total, .level:
                return de ? "unbekannte Gruppe „\(found)“ (\(groupKind(kind, l)))" : "unknown \(kind.rawValue) '\(found)'"
            }
        case let .repeated(kind, key, first):
            if de {
                let what = kind == .total ? "die Gesamtzahl" : "die Gruppe \(groupKind(kind, l)) „\(key)“"
                return "wiederholt \(what) aus Zeile \(n(first)); jede Gruppe nur einmal angeben"
            }
            return "repeats the \(kind == .total ? "total" : "\(kind.rawValue) '\(key)'") of line \(first); give each group once"
        case .noRows:
            return de ? "hat unter der Kopfzeile keine Zeilen; mindestens eine beobachtete Anzahl angeben"
                      : "has no rows below its header; give at least one observed count"
        case let .totalBelowParts(total, kind, rows, sum, lines):
            let shownLines = lines.map { n($0) }.joined(separator: ", ")
            return de ? "die Gesamtzahl \(n(total)) liegt unter der Summe ihrer \(n(rows)) Zeilen der Art „\(groupKind(kind, l))“ (\(n(sum)), Zeilen \(shownLines)); ein Ganzes kann nicht weniger Geräte haben als seine Teile"
                      : "the total \(total) is below the sum of its \(rows) \(kind.rawValue) rows (\(sum), lines \(shownLines)); a whole cannot have fewer devices than its parts"
        case let .districtBelowSchools(district, observed, rows, sum):
            return de ? "der Stadtbezirk \(district) hat \(n(observed)) Geräte, weniger als die Summe seiner \(n(rows)) Schulzeilen (\(n(sum))); ein Ganzes kann nicht weniger Geräte haben als seine Teile"
                      : "district \(district) has \(observed) devices, below the sum of its \(rows) school rows (\(sum)); a whole cannot have fewer devices than its parts"
        }
    }

    /// What a row of an observed file is about, in German ("Stadtbezirk") or as the file says it.
    static func groupKind(_ k: InputProblem.GroupKind, _ l: ReportLanguage) -> String {
        guard l == .de else { return k.rawValue }
        switch k {
        case .total: return "Gesamtzahl"
        case .district: return "Stadtbezirk"
        case .school: return "Schule"
        case .form: return "Schulform"
        case .level: return "Indexstufe"
        }
    }

    // MARK: allocate init --municipality

    public static func text(_ p: InputProblem.MunicipalityProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case .noKeyColumn(let column):
            return de ? "hat keine Spalte „\(column)“ (den Gemeindeschlüssel)" : "has no column '\(column)' (the municipality key)"
        case let .ambiguous(query, matches):
            let list = matches.joined(separator: ", ")
            return de ? "„\(query)“ passt zu \(NumberStyle(.de).int(matches.count)) Gemeinden: \(list); bitte den Schlüssel angeben"
                      : "'\(query)' names \(matches.count) municipalities: \(list); give the key"
        case let .notFound(query, close):
            if de {
                return "„\(query)“ gefunden; das ist weder ein amtlicher Gemeindeschlüssel (7 Ziffern, z. B. 5913000 für Dortmund) noch der Name einer Gemeinde in der NRW-Schulliste."
                    + (close.isEmpty ? "" : " Ähnliche: " + close.joined(separator: ", ") + ".")
            }
            return "found '\(query)', which is neither an official municipality key (7 digits, e.g. 5913000 for Dortmund) nor a municipality name in the NRW school list."
                + (close.isEmpty ? "" : " Close matches: " + close.joined(separator: ", ") + ".")
        case let .noPublicSchool(key, name):
            return de ? "\(key) (\(name)) hat keine öffentliche Schule in der Liste" : "\(key) (\(name)) has no public school in the list"
        case .poolsNotSplit(let pools):
            let list = pools.joined(separator: ", ")
            return de ? "die Förderprogramme \(list) haben kein „split“; init gibt einer Gemeinde ihren Anteil an jedem Förderprogramm nach dessen Aufteilungsregel (siehe README, „Splitting pools among authorities“)"
                      : "pools \(list) have no 'split'; init gives a municipality its share of every pool by the pool's split rule (see README, 'Splitting pools among authorities')"
        }
    }

    // MARK: The commands' own refusals

    public static func text(_ p: InputProblem.CommandProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case .gridTooLarge(let limit):
            return de ? "das Raster hat mehr als \(NumberStyle(.de).int(limit)) Punkte; weniger STEPS angeben"
                      : "the grid has more than \(groupDigits(limit, separator: ",")) points; use fewer STEPS"
        case let .onlyWith(option, argument):
            return de ? "ohne \(option) angegeben; erlaubt nur zusammen mit \(option) \(argument == "FILE" ? "DATEI" : argument)"
                      : "found without \(option); allowed only together with \(option) \(argument)"
        case .noScheduleSection(let option?):
            return de ? "\(option) braucht einen Abschnitt „schedule“ im Szenario (siehe docs/schedule.md)"
                      : "\(option) needs a 'schedule' section in the scenario (see docs/schedule.md)"
        case .noScheduleSection(nil):
            return de ? "das Szenario hat keinen Abschnitt „schedule“; bitte einen ergänzen (siehe docs/schedule.md)"
                      : "the scenario has no 'schedule' section; add one (see docs/schedule.md)"
        case .noYearsSection(let option):
            return de ? "\(option) braucht einen Abschnitt „years“ im Szenario (siehe README, „Multi-year replacement plans“, und Scenarios/dortmund-2026-2030.yaml)"
                      : "\(option) needs a 'years' section in the scenario (see the README, 'Multi-year replacement plans', and Scenarios/dortmund-2026-2030.yaml)"
        case let .temporaryFolder(path, reason):
            return de ? "der temporäre Ordner \(path) kann nicht angelegt werden: \(self.reason(reason, l))" : "cannot make a temporary folder \(path): \(reason)"
        case .modelNotReadBack(let path):
            return de ? "das Modell, das GLPK nach \(path) geschrieben hat, kann nicht zurückgelesen werden" : "cannot read back the model GLPK wrote to \(path)"
        case .workbook(let reason):
            return de ? "die Arbeitsmappe kann nicht erstellt werden: \(self.reason(reason, l))" : "cannot build the workbook: \(reason)"
        case .notInScenariosFolder(let folder):
            return de ? "liegt nicht im Szenario-Ordner \(folder)/; bitte --scenarios angeben" : "not under the scenarios folder \(folder)/; give --scenarios"
        case let .cannotServe(address, reason):
            return de ? "der Planer kann nicht auf \(address) bereitgestellt werden: \(self.reason(reason, l))" : "cannot serve on \(address): \(reason)"
        case .recordingOff:
            return de ? "history bench: die Aufzeichnung ist ausgeschaltet (--no-history oder ALLOCATE_HISTORY=off); bitte --history PFAD angeben"
                      : "history bench: recording is switched off (--no-history or ALLOCATE_HISTORY=off); give --history PATH"
        case let .worded(en, german):
            return de ? german ?? en : en
        }
    }

    // MARK: Run histories

    public static func text(_ p: InputProblem.HistoryProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        // The library's reason: English as it says it; German in German words where the
        // table knows it, the original in parentheses (SystemReasons.swift).
        case .database(let reason):
            return de ? "die Laufhistorie kann nicht gelesen oder geschrieben werden: \(self.reason(reason, l))" : reason
        case let .unpack(part, failure):
            let what: String
            switch part {
            case .planJSON: what = de ? "der gespeicherte Plan (plan.json)" : "the stored plan JSON"
            case .yearsPlan: what = de ? "der gespeicherte Mehrjahresplan" : "the stored multi-year plan"
            }
            return what + (de ? " kann nicht entpackt werden: " : " cannot be unpacked: ") + text(failure, l)
        case .noInputFiles(let plan):
            return de ? "der Plan „\(plan)“ hat keine aufgezeichneten Eingabedateien; erlaubt: Läufe, die ein Szenario gelesen haben"
                      : "plan '\(plan)' has no recorded input files; allowed: runs that read a scenario"
        case .changedNotKept(let sha):
            return de ? "seit dem Lauf geändert (SHA-256 \(sha.prefix(12))…) und nicht in der Historie aufbewahrt; der Lauf kann nicht wiederholt werden"
                      : "changed since the run (SHA-256 \(sha.prefix(12))…) and not kept in the history; the run cannot be made again"
        case .temporaryCopy(let reason):
            return de ? "eine temporäre Kopie kann nicht geschrieben werden: \(self.reason(reason, l))" : "cannot write a temporary copy: \(reason)"
        case let .noLongerLoads(place, problem):
            return (de ? "das aufgezeichnete Szenario lässt sich nicht mehr laden: " : "the recorded scenario no longer loads: ") + "\(place): \(text(problem, l))"
        case .noHistory:
            return de ? "keine Laufhistorie gefunden; erlaubt: eine Datei, die ein Lauf angelegt hat (--history PFAD oder ALLOCATE_HISTORY)"
                      : "no run history found; allowed: a file a run has made (--history PATH or ALLOCATE_HISTORY)"
        case .runNotFound(let reference):
            return de ? "Lauf '\(reference)' nicht gefunden; erlaubt: eine Laufnummer aus 'allocate history list' oder der Anfang einer Lauf-ID"
                      : "run '\(reference)' not found; allowed: a run number from 'allocate history list' or the start of a run id"
        case let .planOutOfRange(number, plans, run):
            return de ? "gefunden \(number), erlaubt: 1 bis \(plans) (Lauf \(run) hat \(plans) Plan/Pläne)"
                      : "found \(number), allowed: 1 to \(plans) (run \(run) has \(plans) plan(s))"
        case let .noPlanStored(run, command, plansOnly):
            if de { return "Lauf \(run) (\(command)) hat keinen Plan gespeichert" + (plansOnly ? "; erlaubt: Läufe von solve, compare, report, schedule" : "") }
            return "run \(run) (\(command)) stored no plan" + (plansOnly ? "; allowed: runs of solve, compare, report, schedule" : "")
        case let .differs(run, plan, en, german):
            return de ? "Lauf \(run), Plan '\(plan)': die neu gerechnete Lösung weicht vom gespeicherten Plan ab, daher kein Vergleich und keine Berichte daraus; Unterschiede: \(german.isEmpty ? "Zahlen des Plans" : german.joined(separator: "; ")). Den gespeicherten Plan gibt 'allocate history show \(run) --plan-json' aus."
                      : "run \(run), plan '\(plan)': the plan solved again differs from the stored one, so no comparison or reports from it; differences: \(en.isEmpty ? "the plan's figures" : en.joined(separator: "; ")). 'allocate history show \(run) --plan-json' prints the stored plan."
        case .unrecordedFile(let sha):
            return de ? "das Szenario liest eine Datei, die der Lauf nicht aufgezeichnet hat (SHA-256 \(sha.prefix(12))…)"
                      : "the scenario read a file the run did not record (SHA-256 \(sha.prefix(12))…)"
        }
    }

    /// Why a stored part of a run does not unpack.
    public static func text(_ f: InputProblem.UnpackFailure, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch f {
        case .damaged:
            return de ? "die komprimierten Daten sind beschädigt; die Laufhistorie ist wohl beschädigt oder von einem anderen Programm geändert"
                      : "the compressed bytes are damaged; the history is probably damaged or was changed by another program"
        case .notJSON:
            return de ? "die entpackten Daten sind kein gültiges JSON" : "the unpacked bytes are not valid JSON"
        case .missing(let path) where path.isEmpty:
            return de ? "ein Wert fehlt" : "a value is missing"
        case .missing(let path):
            return de ? "der Wert „\(path)“ fehlt" : "value '\(path)' is missing"
        case .invalid(let path):
            return de ? "der Wert „\(path)“ hat den falschen Typ oder ist ungültig" : "value '\(path)' has the wrong type or is not valid"
        case .other(let reason):
            return self.reason(reason, l)
        }
    }

    // MARK: Sweep axes

    public static func text(_ p: AxisProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case .noKeyPath:
            return de ? "erwartet: Schlüsselpfad=VON:BIS:SCHRITTE, z. B. pools.sofort.budget=5000000:7000000:21"
                      : "expected key.path=FROM:TO:STEPS, e.g. pools.sofort.budget=5000000:7000000:21"
        case .parts(let n):
            return de ? "erwartet: VON:BIS:SCHRITTE nach „=“, gefunden: \(NumberStyle(.de).int(n)) Teil(e)" : "expected FROM:TO:STEPS after '=', found \(n) part(s)"
        case let .notANumber(bound, s):
            return de ? "\(bound.rawValue == "FROM" ? "VON" : bound.rawValue == "TO" ? "BIS" : bound.rawValue) „\(s)“ ist keine einfache Zahl" : "\(bound.rawValue) '\(s)' is not a plain number"
        case let .steps(s, limit):
            return de ? "SCHRITTE „\(s)“ muss eine ganze Zahl von Punkten von 2 bis \(NumberStyle(.de).int(limit)) sein"
                      : "STEPS '\(s)' must be a whole number of points from 2 to \(limit)"
        }
    }

    // MARK: Schedules

    public static func text(_ p: ScheduleRuleProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        func n(_ i: Int) -> String { de ? NumberStyle(.de).int(i) : "\(i)" }
        switch p {
        case .noPeriods: return de ? "der Zeitplan hat keine Zeiträume" : "the schedule has no periods"
        case let .capacities(count, periods):
            return de ? "\(n(count)) Einrichtungskapazitäten für \(n(periods)) Zeiträume; je Zeitraum genau eine angeben"
                      : "\(count) imaging capacities for \(periods) periods"
        case .negativeCapacity(let c):
            return de ? "die Einrichtungskapazität \(n(c)) ist negativ; erlaubt: 0 oder mehr" : "imaging capacity \(c) is negative"
        case let .periodsOverlap(later, earlier):
            return de ? "der Zeitraum \(later) beginnt, bevor der Zeitraum \(earlier) endet" : "period \(later) starts before period \(earlier) ends"
        case .negativeSupply(let day):
            return de ? "die Liefermenge vom \(day) ist negativ; erlaubt: 0 oder mehr" : "the supply figure of \(day) is negative"
        case let .tooManyColumns(periods, schools, columns, limit):
            return de ? "\(n(periods)) Zeiträume für \(n(schools)) Schulen ergeben \(n(columns)) Spalten (höchstens \(n(limit))); weniger oder längere Zeiträume verwenden"
                      : "\(periods) periods for \(schools) schools give \(columns) columns (at most \(groupDigits(limit, separator: ","))); use fewer or longer periods"
        case .unknownDeadlinePool(let id):
            return de ? "eine Frist nennt das Förderprogramm „\(id)“, das das Szenario nicht hat" : "a deadline names pool '\(id)', which the scenario does not have"
        case .needTables(let e):
            return text(e, l)
        }
    }

    public static func text(_ r: NoScheduleReason, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch r {
        case .startingPlanBreaksRule:
            return de ? "der Startplan verletzt eine Regel (bitte melden Sie das)" : "the starting plan breaks a rule (please report this)"
        case .timeLimit(let seconds):
            return de ? "keine Stufe hat innerhalb von \(germanNumber("\(seconds)"))\u{a0}s einen Zeitplan gefunden; solver.timeLimitSeconds erhöhen"
                      : "no stage found a schedule within \(seconds) s; raise solver.timeLimitSeconds"
        }
    }

    // MARK: Calibrations

    public static func text(_ e: CalibrationError, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch e {
        case let .badInput(option, p): return (option.map { "\($0): " } ?? "") + text(p, l)
        case .infeasible(let i): return (de ? "keine Anpassung möglich: " : "infeasible fit: ") + text(i, l)
        case .allocation(let a): return text(a, l)
        case .solver(let s): return (de ? "Fehler des Solvers bei der Anpassung: " : "solver failure during the fit: ") + text(s, l)
        case .fitEnded(let status):
            return de ? "Fehler des Solvers bei der Anpassung: die Anpassung endete mit \(status.rawValue)" : "solver failure during the fit: the fit ended \(status.rawValue)"
        }
    }

    public static func text(_ p: CalibrationError.Problem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case let .notASchoolForm(form, allowed): return text(InputProblem.RuleProblem.notASchoolForm(form, allowed: allowed), l)
        case .unknownParameter(let allowed):
            let list = allowed.joined(separator: ", ")
            return de ? "unbekannter Parameter; erlaubt: \(list)" : "unknown parameter; allowed: \(list)"
        case .boundSyntax:
            return de ? "erwartet: schlüssel=LOW:HIGH (untere:obere Grenze), z. B. need.formFactor.Berufskolleg=0.1:1"
                      : "expected key=LOW:HIGH, e.g. need.formFactor.Berufskolleg=0.1:1"
        case .boundNumbers:
            return de ? "erwartet: LOW:HIGH nach „=“, zwei einfache Zahlen" : "expected LOW:HIGH after '=', two plain numbers"
        case .unknownBoundKey(let key):
            return de ? "unbekannter Schlüssel „\(key)“; erlaubt: need.pupilShareByLevel[.L], need.formFactor[.FORM]"
                      : "unknown key '\(key)'; allowed: need.pupilShareByLevel[.L], need.formFactor[.FORM]"
        case let .boundsOutside(low, high, min, max):
            return de ? "\(germanNumber("\(low)")):\(germanNumber("\(high)")) gefunden; erlaubt: Grenzen von \(germanNumber("\(min)")) bis \(germanNumber("\(max)"))"
                      : "found \(low):\(high), allowed: bounds within \(min) to \(max)"
        case .noPupilKinds:
            return de ? "das Szenario hat keine Geräteart mit basis „pupils“; es gibt nichts anzupassen"
                      : "the scenario has no device kind with basis 'pupils'; there is nothing to calibrate"
        }
    }

    public static func text(_ i: CalibrationError.Infeasible, _ l: ReportLanguage) -> String {
        let de = l == .de
        func n(_ i: Int) -> String { de ? NumberStyle(.de).int(i) : groupDigits(i, separator: ",") }
        func d(_ x: Double) -> String { de ? germanNumber("\(x)") : "\(x)" }
        switch i {
        case let .boundsCrossed(option, low, high):
            return de ? "\(option): die untere Grenze \(d(low)) liegt über der oberen Grenze \(d(high))"
                      : "\(option): the lower bound \(low) is above the upper bound \(high)"
        case let .notAffordable(file, kind, rows, line, devices, cost, price, money, affordable):
            let fact = InputProblem.GroupKind(rawValue: kind.rawValue) ?? .total
            if de {
                let what = line.map { "die beobachtete Gesamtzahl (Zeile \(n($0)))" } ?? "die \(n(rows)) beobachteten Zeilen der Art „\(groupKind(fact, l))“"
                return "\(file): \(what): zusammen \(n(devices)) Geräte, die zu je \(self.money(price, l)) mindestens \(self.money(cost, l)) kosten; die Förderprogramme, die Leihgeräte für Schülerinnen und Schüler bezahlen dürfen, haben \(self.money(money, l)) (\(n(affordable)) Geräte). Keine Bedarfsparameter können den Plan so viele Geräte ausgeben lassen; bitte die Anzahlen oder die Förderprogramme prüfen"
            }
            let what = kind == .total ? "the observed total (line \(line ?? 0))" : "the \(rows) observed \(kind.rawValue) rows"
            return "\(file): \(what) add up to \(n(devices)) devices, which cost at least \(cost) at \(price) each; the pools that can pay for pupil devices hold \(money) (\(n(affordable)) devices). No need parameters can make the plan hand out that many; check the counts or the pools"
        case let .notMonotone(level, lowest, highest):
            return de ? "need.pupilShareByLevel darf mit der Stufe nicht fallen, aber eine Stufe bis \(level) muss mindestens \(d(lowest)) und eine Stufe ab \(level) höchstens \(d(highest)) sein; die Grenzen erweitern oder --no-monotone angeben"
                      : "need.pupilShareByLevel must not fall with the level, but a level up to \(level) must be at least \(lowest) and a level from \(level) on at most \(highest); widen the bounds or pass --no-monotone"
        case .noParameters(let monotone):
            return de ? "es gibt keine Bedarfsparameter innerhalb der Grenzen\(monotone ? ", die mit der Stufe nicht fallen" : ""); die Grenzen erweitern"
                      : "no need parameters within the bounds\(monotone ? " and non-decreasing in the level" : "") exist; widen the bounds"
        case .noPlan(let e):
            return (de ? "das Szenario mit den angepassten Werten hat keinen Plan: " : "the scenario with the fitted values has no plan: ") + text(e, l)
        }
    }
}

extension CalibrationError: CustomStringConvertible {
    public var description: String { ErrorWords.text(self, .en) }
}

extension CommandError {
    /// A refusal of the command as a whole (no option to name).
    public init(_ problem: InputProblem, _ errorClass: ErrorClass = .input) {
        self.init(option: "", problem, errorClass)
        option = nil
    }
}
