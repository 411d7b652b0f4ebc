import Foundation
import GRDB
import _SQLiteShim

/// One SQLite connection through SQLite's C API, for what every recording run does: open the
/// history, read its schema version, and write a run in one transaction. GRDB's connection
/// (migrations and reading stay with it, `HistoryStore`) costs a recording run about 3.3 M
/// instructions it does not need: its set-up installs functions and collations and reads the
/// schema, and closing its `DatabaseQueue` asks Foundation's `NotificationCenter` to forget an
/// observer (1 M instructions on Linux the first time; README, "What recording costs").
///
/// Errors are GRDB's `DatabaseError` (the extended result code and SQLite's message), so that
/// `HistoryError` words them alike whichever connection failed. Serialized: SQLite's full mutex
/// and a lock around each transaction, so that threads sharing a store do not interleave.
final class SQLiteConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    /// The WAL's frames after this connection's last commit (set by SQLite's WAL hook).
    private let frames = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

    /// Opens (creating if missing) the database at `path` with a busy timeout, foreign keys on,
    /// `pragmas` run, and whether closing the last connection leaves the WAL as it is.
    init(path: String, busyTimeout: TimeInterval, keepingLog: Bool, pragmas: String) throws(DatabaseError) {
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nil)
        guard code == SQLITE_OK, let db else {
            let error = db.map { Self.error(code, $0) } ?? DatabaseError(resultCode: ResultCode(rawValue: code))
            sqlite3_close_v2(db)
            throw error
        }
        handle = db
        self.busyTimeout = Int32(busyTimeout * 1000)
        frames.initialize(to: 0)
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, self.busyTimeout)
        allocate_sqlite3_count_wal_frames(db, frames)
        if keepingLog {
            let code = allocate_sqlite3_no_checkpoint_on_close(db, 1)
            guard code == SQLITE_OK else { throw Self.error(code, db) }
        }
        try execute("PRAGMA foreign_keys = ON; " + pragmas)
    }

    private let busyTimeout: Int32

    deinit {
        sqlite3_close_v2(handle)
        frames.deallocate()
    }

    /// How many frames the WAL held after this connection's last commit.
    var walFrames: Int { Int(frames.pointee) }

    /// Checkpoints the WAL into the database file and truncates it to nothing, if that can be
    /// done at once: no waiting for another writer or a reader (then it does what it can and
    /// the next commit tries again). Whether the WAL is empty now.
    @discardableResult
    func checkpointWithoutWaiting() -> Bool {
        sqlite3_busy_timeout(handle, 0)
        defer { sqlite3_busy_timeout(handle, busyTimeout) }
        let done = sqlite3_wal_checkpoint_v2(handle, "main", SQLITE_CHECKPOINT_TRUNCATE, nil, nil) == SQLITE_OK
        if done { frames.pointee = 0 }
        return done
    }

    static func error(_ code: Int32, _ db: OpaquePointer) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db) == 0 ? code : sqlite3_extended_errcode(db)),
                      message: String(cString: sqlite3_errmsg(db)))
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws(DatabaseError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw Self.error(code, handle) }
    }

    /// The first column of the first row of a statement without arguments (nil: no row, NULL).
    func integer(_ sql: String) throws(DatabaseError) -> Int64? {
        let statement = try prepare(sql)
        return try statement.integer([])
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction (the write lock taken at once, waiting
    /// up to the busy timeout for another writer): committed when it returns, rolled back when
    /// it throws.
    func transaction<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func prepare(_ sql: String) throws(DatabaseError) -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw Self.error(code, handle) }
        return Statement(statement, connection: self)
    }

    /// A value bound to a statement's parameter.
    enum Value {
        case null, integer(Int64), real(Double), text(String), blob(Data)
        init(_ v: String?) { self = v.map { .text($0) } ?? .null }
        init(_ v: Int?) { self = v.map { .integer(Int64($0)) } ?? .null }
        init(_ v: Int64) { self = .integer(v) }
        init(_ v: Double?) { self = v.map { .real($0) } ?? .null }
        init(_ v: Data?) { self = v.map { .blob($0) } ?? .null }
    }

    /// A prepared statement, finalized when let go.
    final class Statement {
        private let handle: OpaquePointer
        private let connection: SQLiteConnection
        init(_ handle: OpaquePointer, connection: SQLiteConnection) { self.handle = handle; self.connection = connection }
        deinit { sqlite3_finalize(handle) }

        /// Binds `values` (parameters 1, 2, …) and steps until done.
        func execute(_ values: [Value]) throws(DatabaseError) {
            try bind(values)
            var code: Int32
            repeat { code = sqlite3_step(handle) } while code == SQLITE_ROW
            sqlite3_reset(handle)
            guard code == SQLITE_DONE else { throw SQLiteConnection.error(code, connection.handle) }
        }

        /// Binds `values` and returns the first row's first column as an integer (nil: no row, NULL).
        func integer(_ values: [Value]) throws(DatabaseError) -> Int64? {
            try bind(values)
            defer { sqlite3_reset(handle) }
            switch sqlite3_step(handle) {
            case SQLITE_ROW: return sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 0)
            case SQLITE_DONE: return nil
            case let code: throw SQLiteConnection.error(code, connection.handle)
            }
        }

        private func bind(_ values: [Value]) throws(DatabaseError) {
            sqlite3_clear_bindings(handle)
            for (i, value) in values.enumerated() {
                let index = Int32(i + 1)
                let code: Int32 = switch value {
                case .null: sqlite3_bind_null(handle, index)
                case .integer(let v): sqlite3_bind_int64(handle, index, v)
                case .real(let v): sqlite3_bind_double(handle, index, v)
                case .text(let v): allocate_sqlite3_bind_text_copy(handle, index, v, Int32(v.utf8.count))
                case .blob(let v): v.withUnsafeBytes { allocate_sqlite3_bind_blob_copy(handle, index, $0.baseAddress, Int32($0.count)) }
                }
                guard code == SQLITE_OK else { throw SQLiteConnection.error(code, connection.handle) }
            }
        }
    }
}
