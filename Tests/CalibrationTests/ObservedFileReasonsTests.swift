import Foundation
import Testing
import Allocation
import Calibration
import Reports
import ScenarioFiles
import TestSupport

/// Issue 15: the observed-counts file is read as the scenario files are (no Foundation
/// sentence in the message): a missing file, a folder, a file nobody may read, each in German.
@Suite struct ObservedFileReasonsTests {
    static func message(_ path: String, _ l: ReportLanguage) throws -> String {
        let scenario = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        do { _ = try Observations.read(path: path, scenario: scenario); return "" } catch { return ErrorWords.text(error, l) }
    }

    static let english = ["couldn’t", "The file", "no such file", "Error Domain", "errno"]

    @Test func missingFile() throws {
        let de = try Self.message("/nonexistent/observed.csv", .de)
        #expect(de == "/nonexistent/observed.csv: Datei nicht gefunden", "\(de)")
        #expect(try Self.message("/nonexistent/observed.csv", .en) == "/nonexistent/observed.csv: file not found")
    }

    @Test func directoryWhereAFileIsExpected() throws {
        let dir = try temporaryFolder("observed-dir")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let de = try Self.message(dir, .de)
        #expect(de.hasSuffix(": ist ein Ordner; erwartet wird eine Datei"), "\(de)")
        for e in Self.english { #expect(!de.contains(e), "\(de)") }
    }

    /// Root reads every file: the case needs an ordinary user.
    @Test(.enabled(if: getuid() != 0)) func unreadableFile() throws {
        let dir = try temporaryFolder("observed-unreadable")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/observed.csv"
        try "district;count\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0)
        let de = try Self.message(path, .de)
        #expect(de.contains("kann nicht gelesen werden: Zugriff verweigert"), "\(de)")
    }
}
