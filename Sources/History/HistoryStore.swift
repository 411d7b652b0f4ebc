import Foundation
import Allocation
import GRDB
import Reports
import ScenarioFiles
import _SHA256
import _SQLiteShim

/// The run history: one SQLite file per scenarios folder (`Scenarios/.allocate-history.sqlite`
/// by default), written by the CLI and the planner at once. The file is in WAL mode (set when
/// it is made, kept by SQLite in the file) with foreign keys on and a busy timeout, so that
/// several processes and connections write without losing a record; the schema is built by
/// versioned migrations (`HistorySchema`).
///
/// Each `HistoryStore` is at most two connections: a writer through SQLite's C API
/// (`SQLiteConnection`: the schema version and `record`, all a recording run needs) and GRDB's
/// `DatabaseQueue`, opened only to migrate or read. Every user opens a store for a command or a
/// request and lets it go (a pool of reader connections had nothing to do; GRDB's set-up and
/// close were a quarter of a default run's recording, README "What recording costs").
/// Concurrent readers and writers are separate stores: SQLite's WAL lets them read while one
/// writes.
///
/// The WAL is kept between runs (`foldingLog`): a recording run ends without a checkpoint, so
/// the latest runs may be in the `-wal` file beside the .sqlite file until a record leaves
/// `walPagesBeforeCheckpoint` pages in it (then it is checkpointed and emptied) or an
/// `allocate history` command ends.
public final class HistoryStore: Sendable {
    /// The file name in a scenarios folder.
    public static let fileName = ".allocate-history.sqlite"
    /// How long a writer waits for another one before it gives up.
    public static let busyTimeout: TimeInterval = 10

    /// How many pages the WAL may hold after a run is recorded before the recording store
    /// checkpoints it into the .sqlite file and empties it (a default run's record is about 22
    /// pages). The WAL is kept between runs, and each opening of the history after the last
    /// connection closed reads its pages again (SQLite's recovery, about 1.6 µs a page here);
    /// a checkpoint costs two fsyncs (about 2 ms). SQLite's own automatic checkpoint does not
    /// serve here: the next process's recovery forgets what it copied, so the WAL would never
    /// start over and every later commit would copy it all again (README, "What recording costs").
    public static let walPagesBeforeCheckpoint = 200

    public let path: String
    /// The connection that reads the schema version and records runs (SQLite's C API: every
    /// recording run opens one).
    private let writer: SQLiteConnection
    /// GRDB's connection, for migrations and reading; opened when first needed.
    private let reader: Reader

    /// Opens (creating if missing) the history at `path` and brings its schema up to date.
    ///
    /// `foldingLog`: whether closing the store (when it is the history's last connection)
    /// checkpoints the WAL into the .sqlite file and removes the -wal and -shm files, as
    /// `allocate history` does, so that the .sqlite file alone then holds every run. Recording
    /// stores leave the WAL as it is (no fsync and no file removal at the end of every run); a
    /// record that leaves `walPagesBeforeCheckpoint` pages in it checkpoints and empties it.
    public init(path: String, foldingLog: Bool = false) throws(HistoryError) {
        self.path = path
        // WAL with synchronous=NORMAL: a commit does not wait for the disk (a power loss may lose
        // the last records, never corrupt the file), so recording stays cheap.
        let pragmas = "PRAGMA synchronous = NORMAL"
        do {
            writer = try SQLiteConnection(path: path, busyTimeout: Self.busyTimeout, keepingLog: !foldingLog, pragmas: pragmas)
        } catch { throw HistoryError(path: path, error) }
        reader = Reader(path: path, keepingLog: !foldingLog, pragmas: pragmas)
        // A history whose schema is current (its user_version, set after migrating) is not
        // migrated again: one pragma instead of the migrator's table checks.
        if (try? writer.integer("PRAGMA user_version")) == Int64(HistorySchema.userVersion) {
            return
        }
        // A new file is put in WAL mode (once: SQLite keeps the mode in the file). Two processes
        // opening a new file at once may both start the first migration; the second then finds
        // the tables made and, on its next try, nothing left to do.
        let pool: DatabaseQueue
        do { pool = try reader.queue() } catch { throw HistoryError(path: path, error) }
        var lastError: Error?
        for _ in 0..<5 {
            do {
                try pool.writeWithoutTransaction { db in
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                        throw DatabaseError(message: "could not set the journal mode to WAL")
                    }
                }
                try HistorySchema.migrator.migrate(pool)
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = \(HistorySchema.userVersion)") }
                return
            } catch { lastError = error }
        }
        throw HistoryError(path: path, lastError!)
    }

    /// GRDB's `DatabaseQueue` on the history, opened at the first use.
    private final class Reader: @unchecked Sendable {
        let path: String
        let configuration: Configuration
        private let lock = NSLock()
        private var opened: DatabaseQueue?

        init(path: String, keepingLog: Bool, pragmas: String) {
            self.path = path
            var config = Configuration()
            config.busyMode = .timeout(HistoryStore.busyTimeout)
            config.foreignKeysEnabled = true
            config.label = "allocate-history"
            config.prepareDatabase { db in
                try db.execute(sql: pragmas)
                if keepingLog {
                    let code = allocate_sqlite3_no_checkpoint_on_close(db.sqliteConnection, 1)
                    guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
                }
            }
            configuration = config
        }

        func queue() throws -> DatabaseQueue {
            lock.lock()
            defer { lock.unlock() }
            if let opened { return opened }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            opened = queue
            return queue
        }
    }

    /// GRDB's connection, for reading and pruning.
    private var pool: DatabaseQueue {
        get throws { try reader.queue() }
    }

    /// Where the history of a scenario file lives: the nearest folder named "Scenarios" that
    /// holds it, else the scenario's own folder.
    public static func defaultPath(forScenario scenario: String) -> String {
        var folder = (scenario as NSString).deletingLastPathComponent
        var probe = folder
        while !probe.isEmpty && probe != "/" && probe != "." {
            if (probe as NSString).lastPathComponent == "Scenarios" { folder = probe; break }
            probe = (probe as NSString).deletingLastPathComponent
        }
        return (folder.isEmpty ? "." : folder) + "/" + fileName
    }

    // MARK: Writing

    /// Records a run; returns its number in this history. Input file contents are kept once
    /// per SHA-256: a file already kept is not read again.
    ///
    /// What it costs (README, "What recording costs"): the plan JSON is compressed before the
    /// write lock is taken; then one `BEGIN IMMEDIATE` transaction on the writer connection
    /// (SQLite's C API; GRDB's connection is not opened) checks which inputs are kept already
    /// and inserts the run, its plans, inputs, figures and the contents not kept yet.
    @discardableResult
    public func record(_ run: RunRecord) throws(HistoryError) -> Int64 {
        // Work that needs no lock first: compress the plans.
        // The plan JSON's SHA-256 is not computed here: it was half the cost of a record
        // (`history bench`); the kept bytes can be hashed when needed (`show --plan-json`).
        let plans: [(PlanRecord, Data?, Data?)] = run.plans.map { p in
            (p, p.withPlanJSON { try? Deflate.compress($0) } ?? nil, p.yearsPlan.flatMap { try? Deflate.compress($0) })
        }
        do {
            let runID = try writer.transaction { db -> Int64 in
                try db.prepare("""
                    INSERT INTO run (uuid, recordedAt, recordedAtMs, command, arguments, user, client, toolVersion, glpkVersion, status,
                                     errorClass, errorMessage)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute([
                        .init(run.uuid), .init(AuditRecord.iso8601(run.recordedAt)), .init(Int64((run.recordedAt.timeIntervalSince1970 * 1000).rounded(.down))),
                        .init(run.command), .init(JSONValue.array(run.arguments.map { .string($0) }).render()), .init(run.user), .init(run.client),
                        .init(run.toolVersion), .init(run.glpkVersion), .init(run.status), .init(run.errorClass), .init(run.errorMessage)])
                let runID = db.lastInsertedRowID
                // Each input content once: only those not kept yet are read and compressed.
                let known = try db.prepare("SELECT 1 FROM blob WHERE sha256 = ?")
                let keep = try db.prepare("INSERT OR IGNORE INTO blob (sha256, bytes, data) VALUES (?, ?, ?)")
                var seen: Set<String> = []
                for plan in run.plans {
                    for input in plan.inputs where seen.insert(input.file.sha256).inserted {
                        if try known.integer([.init(input.file.sha256)]) != nil { continue }
                        // Kept only when the file still holds what the run read.
                        guard let data = input.content ?? FileManager.default.contents(atPath: input.file.path),
                              SHA256.hex(data) == input.file.sha256, let packed = try? Deflate.compress(data) else { continue }
                        try keep.execute([.init(input.file.sha256), .init(data.count), .init(packed)])
                    }
                }
                let insertPlan = try db.prepare("""
                    INSERT INTO plan (runID, position, label, scenarioName, scenarioPath, replay, audit, status, objective, bestBound,
                                      gapDevices, glpkVersion, generatedAt, planJSON, planJSONBytes, planSHA256, kind, yearsPlan)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                    """)
                let insertInput = try db.prepare("INSERT INTO input (planID, position, path, sha256, bytes) VALUES (?, ?, ?, ?, ?)")
                let insertFigure = try db.prepare("INSERT INTO figure (planID, position, key, label, kind, value, whole) VALUES (?, ?, ?, ?, ?, ?, ?)")
                for (position, (p, packed, packedYears)) in plans.enumerated() {
                    try insertPlan.execute([
                        .init(runID), .init(position), .init(p.label), .init(p.scenarioName), .init(p.replay.scenario), .init(p.replay.json.render()),
                        .init(JSONValue.array(p.audit.map { .array([.string($0.section), .string($0.key), .string($0.value)]) }).render()),
                        .init(p.status), .init(p.objective), .init(p.bestBound), .init(p.gapDevices), .init(p.glpkVersion), .init(p.generatedAt),
                        .init(packed), .init(p.planJSONCount), .init(p.kind), .init(packedYears)])
                    let planID = db.lastInsertedRowID
                    for (i, input) in p.inputs.enumerated() {
                        try insertInput.execute([.init(planID), .init(i), .init(input.file.path), .init(input.file.sha256), .init(input.file.bytes)])
                    }
                    for (i, f) in p.figures.enumerated() {
                        let (kind, value, whole): (String?, Int?, Int?) = switch f.value {
                        case .money(let m)?: ("money", m.cents, nil)
                        case .count(let n)?: ("count", n, nil)
                        case .share(let s)?: ("share", s.part, s.whole)
                        case nil: (nil, nil, nil)
                        }
                        try insertFigure.execute([.init(planID), .init(i), .init(f.key), .init(f.label), .init(kind), .init(value), .init(whole)])
                    }
                }
                return runID
            }
            // The WAL is kept between runs; when it has grown, into the .sqlite file with it and
            // emptied (not waiting for anyone: if another connection is busy, the next run does it).
            if writer.walFrames >= Self.walPagesBeforeCheckpoint { writer.checkpointWithoutWaiting() }
            return runID
        } catch { throw HistoryError(path: path, error) }
    }

    /// Removes the runs recorded before a time, and the kept input files no run names any more.
    /// Returns how many runs were removed.
    public func prune(before date: Date) throws(HistoryError) -> Int {
        do {
            let removed = try pool.write { db in
                try db.execute(sql: "DELETE FROM run WHERE recordedAtMs < ?", arguments: [Int64(date.timeIntervalSince1970 * 1000)])
                let removed = db.changesCount
                try db.execute(sql: "DELETE FROM blob WHERE sha256 NOT IN (SELECT sha256 FROM input)")
                return removed
            }
            // Everything into the .sqlite file and the WAL emptied, even while another process
            // (a planner) has the history open.
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            return removed
        } catch { throw HistoryError(path: path, error) }
    }

    // MARK: Reading

    /// Filters of `history list`; nil matches anything.
    public struct Filter: Sendable {
        public var scenario: String?
        public var command: String?
        public var status: String?
        public var from: Date?
        public var to: Date?
        public var limit: Int?
        public init(scenario: String? = nil, command: String? = nil, status: String? = nil, from: Date? = nil, to: Date? = nil, limit: Int? = nil) {
            self.scenario = scenario; self.command = command; self.status = status; self.from = from; self.to = to; self.limit = limit
        }
    }

    /// Runs newest first (by time, then by number).
    public func list(_ filter: Filter = Filter()) throws(HistoryError) -> [StoredRun] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let s = filter.scenario {
            // A scenario's title, its file or the file's name without folder and extension.
            conditions.append("EXISTS (SELECT 1 FROM plan p WHERE p.runID = run.id AND (p.scenarioName = ? OR p.scenarioPath = ? OR p.label = ? OR p.scenarioPath LIKE ?))")
            let suffix: String = "%/" + s
            arguments += [s, s, s, suffix] as [String]
        }
        if let c = filter.command { conditions.append("command = ?"); arguments.append(c) }
        if let s = filter.status { conditions.append("status = ?"); arguments.append(s) }
        if let f = filter.from { conditions.append("recordedAtMs >= ?"); arguments.append(Int64(f.timeIntervalSince1970 * 1000)) }
        if let t = filter.to { conditions.append("recordedAtMs < ?"); arguments.append(Int64(t.timeIntervalSince1970 * 1000)) }
        var sql = "SELECT * FROM run"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY recordedAtMs DESC, id DESC"
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { try Self.run($0, db) }
            }
        } catch { throw HistoryError(path: path, error) }
    }

    /// One run by its number, else by its uuid (or a unique start of it); nil if there is none.
    public func run(_ reference: String) throws(HistoryError) -> StoredRun? {
        do {
            return try pool.read { db in
                var row: Row?
                if let n = Int64(reference) {
                    row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [n])
                }
                // A run id's start (which may be all digits), at least four characters, unique.
                if row == nil && reference.count >= 4 && reference.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
                    let rows = try Row.fetchAll(db, sql: "SELECT * FROM run WHERE uuid LIKE ? LIMIT 2", arguments: [reference.lowercased() + "%"])
                    row = rows.count == 1 ? rows[0] : nil
                }
                return try row.map { try Self.run($0, db) }
            }
        } catch { throw HistoryError(path: path, error) }
    }

    /// How many runs the history holds.
    public func count() throws(HistoryError) -> Int {
        do { return try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") ?? 0 } } catch {
            throw HistoryError(path: path, error)
        }
    }

    /// A kept input file's bytes, nil when not kept.
    public func content(sha256: String) throws(HistoryError) -> Data? {
        do {
            let packed = try pool.read { db in try Data.fetchOne(db, sql: "SELECT data FROM blob WHERE sha256 = ?", arguments: [sha256]) }
            return try packed.map { try Deflate.decompress($0) }
        } catch { throw HistoryError(path: path, error) }
    }

    static func run(_ row: Row, _ db: Database) throws -> StoredRun {
        let id: Int64 = row["id"]
        let planRows = try Row.fetchAll(db, sql: "SELECT * FROM plan WHERE runID = ? ORDER BY position", arguments: [id])
        let plans = try planRows.map { p -> StoredPlan in
            let planID: Int64 = p["id"]
            let inputs = try Row.fetchAll(db, sql: "SELECT path, sha256, bytes FROM input WHERE planID = ? ORDER BY position", arguments: [planID])
                .map { InputFile(path: $0["path"], sha256: $0["sha256"], bytes: $0["bytes"]) }
            let figures = try Row.fetchAll(db, sql: "SELECT key, label, kind, value, whole FROM figure WHERE planID = ? ORDER BY position", arguments: [planID])
                .map { f -> HeadlineFigure in
                    let value: Comparison.Value? = switch (f["kind"] as String?, f["value"] as Int?, f["whole"] as Int?) {
                    case ("money"?, let v?, _): .money(Money(cents: v))
                    case ("count"?, let v?, _): .count(v)
                    case ("share"?, let v?, let w?): Share(v, of: w).map { .share($0) }
                    default: nil
                    }
                    return HeadlineFigure(key: f["key"], label: f["label"], value: value)
                }
            let audit = ((try? JSONSerialization.jsonObject(with: Data((p["audit"] as String? ?? "[]").utf8))) as? [[String]] ?? [])
                .filter { $0.count == 3 }.map { (section: $0[0], key: $0[1], value: $0[2]) }
            return StoredPlan(position: p["position"], label: p["label"], scenarioName: p["scenarioName"],
                              replay: ReplayOptions(json: p["replay"]) ?? ReplayOptions(scenario: p["scenarioPath"], overrides: [], relativeGap: 0, timeLimitSeconds: 0),
                              inputs: inputs, audit: audit, status: p["status"], objective: p["objective"], bestBound: p["bestBound"],
                              gapDevices: p["gapDevices"], glpkVersion: p["glpkVersion"], generatedAt: p["generatedAt"],
                              packedPlanJSON: p["planJSON"], planSHA256: p["planSHA256"], figures: figures,
                              kind: p["kind"], packedYearsPlan: p["yearsPlan"])
        }
        let arguments = (try? JSONSerialization.jsonObject(with: Data((row["arguments"] as String? ?? "[]").utf8))) as? [String] ?? []
        return StoredRun(id: id, uuid: row["uuid"], recordedAt: row["recordedAt"], command: row["command"], arguments: arguments,
                         user: row["user"], client: row.hasColumn("client") ? (row["client"] as String?).map(ClientAddress.withoutPort) : nil, toolVersion: row["toolVersion"],
                         glpkVersion: row["glpkVersion"], status: row["status"], plans: plans,
                         errorClass: row.hasColumn("errorClass") ? row["errorClass"] : nil,
                         errorMessage: row.hasColumn("errorMessage") ? row["errorMessage"] : nil)
    }
}

/// A run read back from the history.
public struct StoredRun: Sendable {
    public var id: Int64
    public var uuid: String
    /// ISO 8601, UTC.
    public var recordedAt: String
    public var command: String
    public var arguments: [String]
    public var user: String
    public var client: String?
    public var toolVersion: String
    public var glpkVersion: String?
    public var status: String
    public var plans: [StoredPlan]
    /// A failed run: the error's class and the message shown (nil for a run that succeeded).
    public var errorClass: String?
    public var errorMessage: String?
}

/// A plan read back from the history.
public struct StoredPlan: Sendable {
    public var position: Int
    public var label: String
    public var scenarioName: String
    public var replay: ReplayOptions
    public var inputs: [InputFile]
    public var audit: [(section: String, key: String, value: String)]
    public var status: String
    public var objective: Double?
    public var bestBound: Double?
    public var gapDevices: Int?
    public var glpkVersion: String?
    public var generatedAt: String?
    var packedPlanJSON: Data?
    public var planSHA256: String?
    public var figures: [HeadlineFigure]
    /// nil: an allocation plan; `years`: a multi-year plan (`isYears`).
    public var kind: String?
    var packedYearsPlan: Data?

    /// Whether the run stored a plan (`explain` stores none).
    public var hasPlan: Bool { packedPlanJSON != nil }

    /// The plan JSON exactly as the run wrote it (nil: the run made no plan).
    public func planJSON() throws(HistoryError) -> Data? {
        guard let packed = packedPlanJSON else { return nil }
        do { return try Deflate.decompress(packed) } catch { throw HistoryError(path: label, .unpack(.planJSON, .of(error))) }
    }

    /// The audit value of a key in a section (e.g. ("audit", "reproducible")).
    public func auditValue(_ section: String, _ key: String) -> String? {
        audit.first { $0.section == section && $0.key == key }?.value
    }
}

/// A history that cannot be opened, read or written, or a recorded run that cannot be made
/// again: the file and what is wrong, as facts (worded by `ErrorWords`, German and English).
public struct HistoryError: Error, CustomStringConvertible, Sendable, WordedError, ClassifiedError {
    public var path: String
    public var problem: InputProblem.HistoryProblem
    public init(path: String, _ problem: InputProblem.HistoryProblem) { self.path = path; self.problem = problem }
    init(path: String, _ error: any Error) {
        self.path = path
        if let e = error as? DatabaseError {
            problem = .database("\(e.message ?? "\(e.resultCode)") (SQLite \(e.extendedResultCode.rawValue))")
        } else { problem = .database(systemReason(error)) }
    }
    /// "path: what is wrong" in the language.
    public func text(_ l: ReportLanguage) -> String { "\(path): \(ErrorWords.text(InputProblem.history(problem), l))" }
    public var description: String { text(.en) }
    /// A stored plan that cannot be unpacked is this tool's fault; anything else is the input's.
    public var errorClass: ErrorClass {
        if case .unpack = problem { return .solverOrInternal }
        return .input
    }
}
