import Foundation
import Testing
@testable import ScenarioFiles
import Allocation
import TestSupport

/// Every file in Fixtures/invalid starts with "# expect: TEXT"; loading it must fail with a
/// message containing TEXT and naming the file.
@Suite struct InvalidScenarioFixtures {
    static let names: [String] = {
        let dir = Paths.fixtures.appendingPathComponent("invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func thereAreFixtures() { #expect(Self.names.count >= 20) }

    @Test(arguments: names)
    func rejected(_ name: String) throws {
        let path = Paths.fixture("invalid/\(name)")
        let firstLine = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first ?? ""
        let expected = firstLine.replacingOccurrences(of: "# expect: ", with: "")
        #expect(!expected.isEmpty && firstLine.hasPrefix("# expect: "), "\(name) lacks its '# expect:' line")
        do {
            let loaded = try ScenarioLoader.load(path: path)
            Issue.record("\(name) loaded without error: \(loaded.scenario.schools.count) schools")
        } catch {
            #expect(error.description.contains(expected), "\(name): got \(error.description)")
            #expect(error.description.contains(".yaml") || error.description.contains(".csv"), "no file named: \(error.description)")
        }
    }

    @Test func errorsNameTheLine() throws {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: Paths.fixture("invalid/negative-budget.yaml")) }
        #expect(error?.line == 9)
        #expect(error?.key == "pools.sofort.budget")
        let csv = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: Paths.fixture("invalid/index-out-of-range.yaml")) }
        #expect(csv?.line == 4)
        #expect(csv?.file.hasSuffix("index-out-of-range.csv") == true)
    }

    @Test func missingScenarioFile() {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "/nonexistent/scenario.yaml") }
        #expect(error?.description == "/nonexistent/scenario.yaml: file not found")
    }

    @Test func directoryInsteadOfFile() {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: Paths.fixtures.path) }
        #expect(error?.message.contains("is a directory") == true)
    }

    @Test func nonUTF8File() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).yaml").path
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE4, 0x0A]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error?.message.contains("not UTF-8") == true)
    }
}

@Suite struct CSVTableTests {
    @Test func quotedFieldsCRLFAndBOMFreeText() throws {
        let t = try CSVTable(text: "a,b\r\n1,\"x, \"\"y\"\"\"\r\n\"multi\nline\",2\r\n", file: "t.csv")
        #expect(t.header == ["a", "b"])
        #expect(t.rows.map(\.fields) == [["1", "x, \"y\""], ["multi\nline", "2"]])
        #expect(t.rows.map(\.line) == [2, 3])
    }

    @Test func textAfterClosingQuoteIsRejected() {
        #expect(throws: ScenarioError.self) { try CSVTable(text: "a\n\"x\"y\n", file: "t.csv") }
    }
}

@Suite struct DefaultScenarioData {
    @Test func loadsTheCityRunSchoolsWithTheProgrammesTeacherTotal() throws {
        let loaded = try ScenarioLoader.load(path: Paths.defaultScenario)
        let s = loaded.scenario
        #expect(s.schools.count == 155)
        #expect(s.schools.reduce(0) { $0 + $1.pupils } == 83_515)
        #expect(s.schools.reduce(0) { $0 + $1.teachers } == 6_083)
        #expect(s.pools.map(\.id) == ["sofort", "gute-schule", "lehrkraefte", "stadt"])
        #expect(s.pools[0].budget == Money(cents: 610_000_000))
        #expect(loaded.inputFiles.count == 3)
    }
}
