import Foundation
import Testing
import TestSupport

/// `allocate solve` read without the argument parser (issue 18, Sources/allocate/FastSolve.swift)
/// does exactly what the parser's `solve` does: the same standard output, standard error, exit
/// code and files for every form it reads, and the parser's own message for every form it
/// leaves to the parser. `ALLOCATE_FULL_PARSER=1` forces the parser. A property added to
/// `solve` (or to one of its option groups) that the fast path does not set fails here: reading
/// it stops the process.
@Suite(.enabled(if: AllocateBinary.url != nil)) struct FastSolveTests {
    static let time = ["--generated-at", "2026-01-31T12:00:00Z"]

    /// Both runs of `arguments` (`{OUT}` in them replaced by a fresh folder per run); the files
    /// written there, by name.
    func both(_ arguments: [String], environment: [String: String] = [:]) throws
        -> (fast: (code: Int32, stdout: String, stderr: String, files: [String: Data]),
            full: (code: Int32, stdout: String, stderr: String, files: [String: Data])) {
        func one(_ extra: [String: String]) throws -> (code: Int32, stdout: String, stderr: String, files: [String: Data]) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fast-solve-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let r = try runAllocate(arguments.map { $0.replacingOccurrences(of: "{OUT}", with: folder.path) }, environment: environment.merging(extra) { $1 })
            var files: [String: Data] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
            return (r.code, Self.untimed(r.stdout.replacingOccurrences(of: folder.path, with: "{OUT}")),
                    r.stderr.replacingOccurrences(of: folder.path, with: "{OUT}"), files)
        }
        return (try one([:]), try one(["ALLOCATE_FULL_PARSER": "1"]))
    }

    /// The output without what differs from run to run: the time the solve took (the text's
    /// last line, JSON's `seconds`) and, without `--generated-at`, the time of the audit record.
    static func untimed(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !(line.hasPrefix("Solved in ") || line.hasPrefix("Gelöst in ") || line.contains("\"seconds\"") || line.contains("\"generatedAt\""))
        }.joined(separator: "\n")
    }

    static let cases: [[String]] = [
        [],
        ["solve"],
        ["solve", "--json", "--no-history"] + time,
        ["solve", "Scenarios/dortmund-2020.yaml", "--out", "{OUT}"] + time,
        ["solve", "--out", "{OUT}", "--csv-dialect", "excel-de", "--lang", "de", "--json"] + time,
        ["solve", "--set", "pools.sofort.budget=5000000", "--set", "deviceKinds.pupil.unitPrice=367", "--workers", "2",
         "--relative-gap", "0.001", "--time-limit", "30", "--json"] + time,
        ["solve", "Scenarios/what-if/grant-10-percent-lower.yaml", "--lang", "en"],
        ["solve", "--lang", "de"],
        // Refused by the command (exit 1), in both languages.
        ["solve", "--workers", "0"],
        ["solve", "--lang", "xx"],
        ["solve", "--csv-dialect", "tsv", "--out", "{OUT}"],
        ["solve", "--time-limit", "0"],
        ["solve", "Scenarios/no-such-file.yaml", "--lang", "de"],
        ["solve", "--set", "pools.sofort.budget=-5"],
        ["solve", "--generated-at", "yesterday", "--json"],
        // Left to the parser (usage errors exit 64, help exits 0).
        ["solve", "--workers", "two"],
        ["solve", "--out"],
        ["solve", "--json", "--json"],
        ["solve", "a.yaml", "b.yaml"],
        ["solve", "--out={OUT}"] + time,
        ["solve", "--help"],
        ["solve", "--no-such-option"],
    ]

    @Test(arguments: cases) func sameAsTheParser(_ arguments: [String]) throws {
        let (fast, full) = try both(arguments)
        #expect(fast.code == full.code, "\(arguments): exit \(fast.code) against \(full.code)\n\(fast.stderr)")
        #expect(fast.stdout == full.stdout, "\(arguments): standard output differs")
        #expect(fast.stderr == full.stderr, "\(arguments): standard error differs:\n\(fast.stderr)\n---\n\(full.stderr)")
        #expect(fast.files == full.files, "\(arguments): files differ: \(fast.files.keys.sorted())")
    }

    /// The run history records the same run (its arguments and plan) either way.
    @Test func recordsTheRunAsTheParserDoes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fast-solve-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fast = try runAllocate(["solve", "--history", folder.appendingPathComponent("fast.sqlite").path] + Self.time, environment: ["ALLOCATE_HISTORY": ""])
        let full = try runAllocate(["solve", "--history", folder.appendingPathComponent("full.sqlite").path] + Self.time,
                                   environment: ["ALLOCATE_HISTORY": "", "ALLOCATE_FULL_PARSER": "1"])
        #expect(fast.code == 0 && full.code == 0, "\(fast.stderr)\(full.stderr)")
        #expect(Self.untimed(fast.stdout) == Self.untimed(full.stdout))
        let listFast = try runAllocate(["history", "list", "--history", folder.appendingPathComponent("fast.sqlite").path, "--json"])
        let listFull = try runAllocate(["history", "list", "--history", folder.appendingPathComponent("full.sqlite").path, "--json"])
        #expect(listFast.code == 0, "\(listFast.stderr)")
        #expect(listFast.stdout.contains("\"solve\""), "\(listFast.stdout.prefix(300))")
        #expect(listFull.stdout.contains("\"solve\""))
    }
}
