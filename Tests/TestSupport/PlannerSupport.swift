import Foundation
import Testing
import PlannerService

/// A copy of the repository's scenarios in a temporary folder, so that saving never writes
/// into the repository.
public struct ScenarioCopy {
    public let root: URL
    public var path: String { root.appendingPathComponent("Scenarios").path }

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("planner-\(UUID().uuidString)")
        let scenarios = root.appendingPathComponent("Scenarios")
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        for item in ["dortmund-2020.yaml", "what-if", "data", "nrw"] {
            try FileManager.default.copyItem(at: Paths.repository.appendingPathComponent("Scenarios/\(item)"), to: scenarios.appendingPathComponent(item))
        }
    }

    public func service() throws -> PlannerService {
        try PlannerService(folder: ScenarioFolder(path: path), defaultScenario: "dortmund-2020.yaml")
    }

    public func remove() { try? FileManager.default.removeItem(at: root) }
}

public func body(_ json: String) -> Data { Data(json.utf8) }

public func object(_ r: PlannerResponse) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: r.body) as? [String: Any], "not a JSON object: \(String(decoding: r.body, as: UTF8.self).prefix(200))")
}

public func errorOf(_ r: PlannerResponse) throws -> [String: Any] {
    try #require(try object(r)["error"] as? [String: Any])
}
