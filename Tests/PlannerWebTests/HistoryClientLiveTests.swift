import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import PlannerService
@testable import PlannerWeb
import TestSupport

/// Issue 20: a download through the real server is recorded with the client's address, not
/// with the connection's ephemeral port ("127.0.0.1", never "127.0.0.1:46242").
@Suite(.serialized) struct HistoryClientLiveTests {
    @Test func theHistoryKeepsTheClientWithoutItsPort() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        var service = try copy.service()
        service.historyPath = copy.path + "/.allocate-history.sqlite"
        let server = try await LiveServer.start(service); defer { Task { await server.stop() } }
        let download = try await server.send("/api/plan.json", json: #"{"scenario": "dortmund-2020.yaml"}"#)
        #expect(download.status == 200 && download.headers["x-allocate-run"] != nil)
        let listed = try await server.send("/api/history", method: "GET")
        let runs = try #require((try JSONSerialization.jsonObject(with: listed.body) as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs.first?["client"] as? String == "127.0.0.1", "\(runs.first?["client"] ?? "none")")
    }
}
