import Foundation
import Testing
import TestSupport

/// `allocate compare` and `allocate explain` on scenarios with a `years:` section, and the
/// fall-limit refusal costed, as a user runs them (the small three-school fixture).
@Suite struct YearsWhatIfCommandTests {
    static let small = "Tests/AllocationTests/Fixtures/years/small.yaml"

    /// A copy of the small fixture's folder with the scenario edited (`edit`), as `name`.
    static func variant(_ name: String, _ edit: (String) -> String) throws -> String {
        let dir = try temporaryFolder("years-whatif")
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        for file in ["data/schools.csv", "data/inventory.csv"] {
            try FileManager.default.copyItem(atPath: Paths.fixture("years/" + file), toPath: dir + "/" + file)
        }
        let text = try String(contentsOfFile: Paths.fixture("years/small.yaml"), encoding: .utf8)
        try edit(text).write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    /// The DigitalPakt money a year late, compared with the shipped small scenario: German
    /// text by default, JSON with the Δ signed scenario − baseline, the files of `--out`.
    @Test(.enabled(if: AllocateBinary.url != nil)) func compareTwoMultiYearScenarios() throws {
        let late = try Self.variant("late.yaml") {
            $0.replacingOccurrences(of: "money: [20_000, 15_000, 10_000]", with: "money: [0, 20_000, 25_000]")
        }
        defer { try? FileManager.default.removeItem(atPath: (late as NSString).deletingLastPathComponent) }
        let r = try runAllocate(["compare", Self.small, late, "--lang", "de", "--no-history", "--time-limit", "10"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Vergleich der Mehrjahrespläne — Basis: Small years city"))
        #expect(r.stdout.contains("Kleinste Deckung je Jahr") && r.stdout.contains("Geräte je Art und Jahr"))
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("2026 DigitalPakt 2.0: bewilligt") })
        #expect(line.hasSuffix("-20.000,00 €"), "\(line)")

        let dir = try temporaryFolder("years-compare")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let j = try runAllocate(["compare", Self.small, late, "--json", "--no-history", "--time-limit", "10", "--out", dir])
        #expect(j.code == 0, "\(j.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["label"] as? String } == ["small", "late"])
        let figures = (json["sections"] as? [[String: Any]])?.flatMap { ($0["figures"] as? [[String: Any]]) ?? [] } ?? []
        let g2028 = try #require(figures.first { $0["id"] as? String == "pool.pakt.2028.granted" })
        #expect((g2028["deltas"] as? [Any])?.last as? Double == 15_000)
        #expect(FileManager.default.fileExists(atPath: dir + "/comparison.json") && FileManager.default.fileExists(atPath: dir + "/comparison.csv"))
        #expect(try String(contentsOfFile: dir + "/comparison.json", encoding: .utf8) == j.stdout)
    }

    /// `explain` on a years scenario: a row per pool-year, German by default, English and JSON.
    @Test(.enabled(if: AllocateBinary.url != nil)) func explainTheValueOfAEuroPerPoolYear() throws {
        let de = try runAllocate(["explain", Self.small, "--lang", "de", "--no-history", "--time-limit", "10"])
        #expect(de.code == 0, "\(de.stderr)")
        #expect(de.stdout.contains("Was 1.000 € mehr in jedem Topf und Jahr bewirkt (Mehrjahresplan 2026–2028)"))
        for year in 2026...2028 { #expect(de.stdout.contains("\(year)  DigitalPakt 2.0") && de.stdout.contains("\(year)  Eigenmittel")) }
        let en = try runAllocate(["explain", Self.small, "--lang", "en", "--no-history", "--time-limit", "10", "--step", "500"])
        #expect(en.code == 0 && en.stdout.contains("What 500 € more in each pool and year would do"), "\(en.stderr)")
        let j = try runAllocate(["explain", Self.small, "--json", "--no-history", "--time-limit", "10"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["poolYears"] as? [[String: Any]])
        #expect(rows.count == 6)
        for row in rows {
            #expect((row["deviceYearsGain"] as? Double ?? -1) >= 0 && (row["smallestCoverageGain"] as? Double ?? -1) >= 0)
            // A pool-year some of whose money lapses in the relaxation has the value 0.
            if row["noneLapses"] as? Bool == false { #expect(row["deviceYearsGain"] as? Double == 0) }
        }
        #expect(json["relaxations"] as? Int == 2 * 7)
    }

    /// A fall limit the money cannot follow: refused before any solve, the missing euros named.
    /// Without the grant and with lateYears 0, the pupil devices of 2021 are out in 2026, the
    /// teacher devices of 2022 in 2027; a fall of at most 50 % keeps 14 + 40 + 15 = 69 devices
    /// in 2026 (26 of them new: 6 + 20 + 0), 7 + 20 + 8 = 35 in 2027 (35 new), 18 in 2028. At
    /// 400 € that is 10,400 € by 2026 and 14,000 € by 2027. The city's 6,000 € a year pay the
    /// running cost too, at least 30 € a device: 2,070 € in 2026, 1,050 € in 2027, 540 € in
    /// 2028. So by 2026 at most 6,000 − 2,070 = 3,930 € for devices (6,470 € short), by 2027
    /// 12,000 − 3,120 = 8,880 € (5,120 € short), by 2028 18,000 − 3,660 = 14,340 € (enough).
    @Test(.enabled(if: AllocateBinary.url != nil)) func theFallLimitShortfallIsCosted() throws {
        let short = try Self.variant("short.yaml") {
            $0.replacingOccurrences(of: "money: [20_000, 15_000, 10_000]", with: "money: [0, 0, 0]")
              .replacingOccurrences(of: "lateYears: 1, price: 400.00", with: "lateYears: 0, price: 400.00")
              .replacingOccurrences(of: "lateYears: 1, price: 600.00", with: "lateYears: 0, price: 600.00")
        }
        defer { try? FileManager.default.removeItem(atPath: (short as NSString).deletingLastPathComponent) }
        let de = try runAllocate(["years", short, "--lang", "de", "--no-history", "--time-limit", "10"])
        #expect(de.code == 2, "\(de.stdout)\(de.stderr)")
        #expect(de.stderr.contains("Kein Mehrjahresplan erfüllt die Regeln.") && de.stderr.contains("Geräte müssen bis dahin gekauft sein"), "\(de.stderr)")
        #expect(de.stderr.contains("Bis 2026 fehlen 6.470,00\u{a0}€: mindestens 26 Geräte"), "\(de.stderr)")
        #expect(de.stderr.contains("höchstens 3.930,00\u{a0}€ nach mindestens 2.070,00\u{a0}€ Betriebskosten"), "\(de.stderr)")
        #expect(de.stderr.contains("Bis 2027 fehlen 5.120,00\u{a0}€: mindestens 35 Geräte") && !de.stderr.contains("Bis 2028"), "\(de.stderr)")
        let en = try runAllocate(["years", short, "--lang", "en", "--no-history", "--time-limit", "10"])
        #expect(en.code == 2 && en.stderr.contains("devices must have been bought by then"), "\(en.stderr)")
    }
}
