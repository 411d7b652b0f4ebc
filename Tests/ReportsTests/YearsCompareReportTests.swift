import Foundation
import Testing
@testable import Reports
import TestSupport

/// Issue 19: comparing multi-year plans in the council report, and refusing to compare a
/// multi-year plan with a one-year plan.
/// - `allocate report --years --compare` sets the multi-year plans side by side in report.html
///   (a section) and report.xlsx (a sheet) with the figures and signs of `allocate compare` on
///   the same years scenarios (`YearsComparison`, Δ = scenario − baseline).
/// - `allocate compare` of a years scenario with one without a `years:` section (either way
///   round), and `report --years --compare` with such a scenario, is a user error naming each
///   file, what it has and what is allowed, in German by default and in English; before,
///   `compare` silently compared the one-year plans.
@Suite struct YearsCompareReportTests {
    static let run = YearsReportSectionTests.run
    /// `compare` has no --generated-at.
    static let plain = ["--time-limit", "10", "--no-history"]
    static let oneYear = Paths.fixture("valid/small.yaml")

    /// The small years scenario and a copy whose DigitalPakt money comes a year late, side by side.
    static func scenarios() throws -> (dir: String, base: String, late: String) {
        let dir = try temporaryFolder("years-compare")
        let source = (Paths.fixture("years/small.yaml") as NSString).deletingLastPathComponent
        try FileManager.default.copyItem(atPath: source + "/data", toPath: dir + "/data")
        let yaml = try String(contentsOfFile: source + "/small.yaml", encoding: .utf8)
        try yaml.write(toFile: dir + "/base.yaml", atomically: true, encoding: .utf8)
        let late = yaml.replacingOccurrences(of: "money: [20_000, 15_000, 10_000]", with: "money: [0, 20_000, 15_000]")
        #expect(late != yaml)
        try late.write(toFile: dir + "/late.yaml", atomically: true, encoding: .utf8)
        return (dir, dir + "/base.yaml", dir + "/late.yaml")
    }

    static func number(_ v: Any?) -> Double? { (v as? NSNumber)?.doubleValue ?? (v as? String).flatMap(Double.init) }

    /// The baseline's figure of a comparison line, from the years document of the same plan.
    static func baseline(_ id: String, _ doc: [String: Any]) -> Double? {
        let parts = id.split(separator: ".").map(String.init)
        func find(_ list: String, _ match: [String: Any]) -> [String: Any]? {
            (doc[list] as? [[String: Any]])?.first { o in match.allSatisfy { k, v in "\(o[k] ?? "")" == "\(v)" } }
        }
        switch (parts.first ?? "", parts.count) {
        case ("pool", 4): return number(find("pools", ["pool": parts[1], "year": parts[2]])?[parts[3]])
        case ("kind", 4): return number(find("deviceKinds", ["kind": parts[1], "year": parts[2]])?[parts[3]])
        case ("year", 3): return number(find("years", ["year": parts[1]])?[parts[2]])
        case ("deviceYears", 1): return number(doc["coveredDeviceYears"])
        case (_, 1): return number(doc[id])
        default: return nil
        }
    }

    /// The same lines, in the same order, as `allocate compare` of the two years scenarios; the
    /// baseline column is the report's own years plan (years.json of the same run); every Δ is
    /// [2] − [1] with the sign the HTML cell's class shows; the figures that do not depend on the
    /// solve (money granted, need) are compare's exactly. (Two runs may find different plans of
    /// the same stage values, so solved figures are checked within the run.)
    @Test(.enabled(if: AllocateBinary.url != nil)) func theReportComparesTheYearsPlansAsCompareDoes() throws {
        let s = try Self.scenarios()
        defer { try? FileManager.default.removeItem(atPath: s.dir) }
        let out = s.dir + "/out"
        let r = try runAllocate(["report", s.base, "--years", "--compare", s.late, "--out", out] + Self.run)
        #expect(r.code == 0, "\(r.stderr)")
        guard r.code == 0 else { return }
        let c = try runAllocate(["compare", s.base, s.late, "--json"] + Self.plain)
        #expect(c.code == 0, "\(c.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(c.stdout.utf8)) as? [String: Any])
        let lines = try #require(document["sections"] as? [[String: Any]]).flatMap { $0["figures"] as? [[String: Any]] ?? [] }
        #expect(lines.count > 20)
        let years = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/years.json"))) as? [String: Any])

        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let section = try #require(html.range(of: "<section class=\"comparison years-comparison\">").flatMap { start in
            html[start.lowerBound...].range(of: "</section>").map { String(html[start.lowerBound..<$0.upperBound]) }
        })
        #expect(section.contains("<h2>Vergleich der Mehrjahrespläne</h2>"))
        let rows = OneFigureTests.htmlFigures(section)
        let sheets = try OneFigureTests.xlsx(Data(contentsOf: URL(fileURLWithPath: out + "/report.xlsx")))
        let sheet = try #require(sheets["Vergleich Haushaltsjahre"], "\(sheets.keys.sorted())")
        let sheetIDs = sheet.dropFirst().compactMap { $0.first }.filter { !$0.isEmpty && !$0.hasPrefix("Δ") }
        #expect(Array(sheetIDs.prefix(lines.count)) == lines.compactMap { $0["id"] as? String }, "the same lines in the same order")
        var changed = 0, fixed = 0, checked = 0
        for line in lines {
            let id = try #require(line["id"] as? String)
            let values = try #require(line["values"] as? [Any]), deltas = try #require(line["deltas"] as? [Any])
            let cells = try #require(rows[id], "HTML row \(id)")
            let row = try #require(sheet.first { $0.first == id }, "sheet row \(id)")
            #expect(cells.count == 3 && row.count >= 5, "\(id): \(cells) \(row)")
            guard cells.count == 3, row.count >= 5 else { continue }
            #expect(row[1] == line["labelDe"] as? String, "\(id)")
            let isShare = line["shown"] != nil
            let v1 = Double(row[2]), v2 = Double(row[3]), d = Double(row[4])
            if !isShare, let v1, let v2 {
                // Δ = scenario − baseline, and the HTML cell's class says its sign.
                #expect(abs((d ?? .nan) - (v2 - v1)) < 0.005, "sheet Δ \(id)")
                let sign = v2 > v1 ? "gain" : v2 < v1 ? "loss" : "same"
                #expect(section.range(of: "data-figure=\"\(id)\"><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td class=\"\(sign)\">", options: .regularExpression) != nil,
                        "\(id): Δ is \(sign)")
                if v1 != v2 { changed += 1 }
                if id.contains("pool.") || id.hasPrefix("year.") || id == "ownMoney" {
                    #expect(cells[0] == YearsReportSectionTests.german(v1) && cells[1] == YearsReportSectionTests.german(v2), "HTML \(id): \(cells)")
                }
                // The baseline is the report's own years plan.
                if let b = Self.baseline(id, years) { #expect(abs(b - v1) < 0.005, "baseline \(id): \(b) vs \(v1)"); checked += 1 }
                // Figures the solve does not choose: compare's exactly, Δ included.
                if id.hasSuffix(".granted") || id.hasSuffix(".need") {
                    #expect(Self.number(values[0]) == v1 && Self.number(values[1]) == v2 && Self.number(deltas[1]) == d, "\(id) as compare has it")
                    fixed += 1
                }
            }
        }
        #expect(changed > 0 && fixed > 10 && checked > 20, "changed \(changed), fixed \(fixed), checked \(checked)")
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func aYearsPlanBesideAOneYearPlanIsRefused() throws {
        let years = Paths.fixture("years/small.yaml")
        for (first, second) in [(years, Self.oneYear), (Self.oneYear, years)] {
            let de = try runAllocate(["compare", first, second, "--lang", "de"] + Self.plain)
            #expect(de.code != 0 && de.stdout.isEmpty)
            #expect(de.stderr.contains("\(years): mit Abschnitt „years“ (Mehrjahresplan)") && de.stderr.contains("\(Self.oneYear): ohne Abschnitt „years“ (Einjahresplan)"), "\(de.stderr)")
            #expect(de.stderr.contains("erlaubt: alle Szenarien mit einem Abschnitt „years“"), "\(de.stderr)")
            let en = try runAllocate(["compare", first, second, "--lang", "en"] + Self.plain)
            #expect(en.code == de.code)
            #expect(en.stderr.contains("\(years): with a 'years' section (multi-year plan)") && en.stderr.contains("\(Self.oneYear): without a 'years' section (one-year plan)"), "\(en.stderr)")
            #expect(en.stderr.contains("allowed: every scenario with a 'years' section"), "\(en.stderr)")
        }
        let dir = try temporaryFolder("years-compare-refused")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try runAllocate(["report", years, "--years", "--compare", Self.oneYear, "--out", dir, "--lang", "en"] + Self.run)
        #expect(report.code != 0)
        #expect(report.stderr.contains("report --years --compare") && report.stderr.contains("\(Self.oneYear): without a 'years' section"), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/report.html"))
        // Without --years the report compares the one-year plans, as before.
        let plain = try runAllocate(["report", years, "--compare", Self.oneYear, "--out", dir] + Self.run)
        #expect(plain.code == 0, "\(plain.stderr)")
    }
}
