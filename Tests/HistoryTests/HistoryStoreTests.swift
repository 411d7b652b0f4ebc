import Foundation
import Testing
import GRDB
import Allocation
import GLPKSolver
import History
import Reports
import ScenarioFiles
import TestSupport

/// The history store itself: migrations, what a record keeps, pruning, many writers.
@Suite struct HistoryStoreTests {
    static let repository = Paths.repository
    static let fixture = Paths.fixture("valid/marginal.yaml")

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-history-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func solvedRecord(command: String = "solve") throws -> RunRecord {
        let loaded = try ScenarioLoader.load(path: fixture)
        let plan = try AllocationEngine(solver: GLPKSolver()).solve(loaded.scenario)
        let audit = AuditRecord(plan: plan, inputs: loaded.inputs, generatedAt: Date(timeIntervalSince1970: 1_800_000_000), reproducible: true)
        let replay = ReplayOptions(scenario: fixture, overrides: [], relativeGap: plan.scenario.solver.relativeGap,
                                   timeLimitSeconds: plan.scenario.solver.timeLimitSeconds)
        return RunRecord(command: command, arguments: [command, fixture],
                         plans: [PlanRecord(label: "marginal", plan: plan, audit: audit, replay: replay)])
    }

    @Test func migratesAnEmptyFileToTheLatestSchema() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/h.sqlite"
        FileManager.default.createFile(atPath: path, contents: Data())
        let store = try HistoryStore(path: path)
        #expect(try store.count() == 0)
        let pool = try DatabasePool(path: path)
        let applied = try pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied == HistorySchema.versions)
        let (mode, tables) = try pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")))
        }
        #expect(mode == "wal")
        #expect(tables.isSuperset(of: ["run", "plan", "input", "blob", "figure"]))
    }

    @Test func migratesAFileOfThePreviousVersionAndKeepsItsRuns() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/h.sqlite"
        // A history as version v1 wrote it: no client, no figures.
        do {
            let pool = try DatabasePool(path: path)
            try HistorySchema.migrator.migrate(pool, upTo: "v1")
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO run (id, uuid, recordedAt, recordedAtMs, command, arguments, user, toolVersion, glpkVersion, status)
                    VALUES (7, 'old-run', '2026-11-30T10:00:00Z', 1796032800000, 'solve', '["solve"]', 'kämmerei', '0.1.0', 'GLPK 5.0', 'optimal')
                    """)
                try db.execute(sql: """
                    INSERT INTO plan (runID, position, label, scenarioName, scenarioPath, replay, audit, status)
                    VALUES (7, 0, 'dortmund-2020', 'Dortmund', 'Scenarios/dortmund-2020.yaml', '{"scenario": "Scenarios/dortmund-2020.yaml"}', '[]', 'optimal')
                    """)
            }
            let columns = try pool.read { db in try db.columns(in: "run").map(\.name) }
            #expect(!columns.contains("client"))
        }
        let store = try HistoryStore(path: path)
        let runs = try store.list()
        #expect(runs.map(\.id) == [7])
        #expect(runs[0].user == "kämmerei" && runs[0].client == nil)
        #expect(runs[0].plans.map(\.label) == ["dortmund-2020"] && runs[0].plans[0].figures.isEmpty)
        // And new runs go in beside it.
        try store.record(try Self.solvedRecord())
        #expect(try store.count() == 2)
    }

    @Test func aRecordKeepsThePlanJSONInputsAndFigures() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try HistoryStore(path: dir + "/h.sqlite")
        let record = try Self.solvedRecord()
        let id = try store.record(record)
        let run = try #require(try store.run(String(id)))
        #expect(try store.run(String(record.uuid.prefix(8)))?.id == id)
        #expect(run.uuid == record.uuid && run.command == "solve" && run.toolVersion == ToolInfo.version)
        #expect(run.glpkVersion?.hasPrefix("GLPK") == true)
        let plan = try #require(run.plans.first)
        #expect(try plan.planJSON() == record.plans[0].planJSON)
        #expect(plan.inputs == record.plans[0].inputs.map(\.file))
        #expect(plan.figures == record.plans[0].figures)
        #expect(plan.figures.contains { $0.key == "pool.grant.granted" && $0.value == .money(Money(cents: 1_000_000)) })
        #expect(plan.audit.count == record.plans[0].audit.count)
        for input in plan.inputs {
            #expect(try store.content(sha256: input.sha256) == FileManager.default.contents(atPath: input.path))
        }
    }

    @Test func listFiltersAndPruneRemovesOldRunsAndTheirFiles() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try HistoryStore(path: dir + "/h.sqlite")
        var old = try Self.solvedRecord(command: "report")
        old.recordedAt = Date(timeIntervalSince1970: 1_700_000_000)
        try store.record(old)
        try store.record(try Self.solvedRecord())
        #expect(try store.list().map(\.command) == ["solve", "report"])   // newest first
        #expect(try store.list(.init(command: "report")).count == 1)
        #expect(try store.list(.init(scenario: "marginal")).count == 2)
        #expect(try store.list(.init(scenario: "elsewhere")).isEmpty)
        #expect(try store.list(.init(from: Date(timeIntervalSince1970: 1_750_000_000))).map(\.command) == ["solve"])
        #expect(try store.prune(before: Date(timeIntervalSince1970: 1_750_000_000)) == 1)
        #expect(try store.list().map(\.command) == ["solve"])
        #expect(try store.prune(before: Date().addingTimeInterval(60)) == 1)
        let pool = try DatabasePool(path: dir + "/h.sqlite")
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blob") } == 0)
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM figure") } == 0)
    }

    @Test func aCorruptFileIsAnErrorNamingIt() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/h.sqlite"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect { try HistoryStore(path: path) } throws: { ($0 as? HistoryError)?.description.contains(path) == true }
    }

    @Test func deflateRoundTrips() throws {
        for size in [0, 1, 1000, 70_000, 300_000] {
            let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 * 7 / 3) })
            #expect(try Deflate.decompress(try Deflate.compress(data)) == data)
        }
    }
}
