import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Hummingbird
import Logging
import ServiceLifecycle
@testable import PlannerService
@testable import PlannerWeb
import TestSupport

/// A planner server on a free loopback port for one test.
struct LiveServer {
    let base: URL
    let group: ServiceGroup

    static func start(_ service: PlannerService, timeouts: PlannerServer.Timeouts = .init()) async throws -> LiveServer {
        let server = try PlannerServer(service: service, port: 0, timeouts: timeouts)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = server.application { port in continuation.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return LiveServer(base: URL(string: "http://127.0.0.1:\(port)")!, group: group)
    }

    /// Stops the server gracefully (cancelling it would log errors).
    func stop() async { await group.triggerGracefulShutdown() }

    func send(_ path: String, method: String = "POST", json: String? = nil, contentType: String = "application/json",
              body: Data? = nil, host: String? = nil) async throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = method
        if let host { request.setValue(host, forHTTPHeaderField: "Host") }
        if let data = body ?? json.map({ Data($0.utf8) }) {
            request.httpBody = data
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
        return (http.statusCode, headers, data)
    }
}

@Suite(.serialized) struct PlannerHTTPTests {
    @Test func servesThePageTheScriptAndTheAPI() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let server = try await LiveServer.start(copy.service()); defer { Task { await server.stop() } }
        let page = try await server.send("/", method: "GET")
        #expect(page.status == 200 && page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(String(decoding: page.body, as: UTF8.self).contains("<script src=\"/app.js\""))
        #expect(page.headers["content-security-policy"]?.contains("default-src 'self'") == true)
        for (path, type) in [("/app.js", "text/javascript"), ("/style.css", "text/css"), ("/api/openapi.json", "application/json"),
                             ("/api/scenarios", "application/json")] {
            let r = try await server.send(path, method: "GET")
            #expect(r.status == 200 && r.headers["content-type"]?.hasPrefix(type) == true, "\(path)")
        }
        let compare = try await server.send("/api/compare", json: #"{"overrides": {"pools.sofort.budget": "5490000"}}"#)
        #expect(compare.status == 200)
        #expect(compare.headers["server-timing"]?.hasPrefix("solve;dur=") == true)
        let report = try await server.send("/api/report.html", json: "{}")
        #expect(report.status == 200 && report.headers["content-disposition"] == "attachment; filename=\"report.html\"")
    }

    @Test func refusesWhatItShouldRefuse() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let server = try await LiveServer.start(service); defer { Task { await server.stop() } }
        // Not JSON: a browser sends text/plain cross-site without asking; the planner does not act on it.
        let plain = try await server.send("/api/save", json: #"{"file": "x"}"#, contentType: "text/plain")
        #expect(plain.status == 415)
        #expect(!FileManager.default.fileExists(atPath: copy.path + "/saved/x.yaml"))
        let huge = try await server.send("/api/compare", body: Data(repeating: 0x20, count: service.maxBodyBytes * 4))
        #expect(huge.status == 413)
        let invalid = try await server.send("/api/compare", json: #"{"overrides": {"deviceKinds.pupil.unitPrice": "-5"}}"#)
        #expect(invalid.status == 422)
        let error = try #require((try JSONSerialization.jsonObject(with: invalid.body) as? [String: Any])?["error"] as? [String: Any])
        #expect(error["field"] as? String == "deviceKinds.pupil.unitPrice")
        #expect(try await server.send("/api/nothing", json: "{}").status == 404)
        // DNS rebinding: a page from evil.example whose name now points at 127.0.0.1.
        let rebound = try await server.send("/api/compare", json: "{}", host: "evil.example:8080")
        #expect(rebound.status == 403)
        #expect(try await server.send("/", method: "GET", host: "evil.example").status == 403)
        #expect(try await server.send("/etc/passwd", method: "GET").status == 404)
    }

    /// Requests solved at the same time on several threads give exactly the sequential answers.
    @Test func concurrentRequestsGiveTheSequentialAnswers() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let bodies = [4_800_000, 5_100_000, 5_490_000, 5_800_000, 6_100_000, 6_400_000, 7_000_000, 8_000_000].enumerated().map { i, budget in
            "{\"overrides\": {\"pools.sofort.budget\": \"\(budget)\", \"objective\": \"\(i % 2 == 0 ? "maximin" : "weighted")\"}}"
        }
        let sequential = bodies.map { service.handle("compare", body: Data($0.utf8)).body }
        // A fresh service: its baseline is not cached yet, so the first requests solve it concurrently too.
        let server = try await LiveServer.start(try copy.service()); defer { Task { await server.stop() } }
        let concurrent = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for round in 0..<2 {
                for (i, b) in bodies.enumerated() { group.addTask { (i, try await server.send("/api/compare", json: b).body) } }
                _ = round
            }
            var out: [(Int, Data)] = []
            for try await r in group { out.append(r) }
            return out
        }
        #expect(concurrent.count == bodies.count * 2)
        for (i, data) in concurrent { #expect(data == sequential[i], "request \(i) differs when run concurrently") }
    }

    @Test func listensOnLoopbackUnlessTold() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        #expect(throws: PlannerError.self) { try PlannerServer(service: service, host: "0.0.0.0") }
        #expect(throws: PlannerError.self) { try PlannerServer(service: service, port: 70_000) }
        _ = try PlannerServer(service: service, host: "0.0.0.0", allowRemote: true)
        _ = try PlannerServer(service: service, host: "::1")
        // DNS rebinding: a loopback server answers only requests addressed to a loopback name.
        for ok in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "localhost"] { #expect(SecurityHeaders.isLoopback(ok), "\(ok)") }
        for bad in ["evil.example:8080", "127.0.0.1.evil.example", "[::2]:80", ""] { #expect(!SecurityHeaders.isLoopback(bad), "\(bad)") }
    }
}
