import Foundation
import Testing
import Allocation
import GLPKSolver
import Reports
import ScenarioFiles
import WhatIf
import TestSupport

/// The rules behind "one figure, one value" (issue 13): one rounding rule for shares, one
/// grouping by index level, German Excel's CSV read back, messages that name what they mean.
@Suite struct FigureRuleTests {
    // MARK: shares

    @Test func sharesAreRoundedDownAndNeverShowAllForLessThanAll() {
        let de = NumberStyle(.de), en = NumberStyle(.en)
        #expect(de.share(Share(6080, of: 6083)) == "99,9 %")
        #expect(en.share(Share(9645, of: 10000)) == "96.4 %")
        #expect(en.share(Share(29, of: 100)) == "29.0 %", "exact integer arithmetic, no 28.9 % from 0.29 × 1000 in doubles")
        #expect(en.share(Share(5, of: 5)) == "100.0 %")
        #expect(en.share(nil) == "–" && Share(0, of: 0) == nil)
        #expect(de.shareAtLeast(Share(6080, of: 6083)!) == "mindestens 99,9 %")
        #expect(en.shareAtLeast(Share(3, of: 4)!) == "75.0 %", "an exact share is not 'at least'")
        #expect(de.points(-12) == "-1,2 Pp." && en.points(3) == "+0.3 pp" && en.points(0) == "±0.0 pp")
        // The exact ratio for data outputs reads back to the same double.
        let s = Share(6080, of: 6083)!
        #expect(Double(s.exactText) == 6080.0 / 6083.0 && s.exactText != "1" && Share(1, of: 1)!.exactText == "1")
        #expect(s.shown == 0.999)
        // Every share of the default plan's terminal summary follows the rule.
        let plan = try! engine.solve(try! ScenarioLoader.load(path: Paths.defaultScenario).scenario)
        let text = TerminalSummary.render(plan, timing: false)
        let teacher = plan.kinds.firstIndex { $0.basis == .teachers }!
        let (d, n) = (plan.totalDevices(kind: teacher), plan.totalNeed(kind: teacher))
        #expect(d < n && text.contains(" \(en.share(Share(d, of: n)))  ") && en.share(Share(d, of: n)) != "100.0 %",
                "6,080 of 6,083 teacher devices: 99.9 %, never 100.0 %")
    }

    @Test func theSweepCSVStatesTheSmallestShareOfEachBasis() throws {
        let template = try ScenarioTemplate.load(path: Paths.fixture("valid/small.yaml"))
        let result = try Sweep.run(template: template, axes: [try SweepAxis(parsing: "pools.sofort.budget=0:200000:3")], engine: engine)
        let table = try CSVTable(text: SweepReport.csv(result), file: "sweep.csv")
        let cover = table.column("pupil_coverage")!, pupil = table.column("smallest_pupil_share")!
        for r in table.rows where r.fields[table.column("status")!] != "infeasible" {
            // A school's smallest share is never above the total share, and is 1 where all is covered.
            #expect(Double(r.fields[pupil])! <= Double(r.fields[cover])! + 1e-12)
            if r.fields[cover] == "1" { #expect(r.fields[pupil] == "1") }
        }
    }

    // MARK: one grouping

    @Test func explainAndSolveGroupSchoolsByLevelAlike() throws {
        let scenario = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        let e = try engine.explain(scenario)
        let fig = PlanFigures(e.plan)
        for w in e.weights where w.level != nil {
            let group = try #require(fig.byLevel.first { $0.key == String(w.level!) })
            #expect(w.schools == group.schools, "level \(w.level!): explain counts \(w.schools) schools, the reports \(group.schools)")
        }
        // Schools without a level of their own count at the level the scenario gives them.
        let berufskolleg = try #require(scenario.schools.first { $0.socialIndex == nil && $0.form == "Berufskolleg" })
        #expect(PlanFigures.levelKey(berufskolleg, scenario) == "4")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(PlanJSON.render(e.plan, timing: false).utf8)) as? [String: Any])
        let levels = (json["byIndexLevel"] as! [[String: Any]]).map { $0["key"] as! String }
        #expect(levels == fig.byLevel.map(\.key))
    }

    // MARK: explain's words

    @Test func explainSaysNoLimitOnceAndAnEmptyPoolIsNotExhausted() throws {
        let e = try engine.explain(try loadFixture("valid/small.yaml"))
        let text = ExplanationReport.text(e)
        #expect(!text.contains("between no limit and no limit"))
        #expect(!text.contains("Stadt: budget exhausted"), "a 0 € pool that buys nothing is empty, not exhausted")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ExplanationReport.json(e).utf8)) as? [String: Any])
        #expect((json["pools"] as! [[String: Any]]).allSatisfy { $0["name"] is String }, "pools carry their names")
    }

    // MARK: German Excel

    /// A school table as German Excel saves it: BOM, semicolons, decimal commas.
    @Test func aSchoolTableSavedByGermanExcelIsRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("excel-de-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("valid"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try String(contentsOfFile: Paths.fixture("data/schools.csv"), encoding: .utf8)
        var german = "\u{FEFF}"
        let source = try CSVTable(text: plain, file: "schools.csv")
        for fields in [source.header] + source.rows.map(\.fields) {
            // Decimal commas in the numbers, then semicolons between the fields (quoted where needed).
            german += fields.map { f in
                f.range(of: #"^[0-9]+\.[0-9]+$"#, options: .regularExpression) != nil ? f.replacingOccurrences(of: ".", with: ",")
                    : f.contains(";") ? "\"\(f)\"" : f
            }.joined(separator: ";") + "\r\n"
        }
        #expect(german.contains("51,5") && german.contains("Zeta Realschule, Ost"))
        try german.write(to: dir.appendingPathComponent("data/schools.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Paths.fixture("valid/small.yaml"), toPath: dir.appendingPathComponent("valid/small.yaml").path)
        let excel = try ScenarioLoader.load(path: dir.appendingPathComponent("valid/small.yaml").path).scenario
        let original = try loadFixture("valid/small.yaml")
        #expect(excel.schools == original.schools, "the same schools, coordinates included")

        let table = try CSVTable(text: german, file: "schools.csv")
        #expect(table.delimiter == ";" && table.decimalComma && table.plainNumber("51,5") == "51.5" && table.plainNumber("Nord") == "Nord")
        // What `--csv-dialect excel-de` writes is read back the same way.
        let written = try CSVTable(text: PlanCSV.pools(try engine.solve(original), dialect: .excelDE), file: "pools.csv")
        #expect(written.delimiter == ";" && written.header.first == "id")
    }

    @Test func anAmbiguousTableNamesTheDelimiterItAssumed() {
        #expect(throws: ScenarioError.self) { try CSVTable(text: "a;b,c\n1;2\n", file: "x.csv") }
        do { _ = try CSVTable(text: "a;b,c\n1;2\n", file: "x.csv") } catch {
            #expect(error.description.contains("read with ',' as the delimiter") && error.description.contains("1 ',' and 1 ';'"), "\(error.description)")
        }
        do { _ = try CSVTable(text: "name\nx,y\n", file: "x.csv") } catch {
            #expect(error.description.contains("neither ',' nor ';'"), "\(error.description)")
        }
    }

    // MARK: smaller messages

    @Test func anUnknownPoolInSetSuggestsTheClosest() {
        do {
            _ = try ScenarioLoader.load(path: Paths.defaultScenario, overrides: ["pools.sofrot.budget=1"])
            Issue.record("an unknown pool was accepted")
        } catch {
            #expect(error.description.contains("unknown pool 'sofrot' (did you mean 'sofort'?)"), "\(error.description)")
        }
        // A whole new pool may still be added.
        #expect((try? ScenarioLoader.load(path: Paths.defaultScenario, overrides: [
            "pools.extra={name: Extra, budget: 1000, kinds: [pupil], rule: any, ownMoney: true}"])) != nil)
    }

    @Test func theSweepStatesTheGridPointAndTheExactThreshold() throws {
        let template = try ScenarioTemplate.load(path: Paths.fixture("valid/small.yaml"))
        let result = try Sweep.run(template: template, axes: [try SweepAxis(parsing: "pools.sofort.budget=0:300000:7")], engine: engine)
        let text = try #require(SweepReport.plateauText(result))
        let threshold = try #require(SweepReport.plateauThreshold(result))
        #expect(text.contains("(grid point)") && text.contains(threshold.formatted), "\(text)")
        // The exact threshold is affordable: with it, the plateau's coverage is reached.
        let at = try engine.solve(try template.scenario(overrides: ["pools.sofort.budget=\(threshold.plain)"]).scenario)
        let top = result.points.compactMap(\.summary).last!
        #expect(PlanFigures(at).total.pupilDevices == top.pupilDevices)
    }

    /// `init --municipality 5913000` says how it differs from the shipped Dortmund scenario.
    @Test func initForDortmundSaysWhatDiffersFromTheShippedScenario() throws {
        let t = try ScenarioTemplate.load(path: Paths.repository.appendingPathComponent("Scenarios/nrw/template.yaml").path)
        let all = try MunicipalityInit.municipalities(template: t)
        let dortmund = try MunicipalityInit.find("5913000", in: all)
        let schools = try #require(try MunicipalityInit.differenceFromShipped(for: dortmund, template: t))
        let note = StatusWords(.en).referenceNote(schools: schools).joined(separator: " ")
        let german = StatusWords(.de).referenceNote(schools: schools).joined(separator: " ")
        #expect(german.contains("159 öffentlichen Schulen") && german.contains("Lehrkräfte") && !german.contains("teachers per pupil"), "\(german)")
        let shipped = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        #expect(note.contains("Scenarios/dortmund-2020.yaml") && note.contains("\(shipped.schools.count) city-run schools"))
        #expect(note.contains("159 public schools") && note.contains("teachers"), "\(note)")
        let text = try MunicipalityInit.scenarioText(for: dortmund, template: t, templatePathFromOutput: "template.yaml")
        #expect(text.contains("# This is the template's reference authority"))
        #expect(try MunicipalityInit.differenceFromShipped(for: try MunicipalityInit.find("5111000", in: all), template: t) == nil)
    }
}
