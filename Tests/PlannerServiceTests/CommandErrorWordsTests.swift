import Foundation
import Testing
import Allocation
import Calibration
import GLPKSolver
import Reports
import ScenarioFiles
import Scheduling
import TestSupport
import WhatIf

/// Issue 15, the command errors, through the library's own calls: each error raised for real
/// where a call raises it (observed files, init --municipality, calibration options, sweep
/// axes, schedule rules) and worded by `ErrorWords` in German (no English word) and English
/// (the text it always was). The refusals no call can be made to raise (a temporary folder
/// that cannot be made, a port that cannot be bound) are checked by their words.
@Suite struct CommandErrorWordsTests {
    static let scenario = try! ScenarioLoader.load(path: Paths.defaultScenario).scenario

    /// English exactly `en` (when given), German exactly `de` (when given) and without English.
    func check(_ error: any Error, en: String? = nil, de: String? = nil, shared: [String] = [],
               sourceLocation: SourceLocation = #_sourceLocation) {
        let e = ErrorWords.text(error, .en), g = ErrorWords.text(error, .de)
        if let en { #expect(e == en, sourceLocation: sourceLocation) }
        if let de { #expect(g == de, sourceLocation: sourceLocation) }
        #expect(e != g, "\(e)", sourceLocation: sourceLocation)
        let english = MessageWords.english(e, in: g, shared: shared)
        #expect(english.isEmpty, "English in German: \(english) in \(g)", sourceLocation: sourceLocation)
    }

    func observed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ScenarioError? {
        #expect(throws: ScenarioError.self, sourceLocation: sourceLocation) {
            _ = try Observations.parse(text: text, file: "obs.csv", scenario: Self.scenario)
        }
    }

    @Test func observedFiles() throws {
        let districts = Set(Self.scenario.schools.map(\.district)).sorted()
        let cases: [(String, String, String, [String])] = [
            ("n\n5\n", "obs.csv:1: has no column naming the group; give one of stadtbezirk, stadtbezirk_geocoded, district, schulnummer, school, schulform, form, sozialindex, level",
             "obs.csv:1: hat keine Spalte, die die Gruppe nennt; erlaubt ist eine von: stadtbezirk, stadtbezirk_geocoded, district, schulnummer, school, schulform, form, sozialindex, level",
             ["stadtbezirk", "stadtbezirk_geocoded", "district", "schulnummer", "school", "schulform", "form", "sozialindex", "level"]),
            ("stadtbezirk,quelle\nEving,x\n", "obs.csv:1: has no column with the counts; columns are: stadtbezirk, quelle",
             "obs.csv:1: hat keine Spalte mit den Anzahlen; Spalten sind: stadtbezirk, quelle", []),
            ("stadtbezirk,a,b\nEving,1,2\n", "obs.csv:1: has several columns that could hold the counts (a, b); choose one with --count-column",
             "obs.csv:1: hat mehrere Spalten, die die Anzahlen enthalten könnten (a, b); eine mit --count-column wählen", ["count-column"]),
            ("stadtbezirk,schulform,n\nEving,Gymnasium,5\n", "obs.csv:2: names a group in 2 columns (stadtbezirk, schulform); give one group per row",
             "obs.csv:2: nennt eine Gruppe in 2 Spalten (stadtbezirk, schulform); je Zeile nur eine Gruppe angeben", []),
            ("schulnummer,n\n999999,5\n", "obs.csv:2: schulnummer: unknown school number '999999'; it is not among the scenario's \(Self.scenario.schools.count) schools",
             "obs.csv:2: schulnummer: unbekannte Schulnummer „999999“; sie ist keine der \(Self.scenario.schools.count) Schulen des Szenarios", []),
            ("schulform,n\nAkademie,5\n", "", "", ["Akademie"] + Set(Self.scenario.schools.map(\.form)).sorted()),
            ("sozialindex,n\n10,5\n", "obs.csv:2: sozialindex: found '10', expected an index level 1-9",
             "obs.csv:2: sozialindex: „10“ gefunden, erwartet: eine Indexstufe 1–9", []),
            ("stadtbezirk,n\nEving,viele\n", "obs.csv:2: n: found 'viele', expected a whole number of devices, 0 or more",
             "obs.csv:2: n: „viele“ gefunden, erwartet: eine ganze Zahl von Geräten, 0 oder mehr", ["viele"]),
            ("stadtbezirk,n\ngesamt,3\nEving,2\nMengede,2\n",
             "obs.csv:2: the total 3 is below the sum of its 2 district rows (4, lines 3, 4); a whole cannot have fewer devices than its parts",
             "obs.csv:2: die Gesamtzahl 3 liegt unter der Summe ihrer 2 Zeilen der Art „Stadtbezirk“ (4, Zeilen 3, 4); ein Ganzes kann nicht weniger Geräte haben als seine Teile", []),
        ]
        // The files' column names are data.
        let columns = ["stadtbezirk", "schulform", "schulnummer", "sozialindex", "quelle"]
        for (text, en, de, shared) in cases {
            let error = try #require(observed(text))
            check(error, en: en.isEmpty ? nil : en, de: de.isEmpty ? nil : de, shared: shared + districts + columns)
        }
        // A district below its schools' sum, with a school of that district.
        let school = try #require(Self.scenario.schools.first)
        let error = try #require(observed("stadtbezirk,schulnummer,n\n\(school.district),,1\n,\(school.id),2\n"))
        check(error, en: "obs.csv:2: district \(school.district) has 1 devices, below the sum of its 1 school rows (2); a whole cannot have fewer devices than its parts",
              de: "obs.csv:2: der Stadtbezirk \(school.district) hat 1 Geräte, weniger als die Summe seiner 1 Schulzeilen (2); ein Ganzes kann nicht weniger Geräte haben als seine Teile",
              shared: [school.district])
    }

    @Test func municipalities() throws {
        let template = try ScenarioTemplate.load(path: Paths.repository.appendingPathComponent("Scenarios/nrw/template.yaml").path)
        let all = try MunicipalityInit.municipalities(template: template)
        let error = #expect(throws: ScenarioError.self) { try MunicipalityInit.find("Dortmnud", in: all) }
        let e = try #require(error)
        let en = ErrorWords.text(e, .en), de = ErrorWords.text(e, .de)
        #expect(en.hasPrefix("--municipality: found 'Dortmnud', which is neither an official municipality key (7 digits, e.g. 5913000 for Dortmund) nor a municipality name in the NRW school list. Close matches: 5913000 (Krfr. Stadt Dortmund)"), "\(en)")
        #expect(de.hasPrefix("--municipality: „Dortmnud“ gefunden; das ist weder ein amtlicher Gemeindeschlüssel (7 Ziffern, z. B. 5913000 für Dortmund) noch der Name einer Gemeinde in der NRW-Schulliste. Ähnliche: 5913000 (Krfr. Stadt Dortmund)"), "\(de)")
        let names = all.map(\.name)
        #expect(MessageWords.english(en, in: de, shared: names + ["Dortmnud", "Dortmund", "municipality", "Stadt"]).isEmpty)
        // The refusals the shipped template cannot raise, by their words.
        check(ScenarioError(file: "--municipality", .municipality(.ambiguous("Neustadt", matches: ["1 Neustadt", "2 Neustadt"]))),
              en: "--municipality: 'Neustadt' names 2 municipalities: 1 Neustadt, 2 Neustadt; give the key", shared: ["Neustadt", "municipality"])
        check(ScenarioError(file: "--municipality", .municipality(.noPublicSchool(key: "5913000", name: "Krfr. Stadt Dortmund"))),
              en: "--municipality: 5913000 (Krfr. Stadt Dortmund) has no public school in the list", shared: ["Krfr. Stadt Dortmund", "municipality"])
        check(ScenarioError(file: "t.yaml", key: "pools", .municipality(.poolsNotSplit(["sofort"]))),
              en: "t.yaml: pools: pools sofort have no 'split'; init gives a municipality its share of every pool by the pool's split rule (see README, 'Splitting pools among authorities')",
              shared: ["pools", "sofort", "split", "init", "README", "Splitting pools among authorities"])
        check(ScenarioError(file: "s.csv", .municipality(.noKeyColumn("AGS"))), en: "s.csv: has no column 'AGS' (the municipality key)")
    }

    @Test func calibrationOptions() throws {
        func parse(fit: [String] = [], bounds: [String] = []) -> CalibrationError? {
            #expect(throws: CalibrationError.self) { _ = try CalibrationSpec.parse(fit: fit, bounds: bounds, scenario: Self.scenario) }
        }
        let forms = Self.scenario.need.formGrades.keys.sorted()
        let shared = ["need", "pupilShareByLevel", "formFactor", "withoutLevel", "FORM", "LOW", "HIGH"] + forms
        check(try #require(parse(fit: ["need.formFactor.Akademie"])),
              en: "--fit need.formFactor.Akademie: 'Akademie' is not a school form of need.schoolForms; allowed: \(forms.joined(separator: ", "))", shared: shared + ["Akademie"])
        check(try #require(parse(fit: ["budget"])), shared: shared + ["budget"])
        check(try #require(parse(bounds: ["need.formFactor"])), en: "--bound need.formFactor: expected key=LOW:HIGH, e.g. need.formFactor.Berufskolleg=0.1:1", shared: shared)
        check(try #require(parse(bounds: ["need.formFactor=a:b"])), en: "--bound need.formFactor=a:b: expected LOW:HIGH after '=', two plain numbers", shared: shared)
        check(try #require(parse(bounds: ["need.budget=0:1"])), shared: shared + ["budget"])
        check(try #require(parse(bounds: ["need.formFactor=0:99"])), en: "--bound need.formFactor=0:99: found 0.0:99.0, allowed: bounds within 0.0 to 10.0", shared: shared)
        check(try #require(parse(bounds: ["need.pupilShareByLevel=0.5:0.2"])),
              en: "infeasible fit: --bound need.pupilShareByLevel=0.5:0.2: the lower bound 0.5 is above the upper bound 0.2", shared: shared)
        // The fit's own refusals, by their words.
        check(CalibrationError.infeasible(.notMonotone(level: 3, lowest: 0.5, highest: 0.2)), shared: shared + ["no-monotone"])
        check(CalibrationError.infeasible(.noParameters(monotone: true)), en: "infeasible fit: no need parameters within the bounds and non-decreasing in the level exist; widen the bounds")
        check(CalibrationError.badInput(option: nil, .noPupilKinds), en: "the scenario has no device kind with basis 'pupils'; there is nothing to calibrate", shared: ["basis", "pupils"])
        check(CalibrationError.fitEnded(.noSolutionFound), shared: ["no-solution-found"])
    }

    @Test func sweepAxes() {
        func axis(_ text: String) -> SweepError? { #expect(throws: SweepError.self) { _ = try SweepAxis(parsing: text) } }
        let shared = ["FROM", "STEPS", "pools", "sofort", "budget", "vary"]
        check(axis("5000000:7000000:21")!, en: "--vary 5000000:7000000:21: expected key.path=FROM:TO:STEPS, e.g. pools.sofort.budget=5000000:7000000:21", shared: shared)
        check(axis("pools.sofort.budget=1:2")!, en: "--vary pools.sofort.budget=1:2: expected FROM:TO:STEPS after '=', found 2 part(s)", shared: shared)
        check(axis("pools.sofort.budget=x:2:3")!, en: "--vary pools.sofort.budget=x:2:3: FROM 'x' is not a plain number", shared: shared)
        check(axis("pools.sofort.budget=1:2:1")!, en: "--vary pools.sofort.budget=1:2:1: STEPS '1' must be a whole number of points from 2 to 100000",
              de: "--vary pools.sofort.budget=1:2:1: SCHRITTE „1“ muss eine ganze Zahl von Punkten von 2 bis 100.000 sein", shared: shared)
    }

    @Test func scheduleRules() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("schedule/small-weekly.yaml"))
        let rules = try #require(loaded.schedule)
        let plan = try AllocationEngine(solver: GLPKSolver()).solve(loaded.scenario)
        func refusal(_ change: (inout ScheduleRules) -> Void) -> ScheduleError? {
            var r = rules
            change(&r)
            return #expect(throws: ScheduleError.self) { _ = try RolloutScheduler(solver: GLPKSolver()).schedule(plan, rules: r) }
        }
        check(try #require(refusal { $0.periods = []; $0.imagingCapacity = [] }), en: "inconsistent schedule: the schedule has no periods")
        check(try #require(refusal { $0.imagingCapacity.removeLast() }),
              en: "inconsistent schedule: \(rules.imagingCapacity.count - 1) imaging capacities for \(rules.periods.count) periods")
        check(try #require(refusal { $0.imagingCapacity[0] = -1 }), en: "inconsistent schedule: imaging capacity -1 is negative")
        let overlap = try #require(refusal { $0.periods[1].start = $0.periods[0].start })
        check(overlap, en: "inconsistent schedule: period \(rules.periods[1].label) starts before period \(rules.periods[0].label) ends",
              shared: [rules.periods[0].label, rules.periods[1].label])
        check(try #require(refusal { $0.deadlines["nirgends"] = rules.periods[0].end }),
              en: "inconsistent schedule: a deadline names pool 'nirgends', which the scenario does not have", shared: ["nirgends"])
        // The rest by their words.
        check(ScheduleError.inconsistentRules(.tooManyColumns(periods: 500, schools: 5000, columns: 2_500_000, limit: 2_000_000)),
              en: "inconsistent schedule: 500 periods for 5000 schools give 2500000 columns (at most 2,000,000); use fewer or longer periods")
        check(ScheduleError.inconsistentRules(.negativeSupply(rules.periods[0].start)), shared: ["\(rules.periods[0].start)"])
        check(ScheduleError.noScheduleFound(.timeLimit(60)), en: "no schedule found: no stage found a schedule within 60.0 s; raise solver.timeLimitSeconds")
        check(ScheduleError.noScheduleFound(.startingPlanBreaksRule), en: "no schedule found: the starting plan breaks a rule (please report this)")
    }

    /// Refusals of the commands and run histories that a test cannot make happen for real.
    @Test func commandAndHistoryWords() {
        check(CommandError(.command(.temporaryFolder(path: "/tmp/x", reason: "No space left on device (errno 28)")), .solverOrInternal),
              en: "cannot make a temporary folder /tmp/x: No space left on device (errno 28)", shared: ["No space left on device", "errno 28"])
        check(CommandError(.command(.modelNotReadBack(path: "/tmp/m.lp"))), en: "cannot read back the model GLPK wrote to /tmp/m.lp", shared: ["GLPK"])
        check(CommandError(.command(.workbook("zip failed"))), en: "cannot build the workbook: zip failed", shared: ["zip failed"])
        check(CommandError(.command(.cannotServe(address: "127.0.0.1:80", reason: "Address already in use"))),
              en: "cannot serve on 127.0.0.1:80: Address already in use", shared: ["Address already in use"])
        check(CommandError(.command(.worded(en: "scenarios folder not found", de: "Szenario-Ordner nicht gefunden"))), en: "scenarios folder not found")
        let histories: [(InputProblem.HistoryProblem, String)] = [
            (.noInputFiles(plan: "A"), "h.sqlite: plan 'A' has no recorded input files; allowed: runs that read a scenario"),
            (.changedNotKept(sha256: "0123456789abcdef"), "h.sqlite: changed since the run (SHA-256 0123456789ab…) and not kept in the history; the run cannot be made again"),
            (.temporaryCopy("disk full"), "h.sqlite: cannot write a temporary copy: disk full"),
            (.noLongerLoads(place: "s.yaml:3: pools", .missing(key: "budget", why: nil)), "h.sqlite: the recorded scenario no longer loads: s.yaml:3: pools: missing 'budget'"),
            (.unrecordedFile(sha256: "0123456789abcdef"), "h.sqlite: the scenario read a file the run did not record (SHA-256 0123456789ab…)"),
            (.database("file is not a database (SQLite 26)"), "h.sqlite: file is not a database (SQLite 26)"),
            (.noPlanStored(run: "4", command: "validate", plansOnly: true), "h.sqlite: run 4 (validate) stored no plan; allowed: runs of solve, compare, report, schedule"),
            (.differs(run: "4", plan: "A", en: ["GLPK 5.0 instead of 4.65"], de: ["GLPK 5.0 statt 4.65"]),
             "h.sqlite: run 4, plan 'A': the plan solved again differs from the stored one, so no comparison or reports from it; differences: GLPK 5.0 instead of 4.65. 'allocate history show 4 --plan-json' prints the stored plan."),
        ]
        for (problem, en) in histories {
            let e = "h.sqlite: " + ErrorWords.text(InputProblem.history(problem), .en)
            let g = "h.sqlite: " + ErrorWords.text(InputProblem.history(problem), .de)
            #expect(e == en)
            #expect(MessageWords.english(e, in: g, shared: ["pools", "budget", "disk full", "file is not a database", "SQLite", "validate", "solve", "compare", "report", "schedule",
                                                              "allocate history show", "GLPK", "plan-json"]).isEmpty, "\(g)")
        }
    }
}
