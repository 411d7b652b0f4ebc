import Foundation
import Testing
import Allocation
import GLPKSolver
import ScenarioFiles

/// Paths of the fixtures and the repository, found from this file (no resource bundle needed).
/// The fixtures and golden files stay in Tests/AllocationTests/Fixtures, where the golden
/// reports and the command-line tests name them; every test target reaches them through here.
public enum Paths {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let fixtures = repository.appendingPathComponent("Tests/AllocationTests/Fixtures")
    public static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    public static var defaultScenario: String { repository.appendingPathComponent("Scenarios/dortmund-2020.yaml").path }
}

/// The engine the tests solve with: GLPK behind `LinearSolver`.
public let engine = AllocationEngine(solver: GLPKSolver())

public func loadFixture(_ name: String) throws -> Scenario {
    try ScenarioLoader.load(path: Paths.fixture(name)).scenario
}

/// A new, empty folder under the system's temporary folder (the caller removes it).
public func temporaryFolder(_ prefix: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Compares text with a golden file under Fixtures/golden; RECORD_GOLDEN=1 writes the file instead.
public func assertGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
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

/// The built `allocate` executable next to the test bundle, if the test run built it
/// (tests that run it are `.enabled(if: AllocateBinary.url != nil)`).
public enum AllocateBinary {
    public static let url: URL? = {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("allocate")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()
}

/// The environment for runs of the binary in the repository: no run history is recorded
/// (tests must not leave Scenarios/.allocate-history.sqlite behind).
public func withoutHistory() -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["ALLOCATE_HISTORY"] = "off"
    return environment
}

/// Runs the built `allocate` in the repository folder; its exit code, standard output and error.
/// The terminal's language follows the locale, so the locale is fixed (English, `C.UTF-8`)
/// unless `environment` sets it.
public func runAllocate(_ arguments: [String], environment: [String: String] = [:]) throws -> (code: Int32, stdout: String, stderr: String) {
    var env = withoutHistory()
    env["LC_ALL"] = nil; env["LC_MESSAGES"] = nil; env["LANG"] = "C.UTF-8"
    return try runAllocate(arguments, in: Paths.repository, exactEnvironment: env.merging(environment) { $1 })
}

/// Runs the built `allocate` in `directory` with exactly `exactEnvironment`; its exit code,
/// standard output and error.
public func runAllocate(_ arguments: [String], in directory: URL, exactEnvironment: [String: String]) throws -> (code: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = AllocateBinary.url
    p.arguments = arguments
    p.environment = exactEnvironment
    p.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    p.standardOutput = out; p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
