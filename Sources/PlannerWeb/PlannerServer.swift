import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PlannerService

/// `allocate serve`: the planner page and its JSON API over HTTP (Hummingbird). The work is
/// PlannerService's; this layer maps routes, limits bodies, and keeps GLPK off the server's
/// event loops (each request's solve runs start to end on one worker thread).
public struct PlannerServer: Sendable {
    public let service: PlannerService
    public let host: String
    public let port: Int

    /// Hosts that mean "this machine only".
    public static let loopbackHosts = ["127.0.0.1", "localhost", "::1"]

    public init(service: PlannerService, host: String = "127.0.0.1", port: Int = 8080, allowRemote: Bool = false) throws(PlannerError) {
        guard (0...65_535).contains(port) else { throw PlannerError(400, "bad-request", "--port: found \(port), allowed: 0 to 65535") }
        if !Self.loopbackHosts.contains(host) && !allowRemote {
            throw PlannerError(400, "bad-request",
                               "--host: \(host) would let other machines reach the planner and write into \(service.folder.path)/; add --allow-remote if that is intended")
        }
        self.service = service; self.host = host; self.port = port
    }

    /// The application; `onRunning` gets the port actually bound (useful with port 0).
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        var logger = Logger(label: "allocate-serve")
        logger.logLevel = .warning
        return Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "allocate"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let service = self.service
        let checkHost = Self.loopbackHosts.contains(host)
        router.middlewares.add(SecurityHeaders(loopbackOnly: checkHost))
        router.get("/") { _, _ in Self.asset(PlannerPage.html, "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in Self.asset(PlannerPage.script, "text/javascript; charset=utf-8") }
        router.get("/style.css") { _, _ in Self.asset(PlannerPage.style, "text/css; charset=utf-8") }
        router.get("/api/openapi.json") { _, _ in Self.asset(PlannerOpenAPI.document, "application/json; charset=utf-8") }
        router.get("/api/scenarios") { _, _ in Self.response(await Self.offload { service.handle("scenarios", body: Data()) }) }
        router.post("/api/:operation") { request, context -> Response in
            let operation = context.parameters.get("operation") ?? ""
            // A JSON content type makes a browser ask first (CORS preflight, which is never
            // granted), so another web site cannot make the planner solve or save.
            let type = request.headers[.contentType] ?? ""
            guard type.lowercased().hasPrefix("application/json") else {
                return Self.response(.error(PlannerError(415, "bad-request", "send the request body as JSON with Content-Type: application/json")))
            }
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: service.maxBodyBytes) } catch {
                return Self.response(.error(.tooLarge(limit: service.maxBodyBytes)))
            }
            let body = Data(buffer: buffer)
            return Self.response(await Self.offload { service.handle(operation, body: body) })
        }
        return router
    }

    /// Runs synchronous GLPK work on a worker thread, off the event loops and the cooperative pool.
    static func offload(_ work: @escaping @Sendable () -> PlannerResponse) async -> PlannerResponse {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }

    static func response(_ r: PlannerResponse) -> Response {
        var headers: HTTPFields = [.contentType: r.contentType, .cacheControl: "no-store"]
        if let name = r.fileName { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        if let ms = r.solveMilliseconds { headers[.serverTiming] = String(format: "solve;dur=%.1f", ms) }
        return Response(status: .init(code: r.status), headers: headers, body: .init(byteBuffer: ByteBuffer(data: r.body)))
    }

    static func asset(_ text: String, _ type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Headers every answer carries, and the DNS-rebinding guard: a loopback server answers only
/// requests addressed to a loopback name.
struct SecurityHeaders: RouterMiddleware {
    let loopbackOnly: Bool

    func handle(_ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        if loopbackOnly, let host = request.head.authority, !Self.isLoopback(host) {
            return PlannerServer.response(.error(PlannerError(403, "forbidden", "this planner answers requests to 127.0.0.1 or localhost only")))
        }
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }

    static func isLoopback(_ authority: String) -> Bool {
        var host = Substring(authority)
        if host.hasPrefix("[") { host = host.dropFirst().prefix { $0 != "]" } } else if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        return PlannerServer.loopbackHosts.contains(String(host))
    }
}

extension HTTPField.Name {
    static let serverTiming = Self("Server-Timing")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
