import GRDB

/// The history's tables, built by versioned migrations (never edit a registered migration:
/// add the next one). GRDB records the applied ones in `grdb_migrations`.
///
/// - v1: `run` (one per command run), `plan` (each plan of a run: scenario, replay options,
///   audit record, status, bound, the plan JSON deflated), `input` (each input file of a plan:
///   path, SHA-256, size), `blob` (an input file's bytes, deflated, once per SHA-256).
/// - v2: `run.client` (the planner's client), `figure` (a plan's headline figures), indexes
///   for listing by time, command and scenario.
/// - v3: `run.errorClass` and `run.errorMessage` (a failed run: status `failed`, the error's
///   class as `ErrorClass` names it, and the message the command printed).
/// - v4: `plan.kind` (NULL: an allocation plan; `years`: a multi-year plan, whose `planJSON`
///   is the years document) and `plan.yearsPlan` (the multi-year plan itself, deflated:
///   `YearsPlanDocument`).
public enum HistorySchema {
    public static let versions = ["v1", "v2", "v3", "v4"]
    /// SQLite's `user_version` of a history migrated to the last version (set after migrating;
    /// `HistoryStore` skips the migrator when it finds it). Older histories have 0.
    public static var userVersion: Int { versions.count }

    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.column("recordedAt", .text).notNull()
                t.column("recordedAtMs", .integer).notNull()
                t.column("command", .text).notNull()
                t.column("arguments", .text).notNull()
                t.column("user", .text).notNull()
                t.column("toolVersion", .text).notNull()
                t.column("glpkVersion", .text)
                t.column("status", .text).notNull()
            }
            try db.create(table: "plan") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("label", .text).notNull()
                t.column("scenarioName", .text).notNull()
                t.column("scenarioPath", .text).notNull()
                t.column("replay", .text).notNull()
                t.column("audit", .text).notNull()
                t.column("status", .text).notNull()
                t.column("objective", .double)
                t.column("bestBound", .double)
                t.column("gapDevices", .integer)
                t.column("glpkVersion", .text)
                t.column("generatedAt", .text)
                t.column("planJSON", .blob)
                t.column("planJSONBytes", .integer)
                t.column("planSHA256", .text)
                t.uniqueKey(["runID", "position"])
            }
            try db.create(table: "input") { t in
                t.column("planID", .integer).notNull().references("plan", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("path", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("bytes", .integer).notNull()
                t.primaryKey(["planID", "position"])
            }
            try db.create(table: "blob") { t in
                t.primaryKey("sha256", .text)
                t.column("bytes", .integer).notNull()
                t.column("data", .blob).notNull()
            }
        }
        m.registerMigration("v2") { db in
            try db.alter(table: "run") { t in t.add(column: "client", .text) }
            try db.create(table: "figure") { t in
                t.column("planID", .integer).notNull().references("plan", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("key", .text).notNull()
                t.column("label", .text).notNull()
                t.column("kind", .text)
                t.column("value", .integer)
                t.column("whole", .integer)
                t.primaryKey(["planID", "position"])
            }
            try db.create(index: "run_time", on: "run", columns: ["recordedAtMs"])
            try db.create(index: "run_command", on: "run", columns: ["command"])
            try db.create(index: "plan_run", on: "plan", columns: ["runID"])
            try db.create(index: "plan_scenario", on: "plan", columns: ["scenarioName"])
            try db.create(index: "input_sha", on: "input", columns: ["sha256"])
        }
        m.registerMigration("v3") { db in
            try db.alter(table: "run") { t in
                t.add(column: "errorClass", .text)
                t.add(column: "errorMessage", .text)
            }
        }
        m.registerMigration("v4") { db in
            try db.alter(table: "plan") { t in
                t.add(column: "kind", .text)
                t.add(column: "yearsPlan", .blob)
            }
        }
        return m
    }
}
