import Foundation
import Testing
import GRDB
import History
import TestSupport

/// Opening the history cheaply (issue 20, "What recording costs"): a file that is in WAL mode
/// from its making, a history whose schema is current is not migrated again (its
/// `user_version` says so), an older one still is, a recording run keeps the WAL (no checkpoint
/// when it closes) and empties it every `walPagesBeforeCheckpoint` pages, and `allocate
/// history` folds it in.
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

    /// Three runs, each opening and closing the history as a recording command does: the WAL is
    /// kept (no checkpoint, fsync or file removal at the end of a run), and the runs are read
    /// from it by the next opening; a store of `allocate history` (`foldingLog`) checkpoints it
    /// into the .sqlite file when it closes, which then alone holds every run.
    @Test func recordingKeepsTheLogAndAHistoryCommandFoldsIt() throws {
        let dir = try HistoryStoreTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/h.sqlite"
        for _ in 0..<3 {
            let store = try HistoryStore(path: path)
            try store.record(try HistoryStoreTests.solvedRecord())
        }
        // Closed without a checkpoint: the WAL and its index stay, and hold the runs.
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(try HistoryStore(path: path).count() == 3)
        // A copy of the .sqlite file with its -wal file holds every run.
        let withLog = dir + "/with-log.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: withLog)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: withLog + "-wal")
        #expect(try DatabaseQueue(path: withLog).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") } == 3)

        // `allocate history`'s store folds the log in when it closes.
        do { #expect(try HistoryStore(path: path, foldingLog: true).count() == 3) }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let copy = dir + "/copy.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        #expect(try DatabaseQueue(path: copy).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") } == 3)
        #expect(try HistoryStore(path: copy).count() == 3)
    }

    /// SQLite checkpoints the kept WAL at a commit once it holds `walPagesBeforeCheckpoint`
    /// pages, so the log stays small whatever the number of runs; `prune` empties it.
    @Test func theKeptLogStaysSmallAndPruneEmptiesIt() throws {
        let dir = try HistoryStoreTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/h.sqlite"
        let record = try HistoryStoreTests.solvedRecord()
        for _ in 0..<150 {
            let store = try HistoryStore(path: path)
            var r = record
            r.uuid = RunRecord.newID()
            try store.record(r)
        }
        let walBytes = { (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0 }
        // The pages of one checkpoint interval and one run's commit (each frame: a page and its header).
        #expect(walBytes() <= (HistoryStore.walPagesBeforeCheckpoint + 100) * (4096 + 24) + 32)
        #expect(try HistoryStore(path: path).count() == 150)
        let store = try HistoryStore(path: path)
        #expect(try store.prune(before: Date(timeIntervalSince1970: 0)) == 0)
        #expect(walBytes() == 0)
        #expect(try store.count() == 150)
    }
}
