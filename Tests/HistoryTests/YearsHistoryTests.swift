import Foundation
import Testing
import GRDB
import History
import PlannerService
import TestSupport

/// Multi-year plans (`allocate years`) in the run history (issue 20): the plan and the years
/// document kept, `show`, `rerun` byte-identical, `export` writing the files `years --out`
/// wrote, the migration from schema v3, the planner's history list (`diff` of two years runs:
/// YearsHistoryDiffTests).
@Suite struct YearsHistoryTests {
    static let binary = AllocateBinary.url
    static let time = ["--generated-at", "2026-01-31T12:00:00Z"]

    /// The default workspace (HistoryCommandTests) with the small years scenario and its data
    /// as Scenarios/small-years.yaml (three schools, three budget years: solved in a second).
    static func workspace() throws -> String {
        let root = try HistoryCommandTests.workspace()
        let source = (Paths.fixture("years/small.yaml") as NSString).deletingLastPathComponent
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/Scenarios/years-data", withIntermediateDirectories: true)
        for name in ["schools.csv", "inventory.csv"] {
            try fm.copyItem(atPath: source + "/data/" + name, toPath: root + "/Scenarios/years-data/" + name)
        }
        let yaml = try String(contentsOfFile: source + "/small.yaml", encoding: .utf8).replacingOccurrences(of: "data/", with: "years-data/")
        try yaml.write(toFile: root + "/Scenarios/small-years.yaml", atomically: true, encoding: .utf8)
        return root
    }

    static func run(_ arguments: [String], in folder: String) throws -> (code: Int32, stdout: String, stderr: String) {
        try HistoryCommandTests.run(arguments, in: folder)
    }

    @Test(.enabled(if: binary != nil)) func aYearsRunKeepsItsPlanAndRerunIsByteIdentical() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let made = try Self.run(["years", "Scenarios/small-years.yaml", "--out", "first"] + Self.time, in: root)
        #expect(made.code == 0 && made.stderr.isEmpty, "\(made.stderr)")
        let list = try Self.run(["history", "list", "--command", "years"], in: root)
        #expect(list.stdout.contains("years") && list.stdout.contains("Small years city"))
        // The stored years document is what --out wrote as years.json, byte for byte.
        let stored = try Self.run(["history", "show", "1", "--plan-json"], in: root)
        #expect(stored.code == 0)
        #expect(Data(stored.stdout.utf8) == FileManager.default.contents(atPath: root + "/first/years.json"))
        // The headline figures: per pool-year, per pool, per kind-year, the totals.
        let show = try Self.run(["history", "show", "1"], in: root)
        #expect(show.stdout.contains("multi-year plan"))
        #expect(show.stdout.contains("DigitalPakt 2.0 2026: granted") && show.stdout.contains("20,000.00"))
        #expect(show.stdout.contains("Eigenmittel: spent") && show.stdout.contains("Pupil device 2027: coverage"))
        #expect(show.stdout.contains("Smallest coverage over all years"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(["history", "show", "1", "--json"], in: root).stdout.utf8)) as? [String: Any])
        let plan = try #require((json["plans"] as? [[String: Any]])?.first)
        #expect(plan["kind"] as? String == "years")
        let figures = try #require(plan["figures"] as? [String: Any])
        #expect(figures["pool.pakt.2026.granted"] as? String == nil) // numbers, not strings
        #expect((figures["pool.pakt.2026.granted"] as? NSNumber)?.doubleValue == 20_000)
        #expect(figures["total.spent"] != nil && figures["kind.teacher.2028.inService"] != nil)
        // Solved again from the kept inputs: byte-identical.
        let rerun = try Self.run(["history", "rerun", "1"], in: root)
        #expect(rerun.code == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("Small years city (Scenarios/small-years.yaml): byte-identical to the stored plan"), "\(rerun.stdout)")
        // An input edited since: re-solved with the kept copy, and the change named.
        let inventory = root + "/Scenarios/years-data/inventory.csv"
        try (String(contentsOfFile: inventory, encoding: .utf8) + "\n").write(toFile: inventory, atomically: true, encoding: .utf8)
        let edited = try Self.run(["history", "rerun", "1", "--lang", "de"], in: root)
        #expect(edited.stdout.contains("byte-identisch") && edited.stdout.contains("Eingabedatei Scenarios/years-data/inventory.csv: seither geändert"))
    }

    @Test(.enabled(if: binary != nil)) func exportWritesTheYearsFilesAsYearsOutDid() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (lang, dialect) in [([String](), "rfc4180"), (["--lang", "de"], "excel-de")] {
            let out = "made-\(dialect)", again = "again-\(dialect)"
            let made = try Self.run(["years", "Scenarios/small-years.yaml", "--out", out, "--csv-dialect", dialect] + lang + Self.time, in: root)
            #expect(made.code == 0, "\(made.stderr)")
            let runs = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(["history", "list", "--json"], in: root).stdout.utf8)) as? [[String: Any]])
            let number = try #require(runs.first?["run"] as? Int)
            let export = try Self.run(["history", "export", "\(number)", "--out", again, "--csv-dialect", dialect] + lang, in: root)
            #expect(export.code == 0, "\(export.stderr)")
            #expect(export.stdout.contains("years.csv, years-pools.csv, years-groups.csv, years.json, years.html, years.xlsx"))
            let first = HistoryCommandTests.files(root + "/" + out), second = HistoryCommandTests.files(root + "/" + again)
            #expect(Set(first.keys) == ["years.csv", "years-pools.csv", "years-groups.csv", "years.json", "years.html", "years.xlsx"])
            #expect(Set(second.keys) == Set(first.keys))
            for (name, data) in first { #expect(second[name] == data, "\(dialect) \(name) differs") }
        }
        // The export needs no solve: it still works when the scenario file is gone from disk.
        try FileManager.default.removeItem(atPath: root + "/Scenarios/small-years.yaml")
        let export = try Self.run(["history", "export", "1", "--out", "gone"], in: root)
        #expect(export.code == 0, "\(export.stderr)")
        #expect(FileManager.default.contents(atPath: root + "/gone/years.xlsx") == FileManager.default.contents(atPath: root + "/made-rfc4180/years.xlsx"))
    }

    @Test func aHistoryOfSchemaV3IsMigratedAndItsYearsRunsStayListed() throws {
        let dir = try HistoryStoreTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/h.sqlite"
        // A years run as v3 kept it: the scenario and inputs, no plan.
        do {
            let pool = try DatabasePool(path: path)
            try HistorySchema.migrator.migrate(pool, upTo: "v3")
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO run (id, uuid, recordedAt, recordedAtMs, command, arguments, user, toolVersion, glpkVersion, status)
                    VALUES (3, 'old-years', '2026-12-01T10:00:00Z', 1796119200000, 'years', '["years"]', 'kämmerei', '0.2.0', NULL, 'optimal')
                    """)
                try db.execute(sql: """
                    INSERT INTO plan (runID, position, label, scenarioName, scenarioPath, replay, audit, status)
                    VALUES (3, 0, 'dortmund-2026-2030', 'Dortmund 2026–2030', 'Scenarios/dortmund-2026-2030.yaml', '{"scenario": "Scenarios/dortmund-2026-2030.yaml"}', '[]', 'optimal')
                    """)
            }
            #expect(try pool.read { db in try db.columns(in: "plan").map(\.name) }.contains("kind") == false)
        }
        let store = try HistoryStore(path: path)
        let pool = try DatabasePool(path: path)
        #expect(try pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") } == HistorySchema.versions)
        let runs = try store.list(.init(command: "years"))
        #expect(runs.map(\.id) == [3])
        // Kept no plan: not a multi-year plan to make again, and no years plan document.
        #expect(!runs[0].plans[0].isYears && !runs[0].plans[0].hasPlan)
        #expect(try runs[0].plans[0].yearsPlanDocument() == nil)
        // New runs go in beside it.
        try store.record(try HistoryStoreTests.solvedRecord())
        #expect(try store.count() == 2)
    }

    @Test(.enabled(if: binary != nil)) func thePlannersHistoryListsAYearsRunButDoesNotOpenItAsABaseline() async throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try Self.run(["years", "Scenarios/small-years.yaml"], in: root).code == 0)
        var service = try PlannerService(folder: try ScenarioFolder(path: root + "/Scenarios"), defaultScenario: "dortmund-2020.yaml")
        service.historyPath = root + "/Scenarios/.allocate-history.sqlite"
        let listed = try #require(try JSONSerialization.jsonObject(with: service.history().body) as? [String: Any])
        let run = try #require((listed["runs"] as? [[String: Any]])?.first)
        #expect(run["command"] as? String == "years")
        let plan = try #require((run["plans"] as? [[String: Any]])?.first)
        #expect(plan["kind"] as? String == "years" && plan["hasPlan"] as? Bool == false)
        #expect((plan["figures"] as? [String: Any])?["total.spent"] != nil)
        let uuid = try #require(run["uuid"] as? String)
        let response = await service.respond("compare", body: Data(#"{"baselineRun": "\#(uuid)"}"#.utf8))
        #expect(response.status == 422)
        #expect(String(decoding: response.body, as: UTF8.self).contains("ist ein Mehrjahresplan"))
    }
}
