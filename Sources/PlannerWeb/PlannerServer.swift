import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PlannerService
import ServiceLifecycle

/// `allocate serve`: the planner page and its JSON API over HTTP (Hummingbird). The work is
/// PlannerService's; this layer maps routes, limits bodies, and keeps GLPK off the server's
/// event loops (each request's solve runs start to end on one worker thread).
public struct PlannerServer: Sendable {
    public let service: PlannerService
    public let host: String
    public let port: Int
    public let timeouts: Timeouts

    /// How long a connection may do nothing, and how long a request's body may take to arrive.
    public struct Timeouts: Sendable, Equatable {
        /// A connection with no request, or with a request head not yet complete, is closed after this (`--idle-timeout`).
        public var idleSeconds: Double = 30
        /// A request body not complete after this gets 408 and the connection is closed (`--read-timeout`).
        public var readSeconds: Double = 15
        /// After SIGTERM or Ctrl-C, requests in progress get this long to finish (`--shutdown-deadline`).
        public var shutdownSeconds: Double = 10
        public init() {}
    }

    /// Hosts that mean "this machine only".
    public static let loopbackHosts = ["127.0.0.1", "localhost", "::1"]

    public init(service: PlannerService, host: String = "127.0.0.1", port: Int = 8080, allowRemote: Bool = false,
                timeouts: Timeouts = Timeouts()) throws(PlannerError) {
        guard (0...65_535).contains(port) else { throw PlannerError(400, "bad-request", "--port: found \(port), allowed: 0 to 65535") }
        if !Self.loopbackHosts.contains(host) && !allowRemote {
            throw PlannerError(400, "bad-request",
                               "--host: \(host) would let other machines reach the planner and write into \(service.folder.path)/; add --allow-remote if that is intended")
        }
        self.service = service; self.host = host; self.port = port; self.timeouts = timeouts
    }

    /// The application; `onRunning` gets the port actually bound (useful with port 0).
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        var logger = Logger(label: "allocate-serve")
        logger.logLevel = .warning
        // What saves interrupted by a killed server left behind.
        service.folder.removeTemporaryFiles()
        let idle = TimeAmount.nanoseconds(Int64(timeouts.idleSeconds * 1e9))
        return Application(router: router(), server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionWatch()], idleTimeout: idle)),
                           configuration: .init(address: .hostname(host, port: port), serverName: "allocate"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// Runs the server until SIGTERM or SIGINT; then stops taking connections, lets requests in
    /// progress finish for `timeouts.shutdownSeconds`, and then returns regardless (a GLPK solve
    /// still running is abandoned with the process).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "allocate-serve")
        logger.logLevel = .warning
        var configuration = ServiceGroupConfiguration(services: [application(onRunning: onRunning)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .nanoseconds(Int64(timeouts.shutdownSeconds * 1e9))
        // The last resort: a request that holds its connection past the deadline (a solve in
        // GLPK cannot be interrupted) does not keep the process alive. (ServiceGroup's own
        // maximumCancellationDuration would end it with a fatal error and a backtrace.)
        let grace = timeouts.shutdownSeconds + 2
        let watchdogs = [SIGTERM, SIGINT].map { signal in
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { DispatchQueue.global().asyncAfter(deadline: .now() + grace) { exit(0) } }
            source.resume()
            return source
        }
        defer { watchdogs.forEach { $0.cancel() } }
        try await ServiceGroup(configuration: configuration).run()
    }

    func router() -> Router<PlannerContext> {
        let router = Router(context: PlannerContext.self)
        let service = self.service
        let checkHost = Self.loopbackHosts.contains(host)
        let readSeconds = timeouts.readSeconds
        router.middlewares.add(SecurityHeaders(loopbackOnly: checkHost))
        // The page's files as SwiftPM embeds them (Package.swift: resources, .embedInCode).
        router.get("/") { _, _ in Self.asset(PackageResources.index_html, "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in Self.asset(PackageResources.app_js, "text/javascript; charset=utf-8") }
        router.get("/style.css") { _, _ in Self.asset(PackageResources.style_css, "text/css; charset=utf-8") }
        router.get("/api/openapi.json") { _, _ in Self.asset(PlannerOpenAPI.document, "application/json; charset=utf-8") }
        router.get("/api/scenarios") { _, context in
            Self.response(await service.respond("scenarios", body: Data(), isCancelled: ConnectionWatch.isClosed(context.channel)))
        }
        // The history is read in the light lane (SQLite, off the event loops); progress is an
        // in-memory table, answered at once (it must not wait behind the solves it reports on).
        router.get("/api/history") { request, context in
            Self.response(await service.respond("history", body: Data(), query: Self.query(request), isCancelled: ConnectionWatch.isClosed(context.channel)))
        }
        router.get("/api/progress") { request, _ in Self.response(service.handle("progress", body: Data(), query: Self.query(request))) }
        router.post("/api/:operation") { request, context -> Response in
            let operation = context.parameters.get("operation") ?? ""
            let arrived = ContinuousClock.now  // the request's time limit counts from here, its body's reading included
            // A JSON content type makes a browser ask first (CORS preflight, which is never
            // granted), so another web site cannot make the planner solve or save.
            // Refused before the body (and its lang) is read: in the Accept-Language's language.
            let language = PlannerService.language(acceptLanguage: request.headers[.acceptLanguage])
            guard Self.isJSON(request.headers[.contentType]) else {
                return Self.response(.error(.notJSON, language: language))
            }
            let body: Data
            switch await Self.collect(request.body, upTo: service.maxBodyBytes, seconds: readSeconds) {
            case .success(let data): body = data
            case .failure(let error):
                var response = Self.response(.error(error, language: language))
                response.headers[.connection] = "close"
                return response
            }
            // The client's address for the history, without the connection's ephemeral port.
            let client = context.channel.remoteAddress?.ipAddress
            return Self.response(await service.respond(operation, body: body, client: client, arrived: arrived,
                                                       isCancelled: ConnectionWatch.isClosed(context.channel)))
        }
        return router
    }

    /// A request's query parameters (the last of a name wins).
    static func query(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { out[String(name)] = String(value) }
        return out
    }

    /// Whether a Content-Type is JSON: exactly application/json, with optional parameters
    /// ("application/json; charset=utf-8"), not any type that starts alike ("application/jsonp").
    static func isJSON(_ type: String?) -> Bool {
        guard let type else { return false }
        let essence = type.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return essence.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    /// The request body, at most `limit` bytes, within `seconds` (a client that sends a body
    /// slowly, or not at all, holds no connection longer).
    static func collect(_ body: RequestBody, upTo limit: Int, seconds: Double) async -> Result<Data, PlannerError> {
        await withTaskGroup(of: Result<Data, PlannerError>?.self) { group in
            group.addTask {
                do { return .success(Data(buffer: try await body.collect(upTo: limit))) } catch {
                    return Task.isCancelled ? nil : .failure(.tooLarge(limit: limit))
                }
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                return Task.isCancelled ? nil : .failure(.bodyTimeout(seconds: Int(seconds)))
            }
            var result: Result<Data, PlannerError> = .failure(.bodyTimeout(seconds: nil))
            for await r in group {
                if let r { result = r; break }
            }
            group.cancelAll()
            return result
        }
    }

    static func response(_ r: PlannerResponse) -> Response {
        var headers: HTTPFields = [.contentType: r.contentType, .cacheControl: "no-store"]
        if let name = r.fileName { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        let timing = [r.solveMilliseconds.map { String(format: "solve;dur=%.1f", $0) }, r.queueMilliseconds.map { String(format: "queue;dur=%.1f", $0) }]
            .compactMap { $0 }
        if !timing.isEmpty { headers[.serverTiming] = timing.joined(separator: ", ") }
        if let seconds = r.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
        if let run = r.runID, let name = HTTPField.Name("X-Allocate-Run") { headers[name] = run }
        return Response(status: .init(code: r.status), headers: headers, body: .init(byteBuffer: ByteBuffer(data: r.body)))
    }

    static func asset(_ text: String, _ type: String) -> Response { asset(Array(text.utf8), type) }

    static func asset(_ bytes: [UInt8], _ type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Headers every answer carries (its own refusals and the router's 404 included), the methods
/// each path allows (405 otherwise; OPTIONS too: a CORS preflight is never granted), and the
/// DNS-rebinding guard: a loopback server answers only requests addressed to a loopback name.
struct SecurityHeaders: RouterMiddleware {
    let loopbackOnly: Bool

    static let getPaths: Set<String> = Set(["/", "/app.js", "/style.css", "/api/openapi.json"] + PlannerService.getOperations.map { "/api/" + $0 })

    func handle(_ request: Request, context: PlannerContext, next: (Request, PlannerContext) async throws -> Response) async throws -> Response {
        var response: Response
        // The server's own refusals: in the Accept-Language's language (German by default).
        let language = PlannerService.language(acceptLanguage: request.headers[.acceptLanguage])
        if loopbackOnly, let host = request.head.authority, !Self.isLoopback(host) {
            response = PlannerServer.response(.error(.foreignHost, language: language))
        } else if let allowed = Self.allowedMethod(request.uri.path), request.method != allowed {
            response = PlannerServer.response(.error(.methodNotAllowed(request.method.rawValue, path: request.uri.path, allowed: allowed.rawValue),
                                                     language: language))
            response.headers[.allow] = allowed.rawValue
        } else {
            do { response = try await next(request, context) } catch let error as HTTPResponseError {
                let status = error.status
                let refusal: PlannerError = status == .notFound ? .noSuchPage(request.uri.path) : .http(status.code, reason: status.reasonPhrase)
                response = PlannerServer.response(.error(refusal, language: language))
            }
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }

    /// The one method a path of the planner answers, or nil for a path it does not have.
    static func allowedMethod(_ path: String) -> HTTPRequest.Method? {
        if getPaths.contains(path) { return .get }
        if path.hasPrefix("/api/"), !path.dropFirst(5).contains("/"), PlannerService.operations.contains(String(path.dropFirst(5))) { return .post }
        return nil
    }

    static func isLoopback(_ authority: String) -> Bool {
        var host = Substring(authority)
        if host.hasPrefix("[") { host = host.dropFirst().prefix { $0 != "]" } } else if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        return PlannerServer.loopbackHosts.contains(String(host))
    }
}

extension HTTPField.Name {
    static let serverTiming = Self("Server-Timing")!
    static let retryAfter = Self("Retry-After")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}

/// The planner's request context: Hummingbird's, plus the connection, to notice a client that
/// has gone.
public struct PlannerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Notes when a client closes its connection (end of input or the connection gone), so that
/// its queued work can be dropped. Added to every connection's pipeline.
final class ConnectionWatch: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = NIOAny

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var closed = false
        var isSet: Bool { lock.withLock { closed } }
        func set() { lock.withLock { closed = true } }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var flags: [ObjectIdentifier: Flag] = [:]
    private let flag = Flag()

    /// A check whether the client of this connection is gone.
    static func isClosed(_ channel: any Channel) -> @Sendable () -> Bool {
        let flag = lock.withLock { flags[ObjectIdentifier(channel)] }
        return { flag?.isSet ?? false }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let id = ObjectIdentifier(context.channel)
        Self.lock.withLock { Self.flags[id] = flag }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        flag.set()
        let id = ObjectIdentifier(context.channel)
        Self.lock.withLock { if Self.flags[id] === flag { Self.flags[id] = nil } }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? ChannelEvent, e == .inputClosed { flag.set() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        flag.set()
        context.fireChannelInactive()
    }
}
