import Foundation
import Testing
import TestSupport
@testable import ScenarioFiles
import Allocation

/// The scenario-key table (ScenarioKeys) is the one list of keys: the loader allows exactly
/// the keys it names, every key a shipped scenario spells is in it, and `--set` checks against it.
@Suite struct ScenarioKeyTableTests {
    /// Every scenario the repository ships and every valid fixture.
    static let scenarioFiles: [String] = {
        var out: [String] = []
        for root in [Paths.repository.appendingPathComponent("Scenarios"), Paths.fixtures.appendingPathComponent("valid")] {
            let items = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            out += items.filter { $0.hasSuffix(".yaml") }.sorted().map { root.appendingPathComponent($0).path }
        }
        return out
    }()

    /// The key paths a tree spells: each mapping key, list items of mappings by index; a list of
    /// values (kinds: [a, b]) is one key.
    static func keyPaths(_ tree: YAMLTree, _ prefix: [String] = []) -> [[String]] {
        switch tree.kind {
        case .scalar: return [prefix]
        case .mapping(let pairs):
            return (prefix.isEmpty ? [] : [prefix]) + pairs.flatMap { keyPaths($0.value, prefix + [$0.key]) }
        case .sequence(let items):
            guard items.contains(where: { if case .mapping = $0.kind { return true } else { return false } }) else { return [prefix] }
            return [prefix] + items.enumerated().flatMap { keyPaths($1, prefix + [String($0)]) }
        }
    }

    @Test func everyKeyAShippedScenarioSpellsIsInTheTable() throws {
        #expect(Self.scenarioFiles.count >= 10)
        var seen = Set<String>()
        for file in Self.scenarioFiles {
            let template = try ScenarioTemplate.load(path: file)
            for path in Self.keyPaths(template.tree) {
                let entry = ScenarioKeys.match(path)
                #expect(entry != nil, "\(file): \(path.joined(separator: ".")) is not in ScenarioKeys.all")
                if let entry { seen.insert(entry.path) }
            }
        }
        // The shipped scenarios use the central values of every section.
        for pattern in ["pools.<pool>.fundingRate", "pools.<pool>.capPerDevice", "deviceKinds.<kind>.unitPrice",
                        "need.pupilShareByLevel.<level>", "schools.file"] {
            #expect(seen.contains(pattern), "\(pattern)")
        }
    }

    /// The loader's side: every section it reads takes its allowed keys from the table
    /// (`fields(keysOf:)` / `mapping(keysOf:)`), no reader lists keys of its own, and every
    /// section of the table with named keys is read by one.
    @Test func theLoaderAllowsExactlyTheTablesKeys() throws {
        let folder = Paths.repository.appendingPathComponent("Sources/ScenarioFiles")
        var read = Set<String>(), ranges = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("mapping(allowed: [\""), "\(name) lists allowed keys itself; take them from ScenarioKeys")
            // Sections read (`keysOf: "…"`), and values read with the table's range (`decimal(key: "…")`, `readLevelTable(…, key: "…")`).
            for (regex, into) in [(#/keysOf: "([^"]*)"/#, 0), (#/(?:decimal\(key: |integer\(key: |readLevelTable\([^\n]*key: )"([^"]+)"/#, 1)] {
                for match in text.matches(of: regex) {
                    if into == 0 { read.insert(String(match.1)) } else { ranges.insert(String(match.1)) }
                }
            }
        }
        // Sections with named keys: the parents of every entry whose last part is not an id.
        let sections = Set(ScenarioKeys.all.filter { !$0.parts.last!.hasPrefix("<") }.map { $0.parts.dropLast().joined(separator: ".") })
        #expect(read == sections, "read by the loader but not a section of the table: \(read.subtracting(sections).sorted()); in the table but not read: \(sections.subtracting(read).sorted())")
        #expect(ranges.count >= 8)
        for pattern in ranges where !pattern.hasSuffix(".") {
            #expect(ScenarioKeys.all.contains { $0.path == pattern && $0.range != nil }, "\(pattern) is read with a range the table does not give")
        }
        #expect(ScenarioKeys.children(of: "schools.columns") == ScenarioLoader.defaultColumns.keys.sorted())
    }

    /// `allocate init` writes a scenario: every key it spells is one of the table's.
    @Test func theInitTemplateSpellsTableKeys() throws {
        let template = Paths.repository.appendingPathComponent("Scenarios/nrw/template.yaml").path
        let t = try ScenarioTemplate.load(path: template)
        let m = try MunicipalityInit.find("5913000", in: try MunicipalityInit.municipalities(template: t))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("made.yaml").path
        try MunicipalityInit.scenarioText(for: m, template: t, templatePathFromOutput: relativePath(to: template, fromFolder: folder.path))
            .write(toFile: file, atomically: true, encoding: .utf8)
        let paths = Self.keyPaths(try ScenarioTemplate.load(path: file).tree)
        #expect(paths.contains(["pools", "sofort", "split"]))
        for path in paths { #expect(ScenarioKeys.match(path) != nil, "\(path.joined(separator: "."))") }
    }

    @Test func patternsAreUniqueAndEveryParentIsASection() {
        let paths = ScenarioKeys.all.map(\.path)
        #expect(Set(paths).count == paths.count)
        for entry in ScenarioKeys.all where entry.parts.count > 1 {
            let parent = entry.parts.dropLast().joined(separator: ".")
            let isList = parent.hasSuffix("[]") && paths.contains(String(parent.dropLast(2)))
            #expect(paths.contains(parent) || isList, "\(entry.path): its parent \(parent) is not in the table")
            #expect(!entry.labelDe.isEmpty && !entry.labelEn.isEmpty && !entry.helpDe.isEmpty && !entry.helpEn.isEmpty, "\(entry.path)")
        }
    }

    /// The ranges the table gives are the domain's (`ScenarioLimits`), so the loader, the
    /// planner's sliders and `Scenario.validate()` agree: a funding rate is above 0, at most 1.
    @Test func theFundingRateRangeIsTheDomains() {
        let rate = ScenarioKeys.entry("pools.<pool>.fundingRate")
        #expect(rate.range == ScenarioLimits.fundingRate)
        #expect(rate.range?.contains(0) == false && rate.range?.contains(1) == true)
        #expect(ScenarioKeys.path("pools.<pool>.fundingRate", "sofort") == "pools.sofort.fundingRate")
    }

    @Test(arguments: [
        ("pools.sofort.fundingrate=0.9", "unknown key (did you mean 'fundingRate'?)"),
        ("need.priorityWeightsByLevel.3=1", "unknown key (did you mean 'priorityWeightByLevel'?)"),
        ("solver.timelimit=5", "allowed here: relativeGap, timeLimitSeconds, stageTolerance"),
        ("objectiv=weighted", "did you mean 'objective'?"),
    ])
    func setKeysAreCheckedAgainstTheTable(_ override: String, _ message: String) {
        let error = #expect(throws: ScenarioError.self) { try ScenarioTemplate.load(path: Paths.defaultScenario, overrides: [override]) }
        #expect(error?.description.contains(message) == true, "\(override): \(String(describing: error))")
        #expect(error?.file.hasPrefix("--set") == true)
    }

    @Test func setAcceptsEveryKindOfKeyTheTableHas() throws {
        let overrides = ["pools.sofort.fundingRate=0.8", "need.pupilShareByLevel.9=0.5", "deviceKinds.pupil.coverageFloor=0.1",
                         "maximin.order=[pupil]", "solver.relativeGap=0.001"]
        let s = try ScenarioLoader.load(path: Paths.defaultScenario, overrides: overrides).scenario
        #expect(s.need.pupilShareByLevel[9] == Decimal(string: "0.5"))
    }
}
