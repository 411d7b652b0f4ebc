import Foundation
import Testing
@testable import Reports
import ScenarioFiles

/// Issue 15: Foundation's errors inside a message go through the one reasons layer
/// (`systemReason` gives the system's reason as errno text, SystemReasons words it): German
/// users see German, never Foundation's English sentence or its "Error Domain=…" dump.
@Suite struct FoundationReasonsTests {
    static let english = ["couldn’t", "couldn't", "The file", "The data", "Error Domain", "NSCocoaErrorDomain"]

    static func german(_ error: any Error) -> String { ErrorWords.reason(systemReason(error), .de) }

    @Test func missingFile() throws {
        do { _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent/observed.csv")); Issue.record("no error") } catch {
            let de = Self.german(error)
            #expect(de.hasPrefix("Datei oder Ordner nicht gefunden"), "\(de)")
            for e in Self.english { #expect(!de.contains(e), "\(de)") }
            #expect(ErrorWords.reason(systemReason(error), .en).contains("errno 2"))
        }
    }

    @Test func directoryWhereAFileIsExpected() throws {
        do { _ = try Data(contentsOf: URL(fileURLWithPath: NSTemporaryDirectory())); Issue.record("no error") } catch {
            let de = Self.german(error)
            for e in Self.english { #expect(!de.contains(e), "\(de)") }
            #expect(de.hasPrefix("ist ein Ordner"), "\(de)")
        }
    }

    @Test func invalidJSON() throws {
        do { _ = try JSONSerialization.jsonObject(with: Data("{\"schools\": [".utf8)); Issue.record("no error") } catch {
            let de = Self.german(error)
            for e in Self.english { #expect(!de.contains(e), "\(de)") }
            #expect(de.contains("die Daten") && de.contains("nicht das erwartete Format"), "\(de)")
        }
    }

    @Test func cocoaFileErrorsByTheirCode() {
        #expect(systemReason(CocoaError(.fileReadNoPermission)) == errnoText(EACCES))
        #expect(systemReason(CocoaError(.fileWriteOutOfSpace)) == errnoText(ENOSPC))
        #expect(systemReason(POSIXError(.EISDIR)) == errnoText(EISDIR))
        #expect(ErrorWords.reason(systemReason(CocoaError(.fileReadNoPermission)), .de).hasPrefix("Zugriff verweigert"))
    }

    @Test func foundationSentences() {
        let cases = [
            ("The file “x.csv” couldn’t be opened because there is no such file.", "die Datei „x.csv“ kann nicht geöffnet werden: Datei oder Ordner nicht gefunden"),
            ("The file “x.csv” couldn’t be opened because you don’t have permission to view it.", "die Datei „x.csv“ kann nicht geöffnet werden: Zugriff verweigert"),
            ("The data couldn’t be read because it isn’t in the correct format.", "die Daten können nicht gelesen werden: sie haben nicht das erwartete Format"),
            ("You don’t have permission to save the file “a” in the folder “b”.", "keine Berechtigung, die Datei „a“ im Ordner „b“ zu speichern"),
        ]
        for (en, de) in cases {
            #expect(ErrorWords.reason(en, .de) == de)
            #expect(ErrorWords.reason(en, .en) == en)
        }
    }

    /// GLPK's unexpected return: the code and status with their meaning, GLPK's result lines
    /// in German (the progress lines as GLPK prints them).
    @Test func glpkFailure() {
        let s = "glp_intopt returned GLP_EFAIL with status GLP_UNDEF\nGLPK log:\nGLPK Integer Optimizer 5.0\nPROBLEM HAS NO INTEGER FEASIBLE SOLUTION\n"
        #expect(ErrorWords.reason(s, .de) == "glp_intopt hat GLP_EFAIL (der Solver ist gescheitert) mit Status GLP_UNDEF (keine Lösung) zurückgegeben\n"
            + "Protokoll von GLPK:\nGLPK Integer Optimizer 5.0\ndas Problem hat keine zulässige ganzzahlige Lösung (PROBLEM HAS NO INTEGER FEASIBLE SOLUTION)\n")
        #expect(ErrorWords.reason(s, .en) == s)
    }
}
