import Foundation
import Testing
import TestSupport

/// Every command names itself (issue 18): without `commandName` the argument parser derives
/// the name from the type with `String(describing:)`, and each such call searched all of the
/// binary's protocol conformances — a sixth of the default `solve`'s instructions went into
/// naming commands that were not run.
@Suite struct CommandNameTests {
    @Test func everyCommandConfigurationNamesItsCommand() throws {
        let folder = Paths.repository.appendingPathComponent("Sources/allocate")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        var configurations = 0
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var rest = text[...]
            while let r = rest.range(of: "CommandConfiguration(") {
                let window = rest[r.upperBound...].prefix(120)
                configurations += 1
                #expect(window.contains("commandName:"), "\(file): a CommandConfiguration without commandName: \(window.prefix(60))…")
                rest = rest[r.upperBound...]
            }
        }
        #expect(configurations >= 20)
    }
}
