import Foundation
import Allocation
import GRDB
import Reports
import ScenarioFiles
import _SHA256

/// The run history: one SQLite file per scenarios folder (`Scenarios/.allocate-history.sqlite`
/// by default), written by the CLI and the planner at once. The file is in WAL mode (set when
/// it is made, kept by SQLite in the file) with foreign keys on and a busy timeout, so that
/// several processes and connections write without losing a record; the schema is built by
/// versioned migrations (`HistorySchema`).
///
/// Each `HistoryStore` is one connection (GRDB's `DatabaseQueue`): every user opens a store for
/// a command or a request and lets it go, so a pool of reader connections had nothing to do,
/// and opening a `DatabasePool` set the journal mode again each time and, on Linux, wrote a
/// table to make the WAL file exist (a third of what opening the history cost, README "What
/// recording costs"). Concurrent readers and writers are separate stores: SQLite's WAL lets
/// them read while one writes.
public final class HistoryStore: Sendable {
    /// The file name in a scenarios folder.
    public static let fileName = ".allocate-history.sqlite"
    /// How long a writer waits for another one before it gives up.
    public static let busyTimeout: TimeInterval = 10

    public let path: String
    let pool: DatabaseQueue

    /// Opens (creating if missing) the history at `path` and brings its schema up to date.
    public init(path: String) throws(HistoryError) {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "allocate-history"
        // WAL with synchronous=NORMAL: a commit does not wait for the disk (a power loss may lose
        // the last records, never corrupt the file), so recording stays cheap.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            pool = try DatabaseQueue(path: path, configuration: config)
        } catch { throw HistoryError(path: path, error) }
        // A history whose schema is current (its user_version, set after migrating) is not
        // migrated again: one pragma instead of the migrator's table checks.
        if (try? pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }) == HistorySchema.userVersion {
            return
        }
        // A new file is put in WAL mode (once: SQLite keeps the mode in the file). Two processes
        // opening a new file at once may both start the first migration; the second then finds
        // the tables made and, on its next try, nothing left to do.
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
    /// write lock is taken; then one transaction on the writer connection (no reader connection
    /// is opened) with cached prepared statements checks which inputs are kept already and
    /// inserts the run, its plans, inputs, figures and the contents not kept yet.
    @discardableResult
    public func record(_ run: RunRecord) throws(HistoryError) -> Int64 {
        // Work that needs no lock first: compress the plans.
        // The plan JSON's SHA-256 is not computed here: it was half the cost of a record
        // (`history bench`); the kept bytes can be hashed when needed (`show --plan-json`).
        let plans: [(PlanRecord, Data?, Data?)] = run.plans.map { p in
            (p, p.planJSON.flatMap { try? Deflate.compress($0) }, p.yearsPlan.flatMap { try? Deflate.compress($0) })
        }
        do {
            return try pool.write { db -> Int64 in
                try db.cachedStatement(sql: """
                    INSERT INTO run (uuid, recordedAt, recordedAtMs, command, arguments, user, client, toolVersion, glpkVersion, status,
                                     errorClass, errorMessage)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                        run.uuid, AuditRecord.iso8601(run.recordedAt), Int64((run.recordedAt.timeIntervalSince1970 * 1000).rounded(.down)),
                        run.command, JSONValue.array(run.arguments.map { .string($0) }).render(), run.user, run.client,
                        run.toolVersion, run.glpkVersion, run.status, run.errorClass, run.errorMessage])
                let runID = db.lastInsertedRowID
                // Each input content once: only those not kept yet are read and compressed.
                let known = try db.cachedStatement(sql: "SELECT 1 FROM blob WHERE sha256 = ?")
                let keep = try db.cachedStatement(sql: "INSERT OR IGNORE INTO blob (sha256, bytes, data) VALUES (?, ?, ?)")
                var seen: Set<String> = []
                for plan in run.plans {
                    for input in plan.inputs where seen.insert(input.file.sha256).inserted {
                        if try Bool.fetchOne(known, arguments: [input.file.sha256]) == true { continue }
                        // Kept only when the file still holds what the run read.
                        guard let data = input.content ?? FileManager.default.contents(atPath: input.file.path),
                              SHA256.hex(data) == input.file.sha256, let packed = try? Deflate.compress(data) else { continue }
                        try keep.execute(arguments: [input.file.sha256, data.count, packed])
                    }
                }
                let insertPlan = try db.cachedStatement(sql: """
                    INSERT INTO plan (runID, position, label, scenarioName, scenarioPath, replay, audit, status, objective, bestBound,
                                      gapDevices, glpkVersion, generatedAt, planJSON, planJSONBytes, planSHA256, kind, yearsPlan)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                    """)
                let insertInput = try db.cachedStatement(sql: "INSERT INTO input (planID, position, path, sha256, bytes) VALUES (?, ?, ?, ?, ?)")
                let insertFigure = try db.cachedStatement(sql: "INSERT INTO figure (planID, position, key, label, kind, value, whole) VALUES (?, ?, ?, ?, ?, ?, ?)")
                for (position, (p, packed, packedYears)) in plans.enumerated() {
                    try insertPlan.execute(arguments: [
                        runID, position, p.label, p.scenarioName, p.replay.scenario, p.replay.json.render(),
                        JSONValue.array(p.audit.map { .array([.string($0.section), .string($0.key), .string($0.value)]) }).render(),
                        p.status, p.objective, p.bestBound, p.gapDevices, p.glpkVersion, p.generatedAt, packed, p.planJSON?.count, p.kind, packedYears])
                    let planID = db.lastInsertedRowID
                    for (i, input) in p.inputs.enumerated() {
                        try insertInput.execute(arguments: [planID, i, input.file.path, input.file.sha256, input.file.bytes])
                    }
                    for (i, f) in p.figures.enumerated() {
                        let (kind, value, whole): (String?, Int?, Int?) = switch f.value {
                        case .money(let m)?: ("money", m.cents, nil)
                        case .count(let n)?: ("count", n, nil)
                        case .share(let s)?: ("share", s.part, s.whole)
                        case nil: (nil, nil, nil)
                        }
                        try insertFigure.execute(arguments: [planID, i, f.key, f.label, kind, value, whole])
                    }
                }
                return runID
            }
        } catch { throw HistoryError(path: path, error) }
    }

    /// Removes the runs recorded before a time, and the kept input files no run names any more.
    /// Returns how many runs were removed.
    public func prune(before date: Date) throws(HistoryError) -> Int {
        do {
            return try pool.write { db in
                try db.execute(sql: "DELETE FROM run WHERE recordedAtMs < ?", arguments: [Int64(date.timeIntervalSince1970 * 1000)])
                let removed = db.changesCount
                try db.execute(sql: "DELETE FROM blob WHERE sha256 NOT IN (SELECT sha256 FROM input)")
                return removed
            }
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
