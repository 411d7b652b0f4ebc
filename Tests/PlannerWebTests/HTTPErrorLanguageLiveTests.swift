import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import PlannerService
@testable import PlannerWeb
import TestSupport

/// Issue 15: the server's own refusals in the request's language — Accept-Language before the
/// body is read (German by default).
@Suite(.serialized) struct HTTPErrorLanguageLiveTests {
    func message(_ server: LiveServer, _ path: String, method: String, accept: String, host: String? = nil,
                 contentType: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: server.base.appendingPathComponent(path))
        request.httpMethod = method
        request.setValue(accept, forHTTPHeaderField: "Accept-Language")
        if let host { request.setValue(host, forHTTPHeaderField: "Host") }
        if let contentType { request.httpBody = Data("{}".utf8); request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = try #require(response as? HTTPURLResponse).statusCode
        let error = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["error"] as? [String: Any]
        return (status, error?["message"] as? String ?? "")
    }

    @Test func refusalsFollowAcceptLanguage() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let server = try await LiveServer.start(copy.service()); defer { Task { await server.stop() } }
        let cases: [(String, String, String?, String?, Int, String, String)] = [
            ("/nothing", "GET", nil, nil, 404, "/nothing: diese Seite gibt es nicht; der Planer ist unter /", "/nothing: no such page; the planner is at /"),
            ("/api/solve", "GET", nil, nil, 405, "GET /api/solve: nicht erlaubt; erlaubt ist: POST", "GET /api/solve: not allowed; allowed: POST"),
            ("/api/solve", "POST", nil, "text/plain", 415, PlannerError.notJSON.message(.de), PlannerError.notJSON.message(.en)),
            ("/", "GET", "evil.example", nil, 403, PlannerError.foreignHost.message(.de), PlannerError.foreignHost.message(.en)),
        ]
        for (path, method, host, type, status, de, en) in cases {
            // Foundation's URLSession sends an Accept-Language of its own when none is set, so the
            // default is asked for with one that names neither language (no header at all:
            // HTTPErrorLanguageTests in PlannerServiceTests).
            let byDefault = try await message(server, path, method: method, accept: "fr-FR,fr;q=0.9", host: host, contentType: type)
            let german = try await message(server, path, method: method, accept: "de-DE,de;q=0.9", host: host, contentType: type)
            let english = try await message(server, path, method: method, accept: "en-US,en;q=0.9,de;q=0.5", host: host, contentType: type)
            #expect(german == (status, de), "\(path): \(german)")
            #expect(byDefault == (status, de), "\(path): \(byDefault)")
            #expect(english == (status, en), "\(path): \(english)")
        }
    }
}
