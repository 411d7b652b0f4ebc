import Foundation
import Testing
import TestSupport

/// Issue 15, the command errors: observed-counts files, the calibration's options and fit,
/// sweep axes, and the refusals of sweep, report, schedule, serve and history, through the
/// binary, in German (LANG=de_DE) and English. German shows none of the English message's
/// words; English is the text it always was.
@Suite struct CommandErrorLanguageTests {
    static let german = ["LANG": "de_DE.UTF-8"]
    static let small = "Tests/AllocationTests/Fixtures/valid/small.yaml"

    static func englishWords(_ en: String, in de: String, shared: [String] = []) -> [String] {
        MessageWords.english(en, in: de, shared: shared)
    }

    /// Runs the command in both languages: the same exit code, English exactly `en` (or
    /// starting with it), German exactly `de` (or starting with it) and no English word.
    func check(_ arguments: [String], code: Int32, en: String, de: String, prefix: Bool = false, shared: [String] = [],
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let e = try runAllocate(arguments)
        let g = try runAllocate(arguments, environment: Self.german)
        #expect(e.code == code && g.code == code, "\(e.code) \(g.code): \(e.stderr) \(g.stderr)", sourceLocation: sourceLocation)
        if prefix {
            #expect(e.stderr.hasPrefix("error: " + en), "\(e.stderr)", sourceLocation: sourceLocation)
            #expect(g.stderr.hasPrefix("Fehler: " + de), "\(g.stderr)", sourceLocation: sourceLocation)
        } else {
            #expect(e.stderr == "error: \(en)\n", "\(e.stderr)", sourceLocation: sourceLocation)
            #expect(g.stderr == "Fehler: \(de)\n", "\(g.stderr)", sourceLocation: sourceLocation)
        }
        let english = Self.englishWords(e.stderr, in: g.stderr, shared: shared + arguments)
        #expect(english.isEmpty, "English in German: \(english) in \(g.stderr)", sourceLocation: sourceLocation)
    }

    func observed(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("observed-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    // MARK: Observed files and the calibration

    @Test(.enabled(if: AllocateBinary.url != nil)) func anUnknownDistrictOfAnObservedFile() throws {
        let path = try observed("stadtbezirk,n\nInnenstadt-West,2001\nGotham,5\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let e = try runAllocate(["calibrate", "--observed", path])
        let g = try runAllocate(["calibrate", "--observed", path], environment: Self.german)
        #expect(e.code == 1 && g.code == 1)
        let districts = try #require(e.stderr.components(separatedBy: "districts: ").last)
        #expect(e.stderr == "error: \(path):3: stadtbezirk: unknown district 'Gotham'; the scenario's districts: \(districts)", "\(e.stderr)")
        #expect(g.stderr == "Fehler: \(path):3: stadtbezirk: unbekannter Stadtbezirk „Gotham“; die Stadtbezirke des Szenarios: \(districts)", "\(g.stderr)")
        #expect(districts.contains("Innenstadt-West, "))
        let english = Self.englishWords(e.stderr, in: g.stderr, shared: [path, districts, "stadtbezirk", "Gotham"])
        #expect(english.isEmpty, "\(english)")
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func anObservedFileWithoutRowsOrWithANegativeCount() throws {
        let empty = try observed("stadtbezirk,n\n")
        let negative = try observed("stadtbezirk,n\nInnenstadt-West,-3\n")
        let repeated = try observed("stadtbezirk,n\nInnenstadt-West,3\nInnenstadt-West,4\n")
        defer { for p in [empty, negative, repeated] { try? FileManager.default.removeItem(atPath: p) } }
        try check(["calibrate", "--observed", empty], code: 1, en: "\(empty): has no rows below its header; give at least one observed count",
                  de: "\(empty): hat unter der Kopfzeile keine Zeilen; mindestens eine beobachtete Anzahl angeben")
        try check(["calibrate", "--observed", negative], code: 1, en: "\(negative):2: n: found -3, expected a count of devices, 0 or more",
                  de: "\(negative):2: n: -3 gefunden, erwartet: eine Anzahl von Geräten, 0 oder mehr")
        try check(["calibrate", "--observed", repeated], code: 1, en: "\(repeated):3: repeats the district 'Innenstadt-West' of line 2; give each group once",
                  de: "\(repeated):3: wiederholt die Gruppe Stadtbezirk „Innenstadt-West“ aus Zeile 2; jede Gruppe nur einmal angeben",
                  shared: ["Innenstadt-West", "Innenstadt", "West"])
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func countsThePoolsCannotBuyAreAnInfeasibleFit() throws {
        let path = try observed("stadtbezirk,n\ngesamt,90000\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try check(["calibrate", "--observed", path], code: 2,
                  en: "infeasible fit: \(path): the observed total (line 2) add up to 90,000 devices, which cost at least ",
                  de: "keine Anpassung möglich: \(path): die beobachtete Gesamtzahl (Zeile 2): zusammen 90.000 Geräte, die zu je ", prefix: true)
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func badFitAndBoundOptions() throws {
        let observedFile = "Scenarios/data/dortmund-loan-devices-2021-observed.csv"
        try check(["calibrate", "--observed", observedFile, "--bound", "need.pupilShareByLevel=0.5:0.2"], code: 2,
                  en: "infeasible fit: --bound need.pupilShareByLevel=0.5:0.2: the lower bound 0.5 is above the upper bound 0.2",
                  de: "keine Anpassung möglich: --bound need.pupilShareByLevel=0.5:0.2: die untere Grenze 0,5 liegt über der oberen Grenze 0,2")
        try check(["calibrate", "--observed", observedFile, "--bound", "need.budget=0:1"], code: 1,
                  en: "--bound need.budget=0:1: unknown key 'need.budget'; allowed: need.pupilShareByLevel[.L], need.formFactor[.FORM]",
                  de: "--bound need.budget=0:1: unbekannter Schlüssel „need.budget“; erlaubt: need.pupilShareByLevel[.L], need.formFactor[.FORM]")
        try check(["calibrate", "--observed", observedFile, "--fit", "budget"], code: 1,
                  en: "--fit budget: unknown parameter; allowed: need.pupilShareByLevel, need.formFactor.FORM, need.withoutLevel.FORM",
                  de: "--fit budget: unbekannter Parameter; erlaubt: need.pupilShareByLevel, need.formFactor.FORM, need.withoutLevel.FORM")
        try check(["calibrate", "--observed", observedFile, "--bound", "need.formFactor=0:99"], code: 1,
                  en: "--bound need.formFactor=0:99: found 0.0:99.0, allowed: bounds within 0.0 to 10.0",
                  de: "--bound need.formFactor=0:99: 0,0:99,0 gefunden; erlaubt: Grenzen von 0,0 bis 10,0")
    }

    // MARK: Sweep, report, schedule, serve, history

    @Test(.enabled(if: AllocateBinary.url != nil)) func aBadVaryAndATooLargeGrid() throws {
        try check(["sweep", Self.small, "--vary", "pools.sofort.budget=1:2"], code: 1,
                  en: "--vary pools.sofort.budget=1:2: expected FROM:TO:STEPS after '=', found 2 part(s)",
                  de: "--vary pools.sofort.budget=1:2: erwartet: VON:BIS:SCHRITTE nach „=“, gefunden: 2 Teil(e)")
        try check(["sweep", Self.small, "--vary", "pools.sofort.budget=1:zwei:3"], code: 1,
                  en: "--vary pools.sofort.budget=1:zwei:3: TO 'zwei' is not a plain number",
                  de: "--vary pools.sofort.budget=1:zwei:3: BIS „zwei“ ist keine einfache Zahl", shared: ["zwei"])
        try check(["sweep", Self.small, "--vary", "a.b=1:2:100000", "--vary", "c.d=1:2:100000"], code: 1,
                  en: "--vary: the grid has more than 1,000,000 points; use fewer STEPS",
                  de: "--vary: das Raster hat mehr als 1.000.000 Punkte; weniger STEPS angeben", shared: ["STEPS"])
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func reportOptionsThatNeedWhatIsNotThere() throws {
        let out = try temporaryFolder("report-errors"); defer { try? FileManager.default.removeItem(atPath: out) }
        try check(["report", Self.small, "--out", out, "--fit", "need.pupilShareByLevel", "--no-history"], code: 1,
                  en: "--fit: found without --calibration; allowed only together with --calibration FILE",
                  de: "--fit: ohne --calibration angegeben; erlaubt nur zusammen mit --calibration DATEI")
        try check(["report", Self.small, "--out", out, "--schedule", "--no-history"], code: 1,
                  en: "\(Self.small): --schedule needs a 'schedule' section in the scenario (see docs/schedule.md)",
                  de: "\(Self.small): --schedule braucht einen Abschnitt „schedule“ im Szenario (siehe docs/schedule.md)", shared: ["schedule"])
        try check(["schedule", Self.small], code: 1,
                  en: "\(Self.small): the scenario has no 'schedule' section; add one (see docs/schedule.md)",
                  de: "\(Self.small): das Szenario hat keinen Abschnitt „schedule“; bitte einen ergänzen (siehe docs/schedule.md)", shared: ["schedule"])
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func serveAScenarioOutsideItsFolder() throws {
        let folder = try temporaryFolder("serve-folder"); defer { try? FileManager.default.removeItem(atPath: folder) }
        try check(["serve", Self.small, "--scenarios", folder, "--port", "0"], code: 1,
                  en: "\(Self.small): not under the scenarios folder \(folder)/; give --scenarios",
                  de: "\(Self.small): liegt nicht im Szenario-Ordner \(folder)/; bitte --scenarios angeben")
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func historyBenchWithoutRecordingAndAHistoryThatIsNoDatabase() throws {
        try check(["history", "bench", Self.small, "--no-history", "--runs", "1"], code: 1,
                  en: "history bench: recording is switched off (--no-history or ALLOCATE_HISTORY=off); give --history PATH",
                  de: "history bench: die Aufzeichnung ist ausgeschaltet (--no-history oder ALLOCATE_HISTORY=off); bitte --history PFAD angeben",
                  shared: ["history", "bench", "ALLOCATE_HISTORY"])
        let folder = try temporaryFolder("history-garbage"); defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/history.sqlite"
        try String(repeating: "not a database\n", count: 200).write(toFile: path, atomically: true, encoding: .utf8)
        let e = try runAllocate(["history", "list", "--history", path])
        let g = try runAllocate(["history", "list", "--history", path], environment: Self.german)
        #expect(e.code == 1 && g.code == 1, "\(e.stderr) \(g.stderr)")
        #expect(e.stderr.hasPrefix("error: \(path): file is not a database"), "\(e.stderr)")
        #expect(g.stderr.hasPrefix("Fehler: \(path): die Laufhistorie kann nicht gelesen oder geschrieben werden: die Datei ist keine Datenbank (file is not a database, SQLite 26)"), "\(g.stderr)")
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func historyRefusals() throws {
        let folder = try temporaryFolder("history-refusals"); defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/history.sqlite"
        try check(["history", "show", "1", "--history", path], code: 1,
                  en: "\(path): no run history found; allowed: a file a run has made (--history PATH or ALLOCATE_HISTORY)",
                  de: "\(path): keine Laufhistorie gefunden; erlaubt: eine Datei, die ein Lauf angelegt hat (--history PFAD oder ALLOCATE_HISTORY)",
                  shared: ["ALLOCATE_HISTORY"])
        let solved = try runAllocate(["solve", Self.small, "--history", path], environment: ["ALLOCATE_HISTORY": path])
        #expect(solved.code == 0, "\(solved.stderr)")
        try check(["history", "show", "999", "--history", path], code: 1,
                  en: "\(path): run '999' not found; allowed: a run number from 'allocate history list' or the start of a run id",
                  de: "\(path): Lauf '999' nicht gefunden; erlaubt: eine Laufnummer aus 'allocate history list' oder der Anfang einer Lauf-ID",
                  shared: ["allocate history list"])
        try check(["history", "show", "1", "--plan-json", "--plan", "5", "--history", path], code: 1,
                  en: "--plan: found 5, allowed: 1 to 1 (run 1 has 1 plan(s))",
                  de: "--plan: gefunden 5, erlaubt: 1 bis 1 (Lauf 1 hat 1 Plan/Pläne)")
    }
}
