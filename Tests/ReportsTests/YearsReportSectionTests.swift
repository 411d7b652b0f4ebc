import Foundation
import Testing
@testable import Reports
import TestSupport

/// `allocate report --years` (issue 19): the section "Haushaltsjahre …" in report.html, its
/// sheets in report.xlsx, and the years plan files of the same run hold the same figures, with
/// the same value and sign (one `YearsFigures`): every pool-year's money, every kind-year's
/// devices, the smallest coverage per year, the coverage per school form and district.
@Suite struct YearsReportSectionTests {
    static let small = "Tests/AllocationTests/Fixtures/years/small.yaml"
    static let run = ["--time-limit", "10", "--no-history", "--generated-at", "2026-12-01T23:32:06Z"]

    struct Outputs {
        var dir: String
        var html: String
        var section: String
        var sheets: [String: [[String]]]
        var json: [String: Any]
        var code: Int32
        var stdout: String
        var stderr: String
    }

    static func report(_ language: String) throws -> Outputs {
        let dir = try temporaryFolder("years-report")
        let r = try runAllocate(["report", small, "--years", "--out", dir, "--lang", language] + run)
        guard r.code == 0 else { return Outputs(dir: dir, html: "", section: "", sheets: [:], json: [:], code: r.code, stdout: r.stdout, stderr: r.stderr) }
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        let section = html.range(of: "<section class=\"years\">").flatMap { start in
            html[start.lowerBound...].range(of: "</section>").map { String(html[start.lowerBound..<$0.upperBound]) }
        } ?? ""
        let sheets = try OneFigureTests.xlsx(Data(contentsOf: URL(fileURLWithPath: dir + "/report.xlsx")))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/years.json"))) as? [String: Any] ?? [:]
        return Outputs(dir: dir, html: html, section: section, sheets: sheets, json: json, code: r.code, stdout: r.stdout, stderr: r.stderr)
    }

    static func csvRows(_ text: String) -> [[String]] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Euros as the German report shows them: "1.234,50 €" (no-break space before €).
    static func german(_ euros: Double) -> String {
        let cents = Int((euros * 100).rounded())
        var whole = String(abs(cents) / 100), grouped = ""
        while whole.count > 3 { grouped = "." + whole.suffix(3) + grouped; whole = String(whole.dropLast(3)) }
        return (cents < 0 ? "-" : "") + whole + grouped + "," + String(format: "%02d", abs(cents) % 100) + "\u{a0}€"
    }

    /// A share as shown (rounded down to 0.1 %): "60,0 %" / the workbook's value "0.600".
    static func permille(_ share: Double) -> Int { Int((share * 1000 + 1e-9).rounded(.down)) }
    static func germanShare(_ share: Double) -> String {
        let p = permille(share)
        return "\(p / 10),\(p % 10)\u{a0}%"
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func sectionSheetsAndYearsFilesHoldTheSameFigures() throws {
        let o = try Self.report("de")
        defer { try? FileManager.default.removeItem(atPath: o.dir) }
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout.contains("years.json") && o.stdout.contains("years-groups.csv"), "\(o.stdout)")
        #expect(o.section.contains("<h2>Haushaltsjahre 2026–2028</h2>"))
        #expect(o.html.contains("<span>Haushaltsjahre</span>"), "the first page lists the section")
        // The charts: the money axis in Tsd. € (the small city spends less than a million a
        // year), one devices panel per kind, operating cost hatched.
        #expect(o.section.contains(">Tsd. €</text>") && o.section.contains("class=\"chart years-money\"") && o.section.contains("class=\"chart years-devices\""))
        let budget = try #require(o.sheets["Haushaltsjahre 2026–2028"], "sheets: \(o.sheets.keys.sorted())")
        let coverage = try #require(o.sheets["Deckung je Jahr"])
        #expect(budget[0] == ["Jahr", "Topf", "bewilligt", "Übertrag aus Vorjahr", "verfügbar", "Investition", "Betrieb", "ausgegeben", "übertragen", "verfallen"])

        // Money per pool and year: years.json = years-pools.csv = the sheet = the section's table.
        let pools = try #require(o.json["pools"] as? [[String: Any]])
        #expect(pools.count == 6)
        let poolCSV = Self.csvRows(try String(contentsOfFile: o.dir + "/years-pools.csv", encoding: .utf8))
        let keys = ["granted", "carriedIn", "available", "investment", "operating", "spent", "carriedOut", "lapsed"]
        var operating = false
        for p in pools {
            let year = p["year"] as! Int, name = p["name"] as! String
            let row = try #require(budget.first { $0.count >= 10 && $0[0] == "\(year)" && $0[1] == name }, "\(year) \(name)")
            let csv = try #require(poolCSV.first { $0[0] == p["pool"] as? String && $0[2] == "\(year)" })
            for (i, key) in keys.enumerated() {
                let value = try #require(p[key] as? Double)
                #expect(value >= 0, "\(name) \(year) \(key) is never negative")
                #expect(Double(row[2 + i]) == value, "sheet \(name) \(year) \(key)")
                #expect(Double(csv[3 + i]) == value, "CSV \(name) \(year) \(key)")
            }
            let htmlRow = "<tr><td>\(year)</td><td>\(name)</td>" + ["available", "investment", "operating", "carriedOut", "lapsed"]
                .map { "<td class=\"num\">" + Self.german(p[$0] as! Double) + "</td>" }.joined() + "</tr>"
            #expect(o.section.contains(htmlRow), "\(htmlRow)")
            if (p["operating"] as! Double) > 0 { operating = true }
        }
        // Operating cost is hatched in its pool's pattern exactly when some pool-year has it.
        #expect(o.section.contains("fill=\"url(#years-op-") == operating)

        // Per year: investment and operating cost, the sums of all pools, the smallest coverage.
        let years = try #require(o.json["years"] as? [[String: Any]])
        for y in years {
            let year = y["year"] as! Int, investment = y["investment"] as! Double, op = y["operating"] as! Double
            let sum = try #require(budget.first { $0.count >= 10 && $0[0] == "\(year)" && $0[1] == "alle Töpfe" })
            #expect(Double(sum[5]) == investment && Double(sum[6]) == op && abs(Double(sum[7])! - investment - op) < 0.005)
            let these = pools.filter { $0["year"] as? Int == year }
            #expect(abs(these.reduce(0) { $0 + ($1["investment"] as! Double) } - investment) < 0.005)
            let share = try #require(y["smallestCoverage"] as? Double)
            let cell = try #require(budget.first { $0.count == 2 && $0[0] == "\(year)" }, "smallest coverage \(year)")
            #expect(Int((Double(cell[1])! * 1000).rounded()) == Self.permille(share), "\(year)")
            #expect(o.section.contains("<tr><td>\(year)</td><td class=\"num\">\(Self.germanShare(share))</td><td class=\"num\">\(Self.german(investment))</td><td class=\"num\">\(Self.german(op))</td></tr>"),
                    "\(year)")
        }

        // Devices per kind and year: the sheet's block and the section's table.
        let labels = ["pupil": "Pupil device", "teacher": "Teacher device"]
        for k in try #require(o.json["deviceKinds"] as? [[String: Any]]) {
            let year = k["year"] as! Int, label = labels[k["kind"] as! String]!
            let counts = ["need", "bought", "retired", "inService"].map { k[$0] as! Int }
            let row = try #require(budget.first { $0.count == 6 && $0[0] == "\(year)" && $0[1] == label }, "\(label) \(year)")
            #expect(row.dropFirst(2).map { Int($0) } == counts, "\(label) \(year)")
            #expect(o.section.contains("<tr><td>\(year)</td><td>\(label)</td>" + counts.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"))
        }

        // Coverage per school form and district: years.json = years-groups.csv = the sheet = the
        // section's cells; the least of a grouping's smallest coverages is the year's.
        let groups = try #require(o.json["groups"] as? [[String: Any]])
        let expectedGroups = 8 * 2 * 3
        #expect(groups.count == expectedGroups, "3 forms, 2 districts and 3 social-index levels × 2 kinds × 3 years")
        let groupCSV = Self.csvRows(try String(contentsOfFile: o.dir + "/years-groups.csv", encoding: .utf8))
        #expect(groupCSV[0] == ["Gliederung", "Gruppe", "Geräteart", "Jahr", "Schulen", "Bedarf", "im Einsatz", "gedeckter Bedarf", "Deckung", "kleinste Deckung"])
        let words = ["form": "Schulform", "district": "Stadtbezirk", "level": "Sozialindex-Stufe"]
        for g in groups {
            let grouping = words[g["grouping"] as! String]!, group = g["group"] as! String, kind = g["kind"] as! String, year = g["year"] as! Int
            let need = g["need"] as! Int, inService = g["inService"] as! Int, covered = g["covered"] as! Int
            #expect(covered <= need && covered <= inService && covered >= 0)
            let csv = try #require(groupCSV.first { $0[0] == grouping && $0[1] == group && $0[2] == kind && $0[3] == "\(year)" })
            #expect(csv[5...7].map { Int($0) } == [need, inService, covered])
            // The same exact text in both files (Foundation's JSON reader may differ from Double(_:) in the last bit).
            func same(_ text: String, _ value: Any?) -> Bool { abs((Double(text) ?? -1) - ((value as? Double) ?? -2)) < 1e-12 }
            #expect(same(csv[8], g["coverage"]) && same(csv[9], g["smallestCoverage"]), "\(csv)")
            let row = try #require(coverage.first { $0.count >= 8 && $0[0] == grouping && $0[1] == group && $0[2] == labels[kind] && $0[3] == "\(year)" })
            #expect(row[5...7].map { Int($0) } == [need, inService, covered])
            if let c = g["coverage"] as? Double, let least = g["smallestCoverage"] as? Double {
                #expect(Int((Double(row[8])! * 1000).rounded()) == Self.permille(c))
                #expect(Int((Double(row[9])! * 1000).rounded()) == Self.permille(least))
                #expect(o.section.contains("<td class=\"num\">\(Self.germanShare(c))<br><span class=\"min\">min. \(Self.germanShare(least))</span></td>"))
            }
        }
        let kindYears = try #require(o.json["deviceKinds"] as? [[String: Any]])
        for (grouping, _) in words {
            for y in years {
                let year = y["year"] as! Int
                let these = groups.filter { $0["grouping"] as? String == grouping && $0["year"] as? Int == year }
                let least = these.compactMap { $0["smallestCoverage"] as? Double }.min()
                #expect(least == y["smallestCoverage"] as? Double, "\(grouping) \(year)")
                for k in kindYears where k["year"] as? Int == year {
                    let mine = these.filter { $0["kind"] as? String == k["kind"] as? String }
                    #expect(mine.reduce(0) { $0 + ($1["need"] as! Int) } == k["need"] as? Int)
                    #expect(mine.reduce(0) { $0 + ($1["inService"] as! Int) } == k["inService"] as? Int)
                }
            }
        }
    }

    /// German by default, English with --lang en: the section and its sheets show no label of
    /// the other language (the language layer's label table).
    @Test(.enabled(if: AllocateBinary.url != nil), arguments: ["de", "en"]) func sectionInOneLanguage(_ language: String) throws {
        let o = try Self.report(language)
        defer { try? FileManager.default.removeItem(atPath: o.dir) }
        #expect(o.code == 0, "\(o.stderr)")
        let de = language == "de"
        let title = de ? "Haushaltsjahre 2026–2028" : "Budget years 2026–2028"
        #expect(o.section.contains("<h2>\(title)</h2>"))
        #expect(o.section.contains(de ? ">Tsd. €</text>" : ">€ thousand</text>"))
        #expect(o.sheets[title] != nil && o.sheets[de ? "Deckung je Jahr" : "Coverage per year"] != nil, "\(o.sheets.keys.sorted())")
        // Names are data, not labels: schools, districts, forms, pools, kinds, the scenario.
        let schools = Self.csvRows(try String(contentsOfFile: o.dir + "/years.csv", encoding: .utf8)).dropFirst().map { $0[1] }
        let groups = Self.csvRows(try String(contentsOfFile: o.dir + "/years-groups.csv", encoding: .utf8)).dropFirst().map { $0[1] }
        let pools = (o.json["pools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let data = schools + groups + pools + ["Pupil device", "Teacher device", "Small years city", "DigitalPakt"]
        let of = Words(language: de ? .en : .de), mine = Words(language: de ? .de : .en)
        let foreign = (Words.yearsLabels + [\Words.form, \.district, \.schools, \.needed, \.spent, \.granted]).compactMap { key in
            of[keyPath: key] == mine[keyPath: key] ? nil : of[keyPath: key]
        }
        #expect(foreign.count > 25)
        let sheetText = [title, de ? "Deckung je Jahr" : "Coverage per year"].flatMap { o.sheets[$0] ?? [] }.flatMap { $0 }.joined(separator: "\n")
        for (name, text) in [("section", o.section), ("sheets", sheetText)] {
            let found = ForeignLabels.found(in: text, labels: foreign, data: data)
            #expect(found.isEmpty, "\(name) (\(language)) shows \(found)")
        }
    }

    /// --years needs a `years:` section; a years plan that cannot be made writes no file at
    /// all (the report and the years files are one set, written whole or not at all).
    @Test(.enabled(if: AllocateBinary.url != nil)) func refusedWithoutYearsOrWithoutAPlanAndNothingIsWritten() throws {
        let dir = try temporaryFolder("years-report-refused")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let none = try runAllocate(["report", "Tests/AllocationTests/Fixtures/valid/small.yaml", "--years", "--out", dir + "/a"] + Self.run)
        #expect(none.code == 1 && none.stderr.contains("--years needs a 'years' section in the scenario"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/a/report.html"))
        let short = try runAllocate(["report", Self.small, "--years", "--set", "years.pools.stadt.money=100", "--lang", "de", "--out", dir + "/b"] + Self.run)
        #expect(short.code == 2, "\(short.stderr)")
        #expect(short.stderr.contains("Die Eigenmittel von 2026 sind um"), "\(short.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir + "/b")) ?? []).isEmpty)
        // Without --years the report has no years section and writes no years files.
        let plain = try runAllocate(["report", Self.small, "--out", dir + "/c"] + Self.run)
        #expect(plain.code == 0, "\(plain.stderr)")
        #expect(!(try String(contentsOfFile: dir + "/c/report.html", encoding: .utf8)).contains("class=\"years\""))
        #expect(!FileManager.default.fileExists(atPath: dir + "/c/years.json"))
    }
}
