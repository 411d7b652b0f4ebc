import Foundation
import Testing
import Allocation
import GLPKSolver
import History
import PlannerService

/// The planner's downloads and saves in the folder's history, with the client and the run id.
@Suite struct PlannerHistoryTests {
    @Test func aDownloadIsRecordedWithItsClientAndRunID() async throws {
        let root = try HistoryCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = try ScenarioFolder(path: root + "/Scenarios")
        var service = try PlannerService(folder: folder, defaultScenario: "dortmund-2020.yaml")
        let path = root + "/Scenarios/.allocate-history.sqlite"
        service.historyPath = path
        let body = Data(#"{"scenario": "dortmund-2020.yaml", "overrides": {"pools.sofort.budget": "5490000"}}"#.utf8)
        let response = await service.respond("plan.json", body: body, client: "127.0.0.1:50123")
        #expect(response.status == 200)
        let id = try #require(response.runID)
        let store = try HistoryStore(path: path)
        let run = try #require(try store.run(id))
        #expect(run.command == "planner-download" && run.client == "127.0.0.1")
        #expect(run.arguments == ["plan.json", "dortmund-2020.yaml", "--set", "pools.sofort.budget=5490000"])
        let plan = try #require(run.plans.first)
        #expect(try plan.planJSON() == response.body)
        // Made again from the kept inputs: the same plan, the time fields aside.
        let again = try Replay.reproduce(plan, run: run, from: store) { scenario, workers in
            try AllocationEngine(solver: GLPKSolver()).solve(scenario, workers: workers)
        }
        #expect(again.sameApartFromTime)
        // GET /api/history lists it, newest first.
        let listed = try #require(try JSONSerialization.jsonObject(with: service.history().body) as? [String: Any])
        let runs = try #require(listed["runs"] as? [[String: Any]])
        #expect(runs.first?["uuid"] as? String == id)
        #expect(runs.first?["client"] as? String == "127.0.0.1")
        // A save is recorded too.
        let saved = await service.respond("save", body: Data(#"{"scenario": "dortmund-2020.yaml", "overrides": {"pools.stadt.budget": "100000"}, "file": "more"}"#.utf8))
        #expect(saved.status == 201)
        #expect(try store.list(.init(command: "planner-save")).count == 1)
    }

    @Test func noHistoryPathRecordsNothing() async throws {
        let root = try HistoryCommandTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let service = try PlannerService(folder: try ScenarioFolder(path: root + "/Scenarios"), defaultScenario: "dortmund-2020.yaml")
        let response = await service.respond("plan.json", body: Data("{}".utf8))
        #expect(response.status == 200 && response.runID == nil)
        #expect(!FileManager.default.fileExists(atPath: root + "/Scenarios/.allocate-history.sqlite"))
        #expect(String(decoding: service.history().body, as: UTF8.self).contains("\"runs\": []"))
    }
}
