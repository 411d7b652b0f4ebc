import ArgumentParser
import Foundation
import PlannerService
import ScenarioFiles
import PlannerWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the web planner: change a scenario in the browser, re-solve live, compare, save, download the report.")

    @Argument(help: "The scenario to start from (a file under the scenarios folder).")
    var scenario: String = "Scenarios/dortmund-2020.yaml"

    @Option(help: "The folder whose scenario files the planner may load, and where it saves (under saved/). Default: the scenario's top folder.")
    var scenarios: String?

    @Option(help: "Port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(help: "Address to listen on; anything but 127.0.0.1, localhost or ::1 needs --allow-remote.")
    var host: String = "127.0.0.1"

    @Flag(name: .customLong("allow-remote"), help: "Allow listening on an address other machines can reach (the planner has no login).")
    var allowRemote = false

    func run() async throws {
        let scenario = ScenarioLoader.normalizedPath(self.scenario)
        let folderPath = scenarios.map(ScenarioLoader.normalizedPath) ?? Self.topFolder(of: scenario)
        let server: PlannerServer
        do {
            let folder = try ScenarioFolder(path: folderPath)
            guard let name = Self.name(of: scenario, in: folderPath) else {
                fail("\(scenario): not under the scenarios folder \(folderPath)/; give --scenarios", code: Exit.badInput)
            }
            let service = try PlannerService(folder: folder, defaultScenario: name)
            server = try PlannerServer(service: service, host: host, port: port, allowRemote: allowRemote)
        } catch {
            fail(error.message, code: Exit.badInput)
        }
        let host = self.host
        let app = server.application { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            emit("allocate planner: http://\(shown):\(port)/  (Ctrl-C stops it)\n")
        }
        do { try await app.runService() } catch {
            fail("cannot serve on \(host):\(port): \(error)", code: Exit.badInput)
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
