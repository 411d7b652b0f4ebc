import Foundation
import Testing
@testable import Reports
import TestSupport

/// Issue 19: `allocate report --years --compare X --out DIR` writes the years comparison as a
/// section of report.html and a sheet of report.xlsx; `history export` of that run writes them
/// again from the stored plans, the same section and sheet. With residual values the comparison
/// has the residual income line, and the run's headline figures (`history show`) the same income
/// as the years document.
@Suite struct YearsCompareExportTests {
    static func workspace() throws -> String {
        let root = try temporaryFolder("years-compare-export")
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/Scenarios", withIntermediateDirectories: true)
        for item in ["small.yaml", "data"] {
            try fm.copyItem(atPath: Paths.fixture("years/" + item), toPath: root + "/Scenarios/" + item)
        }
        // The DigitalPakt money one year late.
        let yaml = try String(contentsOfFile: root + "/Scenarios/small.yaml", encoding: .utf8)
            .replacingOccurrences(of: "name: Small years city", with: "name: Small years city, late")
            .replacingOccurrences(of: "money: [20_000, 15_000, 10_000]", with: "money: [0, 20_000, 15_000]")
        try yaml.write(toFile: root + "/Scenarios/late.yaml", atomically: true, encoding: .utf8)
        return root
    }

    static func run(_ arguments: [String], in folder: String) throws -> (code: Int32, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["ALLOCATE_HISTORY"] = folder + "/history.sqlite"
        environment["SOURCE_DATE_EPOCH"] = nil
        environment["LC_ALL"] = nil; environment["LC_MESSAGES"] = nil; environment["LANG"] = "C.UTF-8"
        return try runAllocate(arguments, in: URL(fileURLWithPath: folder), exactEnvironment: environment)
    }

    static func section(_ html: String) -> String? {
        guard let start = html.range(of: "<section class=\"comparison years-comparison\">"),
              let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func theExportHasTheReportsYearsComparison() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let made = try Self.run(["report", "Scenarios/small.yaml", "--years", "--compare", "Scenarios/late.yaml", "--out", "first",
                                 "--set", "years.deviceKinds.pupil.residualValue=25", "--generated-at", "2026-12-01T23:32:06Z"], in: root)
        #expect(made.code == 0, "\(made.stderr)")
        guard made.code == 0 else { return }
        let export = try Self.run(["history", "export", "1", "--out", "again"], in: root)
        #expect(export.code == 0, "\(export.stderr)")
        guard export.code == 0 else { return }
        let first = try String(contentsOfFile: root + "/first/report.html", encoding: .utf8)
        let again = try String(contentsOfFile: root + "/again/report.html", encoding: .utf8)
        let written = try #require(Self.section(first), "the report has no years comparison")
        #expect(written.contains("data-figure=\"residualIncome\""), "the comparison of plans with residual values names the income")
        #expect(Self.section(again) == written, "the exported report's years comparison differs from the report's")
        let sheetName = "Vergleich Haushaltsjahre"
        let firstBook = try OneFigureTests.xlsx(Data(contentsOf: URL(fileURLWithPath: root + "/first/report.xlsx")))
        let againBook = try OneFigureTests.xlsx(Data(contentsOf: URL(fileURLWithPath: root + "/again/report.xlsx")))
        let sheet = try #require(firstBook[sheetName], "sheets: \(firstBook.keys.sorted())")
        #expect(againBook[sheetName] == sheet, "the exported workbook's sheet differs: \(againBook.keys.sorted())")

        // The run's headline figures: the residual income of years.json, one figure.
        let show = try Self.run(["history", "show", "1", "--json"], in: root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any], "\(show.stderr)")
        let years = try #require((json["plans"] as? [[String: Any]])?.first { $0["kind"] as? String == "years" })
        let figures = try #require(years["figures"] as? [String: Any])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/first/years.json"))) as? [String: Any])
        let pools = try #require(document["pools"] as? [[String: Any]])
        let income = pools.reduce(0.0) { $0 + ($1["income"] as? Double ?? 0) }
        #expect(income > 0)
        #expect(abs(((figures["total.residualIncome"] as? NSNumber)?.doubleValue ?? -1) - income) < 0.005, "\(figures.keys.sorted())")
        let row = try #require(sheet.first { $0.first == "residualIncome" })
        #expect(Double(row[2]).map { abs($0 - income) < 0.005 } == true, "\(row)")
        // What is left of a pool's year is what it carries on or lets lapse (income included).
        for p in pools {
            let key = "pool.\(p["pool"] as! String).\(p["year"] as! Int).left"
            let left = (figures[key] as? NSNumber)?.doubleValue ?? -1
            #expect(abs(left - ((p["carriedOut"] as! Double) + (p["lapsed"] as! Double))) < 0.005, "\(key)")
        }
        let german = try Self.run(["history", "show", "1", "--lang", "de"], in: root)
        #expect(german.stdout.contains("Restwerterlös gesamt"), "\(german.stdout)")
        let english = try Self.run(["history", "show", "1"], in: root)
        #expect(english.stdout.contains("Residual income in all"), "\(english.stdout)")

        // `history diff` of two years runs: `compare`'s comparison, the residual income line with it.
        let resale = ["--set", "years.deviceKinds.pupil.residualValue=25", "--generated-at", "2026-12-01T23:32:06Z"]
        #expect(try Self.run(["years", "Scenarios/small.yaml"] + resale, in: root).code == 0)
        #expect(try Self.run(["years", "Scenarios/late.yaml"] + resale, in: root).code == 0)
        let diff = try Self.run(["history", "diff", "2", "3", "--lang", "de"], in: root)
        #expect(diff.stdout.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Restwerterlös (alle Jahre)") },
                "\(diff.stdout)\(diff.stderr)")
        // The same figure as each run's own headline figure.
        let diffJSON = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(["history", "diff", "2", "3", "--json"], in: root).stdout.utf8)) as? [String: Any])
        let lines = (diffJSON["sections"] as? [[String: Any]] ?? []).flatMap { $0["figures"] as? [[String: Any]] ?? [] }
        let diffLine = try #require(lines.first { $0["id"] as? String == "residualIncome" })
        let own = try ["2", "3"].map { run -> Double in
            let shown = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(["history", "show", run, "--json"], in: root).stdout.utf8)) as? [String: Any])
            let f = (shown["plans"] as? [[String: Any]])?.first?["figures"] as? [String: Any]
            return (f?["total.residualIncome"] as? NSNumber)?.doubleValue ?? -1
        }
        #expect(diffLine["values"] as? [Double] == own, "\(diffLine)")
    }
}
