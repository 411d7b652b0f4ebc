import Foundation
import Testing
import Allocation
import ScenarioFiles
@testable import Reports

/// Issue 15, the last part: the infeasibility advice without 0 % floors and without the file's
/// "(rule: any)" in German, kinds by label in English; the system's, SQLite's and GLPK's
/// reasons in German words; the argument parser's usage errors in German; the key table's
/// phrases in both languages; `init`'s comments in German.
@Suite struct GermanThroughoutWordsTests {
    static let floors = [Infeasibility.Floor(kind: "pupil", floor: Decimal(string: "0.99")!, devices: 20_014, label: "Leihgerät für Schülerinnen und Schüler", basis: .pupils),
                         Infeasibility.Floor(kind: "teacher", floor: 0, devices: 0, label: "Dienstliches Endgerät für Lehrkräfte", basis: .teachers)]

    @Test func adviceListsOnlyFloorsAboveZeroAndNamesKindsByLabel() {
        let why = Infeasibility(rule: .coverageFloors, floors: Self.floors, shortfall: Money(cents: 15_037_220),
                                fixes: [.lowerFloor(kind: "pupil", from: Decimal(string: "0.99")!, to: Decimal(string: "0.965")!)])
        let de = ErrorWords.text(why, .de), en = ErrorWords.text(why, .en)
        #expect(de == "Die Mindestabdeckungen Leihgerät für Schülerinnen und Schüler 99\u{a0}% (20.014 Geräte) kosten 150.372,20\u{a0}€ mehr, als die Förderprogramme zahlen können. Jede einzelne dieser Änderungen genügt: die Mindestabdeckung für Leihgerät für Schülerinnen und Schüler (deviceKinds.pupil.coverageFloor) von 99\u{a0}% auf 96,5\u{a0}% senken.")
        #expect(en == "The floors pupil devices 99 % (20,014 devices) cost 150,372.20 € more than the pools can pay. Any one of these makes it hold: lower the coverage floor of pupil devices (deviceKinds.pupil.coverageFloor) from 99 % to 96.5 %.")
        #expect(!de.contains("Dienstliches") && !en.contains("teacher"), "a 0 % floor asks for nothing")
    }

    @Test func adviceWithoutASingleFixHasNoFileSyntaxInGerman() {
        let why = Infeasibility(rule: .coverageFloors, floors: Self.floors, shortfall: Money(cents: 100), fixes: [])
        let de = ErrorWords.text(why, .de)
        #expect(!de.contains("rule") && !de.contains("any"), "\(de)")
        #expect(de.hasSuffix("Stocken Sie ein Förderprogramm, das alle diese Gerätearten bezahlen darf, um mindestens 1,00\u{a0}€ auf, oder senken Sie die Mindestabdeckungen."), "\(de)")
        #expect(ErrorWords.text(why, .en).contains("(rule: any)"))
    }

    @Test func stageNamesAndAuditNameKindsByLabelInEnglishToo() {
        let kinds = [DeviceKind(id: "pupil", label: "Leihgerät", basis: .pupils, unitPrice: Money(cents: 100)),
                     DeviceKind(id: "tablet", label: "Tablet", basis: .teachers, unitPrice: Money(cents: 100))]
        let en = Words(language: .en), de = Words(language: .de)
        #expect(en.stageName("smallest coverage ratio (pupil)", kinds: kinds) == "smallest coverage ratio (pupil devices)")
        #expect(en.stageName("smallest coverage ratio (tablet)", kinds: kinds) == "smallest coverage ratio (teacher devices (tablet))")
        #expect(de.stageName("smallest coverage ratio (pupil)", kinds: kinds) == "kleinste Abdeckungsquote (Leihgerät)")
        #expect(en.auditLabel("guaranteedCoverage.pupil", kinds: kinds) == "Guaranteed coverage: Pupil devices")
        #expect(en.auditLabel("stage: smallest coverage ratio (tablet)", kinds: kinds) == "Optimisation stage: smallest coverage ratio (teacher devices (tablet))")
    }

    @Test func systemReasonsInGermanWithTheOriginal() {
        #expect(ErrorWords.reason("Permission denied (errno 13)", .de) == "Zugriff verweigert (Permission denied, errno 13)")
        #expect(ErrorWords.reason("No such file or directory (errno 2)", .de) == "Datei oder Ordner nicht gefunden (No such file or directory, errno 2)")
        #expect(ErrorWords.reason("No space left on device (errno 28)", .de) == "kein Speicherplatz mehr auf dem Gerät (No space left on device, errno 28)")
        #expect(ErrorWords.reason("bind(descriptor:ptr:bytes:): Address already in use (errno: 98)", .de)
                    == "bind(descriptor:ptr:bytes:): die Adresse wird bereits verwendet (Address already in use, errno 98)")
        #expect(ErrorWords.reason("Permission denied", .de) == "Zugriff verweigert (Permission denied)")
        #expect(ErrorWords.reason("file is not a database (SQLite 26)", .de) == "die Datei ist keine Datenbank (file is not a database, SQLite 26)")
        #expect(ErrorWords.reason("database is locked (SQLite 5)", .de) == "die Datenbank ist gesperrt (ein anderer Vorgang schreibt gerade) (database is locked, SQLite 5)")
        #expect(ErrorWords.reason("disk I/O error (SQLite 1290)", .de) == "Ein-/Ausgabefehler beim Zugriff auf die Datenbank (disk I/O error, SQLite 1290)")
        #expect(ErrorWords.reason("cannot write the LP file /x/m.lp: Unable to create `/x/m.lp' - Permission denied", .de)
                    == "die LP-Datei /x/m.lp kann nicht geschrieben werden: „/x/m.lp“ kann nicht angelegt werden: Zugriff verweigert (Permission denied)")
        #expect(ErrorWords.reason("model too large for GLPK (more than 2^31 nonzeros)", .de).hasPrefix("das Modell ist zu groß für GLPK"))
        #expect(ErrorWords.reason("glp_simplex returned 5 with status 1\nGLPK log:\nx", .de) == "glp_simplex hat 5 mit Status 1 zurückgegeben\nProtokoll von GLPK:\nx")
        #expect(ErrorWords.reason("cannot make a staging folder: Read-only file system (errno 30)", .de)
                    == "ein Zwischenordner kann nicht angelegt werden: das Dateisystem ist nur lesbar (Read-only file system, errno 30)")
        // English as the library says it; an unknown reason as it is.
        #expect(ErrorWords.reason("Permission denied (errno 13)", .en) == "Permission denied (errno 13)")
        #expect(ErrorWords.reason("something odd", .de) == "something odd")
        // In the messages that carry them.
        #expect(ErrorWords.text(OutputError(path: "a.csv", reason: "Permission denied (errno 13)"), .de)
                    == "a.csv kann nicht geschrieben werden: Zugriff verweigert (Permission denied, errno 13)")
        #expect(ErrorWords.text(InputProblem.file(.unreadable("Permission denied (errno 13)")), .de)
                    == "kann nicht gelesen werden: Zugriff verweigert (Permission denied, errno 13)")
        #expect(ErrorWords.text(InputProblem.history(.database("file is not a database (SQLite 26)")), .de)
                    == "die Laufhistorie kann nicht gelesen oder geschrieben werden: die Datei ist keine Datenbank (file is not a database, SQLite 26)")
    }

    /// Every errno word is German and differs from the system's English.
    @Test func theErrnoTableIsGerman() {
        for (code, word) in SystemReasons.errno {
            #expect(word != String(cString: strerror(code)))
            #expect(ErrorWords.reason(String(cString: strerror(code)) + " (errno \(code))", .de).hasPrefix(word))
        }
    }

    @Test func usageErrorsInGerman() {
        let full = "Error: Unknown option '--outt'. Did you mean '--out'?\nUsage: allocate solve <scenario> [--out <out>]\n  See 'allocate solve --help' for more information."
        #expect(UsageWords.german(full) == "Fehler: unbekannte Option „--outt“. Meinten Sie „--out“?\nAufruf: allocate solve <scenario> [--out <out>]\n  Mehr dazu: allocate solve --help")
        let cases = [("Missing expected argument '<scenario>'", "das Argument „<scenario>“ fehlt"),
                     ("Missing value for '--out <out>'", "für „--out <out>“ fehlt ein Wert"),
                     ("Unexpected argument 'x'", "unerwartetes Argument „x“"),
                     ("2 unexpected arguments: 'x', 'y'", "2 unerwartete Argumente: „x“, „y“"),
                     ("The value 'abc' is invalid for '--time-limit <time-limit>'", "der Wert „abc“ ist für „--time-limit <time-limit>“ ungültig"),
                     ("The value 'x' is invalid for '--format <format>'. Please provide one of 'csv', 'json' or 'xlsx'.",
                      "der Wert „x“ ist für „--format <format>“ ungültig; erlaubt: „csv“, „json“ oder „xlsx“"),
                     ("--runs: found 0, allowed: 1 to 10000", "--runs: 0 gefunden; erlaubt: 1 bis 10.000"),
                     ("--step: found 0, allowed: 1 to 1000000000 euros", "--step: 0 gefunden; erlaubt: 1 bis 1.000.000.000 Euro"),
                     ("--lang: found 'fr', allowed: de, en", "--lang: „fr“ gefunden; erlaubt: de, en"),
                     ("give --lp FILE and/or --mps FILE", "--lp DATEI und/oder --mps DATEI angeben")]
        for (en, de) in cases { #expect(UsageWords.sentence(en) == de) }
        #expect(UsageWords.sentence("a sentence a newer parser says") == "a sentence a newer parser says")
    }

    /// The key table's phrases of mapping, text and path keys reach messages ("missing 'x' (…)"):
    /// each is worded in both languages, none is left as English text.
    @Test func keyPhrasesInBothLanguages() {
        var worded = 0
        for key in ScenarioKeys.all {
            if case .english(let s) = key.what { Issue.record("\(key.path): English only: \(s)") }
            if case .worded = key.what {
                worded += 1
                #expect(ErrorWords.text(key.what, .de) != ErrorWords.text(key.what, .en), "\(key.path)")
            }
        }
        #expect(worded >= 84)
        #expect(ErrorWords.text(InputProblem.missing(key: "schools", why: ScenarioKeys.entry("schools").what), .de)
                    == "„schools“ fehlt (der Abschnitt zur Schultabelle)")
    }

    @Test func initCommentsInGermanAndEnglish() {
        let facts = InitFacts(name: "Krfr. Stadt Bochum", key: "5911000", schools: 120, pupils: 45_678, teachers: 3_456, stateSchools: 5_000)
        let de = StatusWords(.de).initComments, en = StatusWords(.en).initComments
        #expect(de.header(facts)[0] == "Szenario für Krfr. Stadt Bochum (amtlicher Gemeindeschlüssel 5911000), erstellt mit")
        #expect(de.header(facts)[3] == "(45.678 Schülerinnen und Schüler, 3.456 Lehrkräfte (geschätzt); IT.NRW, dl-de/by-2-0).")
        #expect(en.header(facts)[0] == "Scenario for Krfr. Stadt Bochum (official municipality key 5911000), made by")
        #expect(de.share(.perDevice(Money(cents: 50_000), count: 3_456, basis: .teachers)) == "500,00 € × 3.456 Lehrkräfte")
        #expect(en.share(.perDevice(Money(cents: 50_000), count: 3_456, basis: .teachers)) == "500.00 € × 3456 teachers")
        #expect(de.referenceNote(schools: 3)[0].hasPrefix("Dies ist der Referenz-Schulträger"))
    }
}

/// `history show`'s audit entries: German labels with the key beside them, German numbers.
@Suite struct HistoryAuditEntryWordsTests {
    @Test func auditEntriesInGerman() {
        let de = StatusWords(.de), en = StatusWords(.en)
        #expect(de.auditEntry("audit", "toolVersion", "0.2.0") == "Programmversion (toolVersion): 0.2.0")
        #expect(de.auditEntry("audit", "reproducible", "false") == "Reproduzierbar (reproducible): nein")
        // The scenario's values by their parameter labels (HistoryAuditLabelTests), in both languages.
        #expect(de.auditEntry("scenario", "deviceKinds.pupil.unitPrice", "347.00") == "pupil: Stückpreis (deviceKinds.pupil.unitPrice): 347,00")
        #expect(en.auditEntry("audit", "toolVersion", "0.2.0") == "Tool version (toolVersion): 0.2.0")
        #expect(en.auditEntry("scenario", "deviceKinds.pupil.unitPrice", "347.00") == "pupil: Unit price (deviceKinds.pupil.unitPrice): 347.00")
    }
}
