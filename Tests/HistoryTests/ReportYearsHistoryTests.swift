import Foundation
import Testing
import History
import TestSupport

/// Issue 19: `allocate report --years` keeps the multi-year plan in the run history beside the
/// one-year plan, as `allocate years` keeps it (one owner: `YearsSolving.record`), so that
/// `history show` of the run names its years figures and `history export` writes the years
/// files and the section again from the stored plans, byte for byte the years document the
/// report wrote.
@Suite struct ReportYearsHistoryTests {
    static let binary = AllocateBinary.url

    @Test(.enabled(if: binary != nil)) func reportYearsKeepsTheYearsPlan() throws {
        let root = try YearsHistoryTests.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let made = try YearsHistoryTests.run(["report", "Scenarios/small-years.yaml", "--years", "--out", "first"] + YearsHistoryTests.time, in: root)
        #expect(made.code == 0, "\(made.stderr)")
        guard made.code == 0 else { return }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(YearsHistoryTests.run(["history", "show", "1", "--json"], in: root).stdout.utf8)) as? [String: Any])
        let plans = try #require(json["plans"] as? [[String: Any]])
        // Plan 1 stays the report's one-year plan; the multi-year plan follows.
        #expect(plans.map { $0["kind"] as? String } == ["allocation", "years"], "\(plans.map { $0["kind"] ?? "-" })")
        let figures = try #require(plans.last?["figures"] as? [String: Any])
        #expect((figures["pool.pakt.2026.granted"] as? NSNumber)?.doubleValue == 20_000)
        let show = try YearsHistoryTests.run(["history", "show", "1"], in: root)
        #expect(show.stdout.contains("multi-year plan") && show.stdout.contains("DigitalPakt 2.0 2026: granted"), "\(show.stdout)")
        // The stored years document is the years.json the report wrote.
        let stored = try YearsHistoryTests.run(["history", "show", "1", "--plan", "2", "--plan-json"], in: root)
        #expect(stored.code == 0, "\(stored.stderr)")
        #expect(Data(stored.stdout.utf8) == FileManager.default.contents(atPath: root + "/first/years.json"))
        // Export: the report with its section, and the years files, from the stored plans.
        let export = try YearsHistoryTests.run(["history", "export", "1", "--out", "again"], in: root)
        #expect(export.code == 0, "\(export.stderr)")
        #expect(export.stdout.contains("report.html") && export.stdout.contains("years.json") && export.stdout.contains("years.xlsx"), "\(export.stdout)")
        #expect(FileManager.default.contents(atPath: root + "/again/years.json") == FileManager.default.contents(atPath: root + "/first/years.json"))
        #expect(FileManager.default.contents(atPath: root + "/again/years-pools.csv") == FileManager.default.contents(atPath: root + "/first/years-pools.csv"))
        let html = try String(contentsOfFile: root + "/again/report.html", encoding: .utf8)
        #expect(html.contains("<section class=\"years\">"))
        // Solved again: both plans, the multi-year one byte-identical.
        let rerun = try YearsHistoryTests.run(["history", "rerun", "1"], in: root)
        #expect(rerun.code == 0, "\(rerun.stderr)")
        let lines = rerun.stdout.split(separator: "\n").filter { $0.hasPrefix("Small years city (Scenarios/small-years.yaml): ") }
        #expect(lines.count == 2 && lines.last?.hasSuffix("byte-identical to the stored plan") == true, "\(rerun.stdout)")
    }
}
