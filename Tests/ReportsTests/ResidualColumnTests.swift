import Foundation
import Testing
@testable import Reports
import TestSupport

/// Issue 19: the residual income (devices leaving service bring their residual value, own money
/// of the first own pool) is a column of its own in every money table of the multi-year plan —
/// the terminal table of `allocate years`, years.json, years-pools.csv, the section
/// "Haushaltsjahre" of report.html and its workbook sheet — with the same figure and sign
/// (positive, as received) everywhere, per pool and year and summed per year. Scenarios without
/// a residual value keep their tables as they were.
@Suite struct ResidualColumnTests {
    static let small = YearsReportSectionTests.small
    static let resale = ["--set", "years.deviceKinds.pupil.residualValue=25"]
    static let run = YearsReportSectionTests.run

    @Test(.enabled(if: AllocateBinary.url != nil)) func theSameResidualIncomeInEveryOutput() throws {
        let dir = try temporaryFolder("years-residual")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runAllocate(["report", Self.small, "--years", "--out", dir, "--lang", "de"] + Self.resale + Self.run)
        #expect(r.code == 0, "\(r.stderr)")
        guard r.code == 0 else { return }
        // The terminal table beside the years.json of the same run (a run of its own may find
        // another plan of the same figures).
        let textDir = dir + "/years"
        let text = try runAllocate(["years", Self.small, "--lang", "de", "--out", textDir] + Self.resale + Self.run)
        #expect(text.code == 0, "\(text.stderr)")
        let textJSON = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: textDir + "/years.json"))) as? [String: Any])
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        let sheets = try OneFigureTests.xlsx(Data(contentsOf: URL(fileURLWithPath: dir + "/report.xlsx")))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/years.json"))) as? [String: Any])
        let csv = YearsReportSectionTests.csvRows(try String(contentsOfFile: dir + "/years-pools.csv", encoding: .utf8))
        let budget = try #require(sheets["Haushaltsjahre 2026–2028"], "sheets: \(sheets.keys.sorted())")

        #expect(csv[0] == ["Topf", "Name", "Jahr", "bewilligt", "Übertrag aus Vorjahr", "Restwerterlös", "verfügbar", "Investition", "Betrieb", "ausgegeben", "übertragen", "verfallen"])
        let english = try runAllocate(["years", Self.small, "--lang", "en", "--out", dir + "/en"] + Self.resale + Self.run)
        #expect(english.code == 0, "\(english.stderr)")
        #expect(english.stdout.contains("of it residual income"))
        let csvEnglish = YearsReportSectionTests.csvRows(try String(contentsOfFile: dir + "/en/years-pools.csv", encoding: .utf8))
        #expect(csvEnglish.first == ["pool", "name", "year", "granted", "carriedIn", "residualIncome", "available", "investment", "operating", "spent", "carriedOut", "lapsed"])
        #expect(budget[0] == ["Jahr", "Topf", "bewilligt", "Übertrag aus Vorjahr", "Restwerterlös", "verfügbar", "Investition", "Betrieb", "ausgegeben", "übertragen", "verfallen"])
        #expect(html.contains("<th class=\"num\">davon Restwerterlös</th>"))
        #expect(text.stdout.contains("davon Restwerterlös"))

        let pools = try #require(json["pools"] as? [[String: Any]])
        var total = 0.0
        for p in pools {
            let year = p["year"] as! Int, name = p["name"] as! String, id = p["pool"] as! String
            let income = try #require(p["income"] as? Double)
            #expect(income >= 0, "\(name) \(year): income is received, never negative")
            total += income
            // granted + carried in + residual income = available, in every output.
            let granted = p["granted"] as! Double, carried = p["carriedIn"] as! Double, available = p["available"] as! Double
            #expect(abs(granted + carried + income - available) < 0.005, "\(name) \(year)")
            let row = try #require(csv.first { $0[0] == id && $0[2] == "\(year)" })
            #expect(Double(row[5]) == income, "CSV \(name) \(year)")
            let sheetRow = try #require(budget.first { $0.count >= 11 && $0[0] == "\(year)" && $0[1] == name }, "\(year) \(name)")
            #expect(Double(sheetRow[4]) == income, "sheet \(name) \(year)")
            let cells = ["available", "income", "investment", "operating", "carriedOut", "lapsed"].map { YearsReportSectionTests.german(p[$0] as! Double) }
            let htmlRow = "<tr><td>\(year)</td><td>\(name)</td>" + cells.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"
            #expect(html.contains(htmlRow), "\(htmlRow)")
        }
        #expect(total > 0, "the old pupil devices (2021, early from 2025) bring income")
        // The terminal row: year, pool, available, residual income (part of it), spent, …
        func plain(_ t: String) -> String { t.replacingOccurrences(of: "\u{a0}", with: " ").replacingOccurrences(of: "\u{202f}", with: " ") }
        for p in try #require(textJSON["pools"] as? [[String: Any]]) {
            let year = p["year"] as! Int, name = p["name"] as! String
            let columns = text.stdout.split(separator: "\n").map(OneFigureTests.columns).first { $0.count == 8 && $0[0] == "\(year)" && $0[1] == name }
            #expect(columns.map { plain($0[2]) } == plain(YearsReportSectionTests.german(p["available"] as! Double)), "terminal \(name) \(year): \(columns ?? [])")
            #expect(columns.map { plain($0[3]) } == plain(YearsReportSectionTests.german(p["income"] as! Double)), "terminal \(name) \(year): \(columns ?? [])")
        }
        // Per year: the sum of the pools' income, as the sheet's row "alle Töpfe" and the JSON's years.
        for y in try #require(json["years"] as? [[String: Any]]) {
            let year = y["year"] as! Int, income = try #require(y["income"] as? Double)
            let these = pools.filter { $0["year"] as? Int == year }.reduce(0.0) { $0 + ($1["income"] as! Double) }
            #expect(abs(these - income) < 0.005, "\(year)")
            let sum = try #require(budget.first { $0.count >= 11 && $0[0] == "\(year)" && $0[1] == "alle Töpfe" })
            #expect(Double(sum[4]) == income, "\(year)")
        }
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func noColumnWithoutAResidualValue() throws {
        let r = try runAllocate(["years", Self.small, "--lang", "de", "--json"] + Self.run)
        #expect(r.code == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((json["years"] as? [[String: Any]])?.allSatisfy { $0["income"] == nil } == true)
        let text = try runAllocate(["years", Self.small, "--lang", "de"] + Self.run)
        #expect(!text.stdout.contains("Restwerterlös"))
    }
}
