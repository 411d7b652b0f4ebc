import Foundation
import Testing
import TestSupport

/// `allocate years` as a user runs it, on a three-school, three-year scenario that solves in
/// seconds: terminal text in German and English, `--json`, the CSV files, one figure one value
/// across them, refusals, the run history.
@Suite struct YearsCommandTests {
    static let small = "Tests/AllocationTests/Fixtures/years/small.yaml"
    static let limit = ["--time-limit", "10"]

    static func csvRows(_ text: String) -> [[String]] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// One run writes the terminal text, years.json and the CSVs: every money figure of every
    /// pool-year, every device count of every kind-year, and the smallest coverage per year
    /// are the same value in all of them.
    @Test(.enabled(if: AllocateBinary.url != nil)) func terminalJSONAndCSVAgree() throws {
        let dir = try temporaryFolder("years-out")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runAllocate(["years", Self.small, "--out", dir, "--lang", "de", "--no-history"] + Self.limit)
        #expect(r.code == 0, "\(r.stderr)")
        let text = r.stdout
        #expect(FileManager.default.fileExists(atPath: dir + "/years.xlsx"))
        let html = try String(contentsOfFile: dir + "/years.html", encoding: .utf8)
        #expect(html.contains("<h2>Haushaltsjahre 2026–2028</h2>"))
        #expect(text.contains("Mehrjahresplan 2026–2028") && text.contains("Geld je Topf und Jahr") && text.contains("Geräte je Art und Jahr"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/years.json"))) as? [String: Any])
        let pools = try #require(json["pools"] as? [[String: Any]])
        #expect(pools.count == 6)
        let poolCSV = Self.csvRows(try String(contentsOfFile: dir + "/years-pools.csv", encoding: .utf8))
        #expect(poolCSV[0] == ["Topf", "Name", "Jahr", "bewilligt", "Übertrag aus Vorjahr", "verfügbar", "Investition", "Betrieb", "ausgegeben", "übertragen", "verfallen"])
        let lines = text.split(separator: "\n").map(String.init)
        func german(_ euros: Double) -> String {
            let cents = Int((euros * 100).rounded())
            var whole = String(cents / 100), grouped = ""
            while whole.count > 3 { grouped = "." + whole.suffix(3) + grouped; whole = String(whole.dropLast(3)) }
            return whole + grouped + "," + String(format: "%02d", cents % 100) + " €"
        }
        for p in pools {
            let year = p["year"] as! Int, name = p["name"] as! String
            // The CSV row of this pool-year.
            let row = try #require(poolCSV.first { $0[0] == p["pool"] as? String && $0[2] == "\(year)" })
            for (column, key) in [(3, "granted"), (4, "carriedIn"), (5, "available"), (6, "investment"), (7, "operating"), (8, "spent"), (9, "carriedOut"), (10, "lapsed")] {
                #expect(Double(row[column]) == p[key] as? Double, "\(name) \(year) \(key)")
            }
            // The terminal line of this pool-year: available, spent, operating, carried, lapsed.
            let line = try #require(lines.first { $0.hasPrefix("\(year)  \(name)") }, "\(year) \(name)")
            let expected = ["available", "spent", "operating", "carriedOut", "lapsed"].map { german(p[$0] as! Double) }
            let cells = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            #expect(Array(cells.suffix(5)) == expected, "\(line)")
            // The report section's row of this pool-year: the same figures (no-break space before €).
            let htmlRow = "<tr><td>\(year)</td><td>\(name)</td>" + ["available", "investment", "operating", "carriedOut", "lapsed"]
                .map { "<td class=\"num\">" + german(p[$0] as! Double).replacingOccurrences(of: " €", with: "\u{a0}€") + "</td>" }.joined() + "</tr>"
            #expect(html.contains(htmlRow), "\(htmlRow)")
            // Granted + carried in = spent + carried out + lapsed, to the cent.
            let balance = (p["granted"] as! Double) + (p["carriedIn"] as! Double) - (p["spent"] as! Double) - (p["carriedOut"] as! Double) - (p["lapsed"] as! Double)
            #expect(abs(balance) < 0.005)
        }
        // Devices per kind and year: JSON = sums of the school rows of years.csv = the terminal's line.
        let rows = Self.csvRows(try String(contentsOfFile: dir + "/years.csv", encoding: .utf8))
        #expect(rows[0] == ["Schulnummer", "Schule", "Geräteart", "Jahr", "Bedarf", "gekauft", "ausgeschieden", "im Einsatz", "Deckung"])
        #expect(rows.count == 1 + 3 * 2 * 3)
        let labels = ["pupil": "Pupil device", "teacher": "Teacher device"]
        for k in try #require(json["deviceKinds"] as? [[String: Any]]) {
            let kind = k["kind"] as! String, year = k["year"] as! Int
            let these = rows.dropFirst().filter { $0[2] == kind && $0[3] == "\(year)" }
            #expect(these.count == 3)
            for (column, key) in [(4, "need"), (5, "bought"), (6, "retired"), (7, "inService")] {
                #expect(these.reduce(0) { $0 + Int($1[column])! } == k[key] as? Int, "\(kind) \(year) \(key)")
            }
            let line = try #require(lines.first { $0.hasPrefix("\(year)  \(labels[kind]!)") })
            let cells = line.components(separatedBy: " ").filter { !$0.isEmpty }
            #expect(Array(cells.suffix(4)) == ["need", "bought", "retired", "inService"].map { "\(k[$0] as! Int)" }, "\(line)")
        }
        // The smallest coverage per year: the least of the school rows' coverage (JSON and CSV).
        for y in try #require(json["years"] as? [[String: Any]]) {
            let year = y["year"] as! Int
            let least = rows.dropFirst().filter { $0[3] == "\(year)" && !$0[8].isEmpty }.map { Double($0[8])! }.min()
            #expect(least == y["smallestCoverage"] as? Double, "\(year)")
        }
        // The status is honest: "optimal" only when every stage says so.
        let stages = try #require((json["solver"] as? [String: Any])?["stages"] as? [[String: Any]])
        #expect(stages.count == 4)
        let allOptimal = stages.allSatisfy { $0["status"] as? String == "optimal" }
        #expect((json["status"] as? String == "optimal") == allOptimal)
        #expect(text.contains("Status: optimal") == allOptimal)
        if !allOptimal { #expect(text.contains("bewiesene Schranke")) }
        // The status names the verified smallest coverage, the figure of the line below it.
        let smallest = try #require(lines.first { $0.hasPrefix("Kleinste Bedarfsdeckung über alle Jahre: ") }).dropFirst(41)
        if stages[0]["status"] as? String != "optimal" { #expect(text.contains("Stufe „kleinste Bedarfsdeckung“: \(smallest),")) }
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func englishTextAndJSON() throws {
        let en = try runAllocate(["years", Self.small, "--lang", "en", "--no-history"] + Self.limit)
        #expect(en.code == 0, "\(en.stderr)")
        for words in ["Multi-year plan 2026–2028", "Money per pool and year", "Devices per kind and year", "Smallest coverage over all years"] {
            #expect(en.stdout.contains(words), "\(words)")
        }
        #expect(!en.stdout.contains("Geld je Topf"))
        let json = try runAllocate(["years", Self.small, "--json", "--no-history"] + Self.limit)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(doc["firstYear"] as? Int == 2026 && doc["lastYear"] as? Int == 2028)
        #expect((doc["schools"] as? [Any])?.count == 18)
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func refusalsAndInfeasibleYearsInBothLanguages() throws {
        let bad = try runAllocate(["years", Self.small, "--set", "years.pools.pakt.pays=[operating]", "--lang", "de", "--no-history"])
        #expect(bad.code == 1)
        #expect(bad.stderr.hasPrefix("Fehler: --set years.pools.pakt.pays=[operating]: years.pools.pakt.pays: „operating“ gefunden"), "\(bad.stderr)")
        let short = try runAllocate(["years", Self.small, "--set", "years.pools.stadt.money=100", "--lang", "en", "--no-history"])
        #expect(short.code == 2)
        #expect(short.stderr.contains("The own money of 2026 is 1,970.00 € short for the running cost of the 69 devices that must stay in service"), "\(short.stderr)")
        // validate checks the section too: its line, and the inventory file among the files read.
        let valid = try runAllocate(["validate", Self.small, "--lang", "en"])
        #expect(valid.code == 0 && valid.stdout.contains("budget years 2026–2028: 2 pools, 2 device kinds, inventory of 138 devices"), "\(valid.stdout)")
        #expect(valid.stdout.contains("inventory.csv"))
        let invalid = try runAllocate(["validate", Self.small, "--set", "years.pools.pakt.money=[1, 2]"])
        #expect(invalid.code == 1 && invalid.stderr.contains("years.pools.pakt.money"))
        let none = try runAllocate(["years", "Tests/AllocationTests/Fixtures/valid/small.yaml", "--no-history"])
        #expect(none.code == 1 && none.stderr.contains("years"))
    }

    /// The run is recorded in the history (#20) like solve's: command `years`, its status.
    @Test(.enabled(if: AllocateBinary.url != nil)) func theRunIsRecorded() throws {
        let dir = try temporaryFolder("years-history")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let history = dir + "/h.sqlite"
        let r = try runAllocate(["years", Self.small, "--history", history] + Self.limit)
        #expect(r.code == 0, "\(r.stderr)")
        let list = try runAllocate(["history", "list", "--json", "--history", history])
        #expect(list.code == 0, "\(list.stderr)")
        #expect(list.stdout.contains("\"years\""), "\(list.stdout)")
        // A failed run is recorded as failed.
        _ = try runAllocate(["years", Self.small, "--set", "years.pools.stadt.money=100", "--history", history])
        let after = try runAllocate(["history", "list", "--json", "--history", history])
        #expect(after.stdout.contains("failed"), "\(after.stdout)")
    }
}
