import Foundation
import Testing
import History
import TestSupport

/// The history as a user meets it through the `allocate` binary: recording never changes a
/// run's outputs, `rerun`, `diff` (= `compare`), `export`, many writers at once. Every test
/// works in a temporary copy of the scenarios folder, never in the repository's.
@Suite struct HistoryCommandTests {
    static let binary = AllocateBinary.url

    /// A temporary folder holding Scenarios/ with the default scenario, its data and the what-if files.
    static func workspace() throws -> String {
        let root = try HistoryStoreTests.temporaryFolder()
        let fm = FileManager.default
        let source = HistoryStoreTests.repository.appendingPathComponent("Scenarios").path
        try fm.createDirectory(atPath: root + "/Scenarios/data", withIntermediateDirectories: true)
        for name in ["dortmund-2020.yaml", "data/dortmund-schools-2024-25.csv", "data/nrw-key-figures-2024-25.csv"] {
            try fm.copyItem(atPath: source + "/" + name, toPath: root + "/Scenarios/" + name)
        }
        try fm.copyItem(atPath: source + "/what-if", toPath: root + "/Scenarios/what-if")
        return root
    }

    /// Runs `allocate` in `folder`, with ALLOCATE_HISTORY as given (nil: unset).
    @discardableResult
    static func run(_ arguments: [String], in folder: String, history: String? = nil) throws -> (code: Int32, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["ALLOCATE_HISTORY"] = history
        environment["SOURCE_DATE_EPOCH"] = nil
        // The terminal's language is English unless a test passes --lang de.
        environment["LC_ALL"] = nil; environment["LC_MESSAGES"] = nil; environment["LANG"] = "C.UTF-8"
        return try runAllocate(arguments, in: URL(fileURLWithPath: folder), exactEnvironment: environment)
    }

    static func files(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            out[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return out
    }

    static let time = ["--generated-at", "2026-01-31T12:00:00Z"]

    /// A big plan's record is begun on another thread while the summary is printed (`SolveRun`,
    /// from 2,000 schools; issue 18), its plan.json written in parts and deflated in pieces on
    /// the cores: the stored plan.json is the document `solve --json` prints, byte for byte.
    @Test(.enabled(if: binary != nil)) func aStatewidePlainSolveKeepsThePlanJSONSolveJSONPrints() throws {
        let repository = HistoryStoreTests.repository.path
        let history = NSTemporaryDirectory() + "allocate-statewide-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: history + suffix) } }
        let scenario = ["Scenarios/nrw/state-2020.yaml", "--time-limit", "600"] + Self.time
        let solve = try Self.run(["solve"] + scenario + ["--history", history], in: repository)
        #expect(solve.code == 0 && solve.stderr.isEmpty)
        let json = try Self.run(["solve", "--json", "--no-history"] + scenario, in: repository)
        let stored = try Self.run(["history", "show", "1", "--plan-json", "--history", history], in: repository)
        #expect(stored.code == 0 && json.code == 0)
        #expect(json.stdout.utf8.count > 1_000_000)
        #expect(stored.stdout == json.stdout)
    }

    @Test(.enabled(if: binary != nil)) func aSolveIsRecordedInItsScenariosFolder() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let r = try Self.run(["solve", "Scenarios/dortmund-2020.yaml"], in: root)
        #expect(r.code == 0 && r.stderr.isEmpty)
        #expect(FileManager.default.fileExists(atPath: root + "/Scenarios/.allocate-history.sqlite"))
        let list = try Self.run(["history", "list", "--lang", "de"], in: root)
        #expect(list.code == 0)
        #expect(list.stdout.contains("Lauf") && list.stdout.contains("solve") && list.stdout.contains("9.817.604,00 €"))
        let show = try Self.run(["history", "show", "1", "--lang", "en"], in: root)
        #expect(show.stdout.contains("Scenarios/data/dortmund-schools-2024-25.csv  SHA-256 "))
        #expect(show.stdout.contains("Audit record"))
        // --no-history and ALLOCATE_HISTORY=off record nothing.
        try Self.run(["solve", "--no-history"], in: root)
        try Self.run(["solve"], in: root, history: "off")
        #expect(try Self.run(["history", "list", "--json"], in: root).stdout.components(separatedBy: "\"uuid\"").count == 2)
    }

    /// A history that cannot be written: a corrupt file, a folder that cannot hold it. The run's
    /// outputs and exit code are those of `--no-history`, with a warning on standard error.
    @Test(.enabled(if: binary != nil)) func aBrokenHistoryWarnsAndChangesNoOutput() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let corrupt = root + "/corrupt.sqlite"
        try Data(repeating: 0x5A, count: 16_384).write(to: URL(fileURLWithPath: corrupt))
        let reference = try Self.run(["solve", "--json", "--out", "plain"] + Self.time + ["--no-history"], in: root)
        #expect(reference.code == 0)
        var broken = [corrupt, root + "/no/such/folder/h.sqlite", "/proc/allocate-history.sqlite"]
        if getuid() != 0 {   // root writes into read-only folders
            try FileManager.default.createDirectory(atPath: root + "/readonly", withIntermediateDirectories: true)
            chmod(root + "/readonly", 0o555)
            broken.append(root + "/readonly/h.sqlite")
        }
        for (i, path) in broken.enumerated() {
            let r = try Self.run(["solve", "--json", "--out", "out\(i)"] + Self.time + ["--history", path], in: root)
            #expect(r.code == reference.code, "\(path)")
            #expect(r.stdout == reference.stdout, "\(path)")
            #expect(r.stderr.hasPrefix("warning: run not recorded in the history: \(path)"), "\(path): \(r.stderr)")
            #expect(Self.files(root + "/out\(i)") == Self.files(root + "/plain"), "\(path)")
        }
        // The same through ALLOCATE_HISTORY, and for a report.
        let report = try Self.run(["report", "--out", "r1"] + Self.time + ["--no-history"], in: root)
        let r = try Self.run(["report", "--out", "r2"] + Self.time, in: root, history: corrupt)
        #expect(report.code == 0 && r.code == 0 && r.stdout.replacingOccurrences(of: "r2/", with: "r1/") == report.stdout)
        #expect(r.stderr.contains("warning: run not recorded"))
        #expect(Self.files(root + "/r1") == Self.files(root + "/r2"))
    }

    @Test(.enabled(if: binary != nil)) func rerunIsByteIdentical() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.run(["solve", "--set", "pools.sofort.budget=5490000"] + Self.time, in: root)
        try Self.run(["solve"], in: root)
        let exact = try Self.run(["history", "rerun", "1", "--lang", "en"], in: root)
        #expect(exact.code == 0)
        #expect(exact.stdout.contains("byte-identical to the stored plan"), "\(exact.stdout)\(exact.stderr)")
        // Run 2's audit time is its second: a rerun within that same second would be byte-identical.
        Thread.sleep(forTimeInterval: 1.1)
        let timed = try Self.run(["history", "rerun", "2", "--lang", "de"], in: root)
        #expect(timed.stdout.contains("gleich dem gespeicherten Plan bis auf die Zeitfelder"), "\(timed.stdout)\(timed.stderr)")
        // export: the stored plan.json byte for byte, the reports regenerated from it.
        let export = try Self.run(["history", "export", "1", "--out", "exported"], in: root)
        #expect(export.code == 0, "\(export.stderr)")
        let direct = try Self.run(["solve", "--json", "--set", "pools.sofort.budget=5490000", "--no-history"] + Self.time, in: root)
        let exported = Self.files(root + "/exported")
        #expect(Set(exported.keys) == ["report.html", "report.xlsx", "plan.json", "schools.csv", "pools.csv"])
        #expect(exported["plan.json"] == Data(direct.stdout.utf8))
        // The same files as `report` on the same inputs writes.
        let report = try Self.run(["report", "--set", "pools.sofort.budget=5490000", "--out", "reported", "--no-history"] + Self.time, in: root)
        #expect(report.code == 0)
        #expect(Self.files(root + "/reported") == exported)
        // An input changed on disk since: re-solved from the kept copy, the change named.
        let csv = root + "/Scenarios/data/dortmund-schools-2024-25.csv"
        try (String(contentsOfFile: csv, encoding: .utf8) + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let changed = try Self.run(["history", "rerun", "1", "--lang", "en"], in: root)
        #expect(changed.stdout.contains("byte-identical to the stored plan"))
        #expect(changed.stdout.contains("input file Scenarios/data/dortmund-schools-2024-25.csv: changed since"))
    }

    @Test(.enabled(if: binary != nil)) func diffEqualsCompare() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.run(["solve", "Scenarios/dortmund-2020.yaml"], in: root)
        try Self.run(["solve", "Scenarios/what-if/city-adds-200k.yaml"], in: root)
        func withoutSeconds(_ s: String) -> String {
            s.split(separator: "\n").filter { !$0.contains("\"seconds\":") }.joined(separator: "\n")
        }
        let compare = try Self.run(["compare", "Scenarios/dortmund-2020.yaml", "Scenarios/what-if/city-adds-200k.yaml", "--json", "--no-history"], in: root)
        let diff = try Self.run(["history", "diff", "1", "2", "--json"], in: root)
        #expect(compare.code == 0 && diff.code == 0, "\(diff.stderr)")
        #expect(withoutSeconds(diff.stdout) == withoutSeconds(compare.stdout))
        let text = try Self.run(["compare", "Scenarios/dortmund-2020.yaml", "Scenarios/what-if/city-adds-200k.yaml", "--no-history"], in: root)
        #expect(try Self.run(["history", "diff", "1", "2"], in: root).stdout == text.stdout)
        // In the terminal's language, as compare: German with --lang de.
        let german = try Self.run(["compare", "Scenarios/dortmund-2020.yaml", "Scenarios/what-if/city-adds-200k.yaml", "--no-history", "--lang", "de"], in: root)
        #expect(german.stdout.hasPrefix("Vergleich — Basis: "))
        #expect(try Self.run(["history", "diff", "1", "2", "--lang", "de"], in: root).stdout == german.stdout)
    }

    /// Two processes recording at once into one new history: every run is kept.
    @Test(.enabled(if: binary != nil)) func twoProcessesRecordConcurrentlyWithoutLoss() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let runs = 200
        let path = root + "/shared.sqlite"
        // Both started before either is waited for.
        let writers = try (0..<2).map { _ -> Process in
            let p = Process()
            p.executableURL = Self.binary
            p.arguments = ["history", "bench", HistoryStoreTests.fixture, "--runs", String(runs), "--history", path]
            p.currentDirectoryURL = URL(fileURLWithPath: root)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in writers { p.waitUntilExit() }
        #expect(writers.map(\.terminationStatus) == [0, 0])
        let store = try HistoryStore(path: path)
        let all = try store.list()
        #expect(all.count == 2 * runs)
        #expect(Set(all.map(\.uuid)).count == 2 * runs)
        #expect(all.allSatisfy { $0.plans.count == 1 && $0.plans[0].figures.count > 0 })
    }
}
