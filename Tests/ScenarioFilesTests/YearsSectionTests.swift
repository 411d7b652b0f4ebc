import Foundation
import Testing
import TestSupport
@testable import ScenarioFiles
import Allocation
import Replacement
import Reports

/// The scenario's `years:` section (YearsSection.swift): its keys in the key table, the values
/// it reads, the inventory from an earlier run's plan.json, and every refusal at its file:line,
/// in German and English.
@Suite struct YearsSectionTests {
    static let small = Paths.fixture("years/small.yaml")

    /// A copy of the small years fixture in a fresh folder, with `edit` applied to one of its files.
    static func copy(editing file: String? = nil, _ edit: (String) -> String = { $0 }) throws -> String {
        let dir = try temporaryFolder("years")
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        for name in ["small.yaml", "data/schools.csv", "data/inventory.csv"] {
            var text = try String(contentsOfFile: Paths.fixture("years/" + name), encoding: .utf8)
            if name == file { text = edit(text) }
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func error(_ path: String, overrides: [String] = []) -> ScenarioError? {
        do { _ = try ScenarioLoader.loadYears(path: path, overrides: overrides); return nil } catch { return error as? ScenarioError }
    }

    @Test func everyYearsKeyIsInTheTableWithGermanAndEnglishWords() {
        let keys = ["years", "years.first", "years.last", "years.deviceKinds.<kind>.lifeYears", "years.deviceKinds.<kind>.earlyYears",
                    "years.deviceKinds.<kind>.lateYears", "years.deviceKinds.<kind>.price", "years.deviceKinds.<kind>.priceChange",
                    "years.deviceKinds.<kind>.operatingCost", "years.deviceKinds.<kind>.residualValue", "years.deviceKinds.<kind>.weight",
                    "years.pools.<pool>.money", "years.pools.<pool>.carryOverUntil", "years.pools.<pool>.pays", "years.pools.<pool>.source",
                    "years.need.growth.<form>", "years.need.file", "years.inventory.plan", "years.inventory.purchaseYear",
                    "years.inventory.file", "years.turbulence.maxFall", "years.turbulence.maxNewDevicesPerYear"]
        for key in keys {
            let entry = ScenarioKeys.all.first { $0.path == key }
            #expect(entry != nil, "\(key) is not in ScenarioKeys.all")
            guard let entry else { continue }
            #expect(!entry.labelDe.isEmpty && !entry.labelEn.isEmpty && entry.labelDe != entry.labelEn || key.hasSuffix(".weight"), "\(key): labels")
            #expect(!entry.helpDe.isEmpty && !entry.helpEn.isEmpty && entry.helpDe != entry.helpEn, "\(key): help")
        }
        // Each key once.
        let paths = ScenarioKeys.all.map(\.path).filter { $0.hasPrefix("years") }
        #expect(Set(paths).count == paths.count)
        // The planner offers the section's rules (multi-year plans, PlannerYears.swift), not its files.
        #expect(ScenarioKeys.plannerFixedSection(of: ["years", "first"]) == nil)
        #expect(ScenarioKeys.plannerFixedSection(of: ["years", "inventory", "plan"]) == "years.inventory")
        #expect(ScenarioKeys.plannerFixedSection(of: ["years", "need", "file"]) == "years.need.file")
    }

    @Test func theSmallFixtureReadsAsWritten() throws {
        let y = try ScenarioLoader.loadYears(path: Self.small)
        let s = y.scenario
        #expect(s.years == 2026...2028)
        #expect(s.kinds.map(\.id) == ["pupil", "teacher"])
        let pupil = s.kinds[0]
        #expect(pupil.lifeYears == 5 && pupil.earlyYears == 1 && pupil.lateYears == 1)
        #expect(pupil.price == Money(cents: 40_000) && pupil.priceChangeBasisPoints == 200 && pupil.operatingCostPerYear == Money(cents: 3_000))
        // 400 € +2 % a year, to the cent: 408.00 €, 416.16 €.
        #expect(s.price(pupil, in: 2028) == Money(cents: 41_616))
        let pakt = s.pools.first { $0.id == "pakt" }!
        #expect(pakt.source == .grant && pakt.pays == [.investment] && pakt.carryOver == .until(lastYear: 2028))
        #expect(pakt.money == [Money(cents: 2_000_000), Money(cents: 1_500_000), Money(cents: 1_000_000)])
        let own = s.pools.first { $0.id == "stadt" }!
        #expect(own.money == Array(repeating: Money(cents: 600_000), count: 3) && own.carryOver == .lapses && own.pays == [.investment, .operating])
        #expect(y.poolNames["pakt"] == "DigitalPakt 2.0")
        #expect(s.turbulence.maxFallBasisPoints == 5_000 && s.turbulence.maxNewDevicesPerYear == 80)
        #expect(s.inventory.count == 6 && s.inventory.reduce(0) { $0 + $1.count } == 138)
        // Need: the single-year need, times the Grundschule factor of each year (rounded half up).
        let table = try NeedTable(y.loaded.scenario)
        for (i, school) in y.loaded.scenario.schools.enumerated() {
            let factors: [Decimal] = school.form == "Grundschule" ? [1, 1.1, 1.1] : [1, 1, 1]
            for (k, kind) in y.loaded.scenario.deviceKinds.enumerated() {
                let expected = factors.map { f -> Int in
                    var x = Decimal(table.entries[i][k].need) * f, r = Decimal()
                    NSDecimalRound(&r, &x, 0, .plain)
                    return NSDecimalNumber(decimal: r).intValue
                }
                #expect(s.schools[i].need[kind.id] == expected, "\(school.id) \(kind.id)")
            }
        }
        #expect(y.inputs.contains { $0.path.hasSuffix("data/inventory.csv") })
    }

    /// The inventory from an earlier run's plan.json: every school's devices per kind, as the
    /// plan file says them (read here with JSONSerialization, another reader).
    @Test func theInventoryFromAPlanJSON() throws {
        let planPath = Paths.repository.appendingPathComponent("Scenarios/data/dortmund-2020-plan.json").path
        let y = try ScenarioLoader.loadYears(path: Paths.repository.appendingPathComponent("Scenarios/dortmund-2026-2030.yaml").path)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planPath))) as! [String: Any]
        var expected: [String: Int] = [:]
        for school in json["schools"] as! [[String: Any]] {
            for (kind, n) in school["devices"] as! [String: Int] where n > 0 { expected["\(school["schulnummer"]!)|\(kind)"] = n }
        }
        let read = Dictionary(y.scenario.inventory.map { ("\($0.school)|\($0.kind)", $0.count) }, uniquingKeysWith: +)
        #expect(read == expected)
        #expect(y.scenario.inventory.allSatisfy { $0.purchaseYear == 2021 })
        #expect(y.scenario.schools.count == 155)
        #expect(y.inputs.contains { $0.path.hasSuffix("dortmund-2020-plan.json") })
    }

    @Test func aPlanJSONWithAnUnknownSchoolNamesItsLine() throws {
        let dir = try Self.copy(editing: "small.yaml") {
            $0.replacingOccurrences(of: "    file: data/inventory.csv", with: "    plan: data/plan.json\n    purchaseYear: 2021")
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plan = """
        {
          "schools": [
            {"schulnummer": "200001", "devices": {"pupil": 20, "teacher": 8}},
            {"schulnummer": "299999", "devices": {"pupil": 60}},
            {"schulnummer": "200003", "devices": {"pupil": 12}}
          ]
        }
        """
        try plan.write(toFile: dir + "/data/plan.json", atomically: true, encoding: .utf8)
        let e = try #require(Self.error(dir + "/small.yaml"))
        #expect(e.file.hasSuffix("data/plan.json") && e.line == 4)
        #expect(ErrorWords.text(e, .en).contains("found school number '299999'"))
        #expect(ErrorWords.text(e, .de).contains("Schulnummer „299999“ gefunden"))

        // A school of the scenario the plan leaves out is an error too.
        try plan.replacingOccurrences(of: "299999", with: "200002").replacingOccurrences(of: "    {\"schulnummer\": \"200003\", \"devices\": {\"pupil\": 12}}\n", with: "")
            .replacingOccurrences(of: "{\"pupil\": 60}},", with: "{\"pupil\": 60}}")
            .write(toFile: dir + "/data/plan.json", atomically: true, encoding: .utf8)
        let missing = try #require(Self.error(dir + "/small.yaml"))
        #expect(missing.problem == .years(.missingSchool("200003")))
        #expect(missing.line == 2)
        // A count that is not a whole number, at its line.
        try plan.replacingOccurrences(of: "299999", with: "200002").replacingOccurrences(of: "\"pupil\": 12", with: "\"pupil\": 12.5")
            .write(toFile: dir + "/data/plan.json", atomically: true, encoding: .utf8)
        let count = try #require(Self.error(dir + "/small.yaml"))
        #expect(count.line == 5 && count.key == "schools[2].devices.pupil")
    }

    @Test func badInventoryRowsAreErrorsAtTheirLine() throws {
        let cases: [(String, String, Int, InputProblem?, String, String)] = [
            ("200002,teacher,2022,20", "200009,teacher,2022,20", 6, .years(.unknownSchool("200009")),
             "school: found school number '200009'", "school: Schulnummer „200009“ gefunden"),
            ("200003,pupil,2021,12", "200003,pupil,2026,12", 4, .years(.purchaseYearNotBefore(2026, first: 2026)),
             "found purchase year 2026, expected a year before the first planning year 2026",
             "Kaufjahr 2026 gefunden, erwartet: ein Jahr vor dem ersten Planungsjahr 2026"),
            ("200003,pupil,2021,12", "200003,tablet,2021,12", 4, .rule(.unknownKind("tablet", defined: ["pupil", "teacher"])), "tablet", "tablet"),
            ("200003,pupil,2021,12", "200003,pupil,2021,zwölf", 4, nil, "found 'zwölf', expected a whole number", "„zwölf“ gefunden, erwartet: eine ganze Zahl"),
            ("200003,pupil,2021,12", "200001,pupil,2021,12", 4, .years(.givenTwice(school: "200001", kind: "pupil", year: 2021, firstLine: 2)),
             "(first on line 2)", "(zuerst in Zeile 2)"),
            ("200003,pupil,2021,12", "200003,pupil,2021", 4, nil, "has 3 fields, the header has 4", "hat 3 Felder"),
        ]
        for (from, to, line, problem, en, de) in cases {
            let dir = try Self.copy(editing: "data/inventory.csv") { $0.replacingOccurrences(of: from, with: to) }
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let e = try #require(Self.error(dir + "/small.yaml"), "\(to)")
            #expect(e.file == dir + "/data/inventory.csv" && e.line == line, "\(to): \(e)")
            if let problem { #expect(e.problem == problem, "\(to)") }
            #expect(ErrorWords.text(e, .en).contains(en), "\(to): \(ErrorWords.text(e, .en))")
            #expect(ErrorWords.text(e, .de).contains(de), "\(to): \(ErrorWords.text(e, .de))")
        }
        // A missing column names the header line and the key that names the file.
        let dir = try Self.copy(editing: "data/inventory.csv") { $0.replacingOccurrences(of: "school,kind,purchaseYear,count", with: "school,kind,year,count") }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = try #require(Self.error(dir + "/small.yaml"))
        #expect(e.line == 1 && ErrorWords.text(e, .en).contains("purchaseYear"))
    }

    /// Values of the section refused at their key and line (the scenario file's), as facts.
    @Test func badValuesAreRefusedAtTheirKey() throws {
        let cases: [(String, String, InputProblem?, String)] = [
            ("years.last=2020", "years.last", .years(.planningYears(first: 2026, last: 2020, most: 15)), "Planungsjahre 2026 bis 2020"),
            ("years.pools.pakt.money=[1, 2]", "years.pools.pakt.money", .years(.yearlyValues(found: 2, first: 2026, last: 2028)), "2 Werte gefunden"),
            ("years.pools.pakt.pays=[investment, operating]", "years.pools.pakt.pays", .years(.grantPaysOperating), "zahlt nur investment"),
            ("years.pools.pakt.carryOverUntil=2020", "years.pools.pakt.carryOverUntil", .years(.carryOverBefore(2020, first: 2026)), "2020 gefunden"),
            ("years.deviceKinds.pupil.earlyYears=5", "years.deviceKinds.pupil.earlyYears", .years(.earlyNotBelowLife(early: 5, life: 5)), "weniger Jahre als die Lebensdauer"),
            ("years.deviceKinds.pupil.lifeYears=40", "years.deviceKinds.pupil.lifeYears", nil, "40 gefunden"),
            ("years.turbulence.maxFall=1.5", "years.turbulence.maxFall", nil, "150"),
            ("years.need.growth.Hauptschule=[1, 1, 1]", "years.need.growth.Hauptschule", .rule(.notASchoolForm("Hauptschule", allowed: ["Gesamtschule", "Grundschule", "Gymnasium"])), "Hauptschule"),
            ("years.deviceKinds.tablet.lifeYears=5", "years.deviceKinds.tablet", .rule(.unknownKind("tablet", defined: ["pupil", "teacher"])), "tablet"),
        ]
        for (override, key, problem, german) in cases {
            let e = try #require(Self.error(Self.small, overrides: [override]), "\(override)")
            #expect(e.key == key, "\(override): \(e)")
            if let problem { #expect(e.problem == problem, "\(override): \(e.problem)") }
            #expect(ErrorWords.text(e, .de).contains(german), "\(override): \(ErrorWords.text(e, .de))")
            #expect(!ErrorWords.text(e, .en).isEmpty)
        }
        // A typo of a key: the table's keys of that section are the allowed ones.
        let typo = try #require(Self.error(Self.small, overrides: ["years.deviceKinds.pupil.lifeYear=5"]))
        if case .unknownKey(let suggestion, _) = typo.problem { #expect(suggestion == "lifeYears") } else { Issue.record("\(typo)") }
        // In the file itself: the line of the value.
        let dir = try Self.copy(editing: "small.yaml") { $0.replacingOccurrences(of: "lifeYears: 5, earlyYears: 1, lateYears: 1, price: 400.00", with: "lifeYears: 5, earlyYears: 1, lateYears: 1, price: -4") }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inFile = try #require(Self.error(dir + "/small.yaml"))
        #expect(inFile.file == dir + "/small.yaml" && inFile.line == 21 && inFile.key == "years.deviceKinds.pupil.price", "\(inFile)")
    }

    /// A scenario without the section says so; a year's running cost the own money cannot pay
    /// is found from the scenario alone and worded with its euros.
    @Test func missingSectionAndRunningCostShortfall() throws {
        let e = try #require(Self.error(Paths.fixture("valid/small.yaml")))
        #expect(e.problem == .scenarioFile(.missingSection("years")))

        let y = try ScenarioLoader.loadYears(path: Self.small, overrides: ["years.pools.stadt.money=100"])
        let short = y.scenario.operatingShortfalls()
        // 2026: every device of the inventory may leave (pupils bought 2021 and teachers 2022, life 5, one year
        // early), but the fall limit (50 %) keeps half of each school's devices (rounded up), at the cheaper 30 € a year.
        #expect(!short.isEmpty && short[0].year == 2026)
        #expect(short.allSatisfy { $0.cost > $0.available && $0.available == Money(cents: 10_000) })
        let kept = [20 + 8, 60 + 20, 12 + 18].map { ($0 + 1) / 2 }.reduce(0, +)
        #expect(short[0].devices == kept)
        #expect(short[0].cost == Money(cents: kept * 3_000))
        let error = ReplacementInfeasibility(shortfalls: short)
        #expect(classify(error) == .infeasible)
        #expect(ErrorWords.text(error, .de).contains("Die Eigenmittel von 2026 sind um \(NumberStyle(.de, nonBreaking: true).money(short[0].missing)) zu knapp"))
        #expect(ErrorWords.text(error, .en).contains("The own money of 2026 is \(short[0].missing.formatted) short"))
        // Enough own money: no year short.
        #expect(try ScenarioLoader.loadYears(path: Self.small).scenario.operatingShortfalls().isEmpty)
    }
}
