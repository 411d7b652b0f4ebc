import Foundation
import Testing
import GRDB
import History
import TestSupport

/// Opening the history cheaply (issue 20, "What recording costs"): one connection
/// (`DatabaseQueue`) on a file that is in WAL mode from its making, a history whose schema is
/// current is not migrated again (its `user_version` says so), an older one still is, and
/// after a run the .sqlite file alone holds every run (the last close checkpoints the WAL).
@Suite struct HistoryOpenCostTests {
    static func userVersion(_ path: String) throws -> Int? {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
    }

    @Test func aMigratedHistoryNamesItsSchemaVersion() throws {
        let dir = try HistoryStoreTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/h.sqlite"
        do { _ = try HistoryStore(path: path) }
        #expect(try Self.userVersion(path) == HistorySchema.versions.count)
        // WAL mode is kept in the file (a DatabaseQueue does not set it when it opens).
        #expect(try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(HistorySchema.userVersion == HistorySchema.versions.count)
    }

    /// A history of an older version with user_version 0 (as every history before this change)
    /// is migrated and then named current.
    @Test func anOlderHistoryIsStillMigrated() throws {
        let dir = try HistoryStoreTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/h.sqlite"
        do {
            let pool = try DatabasePool(path: path)
            try HistorySchema.migrator.migrate(pool, upTo: "v2")
        }
        #expect(try Self.userVersion(path) == 0)
        let store = try HistoryStore(path: path)
        #expect(try Self.userVersion(path) == HistorySchema.userVersion)
        let applied = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied == HistorySchema.versions)
        // The v3 and v4 columns exist: a failed run and a years kind can be written.
        try store.record(RunRecord(failed: "solve", arguments: [], errorClass: "input", message: "m", plans: []))
        #expect(try store.count() == 1)
    }

    /// Three runs, each opening and closing the history as a command does: the database file
    /// copied alone has all three runs.
    @Test func aRecordedRunIsInTheDatabaseFileAloneAfterTheRun() throws {
        let dir = try HistoryStoreTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/h.sqlite"
        for _ in 0..<3 {
            let store = try HistoryStore(path: path)
            try store.record(try HistoryStoreTests.solvedRecord())
        }
        // A copy of the .sqlite file alone holds every run.
        let copy = dir + "/copy.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
        let runs = try DatabaseQueue(path: copy).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") }
        #expect(runs == 3)
        #expect(try HistoryStore(path: copy).count() == 3)
    }
}
