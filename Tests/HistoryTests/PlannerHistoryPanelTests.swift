import Foundation
import Testing
import History
import PlannerService
import TestSupport

/// Issue 20 in the planner: downloads name their run id, failed downloads are recorded, the
/// history panel's list (`GET /api/history`), a past run as the comparison baseline
/// (`baselineRun`); issue 18: a request's progress (`GET /api/progress`).
@Suite struct PlannerHistoryPanelTests {
    static func service(_ root: String, history: Bool = true) throws -> PlannerService {
        var service = try PlannerService(folder: try ScenarioFolder(path: root + "/Scenarios"), defaultScenario: "dortmund-2020.yaml")
        if history { service.historyPath = root + "/Scenarios/.allocate-history.sqlite" }
        return service
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aDownloadNamesTheRunItIsRecordedAs() async throws {
        let root = try HistoryCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let service = try Self.service(root)
        let html = await service.respond("report.html", body: Data(#"{"lang": "de"}"#.utf8), client: "127.0.0.1:50000")
        let id = try #require(html.runID)
        let text = String(decoding: html.body, as: UTF8.self)
        #expect(text.contains("<span class=\"run-id\">Lauf-ID \(id)</span>"))
        let json = await service.respond("plan.json", body: Data("{}".utf8))
        let other = try #require(json.runID)
        #expect(other != id)
        let audit = try #require(try Self.object(json.body)["audit"] as? [String: Any])
        #expect(audit["runId"] as? String == other)
        let store = try HistoryStore(path: try #require(service.historyPath))
        #expect(try store.run(other)?.plans.first?.planJSON() == json.body)
        // Without a history: no run id in the body either.
        let plain = await (try Self.service(root, history: false)).respond("plan.json", body: Data("{}".utf8))
        #expect(plain.runID == nil && !String(decoding: plain.body, as: UTF8.self).contains("runId"))
    }

    @Test func aFailedDownloadIsRecordedAndListed() async throws {
        let root = try HistoryCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let service = try Self.service(root)
        let bad = await service.respond("report.xlsx", body: Data(#"{"overrides": {"pools.sofort.budget": "-1"}}"#.utf8), client: "127.0.0.1:50001")
        #expect(bad.status == 422 && bad.runID == nil)
        let listed = try Self.object(await service.respond("history", body: Data()).body)
        let runs = try #require(listed["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs[0]["status"] as? String == "failed" && runs[0]["errorClass"] as? String == "input")
        #expect(runs[0]["client"] as? String == "127.0.0.1" && runs[0]["command"] as? String == "planner-download")
        #expect((runs[0]["errorMessage"] as? String)?.contains("pools.sofort.budget") == true)
        let plans = try #require(runs[0]["plans"] as? [[String: Any]])
        #expect(plans.first?["hasPlan"] as? Bool == false)
    }

    @Test func theHistoryListTakesALimit() async throws {
        let root = try HistoryCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let service = try Self.service(root)
        for _ in 0..<3 { _ = await service.respond("plan.json", body: Data("{}".utf8)) }
        let two = try Self.object(await service.respond("history", body: Data(), query: ["limit": "2"]).body)
        #expect((two["runs"] as? [Any])?.count == 2)
        for wrong in ["0", "201", "x"] {
            let r = await service.respond("history", body: Data(), query: ["limit": wrong])
            #expect(r.status == 400, "limit=\(wrong)")
        }
    }

    /// A past run as the baseline: the comparison's baseline figures are that run's recorded
    /// figures (the same values `allocate history show` has), and its label names the run.
    @Test func aPastRunIsTheBaseline() async throws {
        let root = try HistoryCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let service = try Self.service(root)
        let lower = await service.respond("plan.json", body: Data(#"{"overrides": {"pools.sofort.budget": "5490000"}}"#.utf8))
        let id = try #require(lower.runID)
        let compare = await service.respond("compare", body: Data(#"{"baselineRun": "\#(id.prefix(8))", "lang": "de"}"#.utf8))
        #expect(compare.status == 200, "\(String(decoding: compare.body, as: UTF8.self))")
        let c = try Self.object(compare.body)
        let run = try #require(c["baselineRun"] as? [String: Any])
        #expect(run["uuid"] as? String == id && run["label"] as? String == "Lauf 1 (dortmund-2020)")
        let stored = try #require(try HistoryStore(path: service.historyPath!).run(id)?.plans.first)
        let spent = try #require(stored.figures.first { $0.key == "total.spent" })
        let figures = try #require(c["figures"] as? [[String: Any]])
        let line = try #require(figures.first { $0["id"] as? String == "total.spent" })
        let values = try #require(line["values"] as? [NSNumber])
        guard case .money(let money)? = spent.value else { Issue.record("total.spent is not money: \(String(describing: spent.value))"); return }
        #expect(values[0].doubleValue == Double(money.plain))
        // The on-screen plan is the scenario's own (budget 6.1 M€): more is spent than in the run.
        #expect(values[1].doubleValue > values[0].doubleValue)
        // The report downloaded against it names the run as its baseline.
        let report = await service.respond("report.html", body: Data(#"{"baselineRun": "\#(id)"}"#.utf8))
        #expect(report.status == 200 && String(decoding: report.body, as: UTF8.self).contains("Lauf 1 (dortmund-2020)"))
    }

    /// A download made under a title (the page's "Titel") is the same plan again under that
    /// name: found in the e2e test, where such a run was refused as "differs from its stored plan".
    @Test func aPastRunWithATitleServesAsTheBaseline() async throws {
        let root = try HistoryCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let service = try Self.service(root)
        let titled = await service.respond("report.html", body: Data(#"{"title": "Zuschuss 10 % niedriger", "overrides": {"pools.sofort.budget": "5490000"}}"#.utf8))
        let id = try #require(titled.runID)
        let compare = await service.respond("compare", body: Data(#"{"baselineRun": "\#(id)"}"#.utf8))
        #expect(compare.status == 200, "\(String(decoding: compare.body, as: UTF8.self))")
    }

    @Test func aBaselineRunThatCannotServeIsRefusedNamingTheField() async throws {
        let root = try HistoryCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let service = try Self.service(root)
        _ = await service.respond("report.xlsx", body: Data(#"{"overrides": {"pools.sofort.budget": "-1"}}"#.utf8))  // a failed run: no plan
        for (body, status) in [(#"{"baselineRun": "99"}"#, 404), (#"{"baselineRun": "1"}"#, 422), (#"{"baselineRun": "zz"}"#, 400)] {
            let r = await service.respond("compare", body: Data(body.utf8))
            #expect(r.status == status, "\(body)")
            let error = try #require(try Self.object(r.body)["error"] as? [String: Any])
            #expect(error["field"] as? String == "baselineRun", "\(body)")
        }
        let none = await (try Self.service(root, history: false)).respond("compare", body: Data(#"{"baselineRun": "1"}"#.utf8))
        #expect(none.status == 404)
    }

    /// A split scenario reports the authorities solved; the token's entry ends `done` with
    /// every authority counted.
    @Test func aRequestsProgressCountsTheAuthorities() async throws {
        let folder = try SplitScenarioFolder()
        let text = try String(contentsOfFile: try folder.scenario(), encoding: .utf8)
        try FileManager.default.copyItem(atPath: Paths.fixture("data/schools.csv"), toPath: folder.url.appendingPathComponent("schools.csv").path)
        _ = try folder.write("split.yaml", text.replacingOccurrences(of: Paths.fixture("data/schools.csv"), with: "schools.csv"))
        let service = try PlannerService(folder: try ScenarioFolder(path: folder.url.path), defaultScenario: "split.yaml")
        let token = "test-progress-0001"
        let before = try Self.object(Data(service.progress.json(token).utf8))
        #expect(before["phase"] as? String == "unknown")
        let r = await service.respond("solve", body: Data(#"{"progress": "\#(token)"}"#.utf8))
        #expect(r.status == 200, "\(String(decoding: r.body, as: UTF8.self))")
        let after = try Self.object(Data(service.progress.json(token).utf8))
        #expect(after["phase"] as? String == "done")
        let total = try #require(after["total"] as? Int)
        #expect(total >= 2 && after["done"] as? Int == total)
        #expect((after["seconds"] as? Double ?? -1) >= 0)
        let polled = service.handle("progress", body: Data(), query: ["id": token])
        #expect(polled.status == 200 && polled.body == Data(service.progress.json(token).utf8))
        #expect(service.handle("progress", body: Data(), query: ["id": "short"]).status == 400)
        let bad = await service.respond("solve", body: Data(#"{"progress": "no spaces allowed"}"#.utf8))
        #expect(bad.status == 400)
    }
}
