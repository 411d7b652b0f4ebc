import Foundation
import Testing
import History

/// Issue 20: the planner's client without the connection's port, for new records and for
/// those an earlier version kept with the port.
@Suite struct ClientAddressTests {
    @Test(arguments: [("127.0.0.1:46242", "127.0.0.1"), ("127.0.0.1", "127.0.0.1"), ("[::1]:46242", "::1"), ("::1", "::1"),
                      ("fe80::1", "fe80::1"), ("localhost:8080", "localhost"), ("127.0.0.1:", "127.0.0.1:"), ("host:port", "host:port")])
    func withoutPort(_ client: String, _ shown: String) {
        #expect(ClientAddress.withoutPort(client) == shown)
    }

    @Test func aRecordKeepsTheAddressWithoutThePort() {
        #expect(RunRecord(command: "planner-download", arguments: [], client: "127.0.0.1:50123", plans: []).client == "127.0.0.1")
    }

    @Test func aRecordAnEarlierVersionKeptWithThePortIsShownWithout() throws {
        let dir = try HistoryStoreTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try HistoryStore(path: dir + "/h.sqlite")
        var old = RunRecord(command: "planner-download", arguments: [], plans: [])
        old.client = "127.0.0.1:46242"   // as stored before
        _ = try store.record(old)
        #expect(try store.run(old.uuid)?.client == "127.0.0.1")
        #expect(try store.list().first?.client == "127.0.0.1")
    }
}
