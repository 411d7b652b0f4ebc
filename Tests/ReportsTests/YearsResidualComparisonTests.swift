import Foundation
import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement
@testable import Reports
import ScenarioFiles
import TestSupport

/// Issue 19: the residual income (devices leaving service bring their residual value, own
/// money) is a line of the years comparison — over all years and per year — wherever plans with
/// residual values are compared (`compare`, `history diff`, `report --years --compare`): one
/// figure, the same value and sign in the terminal text, JSON, CSV, the HTML section and the
/// workbook sheet. Plans without residual values keep their comparison as it was.
@Suite struct YearsResidualComparisonTests {
    static func solve(_ overrides: [String]) throws -> YearsFigures {
        let years = try ScenarioLoader.loadYears(path: YearsComparisonTests.small, overrides: overrides)
        let outcome = try ReplacementPlanner.solve(years.scenario, solver: GLPKSolver(), options: SolveOptions(relativeGap: 1e-4, timeLimitSeconds: 5))
        return YearsFigures(years, outcome)
    }

    static func income(_ f: YearsFigures) -> Money { f.perYear.reduce(Money.zero) { $0 + $1.residualIncome } }

    @Test func theResidualIncomeIsOneFigureInEveryOutput() throws {
        let low = try Self.solve(["years.deviceKinds.pupil.residualValue=10"])
        let high = try Self.solve(["years.deviceKinds.pupil.residualValue=25"])
        let c = YearsComparison([low, high], labels: ["low", "high"])
        let total = try #require(c.line("residualIncome"))
        #expect(total.values == [.money(Self.income(low)), .money(Self.income(high))])
        #expect(Self.income(high) > .zero, "the devices leaving service bring income: the test shows something")
        #expect(total.delta(1) == .money(Self.income(high) - Self.income(low)))
        for (i, f) in [low, high].enumerated() {
            for y in f.perYear { #expect(c.line("year.\(y.year).residualIncome")?.values[i] == .money(y.residualIncome)) }
        }
        // German by default: the same figure in every output.
        let de = NumberStyle(.de), html = YearsComparisonReport.htmlSection(c)
        let text = YearsComparisonText.render(c)
        let row = try #require(text.split(separator: "\n").first { $0.contains("Restwerterlös (alle Jahre)") }, "\(text)")
        #expect(row.contains(Comparison.text(total.values[1], de)) && row.contains(Comparison.text(total.delta(1), de)), "\(row)")
        #expect(YearsComparisonText.render(c, language: .en).contains("Residual income (all years)"))
        let figures = OneFigureTests.htmlFigures(html)
        let cells = try #require(figures["residualIncome"], "\(html.prefix(400))")
        let nb = NumberStyle(.de, nonBreaking: true)
        #expect(cells == [Comparison.text(total.values[0], nb), Comparison.text(total.values[1], nb), Comparison.text(total.delta(1), nb)])
        #expect(html.contains("<td>Restwerterlös (alle Jahre)</td>"))
        let euros = [low, high].map { Double(Self.income($0).cents) / 100 }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(YearsComparisonJSON.render(c).utf8)) as? [String: Any])
        let lines = (json["sections"] as? [[String: Any]] ?? []).flatMap { $0["figures"] as? [[String: Any]] ?? [] }
        let line = try #require(lines.first { $0["id"] as? String == "residualIncome" })
        #expect((line["values"] as? [Double]) == euros && line["labelDe"] as? String == "Restwerterlös (alle Jahre)")
        #expect((line["deltas"] as? [Any])?.last as? Double == euros[1] - euros[0])
        let csv = YearsReportSectionTests.csvRows(YearsComparisonJSON.figuresCSV(c))
        let at = try #require(csv[0].firstIndex(of: "low"), "\(csv[0])")
        let csvRow = try #require(csv.first { $0.first == "residualIncome" }, "\(csv.prefix(3))")
        #expect(csvRow[at...].prefix(3).map { Double($0) } == [euros[0], euros[1], euros[1] - euros[0]], "\(csvRow)")
        var book = Workbook(date: Date(timeIntervalSince1970: 0))
        YearsComparisonReport.add(c, to: &book)
        let sheet = try #require(try OneFigureTests.xlsx(book.data())["Vergleich Haushaltsjahre"])
        let sheetRow = try #require(sheet.first { $0.first == "residualIncome" })
        #expect(sheetRow[1] == "Restwerterlös (alle Jahre)" && sheetRow[2...].prefix(3).map { Double($0) } == [euros[0], euros[1], euros[1] - euros[0]], "\(sheetRow)")
    }

    /// Without residual values there is no such line (the comparison as it was).
    @Test func noLineWithoutResidualValues() throws {
        let plain = try YearsComparisonTests.solve()
        let c = YearsComparison([plain, plain], labels: ["a", "b"])
        #expect(c.line("residualIncome") == nil && !c.lines.contains { $0.id.hasSuffix("residualIncome") })
    }
}
