import Foundation
import Testing
import Reports
import TestSupport

/// `allocate report --calibration`: the council report's calibration section shows the figures
/// `allocate calibrate --json` gives for the same inputs, in the report's number style.
@Suite struct CalibrationReportSectionTests {
    @Test(.enabled(if: AllocateBinary.url != nil)) func reportSectionMatchesTheCalibrateJSON() throws {
        let observed = "Scenarios/data/dortmund-loan-devices-2021-observed.csv"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calibreport-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try runAllocate(["report", "--calibration", observed, "--out", dir.path])
        #expect(report.code == 0, "\(report.stderr)")
        let calibrate = try runAllocate(["calibrate", "--observed", observed, "--json"])
        #expect(calibrate.code == 0, "\(calibrate.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(calibrate.stdout.utf8)) as? [String: Any])
        let f = NumberStyle(.de, nonBreaking: true)
        func pct(_ v: Any?) -> String {
            guard let x = v as? Double else { return "–" }
            return (f.percent(x, digits: 2) != f.percent(0, digits: 2) && x > 0 ? "+" : "") + f.percent(x, digits: 2)
        }
        #expect(html.contains("<h2>Kalibrierung des Bedarfsmodells</h2>"))
        let groups = try #require(doc["groups"] as? [[String: Any]])
        #expect(!groups.isEmpty)
        for g in groups {
            let kind = try #require(g["kind"] as? String), key = try #require(g["key"] as? String)
            let start = try #require(html.range(of: "<tr data-group=\"\(kind):\(key)\">"), "no row for \(kind):\(key)")
            let row = String(html[start.upperBound...].prefix { $0 != "\n" })
            let cells = [f.int(g["observed"] as! Int), f.int(g["before"] as! Int), f.int(g["after"] as! Int), f.delta(g["absoluteError"] as! Int),
                         pct(g["relativeError"]), (g["leaveOneOut"] as? Double).map { f.number($0, digits: 1) } ?? "–", pct(g["leaveOneOutRelativeError"])]
            #expect(row.contains("</td><td>" + cells.joined(separator: "</td><td>") + "</td></tr>"), "\(kind):\(key): \(row) vs \(cells)")
        }
        let mape = [doc["mapeBefore"], doc["mapeAfter"], doc["mapeLeaveOneOut"]].map { ($0 as? Double).map { f.percent($0, digits: 2) } ?? "–" }
        #expect(html.contains("</td><td>" + mape.joined(separator: "</td><td>") + "</td></tr>"), "MAPE \(mape)")
        // Spearman: two decimals in the report, four in the JSON.
        let spearmanRow = try #require(html.range(of: "<tr data-figure=\"spearman\">")).upperBound
        let shown = html[spearmanRow...].prefix { $0 != "\n" }.components(separatedBy: "<td>").dropFirst(2).prefix(2)
            .map { Double($0.replacingOccurrences(of: "</td>", with: "").replacingOccurrences(of: "</tr>", with: "").replacingOccurrences(of: ",", with: ".")) }
        for (value, key) in zip(shown, ["spearmanBefore", "spearmanAfter"]) {
            let json = try #require(doc[key] as? Double), v = try #require(value, "\(key) not a number in the report")
            #expect(abs(v - json) <= 0.0051, "\(key): report \(v), JSON \(json)")
        }
        for p in try #require(doc["parameters"] as? [[String: Any]]) {
            let key = try #require(p["key"] as? String)
            let before = (p["before"] as! String).replacingOccurrences(of: ".", with: ","), after = (p["after"] as! String).replacingOccurrences(of: ".", with: ",")
            // The parameter by its German label, its key path only as the last column's hint.
            let start = try #require(html.range(of: "<tr data-parameter=\"\(key)\"><td>"), "no row for \(key)")
            let row = String(html[start.upperBound...].prefix { $0 != "\n" })
            #expect(row.contains("</td><td>\(before)</td><td>\(after)</td>") && row.hasSuffix("<td class=\"key\">\(key)</td></tr>"), "\(key): \(row)")
            #expect(!row.hasPrefix(key) && (row.hasPrefix("Anteil mit Bedarf, Stufe ") || row.hasPrefix("Faktor der Schulform: ") || row.hasPrefix("Stufe ohne Sozialindex")), "\(key): \(row)")
        }
        let fewer = (doc["observations"] as! Int) < (doc["freeParameters"] as! Int)
        #expect(html.contains("freie Parameter: die Daten allein bestimmen die Anpassung nicht") == fewer)
        #expect(html.contains(observed), "the observed file is among the audit's inputs")
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func fitWithoutCalibrationIsRefused() throws {
        let r = try runAllocate(["report", "--fit", "need.pupilShareByLevel", "--out", FileManager.default.temporaryDirectory.appendingPathComponent("x-\(UUID().uuidString)").path])
        #expect(r.code == 1)
        #expect(r.stderr.contains("--fit: found without --calibration"), "\(r.stderr)")
    }
}
