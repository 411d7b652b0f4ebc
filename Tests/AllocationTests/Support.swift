import Foundation
import Testing
@testable import Allocation
import GLPKSolver
import ScenarioFiles

/// Paths of the fixtures and the repository, found from this file (no resource bundle needed).
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let repository = tests.deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static var defaultScenario: String { repository.appendingPathComponent("Scenarios/dortmund-2020.yaml").path }
}

let engine = AllocationEngine(solver: GLPKSolver())

func loadFixture(_ name: String) throws -> Scenario {
    try ScenarioLoader.load(path: Paths.fixture(name)).scenario
}

/// Compares text with a golden file; RECORD_GOLDEN=1 writes the file instead.
func assertGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Paths.fixtures.appendingPathComponent("golden/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("golden file \(name) is missing; run with RECORD_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    if expected != text {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record("\(name) differs from the golden file at line \(line + 1):\n  expected: \(line < a.count ? String(a[line]) : "<end>")\n  actual:   \(line < b.count ? String(b[line]) : "<end>")\n(re-record with RECORD_GOLDEN=1 if the change is intended)", sourceLocation: sourceLocation)
    }
}
