import Foundation
import Testing
@testable import Allocation
@testable import ScenarioFiles
import TestSupport

/// Absurd and huge inputs: each gets a clear error or a correct result, in bounded time.
@Suite struct LimitsTests {
    func temp(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [("1e308", "expected an amount in euros"), ("1e-320", "expected an amount in euros"),
                      ("99999999999999999999999", "expected an amount in euros"), ("0x10", "expected an amount in euros"),
                      ("-.inf", "NaN and infinity are not allowed"), ("12,5", "expected an amount in euros")])
    func absurdNumbersAreRefused(_ value: String, _ message: String) {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: ["pools.sofort.budget=\(value)"])
        }
        #expect(error?.description.contains(message) == true, "\(value): \(String(describing: error))")
    }

    @Test func minusZeroIsZero() throws {
        let s = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: ["pools.stadt.budget=-0"]).scenario
        #expect(s.pools[3].budget == .zero)
    }

    @Test func aLongExtendsChainIsCutWithAMessage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "extends: \(Paths.fixture("valid/small.yaml"))\n".write(toFile: dir.appendingPathComponent("s0.yaml").path, atomically: true, encoding: .utf8)
        for i in 1...40 {
            try "extends: s\(i - 1).yaml\n".write(toFile: dir.appendingPathComponent("s\(i).yaml").path, atomically: true, encoding: .utf8)
        }
        #expect(try ScenarioLoader.load(path: dir.appendingPathComponent("s20.yaml").path).scenario.schools.count == 6)
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: dir.appendingPathComponent("s40.yaml").path) }
        #expect(error?.description.contains("more than 32 levels of extends") == true)
    }

    @Test func aHugeYAMLFileIsRefusedQuickly() throws {
        let line = "# " + String(repeating: "x", count: 1000) + "\n"
        let path = try temp("huge.yaml", String(repeating: line, count: 10 * 1024))  // 10 MB
        // Refused by its size, before any parsing: the time it takes does not grow with the file.
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error?.description.contains("at most 1 MiB") == true)
    }

    @Test func aBOMAndCRLFLineEndsAreFine() throws {
        let text = try String(contentsOfFile: Paths.fixture("valid/small.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "../data/schools.csv", with: Paths.fixture("data/schools.csv"))
        let path = try temp("crlf.yaml", "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try ScenarioLoader.load(path: path).scenario == (try loadFixture("valid/small.yaml")))
    }

    @Test func aHundredThousandSchoolTableLoadsInBoundedTime() throws {
        var csv = "schulnummer,name,schulform,stadtbezirk_geocoded,schueler_2024_25_gerundet,sozialindex_2025_26,lehrkraefte\n"
        for i in 0..<100_000 { csv += "\(1_000_000 + i),School \(i),Grundschule,D\(i % 50),\(100 + i % 400),\(1 + i % 9),\(10 + i % 30)\n" }
        let data = try temp("big.csv", csv)
        let yaml = try String(contentsOfFile: Paths.fixture("valid/small.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "../data/schools.csv", with: data)
        let path = try temp("big.yaml", yaml)
        let s = try ScenarioLoader.load(path: path).scenario
        #expect(s.schools.count == 100_000)
        #expect(try NeedTable(s).totalNeed(kind: 0) > 0)
    }
}
