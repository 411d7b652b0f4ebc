import Foundation
import Testing
import TestSupport

/// `history diff` of two recorded years runs is `allocate compare` of the two years scenarios
/// (issue 20): the same figures, signs and layout (`YearsComparison` owns that comparison),
/// as text in both languages and as JSON; a years run beside a one-year run is a user error
/// naming both runs, in German and in English.
@Suite struct YearsHistoryDiffTests {
    static let binary = AllocateBinary.url
    static let time = ["--generated-at", "2026-01-31T12:00:00Z"]

    /// The years workspace with a second years scenario: the own pool's money 9,000 a year
    /// instead of 6,000 (Scenarios/more-own.yaml).
    static func workspace() throws -> String {
        let root = try YearsHistoryTests.workspace()
        let yaml = try String(contentsOfFile: root + "/Scenarios/small-years.yaml", encoding: .utf8)
        let more = yaml.replacingOccurrences(of: "source: own, money: 6_000", with: "source: own, money: 9_000")
        #expect(more != yaml)
        try more.write(toFile: root + "/Scenarios/more-own.yaml", atomically: true, encoding: .utf8)
        return root
    }

    static func run(_ arguments: [String], in folder: String) throws -> (code: Int32, stdout: String, stderr: String) {
        try HistoryCommandTests.run(arguments, in: folder)
    }

    @Test(.enabled(if: binary != nil)) func diffOfTwoYearsRunsIsCompareOfTheirScenarios() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scenarios = ["Scenarios/small-years.yaml", "Scenarios/more-own.yaml"]
        for s in scenarios {
            let made = try Self.run(["years", s] + Self.time, in: root)
            #expect(made.code == 0, "\(made.stderr)")
        }
        for extra in [[], ["--json"], ["--lang", "de"], ["--lang", "en"]] {
            let compare = try Self.run(["compare"] + scenarios + extra + ["--no-history"], in: root)
            #expect(compare.code == 0, "\(compare.stderr)")
            let diff = try Self.run(["history", "diff", "1", "2"] + extra, in: root)
            #expect(diff.code == 0, "\(diff.stderr)")
            #expect(diff.stdout == compare.stdout, "history diff 1 2 \(extra) differs from compare")
        }
        // What the comparison says: the own pool's money grows by 3,000.00 € a year.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(["history", "diff", "1", "2", "--json"], in: root).stdout.utf8))
            as? [String: Any])
        let sections = try #require(json["sections"] as? [[String: Any]])
        let money = try #require(sections.first { $0["section"] as? String == "money" }?["figures"] as? [[String: Any]])
        let granted = try #require(money.first { $0["id"] as? String == "pool.stadt.2027.granted" })
        let deltas = try #require(granted["deltas"] as? [Any])
        #expect(deltas.count == 2 && (deltas[1] as? NSNumber)?.doubleValue == 3000, "\(granted)")
        // Reversed, the signs turn.
        let back = try Self.run(["history", "diff", "2", "1", "--lang", "en"], in: root)
        let compareBack = try Self.run(["compare", scenarios[1], scenarios[0], "--lang", "en", "--no-history"], in: root)
        #expect(back.code == 0 && back.stdout == compareBack.stdout)
        #expect(back.stdout.contains("−3,000.00") || back.stdout.contains("-3,000.00"), "\(back.stdout)")
    }

    @Test(.enabled(if: binary != nil)) func aYearsRunBesideAOneYearRunIsAUserError() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try Self.run(["years", "Scenarios/small-years.yaml"] + Self.time, in: root).code == 0)
        #expect(try Self.run(["solve", "Scenarios/dortmund-2020.yaml"], in: root).code == 0)
        for (a, b) in [("1", "2"), ("2", "1")] {
            let en = try Self.run(["history", "diff", a, b, "--lang", "en"], in: root)
            #expect(en.code == 1, "exit \(en.code): bad input")
            #expect(en.stdout.isEmpty)
            #expect(en.stderr.contains("run 1: multi-year plan (years)") && en.stderr.contains("run 2: one-year plan"), "\(en.stderr)")
            #expect(en.stderr.contains("allowed: two one-year plans or two multi-year plans"), "\(en.stderr)")
            let de = try Self.run(["history", "diff", a, b, "--lang", "de"], in: root)
            #expect(de.code == en.code)
            #expect(de.stderr.contains("Lauf 1: Mehrjahresplan (years)") && de.stderr.contains("Lauf 2: Einjahresplan"), "\(de.stderr)")
            #expect(de.stderr.contains("erlaubt sind zwei Einjahrespläne oder zwei Mehrjahrespläne"), "\(de.stderr)")
        }
    }
}
