import Foundation
import Testing
@testable import ScenarioFiles
import TestSupport

/// Bad input injected one by one (issue #14): alias bombs, binary and endless inputs, absurdly
/// small numbers. Each must end in a message naming what was found, quickly.
/// (Faults of the output side are in Tests/ReportsTests/ReliabilityTests.swift.)
@Suite struct LoaderReliabilityTests {
    // MARK: bad input

    /// "Billion laughs": 9 levels of 10 aliases each, in about 350 bytes, stand for 10^9 nodes.
    static func aliasBomb(levels: Int, asKeys: Bool = false) -> String {
        let names = "abcdefghijklmnop".map(String.init)
        var text = "a: &a [x]\n"
        for level in 1...levels {
            text += "\(names[level]): &\(names[level]) [\(Array(repeating: "*" + names[level - 1], count: 10).joined(separator: ","))]\n"
        }
        return text + (asKeys ? "? *\(names[levels])\n: 1\n" : "")
    }

    @Test(arguments: [false, true]) func anAliasBombIsRefusedInMilliseconds(_ asKeys: Bool) throws {
        let bomb = Self.aliasBomb(levels: 9, asKeys: asKeys)
        #expect(bomb.utf8.count < 400)
        let clock = ContinuousClock(), start = clock.now
        let error = FuzzEntryPoints.scenarioYAML(bomb, baseDirectory: Paths.repository.path + "/Scenarios")
        #expect(clock.now - start < .milliseconds(500))
        #expect(error?.description.contains("fuzz.yaml:6: YAML aliases (here *e) expand to more than 100,000 nodes; write the values out or use fewer aliases") == true, "\(String(describing: error))")
    }

    @Test func aFewAliasesStillWork() throws {
        let text = "base: &b {kinds: [pupil], rule: grant}\none: *b\ntwo: *b\nlist: [*b, *b]\n"
        try YAMLAliasBound.check(text, file: "x.yaml")
        let node = try #require(try ScenarioLoader.parseYAML(text, file: "x.yaml"))
        let tree = try YAMLTree(node, file: "x.yaml")
        #expect(tree["two"]?.canonical == tree["base"]?.canonical)
    }

    /// 200 MB of NUL bytes as the school table (a sparse file: no disk space needed).
    @Test func binaryInputIsRefusedFromItsFirstBlockWithAShortMessage() throws {
        let path = try temporaryFolder("allocate-reliability") + "/zeros.csv"
        try #require(FileManager.default.createFile(atPath: path, contents: nil))
        try #require(truncate(path, 200 << 20) == 0)
        let clock = ContinuousClock(), start = clock.now
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: ["schools.file=\(path)"])
        }
        #expect(clock.now - start < .milliseconds(500))
        #expect(error?.description == "\(path): is binary, not text (a NUL byte at byte 1); expected a UTF-8 text file (CSV or YAML)")
    }

    @Test func aHugeHeaderIsQuotedAsAnExcerpt() throws {
        let path = try temporaryFolder("allocate-reliability") + "/wide.csv"
        try (String(repeating: "x", count: 1_000_000) + "\n1\n").write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: ["schools.file=\(path)"])
        }
        #expect((error?.description.count ?? .max) < 300, "\(error?.description.count ?? -1) characters")
        #expect(error?.description.contains("has no column 'schulnummer'") == true)
    }

    @Test func excerptsAreShortAndShowControlCharacters() {
        #expect(excerpt(String(repeating: "\u{0}", count: 1000), limit: 3) == "\\u{0}\\u{0}\\u{0}…")
        #expect(excerpt("Grundschule") == "Grundschule")
    }

    @Test func aFIFOIsNotARegularFile() throws {
        let path = try temporaryFolder("allocate-reliability") + "/pipe.yaml"
        try #require(mkfifo(path, 0o600) == 0)
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error?.description == "\(path): is a FIFO (named pipe), not a regular file; give the path of a file")
    }

    @Test func devZeroIsNotARegularFile() throws {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: ["schools.file=/dev/zero"])
        }
        #expect(error?.description == "/dev/zero: is a character device (such as /dev/zero), not a regular file; give the path of a file")
    }

    @Test(arguments: [("1e-99999999", "too small: it underflows to 0"), ("1e99999999", "too large: it overflows"),
                      ("1e6", "a number with an exponent; write it out in plain digits")])
    func numbersWithExponentsSayWhatIsWrong(_ value: String, _ message: String) {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: ["pools.sofort.budget=\(value)"])
        }
        #expect(error?.description.contains("found '\(value)': \(message)") == true, "\(String(describing: error))")
    }
}
