import Foundation
import Testing
import _SHA256
import ScenarioFiles
import TestSupport

/// The loader records every input file with its SHA-256 and size (the audit record's inputs).
@Suite struct InputFileHashTests {
    @Test func inputFilesAreHashedWithTheirSize() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"))
        let csv = try #require(loaded.inputs.first { $0.path.hasSuffix("schools.csv") })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv.path))
        #expect(csv.sha256 == SHA256.hex(bytes))
        #expect(csv.bytes == bytes.count)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum"), "sha256sum is not installed"))
    func inputFilesAreHashedAsSha256sumDoes() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"))
        let csv = try #require(loaded.inputs.first { $0.path.hasSuffix("schools.csv") })
        let p = Process(), pipe = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [csv.path]
        p.standardOutput = pipe
        try p.run(); p.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(out.hasPrefix(csv.sha256))
    }
}
