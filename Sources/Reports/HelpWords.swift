import Foundation
import ScenarioFiles

/// One text of the command line's help screens (`--help`, `allocate help …`): a command's
/// abstract or discussion, or an option's, flag's or argument's help text and value name.
/// The cases are named `<command><Option>`; a text several commands share has one case.
public enum HelpKey: String, CaseIterable, Sendable {
    // Abstracts and discussions.
    case root, solve, compare, sweep, report, explain, schedule, years, calibrate, calibrateDiscussion,
         serve, initCommand, generate, validate, exportModel, bench,
         history, historyList, historyShow, historyDiff, historyRerun, historyExport, historyPrune, historyBench
    // Options several commands share (Options.swift, HistoryOptions.swift, FitOptions).
    case set, relativeGap, timeLimit, workers, scenario, csvDialect, generatedAt, lang, historyFile, noHistory,
         fit, bound, jsonInsteadOfText, jsonInsteadOfSummary, outFolder
    // One command's own.
    case solveOut, compareScenarios, compareOut, sweepVary, sweepOut, sweepCSV,
         reportCompare, reportSchedule, reportYears, reportCalibration, reportCalibrationCountColumn,
         explainStep, scheduleJSON, scheduleOut, yearsScenario, yearsOut,
         calibrateObserved, calibrateCountColumn, calibrateMonotone, calibrateLoss, calibrateSmoothness,
         calibrateAnchor, calibrateMaxIterations, calibrateOut, calibrateJSON,
         serveScenario, serveScenarios, servePort, serveHost, serveAllowRemote, serveRequestTimeLimit,
         serveMaxModelSize, serveSolveWorkers, serveQueue, serveIdleTimeout, serveReadTimeout, serveShutdownDeadline,
         initMunicipality, initOut, initTemplate, generateSchools, generateSeed, generateFrom, generateOut,
         exportLP, exportMPS, benchRuns,
         historyStore, historyListScenario, historyListCommand, historyListStatus, historyListFrom, historyListTo,
         historyListLimit, historyListJSON, historyRun, historyShowPlanJSON, historyShowPlan,
         historyDiffBase, historyDiffOther, historyDiffPlan, historyPruneBefore, historyBenchRuns
}

/// The help screens' words in German and English: the one owner of every text the command
/// files give the argument parser (`abstract:`, `discussion:`, `help:`), and of the German for
/// the parser's own fixed headings (`screen(_:_:)`). German when the terminal is German (the
/// same rule as all terminal text: `--lang`, then `LC_ALL`/`LC_MESSAGES`/`LANG`), else English.
/// Scenario keys are named by their labels in `ScenarioKeys` beside their key path.
public enum HelpWords {
    /// A text with its value name (`--out <Ordner>`); nil where the parser's own
    /// (the option's name) is meant.
    public struct Entry: Sendable, Equatable {
        public let text: String
        public let valueName: String?
    }

    public static func text(_ key: HelpKey, _ language: ReportLanguage) -> String { entry(key, language).text }

    public static func entry(_ key: HelpKey, _ language: ReportLanguage) -> Entry {
        let w = words(key)
        return language == .de ? Entry(text: w.de, valueName: w.valueDe) : Entry(text: w.en, valueName: w.valueEn)
    }

    /// A scenario key's label in both languages (`ScenarioKeys`, the one key table).
    static func label(_ pattern: String) -> (de: String, en: String) {
        let e = ScenarioKeys.entry(pattern)
        return (e.labelDe, e.labelEn)
    }

    typealias Words = (de: String, en: String, valueDe: String?, valueEn: String?)

    static func w(_ de: String, _ en: String, _ valueDe: String? = nil, _ valueEn: String? = nil) -> Words { (de, en, valueDe, valueEn) }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    static func words(_ key: HelpKey) -> Words {
        let years = label("years"), schedule = label("schedule"), budget = label("pools.<pool>.budget")
        let gap = label("solver.relativeGap"), limit = label("solver.timeLimitSeconds")
        let share = label("need.pupilShareByLevel"), formFactors = label("need.formFactor"), withoutLevel = label("need.withoutLevel")
        let formFactor = label("need.formFactor.<form>"), levelWithout = label("need.withoutLevel.<form>")
        switch key {
        // Abstracts and discussions.
        case .root:
            return w("Planen, wie eine Stadt ihre Fördermittel für Schulgeräte ausgibt: ein lineares Programm über die Fördertöpfe, gelöst mit GLPK.",
                     "Plan how a city spends its school-device grants: a linear program over the funding pools, solved with GLPK.")
        case .solve:
            return w("Ein Szenario lösen und die Budgets ausgeben.", "Solve a scenario and print the budgets.")
        case .compare:
            return w("Mehrere Szenarien lösen und neben das erste stellen (ihre Mehrjahrespläne, wenn alle den Abschnitt „\(years.de)“ (years) haben).",
                     "Solve several scenarios and set them side by side against the first (their multi-year plans when all have the section \(years.en) ('years')).")
        case .sweep:
            return w("Ein Szenario für jeden Wert von einem oder zwei Parametern lösen; eine CSV-Datei und ein SVG-Diagramm schreiben.",
                     "Solve a scenario for every value of one or two parameters; write a CSV and an SVG chart.")
        case .report:
            return w("Den Ratsbericht (report.html, report.xlsx) und die Plandateien eines Szenarios schreiben, wahlweise im Vergleich mit anderen.",
                     "Write the council report (report.html, report.xlsx) and the plan files for a scenario, optionally compared with others.")
        case .explain:
            return w("Was 1.000 € mehr oder weniger in jedem Topf bewirken würden, welche Regeln binden, wie weit sich jedes Gewicht bewegen darf.",
                     "What 1,000 € more or less in each pool would do, which rules bind, how far each weight may move.")
        case .schedule:
            return w("Die Auslieferung planen: welche Schule in welchem Zeitraum wie viele Geräte erhält (Lieferungen, Einrichtung, Fristen).",
                     "Plan the roll-out: which school receives how many devices in which period (supply, imaging, deadlines).")
        case .years:
            return w("Den Ersatz der Geräte über Haushaltsjahre planen (Abschnitt „\(years.de)“ (years) des Szenarios): Geld je Topf und Jahr, Geräte je Art und Jahr.",
                     "Plan the replacement of devices over budget years (the scenario's section \(years.en), 'years'): money per pool and year, devices per kind and year.")
        case .calibrate:
            return w("Die Bedarfsparameter („\(share.de)“, „\(formFactors.de)“, „\(withoutLevel.de)“) an beobachtete Gerätezahlen anpassen; sie als Was-wäre-wenn-Datei schreiben.",
                     "Fit the need parameters (\(share.en), \(formFactors.en), \(withoutLevel.en)) to observed device counts; write them as a what-if file.")
        case .calibrateDiscussion:
            return w("""
                Die beobachtete Datei ist eine CSV-Tabelle; ihre Kopfzeile nennt die Gruppenspalte (stadtbezirk/district, \
                schulnummer/school, schulform/form, sozialindex/level; eine Zeile „Stadt …“, „gesamt“ oder „total“ ist die \
                Summe der Stadt) und die Spalte mit den Zahlen. Jede Runde passt die Parameter mit einem linearen \
                L1-Programm bei der Abdeckung an, die der letzte Plan erreichte, und löst das Szenario dann erneut \
                (README, Abschnitt „Calibration“).
                """, """
                The observed file is a CSV table; its header names the group column (stadtbezirk/district, \
                schulnummer/school, schulform/form, sozialindex/level; a row 'Stadt …', 'gesamt' or 'total' is \
                the city total) and the count column. Each round fits the parameters by an L1 linear program at \
                the coverage the last plan reached, then solves the scenario again (README, 'Calibration').
                """)
        case .serve:
            return w("Den Web-Planer starten: ein Szenario im Browser ändern, sofort neu lösen, vergleichen, speichern, den Bericht herunterladen.",
                     "Start the web planner: change a scenario in the browser, re-solve live, compare, save, download the report.")
        case .initCommand:
            return w("Ein fertiges Szenario für jede Gemeinde in NRW schreiben (amtlicher Schlüssel oder Name), mit ihrem Anteil an jedem Programm nach dessen Regel.",
                     "Write a ready scenario for any NRW municipality (official key or name), with its share of every programme by the programme's rule.")
        case .generate:
            return w("Eine künstliche Schultabelle schreiben (Schulträger aus NRW, wiederholt mit reproduzierbarer Zufallsvariation) für Skalierungstests.",
                     "Write a synthetic school table (NRW authorities repeated with seeded variation) for scale tests.")
        case .validate:
            return w("Ein Szenario und seine Datendateien prüfen, ohne zu lösen.", "Check a scenario and its data files without solving.")
        case .exportModel:
            return w("Das erste ganzzahlige Modell, das das Rechenprogramm löst (bei größter Mindestabdeckung, maximin: die nach Bedarf gewichtete Stufe bei der bewiesenen Abdeckung), als LP- und/oder MPS-Datei schreiben (mit glpsol erneut lösbar).",
                     "Write the first integer model the solver solves (under maximin: the need-weighted stage at the proven coverage) as an LP and/or MPS file (re-solve it with glpsol).")
        case .bench:
            return w("Einlesen + Aufbauen + Lösen + Prüfen eines Szenarios in diesem Prozess messen (mit einem Release-Build).",
                     "Time parse + build + solve + verify of a scenario in this process (use a release build).")
        case .history:
            return w("Der Verlauf der Läufe: aufgezeichnete Läufe auflisten, zeigen, vergleichen, neu rechnen und exportieren; alte entfernen.",
                     "The run history: list, show, diff, rerun and export recorded runs; prune old ones.")
        case .historyList:
            return w("Aufgezeichnete Läufe auflisten, die neuesten zuerst.", "List recorded runs, newest first.")
        case .historyShow:
            return w("Einen aufgezeichneten Lauf zeigen: seine Zusammenfassung und das Prüfprotokoll wie zur Zeit des Laufs.",
                     "Show a recorded run: its summary and the audit record as when it ran.")
        case .historyDiff:
            return w("Die Pläne zweier aufgezeichneter Läufe vergleichen wie „compare“ (den zweiten mit dem ersten).",
                     "Compare the plans of two recorded runs as 'compare' does (the second against the first).")
        case .historyRerun:
            return w("Die Eingaben eines aufgezeichneten Laufs erneut lösen und sagen, ob der Plan Byte für Byte gleich ist, und wenn nicht, was sich geändert hat.",
                     "Solve a recorded run's inputs again and say whether the plan is byte for byte the same, and if not, what changed.")
        case .historyExport:
            return w("Die Berichtsdateien eines aufgezeichneten Laufs (report.html, report.xlsx, plan.json, schools.csv, pools.csv; bei einem Mehrjahreslauf years.csv, years-pools.csv, years.json, years.html, years.xlsx) aus seinem gespeicherten Plan schreiben.",
                     "Write the report files of a recorded run (report.html, report.xlsx, plan.json, schools.csv, pools.csv; for a years run years.csv, years-pools.csv, years.json, years.html, years.xlsx) from its stored plan.")
        case .historyPrune:
            return w("Die vor einem Tag oder Zeitpunkt aufgezeichneten Läufe entfernen.", "Remove the runs recorded before a day or time.")
        case .historyBench:
            return w("Das Aufzeichnen eines gelösten Plans im Verlauf messen (Öffnen + Aufzeichnen), wie es jeder aufzeichnende Befehl tut.",
                     "Time recording a solved plan in the history (open + record), as every recording command does.")

        // Shared options.
        case .set:
            return w("Einen Szenariowert für diesen Lauf ändern, z. B. --set pools.sofort.budget=5490000 (\(budget.de) des Topfs sofort; wiederholbar; compare: in jedem Szenario, sweep: an jedem Punkt).",
                     "Override one scenario value for this run, e.g. --set pools.sofort.budget=5490000 (\(budget.en) of the pool sofort; repeatable; compare: in every scenario, sweep: at every point).",
                     "Schlüsselpfad=Wert", "key.path=value")
        case .relativeGap:
            return w("Die ganzzahlige Suche innerhalb dieser relativen Lücke beenden (überschreibt „\(gap.de)“ des Szenarios, solver.relativeGap).",
                     "Stop the integer search within this relative gap (overrides the scenario's \(gap.en), solver.relativeGap).", "Lücke")
        case .timeLimit:
            return w("Sekunden für den ganzen Befehl ab seinem Start: Laden, jede Lösung (alle Stufen und Schulträger) und der Zeitplan zusammen (überschreibt „\(limit.de)“ des Szenarios, solver.timeLimitSeconds).",
                     "Seconds for the whole command from its start: loading, every solve (all stages and authorities) and the schedule together (overrides the scenario's \(limit.en), solver.timeLimitSeconds).",
                     "Sekunden")
        case .workers:
            return w("Rechenthreads: für Szenarien, deren Töpfe auf Schulträger aufgeteilt sind, und für die Punkte von sweep (das Ergebnis hängt nicht davon ab).",
                     "Worker threads: for scenarios whose pools are split among school authorities, and for sweep's points (the answer does not depend on it).",
                     "Anzahl")
        case .scenario:
            return w("Die Szenariodatei (YAML).", "The scenario file (YAML).", "Szenario")
        case .csvDialect:
            return w("rfc4180 (Komma, Dezimalpunkt) oder excel-de (Semikolon, Dezimalkomma, UTF-8-BOM).",
                     "rfc4180 (comma, decimal point) or excel-de (semicolon, decimal comma, UTF-8 BOM).", "Dialekt")
        case .generatedAt:
            return w("Der Zeitpunkt, den die Dateien als ihre Erstellung nennen (ISO 8601, z. B. 2026-01-31T12:00:00Z); Standard SOURCE_DATE_EPOCH, sonst jetzt. Eine angegebene Zeit macht die Ausgabe Byte für Byte wiederholbar.",
                     "The time the files say they were made (ISO 8601, e.g. 2026-01-31T12:00:00Z); default SOURCE_DATE_EPOCH, else now. A given time reproduces output byte for byte.",
                     "Zeit")
        case .lang:
            return w("de oder en: die Sprache des Berichts (Standard de), des Textes, der Diagramme und dieser Hilfe (Standard: die Spracheinstellung, Deutsch wenn LANG de sagt, sonst Englisch) und der CSV-Kopfzeilen (Standard en).",
                     "de or en: the language of the report (default de), of the text, the charts and this help (default: the locale, German when LANG says de, else English) and of CSV headers (default en).",
                     "Sprache")
        case .historyFile:
            return w("Die Verlaufsdatei (Standard: .allocate-history.sqlite im Ordner Scenarios des Szenarios; oder ALLOCATE_HISTORY).",
                     "The run history file (default: .allocate-history.sqlite in the scenario's Scenarios folder; or ALLOCATE_HISTORY).", "Pfad", "path")
        case .noHistory:
            return w("Diesen Lauf nicht im Verlauf aufzeichnen.", "Do not record this run in the run history.")
        case .fit:
            return w("Ein anzupassender Parameter: need.pupilShareByLevel („\(share.de)“), need.formFactor.SCHULFORM („\(formFactor.de)“), need.withoutLevel.SCHULFORM („\(levelWithout.de)“) (wiederholbar; Standard: die Tabelle der Anteile und der Faktor jeder Schulform ohne Indexstufen; report: mit --calibration).",
                     "A parameter to fit: need.pupilShareByLevel (\(share.en)), need.formFactor.FORM (\(formFactor.en)), need.withoutLevel.FORM (\(levelWithout.en)) (repeatable; default: the share table and the factor of every form without index levels; report: with --calibration).",
                     "Schlüssel", "key")
        case .bound:
            return w("Grenzen eines Parameters oder einer Tabelle, z. B. need.formFactor.Berufskolleg=0.1:1 (wiederholbar; Standard: Anteile 0:1, Faktoren 0:1; report: mit --calibration).",
                     "Bounds of a parameter or table, e.g. need.formFactor.Berufskolleg=0.1:1 (repeatable; default shares 0:1, factors 0:1; report: with --calibration).",
                     "Schlüssel=UNTEN:OBEN", "key=LOW:HIGH")
        case .jsonInsteadOfText:
            return w("Ein JSON-Dokument statt des Textes ausgeben.", "Print one JSON document instead of the text.")
        case .jsonInsteadOfSummary:
            return w("Ein JSON-Dokument statt der Textzusammenfassung ausgeben.", "Print one JSON document instead of the text summary.")
        case .outFolder:
            return w("Der Ordner, in den geschrieben wird.", "The folder to write into.", "Ordner")

        // One command's own.
        case .solveOut:
            return w("Zusätzlich schools.csv, pools.csv und plan.json in diesen Ordner schreiben.",
                     "Also write schools.csv, pools.csv and plan.json into this folder.", "Ordner")
        case .compareScenarios:
            return w("Das Basisszenario, dann ein oder mehrere Szenarien zum Vergleich damit.",
                     "The base scenario, then one or more scenarios to compare with it.", "Szenarien")
        case .compareOut:
            return w("Zusätzlich comparison.json, comparison.csv und school-changes.csv (mehrjährig: comparison.json, comparison.csv) in diesen Ordner schreiben.",
                     "Also write comparison.json, comparison.csv and school-changes.csv (multi-year: comparison.json, comparison.csv) into this folder.", "Ordner")
        case .sweepVary:
            return w("Ein Parameter und sein Bereich, z. B. pools.sofort.budget=4000000:8000000:41 (\(budget.de) des Topfs sofort; einmal, oder zweimal für ein Raster).",
                     "A parameter and its range, e.g. pools.sofort.budget=4000000:8000000:41 (\(budget.en) of the pool sofort; once, or twice for a grid).",
                     "Schlüsselpfad=VON:BIS:SCHRITTE", "key.path=FROM:TO:STEPS")
        case .sweepOut:
            return w("Ordner für sweep.csv und sweep.svg.", "Folder for sweep.csv and sweep.svg.", "Ordner")
        case .sweepCSV:
            return w("Die CSV-Datei zusätzlich auf der Standardausgabe ausgeben.", "Print the CSV to standard output as well.")
        case .reportCompare:
            return w("Ein weiteres Szenario, das neben dieses gestellt wird (wiederholbar).", "Another scenario to set beside this one (repeatable).", "Szenario")
        case .reportSchedule:
            return w("Den Auslieferungsplan (Abschnitt „\(schedule.de)“ des Szenarios, schedule) als Diagramm aufnehmen.",
                     "Include the roll-out schedule (the scenario's section \(schedule.en), 'schedule') as a chart.")
        case .reportYears:
            return w("Den Mehrjahresplan aufnehmen (Abschnitt „\(years.de)“ des Szenarios, years, wie „allocate years“ ihn macht): den Abschnitt „\(years.de)“ mit seinen Diagrammen in report.html, seine Tabellenblätter in report.xlsx sowie years.json, years.csv, years-pools.csv, years-groups.csv.",
                     "Include the multi-year plan (the scenario's section \(years.en), 'years', as 'allocate years' makes it): the section \(years.en) with its charts in report.html, its sheets in report.xlsx, and years.json, years.csv, years-pools.csv, years-groups.csv.")
        case .reportCalibration:
            return w("Beobachtete Gerätezahlen (CSV, wie bei „allocate calibrate --observed“): das Bedarfsmodell an sie anpassen und den Bericht der Anpassung als Abschnitt aufnehmen.",
                     "Observed device counts (CSV, as for 'allocate calibrate --observed'): fit the need model to them and add the fit report as a section.",
                     "Beobachtung.csv", "observed.csv")
        case .reportCalibrationCountColumn:
            return w("Mit --calibration: die Spalte mit den Zahlen (wie --count-column bei calibrate).",
                     "With --calibration: the column with the counts (as calibrate's --count-column).", "Spalte")
        case .explainStep:
            return w("Die Schrittweite in Euro (Standard 1000).", "The step in euros (default 1000).", "Euro")
        case .scheduleJSON:
            return w("Ein JSON-Dokument statt des Textplans ausgeben.", "Print one JSON document instead of the text plan.")
        case .scheduleOut:
            return w("Zusätzlich schedule.csv, schedule.json und schedule.svg in diesen Ordner schreiben.",
                     "Also write schedule.csv, schedule.json and schedule.svg into this folder.", "Ordner")
        case .yearsScenario:
            return w("Die Szenariodatei (YAML) mit dem Abschnitt „\(years.de)“ (years).", "The scenario file (YAML) with the section \(years.en) ('years').", "Szenario")
        case .yearsOut:
            return w("Zusätzlich years.csv (je Schule, Geräteart und Jahr), years-pools.csv, years-groups.csv (Abdeckung je Schulform und Stadtbezirk), years.json, years.html (der Abschnitt des Berichts) und years.xlsx (das Tabellenblatt „\(years.de)“) in diesen Ordner schreiben.",
                     "Also write years.csv (per school, kind and year), years-pools.csv, years-groups.csv (coverage per school form and district), years.json, years.html (the report section) and years.xlsx (the sheet \(years.en)) into this folder.",
                     "Ordner")
        case .calibrateObserved:
            return w("Die beobachteten Zahlen (CSV mit Kopfzeile).", "The observed counts (CSV with a header).", "Datei")
        case .calibrateCountColumn:
            return w("Die Spalte mit den Zahlen (Standard: die eine Spalte, die weder Gruppe noch Anmerkung ist).",
                     "The column with the counts (default: the one column that is neither a group nor a note).", "Spalte")
        case .calibrateMonotone:
            return w("„\(share.de)“ (need.pupilShareByLevel) mit steigender Stufe nicht fallen lassen.",
                     "Keep the \(share.en) (need.pupilShareByLevel) non-decreasing in the level.")
        case .calibrateLoss:
            return w("relative (Fehler jeder Gruppe geteilt durch ihre Zahl) oder absolute.",
                     "relative (each group's error divided by its count) or absolute.", "Maß")
        case .calibrateSmoothness:
            return w("Gewicht des Glättungsterms zwischen benachbarten Stufen.", "Weight of the smoothness term between neighbouring levels.", "Gewicht")
        case .calibrateAnchor:
            return w("Gewicht von |angepasster Wert − Wert im Szenario| je Parameter: unter fast gleich guten Anpassungen die bevorzugen, die das Szenario am wenigsten verändert.",
                     "Weight of |fitted - scenario value| per parameter: among fits almost equally good, prefer the one that moves the scenario least.", "Gewicht")
        case .calibrateMaxIterations:
            return w("Höchstens so viele Runden aus Anpassen → Lösen.", "Fit → solve rounds at most.", "Runden")
        case .calibrateOut:
            return w("Die angepassten Werte als Was-wäre-wenn-Datei schreiben (erweitert das Szenario).",
                     "Write the fitted values as a what-if file (extends the scenario).", "Datei")
        case .calibrateJSON:
            return w("Den Bericht der Anpassung als JSON ausgeben.", "Print the fit report as JSON.")
        case .serveScenario:
            return w("Das Szenario, mit dem der Planer beginnt (eine Datei im Szenarienordner).",
                     "The scenario to start from (a file under the scenarios folder).", "Szenario")
        case .serveScenarios:
            return w("Der Ordner, dessen Szenariodateien der Planer laden darf und in dem er speichert (unter saved/). Standard: der oberste Ordner des Szenarios.",
                     "The folder whose scenario files the planner may load, and where it saves (under saved/). Default: the scenario's top folder.", "Ordner")
        case .servePort:
            return w("Port, auf dem der Planer lauscht (0: irgendein freier Port).", "Port to listen on (0: any free port).", "Port")
        case .serveHost:
            return w("Adresse, auf der der Planer lauscht; alles außer 127.0.0.1, localhost oder ::1 braucht --allow-remote.",
                     "Address to listen on; anything but 127.0.0.1, localhost or ::1 needs --allow-remote.", "Adresse")
        case .serveAllowRemote:
            return w("Erlauben, auf einer Adresse zu lauschen, die andere Rechner erreichen (der Planer hat keine Anmeldung).",
                     "Allow listening on an address other machines can reach (the planner has no login).")
        case .serveRequestTimeLimit:
            return w("Sekunden, die eine Anfrage ab ihrem Eingang dauern darf, alle ihre Lösungen zusammen (senkt „\(limit.de)“ des Szenarios, solver.timeLimitSeconds).",
                     "Seconds one request may take from its arrival, all its solves together (lowers the scenario's \(limit.en), solver.timeLimitSeconds).", "Sekunden")
        case .serveMaxModelSize:
            return w("Schulen × Gerätearten, die das Szenario einer Anfrage haben darf.", "Schools × device kinds a request's scenario may have.", "Anzahl")
        case .serveSolveWorkers:
            return w("Gleichzeitige Lösungen großer Szenarien (mehr als 1.000 Schulen); kleine haben zwei eigene Rechenplätze.",
                     "Solves of large scenarios (more than 1,000 schools) at once; small ones have their own two workers.", "Anzahl")
        case .serveQueue:
            return w("Anfragen zu großen Szenarien, die auf einen Rechenplatz warten dürfen; eine weitere wird mit 503 und Retry-After beantwortet.",
                     "Requests for large scenarios that may wait for a solve worker; one more is answered 503 with Retry-After.", "Anzahl")
        case .serveIdleTimeout:
            return w("Sekunden, die eine Verbindung untätig sein (oder ihren Anfragekopf senden) darf, bevor sie geschlossen wird.",
                     "Seconds a connection may be idle (or send its request head) before it is closed.", "Sekunden")
        case .serveReadTimeout:
            return w("Sekunden, die der Rumpf einer Anfrage bis zum Eintreffen brauchen darf.", "Seconds a request body may take to arrive.", "Sekunden")
        case .serveShutdownDeadline:
            return w("Sekunden, die laufende Anfragen nach SIGTERM oder Strg-C zum Abschließen bekommen.",
                     "Seconds requests in progress get to finish after SIGTERM or Ctrl-C.", "Sekunden")
        case .initMunicipality:
            return w("Amtlicher Gemeindeschlüssel (z. B. 5913000 für Dortmund) oder ein Name (Düsseldorf).",
                     "Official municipality key (e.g. 5913000 for Dortmund) or a name (Düsseldorf).", "Gemeinde")
        case .initOut:
            return w("Die zu schreibende Szenariodatei (Standard: die Standardausgabe).", "The scenario file to write (default: standard output).", "Datei")
        case .initTemplate:
            return w("Die Vorlage mit der Schultabelle, den Regeln und der Landessumme und Verteilungsregel jedes Programms.",
                     "The template with the school table, the rules and each programme's state total and split rule.", "Vorlage")
        case .generateSchools:
            return w("Wie viele Schulen (ganze Schulträger werden genommen, bis die Zahl erreicht ist).",
                     "How many schools (whole authorities are taken until this is reached).", "Anzahl")
        case .generateSeed:
            return w("Startwert der Pseudozufallszahlen (gleicher Startwert, gleiche Datei).", "Seed of the pseudo-random numbers (same seed, same file).", "Startwert")
        case .generateFrom:
            return w("Die landesweite Schulliste, von der ausgegangen wird.", "The statewide school list to start from.", "Datei")
        case .generateOut:
            return w("Die zu schreibende CSV-Datei.", "The CSV file to write.", "Datei")
        case .exportLP:
            return w("Das Modell im CPLEX-LP-Format in diese Datei schreiben.", "Write the model in CPLEX LP format to this file.", "Datei")
        case .exportMPS:
            return w("Das Modell im freien MPS-Format in diese Datei schreiben.", "Write the model in free MPS format to this file.", "Datei")
        case .benchRuns:
            return w("Wie viele gemessene Läufe (nach einem Aufwärmlauf).", "How many timed runs (after one warm-up run).", "Anzahl")
        case .historyStore:
            return w("Die Verlaufsdatei (Standard: ALLOCATE_HISTORY, sonst Scenarios/.allocate-history.sqlite).",
                     "The run history file (default: ALLOCATE_HISTORY, else Scenarios/.allocate-history.sqlite).", "Pfad", "path")
        case .historyListScenario:
            return w("Nur Läufe mit diesem Szenario (sein Titel, seine Datei oder der Name der Datei ohne Endung).",
                     "Only runs on this scenario (its title, its file, or the file's name without extension).", "Szenario")
        case .historyListCommand:
            return w("Nur Läufe dieses Befehls (solve, compare, report, explain, schedule, years, planner-download, planner-save).",
                     "Only runs of this command (solve, compare, report, explain, schedule, years, planner-download, planner-save).", "Befehl")
        case .historyListStatus:
            return w("Nur Läufe mit diesem Status (optimal, feasible, time-limit, explained, failed, …).",
                     "Only runs with this status (optimal, feasible, time-limit, explained, failed, …).", "Status")
        case .historyListFrom:
            return w("Nur Läufe ab diesem Tag oder Zeitpunkt (2026-12-01 oder 2026-12-01T12:00:00Z).",
                     "Only runs from this day or time on (2026-12-01 or 2026-12-01T12:00:00Z).", "Zeit")
        case .historyListTo:
            return w("Nur Läufe bis zu diesem Tag (einschließlich) oder vor diesem Zeitpunkt.", "Only runs up to this day (inclusive) or before this time.", "Zeit")
        case .historyListLimit:
            return w("Höchstens so viele Läufe.", "At most this many runs.", "Anzahl")
        case .historyListJSON:
            return w("Ein JSON-Dokument statt der Tabelle ausgeben.", "Print one JSON document instead of the table.")
        case .historyRun:
            return w("Der Lauf: seine Nummer (history list) oder der Anfang seiner Kennung.",
                     "The run: its number (history list) or the start of its id.", "Lauf", "run")
        case .historyShowPlanJSON:
            return w("Die gespeicherte plan.json des Laufs Byte für Byte ausgeben.", "Print the stored plan.json of the run, byte for byte.")
        case .historyShowPlan:
            return w("Mit --plan-json: welcher Plan des Laufs (1 = das erste Szenario).", "With --plan-json: which plan of the run (1 = the first scenario).", "Nummer")
        case .historyDiffBase:
            return w("Der Basislauf.", "The baseline run.", "Basis")
        case .historyDiffOther:
            return w("Der Lauf, der damit verglichen wird.", "The run to compare with it.", "Lauf")
        case .historyDiffPlan:
            return w("Welcher Plan jedes Laufs (1 = sein erstes Szenario).", "Which plan of each run (1 = its first scenario).", "Nummer")
        case .historyPruneBefore:
            return w("Läufe entfernen, die vor diesem Tag (2026-12-01, sein Beginn in UTC) oder Zeitpunkt (ISO 8601) aufgezeichnet wurden.",
                     "Remove runs recorded before this day (2026-12-01, its start in UTC) or time (ISO 8601).", "Zeit")
        case .historyBenchRuns:
            return w("Wie viele Läufe aufgezeichnet werden.", "How many runs to record.", "Anzahl")
        }
    }

    // MARK: The argument parser's own words

    /// The argument parser's fixed words on a help screen (HelpGenerator.swift of
    /// swift-argument-parser 1.x) and their German: section headings at a line's start, the
    /// `--help`/`--version`/`help` texts, the default and value lists, the pointer to detailed
    /// help. Each is (English, German, whether only at a line's start).
    public static let parserWords: [(en: String, de: String, lineStart: Bool)] = [
        ("OVERVIEW: ", "ÜBERSICHT: ", true),
        ("USAGE: ", "AUFRUF: ", true),
        ("ARGUMENTS:", "ARGUMENTE:", true),
        ("OPTIONS:", "OPTIONEN:", true),
        ("SUBCOMMANDS:", "UNTERBEFEHLE:", true),
        ("Show help information.", "Hilfe anzeigen.", false),
        ("Show the version.", "Version anzeigen.", false),
        ("Show subcommand help information.", "Hilfe zu einem Unterbefehl anzeigen.", false),
        ("(default:", "(Standard:", false),
        ("(values:", "(Werte:", false),
        ("[<options>]", "[<Optionen>]", false),
        ("<subcommand>", "<Unterbefehl>", false),
        ("<subcommands>", "<Unterbefehle>", false),
    ]

    /// A help screen as the argument parser rendered it, with its fixed words in `language`
    /// (the content, from this table, is already in it). English: unchanged.
    public static func screen(_ text: String, _ language: ReportLanguage) -> String {
        guard language == .de else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = String(line)
            // "  See 'allocate help <subcommand>' for detailed help."
            if let m = SystemReasons.match(s, #"^(\s*)See '(.*)' for detailed help\.$"#) {
                return "\(m[1])Ausführliche Hilfe: \(m[2].replacingOccurrences(of: "<subcommand>", with: "<Unterbefehl>"))"
            }
            // "  solve (default)         Solve …": the marker in German, the column kept.
            if let m = SystemReasons.match(s, #"^(\s+\S+) \(default\)( +)(\S.*)$"#) {
                let pad = String(repeating: " ", count: max(1, m[2].count - (" (Standard)".count - " (default)".count)))
                s = "\(m[1]) (Standard)\(pad)\(m[3])"
            }
            for (en, de, lineStart) in parserWords {
                if lineStart { if s.hasPrefix(en) { s = de + s.dropFirst(en.count) } } else { s = s.replacingOccurrences(of: en, with: de) }
            }
            return s
        }.joined(separator: "\n")
    }
}
