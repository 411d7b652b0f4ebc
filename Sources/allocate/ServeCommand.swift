import ArgumentParser
import Foundation
import PlannerService
import ScenarioFiles
import PlannerWeb
import Reports

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: helpText(.serve))

    @Argument(help: .words(.serveScenario))
    var scenario: String = "Scenarios/dortmund-2020.yaml"

    @Option(help: .words(.serveScenarios))
    var scenarios: String?

    @Option(help: .words(.servePort))
    var port: Int = 8080

    @Option(help: .words(.serveHost))
    var host: String = "127.0.0.1"

    @Flag(name: .customLong("allow-remote"), help: .words(.serveAllowRemote))
    var allowRemote = false

    @Option(name: .customLong("request-time-limit"), help: .words(.serveRequestTimeLimit))
    var requestTimeLimit: Double = 60

    @Option(name: .customLong("max-model-size"), help: .words(.serveMaxModelSize))
    var maxModelSize: Int = 200_000

    @Option(name: .customLong("solve-workers"), help: .words(.serveSolveWorkers))
    var solveWorkers: Int = 1

    @Option(help: .words(.serveQueue))
    var queue: Int = 8

    @Option(name: .customLong("idle-timeout"), help: .words(.serveIdleTimeout))
    var idleTimeout: Double = 30

    @Option(name: .customLong("read-timeout"), help: .words(.serveReadTimeout))
    var readTimeout: Double = 15

    @Option(name: .customLong("shutdown-deadline"), help: .words(.serveShutdownDeadline))
    var shutdownDeadline: Double = 10

    @OptionGroup var history: HistoryOptions

    func run() async throws {
        let scenario = ScenarioLoader.normalizedPath(self.scenario)
        let folderPath = scenarios.map(ScenarioLoader.normalizedPath) ?? Self.topFolder(of: scenario)
        let server: PlannerServer
        do {
            let folder = try ScenarioFolder(path: folderPath)
            guard let name = Self.name(of: scenario, in: folderPath) else {
                throw ScenarioError(file: scenario, .command(.notInScenariosFolder(folder: folderPath)))
            }
            for (option, value) in [("--request-time-limit", requestTimeLimit), ("--idle-timeout", idleTimeout), ("--read-timeout", readTimeout),
                                    ("--shutdown-deadline", shutdownDeadline)] where !(value > 0 && value <= 86_400) {
                throw CommandError(option: option, .outside(.number("\(value)"), allowed: .secondsUpTo("86400")))
            }
            for (option, value, range) in [("--max-model-size", maxModelSize, 1...100_000_000), ("--solve-workers", solveWorkers, 1...64),
                                           ("--queue", queue, 0...10_000)] where !range.contains(value) {
                throw CommandError(option: option, .outside(.number("\(value)"), allowed: .fromTo("\(range.lowerBound)", "\(range.upperBound)")))
            }
            var limits = PlannerLimits()
            limits.solveSeconds = requestTimeLimit
            limits.modelCells = maxModelSize
            limits.heavyWorkers = solveWorkers
            limits.heavyQueue = queue
            var timeouts = PlannerServer.Timeouts()
            timeouts.idleSeconds = idleTimeout
            timeouts.readSeconds = readTimeout
            timeouts.shutdownSeconds = shutdownDeadline
            var service = try PlannerService(folder: folder, defaultScenario: name, limits: limits)
            // Downloads and saves are recorded in the folder's history (GET /api/history lists it).
            service.historyPath = history.path(inFolder: folderPath)
            server = try PlannerServer(service: service, host: host, port: port, allowRemote: allowRemote, timeouts: timeouts)
        } catch let error as CommandError {
            throw error
        } catch let error as ScenarioError {
            throw error
        } catch {
            // The server's settings are the user's: a folder or address that does not work is input.
            let planner = error as? PlannerError
            throw CommandError(.command(.worded(en: planner?.message ?? "\(error)", de: planner?.german)))
        }
        let host = self.host
        do {
            try await server.run { port in
                let shown = host.contains(":") ? "[\(host)]" : host
                // The callback cannot throw: a failed write ends the process as main would.
                do { try emit(StatusWords(ReportLanguage.fromEnvironment()).plannerListening("http://\(shown):\(port)/") + "\n") } catch {
                    Allocate.exit(withError: classifiedExit(for: error, language: terminalLanguage(of: self)))
                }
            }
        } catch {
            throw CommandError(.command(.cannotServe(address: "\(host):\(port)", reason: "\(error)")))
        }
    }

    /// The folder the planner may read and write by default: for a relative path its first
    /// folder ("Scenarios/what-if/x.yaml" -> "Scenarios"), else the scenario's own folder (never
    /// "/" or a home directory because a path happened to start there).
    static func topFolder(of path: String) -> String {
        let parts = path.split(separator: "/")
        if path.hasPrefix("/") { return (path as NSString).deletingLastPathComponent }
        return parts.count > 1 ? String(parts[0]) : "."
    }

    /// The scenario's name relative to the folder, or nil if it lies outside it.
    static func name(of path: String, in folder: String) -> String? {
        let prefix = folder == "." ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
        guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        return String(path.dropFirst(prefix.count))
    }
}
