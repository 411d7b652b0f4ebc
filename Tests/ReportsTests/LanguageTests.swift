import Foundation
import Testing
@testable import Allocation
@testable import Reports
import ScenarioFiles
import Scheduling
import WhatIf
import ZIPFoundation
import GLPKSolver
import TestSupport

/// Every user-facing output rendered in German and in English: no German output shows a label
/// of the English table and no English output one of the German table; German figures are
/// de-DE with non-breaking spaces in the report; dates are named; key paths give way to labels.
@Suite struct LanguageTests {
    static let time = AuditRecord.parseISO8601("2026-12-01T23:32:06Z")!

    /// Everything one language shows, by output name.
    struct Outputs {
        var texts: [(name: String, text: String)] = []
        /// Data (scenario, school, district, pool and kind names, file paths): not labels.
        var data: [String] = []
    }

    static func render(_ language: ReportLanguage) throws -> Outputs {
        let small = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"))
        let child = try ScenarioLoader.load(path: Paths.fixture("whatif/child.yaml"))
        let plan = try engine.solve(small.scenario), other = try engine.solve(child.scenario)
        let audit = AuditRecord(plan: plan, inputs: small.inputs, generatedAt: time, reproducible: true)
        let comparison = Comparison([plan, other], labels: ["small", "child"])
        let scheduled = try ScenarioLoader.load(path: Paths.fixture("schedule/small-weekly.yaml"))
        let r = try RolloutScheduler(solver: GLPKSolver()).schedule(try engine.solve(scheduled.scenario), rules: try #require(scheduled.schedule))
        let template = try ScenarioTemplate.load(path: Paths.fixture("valid/small.yaml"))
        let sweep = try Sweep.run(template: template, axes: [try SweepAxis(parsing: "pools.sofort.budget=0:60000:4")], engine: engine)
        let heat = try Sweep.run(template: template, axes: [try SweepAxis(parsing: "pools.sofort.budget=0:60000:3"),
                                                            try SweepAxis(parsing: "deviceKinds.pupil.unitPrice=300:500:3")], engine: engine)

        var o = Outputs()
        o.texts.append(("report.html", HTMLReport.render(plan, audit: audit, comparison: comparison, language: language, rollout: r)))
        o.texts.append(("summary", TerminalSummary.render(plan, timing: false, language: language)))
        o.texts.append(("compare", ComparisonText.render(comparison, language: language)))
        o.texts.append(("schedule", ScheduleReport.text(r, timing: false, language: language)))
        o.texts.append(("explain", ExplanationReport.text(try engine.explain(small.scenario), language: language)))
        o.texts.append(("schedule.svg", GanttChart.svg(r, language: language)))
        o.texts.append(("sweep.svg", SweepReport.svg(sweep, language: language)))
        o.texts.append(("heat.svg", SweepReport.svg(heat, language: language)))
        o.texts.append(("sweep.csv", SweepReport.csv(sweep, language: language)))
        o.texts.append(("schools.csv", PlanCSV.schools(plan, language: language)))
        o.texts.append(("pools.csv", PlanCSV.pools(plan, language: language)))
        o.texts.append(("schedule.csv", ScheduleReport.csv(r, language: language)))
        o.texts.append(("school-changes.csv", ComparisonJSON.changesCSV(comparison, language: language)))
        o.texts.append(("comparison.csv", ComparisonJSON.figuresCSV(comparison, language: language)))
        let book = PlanWorkbook.make(plan, audit: audit, date: time, language: language, comparison: comparison)
        o.texts.append(("report.xlsx", book.sheets.map { s in
            ([s.name] + s.header + s.rows.flatMap { $0.compactMap { if case .text(let t) = $0 { return t } else { return nil } } }).joined(separator: "\n")
        }.joined(separator: "\n")))
        for p in [plan, other, r.plan] {
            o.data += [p.scenario.name] + p.schools.flatMap { [$0.school.name, $0.school.district, $0.school.form] }
                + p.pools.map(\.pool.name) + p.kinds.map(\.label)
        }
        o.data += small.inputs.map(\.path) + child.inputs.map(\.path) + r.periods.map(\.label)
        return o
    }

    static func visible(_ text: String, data: [String]) -> String { ForeignLabels.visible(text, data: data) }

    /// The labels of one language that the other does not share.
    static func labels(_ of: ReportLanguage, _ other: ReportLanguage) -> [String] {
        let a = Words(language: of), b = Words(language: other)
        return Words.labels.compactMap { key in
            let x = a[keyPath: key].trimmingCharacters(in: .whitespacesAndNewlines)
            return x == b[keyPath: key].trimmingCharacters(in: .whitespacesAndNewlines) ? nil : x
        }
    }

    static func contains(_ text: String, phrase: String) -> Bool { ForeignLabels.contains(text, phrase: phrase) }

    @Test(arguments: [ReportLanguage.de, .en])
    func noOutputShowsALabelOfTheOtherLanguage(_ language: ReportLanguage) throws {
        let outputs = try Self.render(language)
        let foreign = Self.labels(language == .de ? .en : .de, language)
        #expect(foreign.count > 60, "the label table lists the labels")
        for (name, text) in outputs.texts {
            let shown = Self.visible(text, data: outputs.data)
            for label in foreign where Self.contains(shown, phrase: label) {
                Issue.record("\(name) (\(language.rawValue)) shows the \(language == .de ? "English" : "German") label “\(label)”")
            }
        }
    }

    /// The check above can fail: an English label in a German text is found.
    @Test func theCheckFindsAForeignLabel() {
        let shown = Self.visible("<p>Budgetbericht · Pupil need 12</p>", data: [])
        #expect(Self.labels(.en, .de).contains { Self.contains(shown, phrase: $0) })
        #expect(!Self.labels(.en, .de).contains { Self.contains(Self.visible("<p>Bedarf Leihgeräte 12</p>", data: []), phrase: $0) })
    }

    @Test func germanFiguresDatesAndLabels() throws {
        let outputs = try Self.render(.de)
        let html = try #require(outputs.texts.first { $0.name == "report.html" }?.text)
        // A figure never wraps: every space before € and % is non-breaking.
        #expect(html.range(of: "[0-9] [%€]", options: .regularExpression) == nil)
        #expect(html.contains("\u{00A0}€") && html.contains("\u{00A0}%"))
        // The time named, with the ISO 8601 form kept in the audit.
        #expect(html.contains("1. Dezember 2026, 23:32 Uhr UTC"))
        #expect(html.contains("2026-12-01T23:32:06Z"))
        #expect(!html.contains("Bedarf: pupil"))
        // The sweep's axis: the parameter's label and unit, no key path.
        let sweep = try #require(outputs.texts.first { $0.name == "sweep.svg" }?.text)
        #expect(sweep.contains("Sofortausstattung: Budget (€)") || sweep.contains("Budget (€)"))
        #expect(!sweep.contains(">pools.sofort.budget<"))
        let gantt = try #require(outputs.texts.first { $0.name == "schedule.svg" }?.text)
        #expect(gantt.contains("Frist") && !gantt.contains("deadline") && !gantt.contains("level "))
        let csv = try #require(outputs.texts.first { $0.name == "schools.csv" }?.text)
        #expect(csv.hasPrefix("Schulnummer,Name,Schulform,Stadtbezirk"))
    }

    @Test func englishCSVHeadersStayAsTheyWere() throws {
        let outputs = try Self.render(.en)
        let csv = try #require(outputs.texts.first { $0.name == "schools.csv" }?.text)
        #expect(csv.hasPrefix("schulnummer,name,schulform,district,social_index,pupils,teachers,"))
        let pools = try #require(outputs.texts.first { $0.name == "pools.csv" }?.text)
        #expect(pools.hasPrefix("id,name,granted,spent,remaining,own_money"))
    }

    /// The workbook in both languages, sheet by sheet as text (names, headers, cells), compared
    /// whole with a golden file (RECORD_GOLDEN=1 re-records).
    @Test(arguments: [ReportLanguage.de, .en])
    func goldenWorkbook(_ language: ReportLanguage) throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"))
        let plan = try engine.solve(loaded.scenario)
        let inputs = loaded.inputs.map { f in
            var r = f
            r.path = f.path.replacingOccurrences(of: Paths.repository.path + "/", with: "")
            return r
        }
        let audit = AuditRecord(plan: plan, inputs: inputs, generatedAt: Self.time, reproducible: true)
        let book = PlanWorkbook.make(plan, audit: audit, date: Self.time, language: language)
        func cell(_ c: Workbook.Cell) -> String {
            switch c {
            case .text(let t): return t
            case .int(let n): return String(n)
            case .euros(let m): return m.plain + " EUR"
            case .share(let s): return s.map { "\($0.permille) ‰" } ?? ""
            case .points(let p): return "\(p) tenths pp"
            case .number(let d): return fixed(d, 6)
            case .decimal(let t): return t
            case .empty: return ""
            }
        }
        let text = book.sheets.map { sheet in
            "## \(sheet.name)\n" + ([sheet.header.joined(separator: " | ")] + sheet.rows.map { $0.map(cell).joined(separator: " | ") }).joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
        try assertGolden(text, "workbook-small-\(language.rawValue).txt")
    }

    @Test func theTerminalFollowsLangThenTheEnvironment() {
        #expect(ReportLanguage.terminal("de", environment: ["LANG": "en_US.UTF-8"]) == .de)
        #expect(ReportLanguage.terminal("en", environment: ["LANG": "de_DE.UTF-8"]) == .en)
        #expect(ReportLanguage.terminal("fr", environment: [:]) == nil)
        #expect(ReportLanguage.terminal(nil, environment: ["LANG": "de_DE.UTF-8"]) == .de)
        #expect(ReportLanguage.terminal(nil, environment: ["LC_ALL": "C", "LANG": "de_DE.UTF-8"]) == .en)
        #expect(ReportLanguage.terminal(nil, environment: ["LC_ALL": "de_AT.UTF-8", "LANG": "C"]) == .de)
        #expect(ReportLanguage.terminal(nil, environment: [:]) == .en)
    }

    /// The CLI: `--lang de`, or a German locale, prints German; CSV headers only with `--lang de`.
    @Test(.enabled(if: AllocateBinary.url != nil)) func theCommandLineSpeaksTheTerminalsLanguage() throws {
        let de = try runAllocate(["solve", "--lang", "de"])
        #expect(de.code == 0 && de.stdout.contains("Geprüft:") && de.stdout.contains("Förderprogramm"))
        let locale = try runAllocate(["solve"], environment: ["LANG": "de_DE.UTF-8"])
        func untimed(_ s: String) -> [Substring] { s.split(separator: "\n").filter { !$0.hasPrefix("Gelöst in") } }
        #expect(untimed(locale.stdout) == untimed(de.stdout))
        let en = try runAllocate(["solve"])
        #expect(en.stdout.contains("Verified:") && !en.stdout.contains("Geprüft:"))
        let bad = try runAllocate(["solve", "--lang", "fr"])
        #expect(bad.code != 0 && bad.stderr.contains("--lang: found 'fr', allowed: de, en"))
    }

    @Test func oneEscaperForHTMLSVGAndXML() {
        #expect(Markup.escape("a<b>&\"c\u{1}") == "a&lt;b&gt;&amp;&quot;c")
        #expect(HTMLReport.esc("Ä & Ö") == "Ä &amp; Ö" && Workbook.xml("x\u{0}y") == "xy")
    }

    @Test func datesInBothLanguages() {
        #expect(DateText(.de).moment(Self.time) == "1. Dezember 2026, 23:32 Uhr UTC")
        #expect(DateText(.en).moment(Self.time) == "1 December 2026, 23:32 UTC")
        #expect(DateText(.de).short(Day(year: 2021, month: 1, day: 24)!) == "24.01.2021")
        #expect(DateText(.en).short(Day(year: 2021, month: 1, day: 24)!) == "2021-01-24")
    }

    @Test func parameterLabelsInsteadOfKeyPaths() {
        let de = Words(language: .de), en = Words(language: .en)
        let p = ParameterLabel("pools.sofort.budget", de, poolNames: ["sofort": "Sofortausstattung"])
        #expect(p.text == "Sofortausstattung: Budget")
        #expect(p.axisTitle(de, maximum: 6_100_000) == "Sofortausstattung: Budget (Mio. €)")
        #expect(p.tick(6_100_000, de, maximum: 6_100_000) == "6,1")
        #expect(ParameterLabel("pools.sofort.budget", en, poolNames: ["sofort": "Sofortausstattung"]).axisTitle(en, maximum: 6_100_000)
                == "Sofortausstattung: Budget (€ million)")
    }

    @Test func mapClassesShowTheSpread() {
        // Almost all near full: the classes still split them.
        let shares = [1000, 1000, 1000, 990, 985, 980, 975, 970, 960, 600]
        let starts = SchoolMap.classes(shares)
        #expect(starts.count >= 3)
        #expect(Set(shares.map { SchoolMap.classIndex($0, starts) }).count == starts.count + 1)
        #expect(SchoolMap.classes([1000, 1000]).isEmpty)
        let hull = SchoolMap.convexHull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2)])
        #expect(hull.count == 4)
    }
}
