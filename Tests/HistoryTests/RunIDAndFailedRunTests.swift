import Foundation
import Testing
import History
import TestSupport

/// Issue 20: the run id printed inside a recorded run's outputs (and only then), and failed
/// runs recorded with their error's class and message, as a user meets them through `allocate`.
@Suite struct RunIDAndFailedRunTests {
    static let binary = AllocateBinary.url
    typealias H = HistoryCommandTests

    static func runs(_ root: String) throws -> [[String: Any]] {
        let list = try H.run(["history", "list", "--json"], in: root)
        #expect(list.code == 0, "\(list.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    }

    static func runID(inPlanJSON data: Data?) throws -> String? {
        let bytes = try #require(data)
        let plan = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        return (plan["audit"] as? [String: Any])?["runId"] as? String
    }

    @Test(.enabled(if: binary != nil)) func aRecordedSolveNamesItsRunInPlanJSON() throws {
        let root = try H.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try H.run(["solve", "Scenarios/dortmund-2020.yaml", "--out", "o"], in: root)
        #expect(r.code == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let id = try #require(try Self.runID(inPlanJSON: FileManager.default.contents(atPath: root + "/o/plan.json")))
        let recorded = try Self.runs(root)
        #expect(recorded.count == 1 && recorded[0]["uuid"] as? String == id)
        // The stored plan.json is the one written, run id and all, and `show` finds the run by the printed id's start.
        let stored = try H.run(["history", "show", String(id.prefix(8)), "--plan-json"], in: root)
        #expect(stored.stdout == String(decoding: FileManager.default.contents(atPath: root + "/o/plan.json") ?? Data(), as: UTF8.self))
        // Made again, the plan names the same run: the same apart from the time fields.
        let rerun = try H.run(["history", "rerun", "1", "--lang", "en"], in: root)
        #expect(rerun.code == 0 && rerun.stdout.contains("the same as the stored plan apart from the time fields"), "\(rerun.stdout)\(rerun.stderr)")
        // Without history: no run id.
        try H.run(["solve", "Scenarios/dortmund-2020.yaml", "--out", "p", "--no-history"], in: root)
        #expect(try Self.runID(inPlanJSON: FileManager.default.contents(atPath: root + "/p/plan.json")) == nil)
    }

    /// A given time (--generated-at, SOURCE_DATE_EPOCH) promises the same bytes for the same
    /// inputs: such a run is recorded, but its outputs name no run id.
    @Test(.enabled(if: binary != nil)) func aReproducibleRunIsRecordedButItsOutputsStayByteIdentical() throws {
        let root = try H.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let a = try H.run(["report", "Scenarios/dortmund-2020.yaml", "--out", "a"] + H.time, in: root)
        let b = try H.run(["report", "Scenarios/dortmund-2020.yaml", "--out", "b", "--no-history"] + H.time, in: root)
        #expect(a.code == 0 && b.code == 0)
        #expect(try Self.runs(root).count == 1)
        let (fa, fb) = (H.files(root + "/a"), H.files(root + "/b"))
        #expect(!fa.isEmpty && fa == fb)
    }

    @Test(.enabled(if: binary != nil)) func aRecordedReportNamesItsRunOnTheFirstPageTheAuditAndTheWorkbook() throws {
        let root = try H.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try H.run(["report", "Scenarios/dortmund-2020.yaml", "--out", "r"], in: root)
        #expect(r.code == 0, "\(r.stderr)")
        let id = try #require(try Self.runs(root).first?["uuid"] as? String)
        let html = String(decoding: FileManager.default.contents(atPath: root + "/r/report.html") ?? Data(), as: UTF8.self)
        #expect(html.contains("<span class=\"run-id\">Lauf-ID \(id)</span>"))
        #expect(html.contains("<tr><th>Lauf-ID</th><td>\(id) <span class=\"key\">(in der Laufhistorie: allocate history show \(id.prefix(8)))</span></td></tr>"))
        #expect(try Self.runID(inPlanJSON: FileManager.default.contents(atPath: root + "/r/plan.json")) == id)
        // The workbook's shared strings hold the id (summary and audit sheet).
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = ["python3", "-c", "import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read('xl/sharedStrings.xml').decode())", root + "/r/report.xlsx"]
        let out = Pipe()
        unzip.standardOutput = out
        try unzip.run()
        let strings = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        unzip.waitUntilExit()
        if unzip.terminationStatus == 0 {
            #expect(strings.contains(">Lauf-ID<") && strings.contains(id))
        }
    }

    @Test(.enabled(if: binary != nil)) func failedRunsAreRecordedWithTheirClassAndMessage() throws {
        let root = try H.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bad = try H.run(["solve", "Scenarios/dortmund-2020.yaml", "--set", "pools.sofort.budget=-5"], in: root)
        #expect(bad.code == 1)
        let infeasible = Paths.fixture("valid/infeasible-floor.yaml")
        let cannot = try H.run(["solve", infeasible, "--history", root + "/Scenarios/.allocate-history.sqlite"], in: root)
        #expect(cannot.code == 2)
        let runs = try Self.runs(root)
        #expect(runs.count == 2)
        let byClass = Dictionary(runs.map { ($0["errorClass"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let input = try #require(byClass["input"])
        #expect(input["status"] as? String == "failed" && input["command"] as? String == "solve")
        #expect((input["errorMessage"] as? String)?.contains("pools.sofort.budget") == true)
        #expect((input["errorMessage"] as? String).map { bad.stderr.contains($0) } == true)
        let infeasibleRun = try #require(byClass["infeasible"])
        #expect(infeasibleRun["status"] as? String == "failed")
        // The list shows them, in German and English, and filters by status.
        let de = try H.run(["history", "list", "--lang", "de"], in: root)
        #expect(de.stdout.contains("fehlgeschlagen: Eingabe") && de.stdout.contains("fehlgeschlagen: unlösbar"))
        let en = try H.run(["history", "list", "--status", "failed", "--lang", "en"], in: root)
        #expect(en.stdout.contains("failed: input") && en.stdout.contains("failed: infeasible"))
        let show = try H.run(["history", "show", String(input["run"] as? Int ?? 0), "--lang", "de"], in: root)
        #expect(show.stdout.contains("Fehler: ") && show.stdout.contains("pools.sofort.budget"))
        // --no-history records no failure either.
        try H.run(["solve", "Scenarios/dortmund-2020.yaml", "--set", "pools.sofort.budget=-5", "--no-history"], in: root)
        #expect(try Self.runs(root).count == 2)
    }
}
