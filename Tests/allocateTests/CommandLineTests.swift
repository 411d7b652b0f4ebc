import Foundation
import Testing
import TestSupport

/// The `allocate` binary as a user runs it: messages on stderr and exit codes.
/// Skipped when the test run has not built the executable next to the test bundle.
@Suite struct CommandLineTests {
    static let binary = AllocateBinary.url

    func run(_ arguments: [String]) throws -> (code: Int32, stdout: String, stderr: String) { try runAllocate(arguments) }

    @Test(.enabled(if: binary != nil)) func solvesTheDefaultScenario() throws {
        let r = try run(["solve"])
        #expect(r.code == 0)
        #expect(r.stdout.contains("Sofortausstattungsprogramm"))
        #expect(r.stdout.contains("Verified:"))
    }

    @Test(.enabled(if: binary != nil)) func badInputExitsWithOneAndNamesTheFile() throws {
        let r = try run(["solve", "Tests/AllocationTests/Fixtures/invalid/negative-budget.yaml"])
        #expect(r.code == 1)
        #expect(r.stderr.hasPrefix("error: Tests/AllocationTests/Fixtures/invalid/negative-budget.yaml:9: pools.sofort.budget:"))
        #expect(r.stdout.isEmpty)
    }

    /// Issue #14, item 8: `--time-limit` bounds the whole command (every stage, every one of
    /// the state's school authorities), not each stage of each authority.
    @Test(.enabled(if: binary != nil)) func theTimeLimitBoundsTheWholeCommand() throws {
        let clock = ContinuousClock(), start = clock.now
        // 0.3 s: the state-wide debug solve now ends within 1 s on a quiet machine (issue 18).
        let r = try run(["solve", "Scenarios/nrw/state-2020.yaml", "--time-limit", "0.3"])
        let seconds = (clock.now - start) / .seconds(1)
        #expect(r.code == 0, "\(r.stderr)")
        // Alone on a machine about 1 s in a debug build, most of it loading the state's school
        // table; the solve itself ends at the limit plus the verified plan's funding and checks
        // (theTimeLimitIsADeadlineForTheWholeSolve in EngineTests.swift bounds that part closely). The
        // bound here leaves room for other tests running at the same time.
        #expect(seconds < 20, "took \(seconds) s")
        #expect(r.stdout.contains("Status: stopped at the time limit — the best verified plan so far"), "\(r.stdout.suffix(600))")
        #expect(r.stdout.contains("time limit 0.3 s for the whole solve"), "\(r.stdout.suffix(600))")
    }

    /// The same with 60 more device kinds (issue #14, item 8: 100 more kinds with a limit of
    /// 1 s took 49 s): past the deadline each authority keeps its proven floors, without
    /// building the full model, and is paid and verified once.
    @Test(.enabled(if: binary != nil)) func theTimeLimitBoundsTheSolveWithManyDeviceKinds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ids = (0..<60).map { String(format: "extra%02d", $0) }
        var yaml = "extends: \(Paths.repository.appendingPathComponent("Scenarios/nrw/state-2020.yaml").path)\ndeviceKinds:\n"
        for (i, id) in ids.enumerated() { yaml += "  \(id): {label: Extra \(i), basis: pupils, unitPrice: \(200 + i).00}\n" }
        yaml += "pools:\n  gute-schule: {kinds: [pupil, teacher, \(ids.joined(separator: ", "))]}\n"
        let file = dir.appendingPathComponent("many-kinds.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        // The command's CPU time (user + system, bash's `time`), not its wall-clock time: a
        // loaded machine stretches the wall clock (67.5 s seen with seven builds running) but
        // not the work done. The command takes about 4–4.7 s of CPU in a debug build (loading
        // the state's school table included; 8.5–9.5 s of wall clock at load 17, 2026-12-02,
        // after the split's shared tables and the finishing budget); a return to a limit per
        // stage and authority took 49 s of wall clock on an idle machine.
        let p = Process(), out = Pipe(), err = Pipe()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", #"TIMEFORMAT='cpu %U %S'; time "$0" "$@""#, try #require(Self.binary).path, "solve", file.path, "--time-limit", "1"]
        p.currentDirectoryURL = Paths.repository
        p.environment = withoutHistory()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(stderr)")
        #expect(stdout.contains("Status: stopped at the time limit — the best verified plan so far"), "\(stdout.suffix(600))")
        let times = try #require(stderr.split(separator: "\n").last { $0.hasPrefix("cpu ") }, "\(stderr.suffix(300))")
            .split(separator: " ").dropFirst().compactMap { Double($0) }
        #expect(times.count == 2)
        let cpu = times.reduce(0, +)
        #expect(cpu < 20, "\(cpu) s of CPU; \(stdout.split(separator: "\n").first { $0.hasPrefix("Solved in ") } ?? "")")
    }

    @Test(.enabled(if: binary != nil)) func missingFileExitsWithOne() throws {
        let r = try run(["validate", "no/such/scenario.yaml"])
        #expect(r.code == 1)
        #expect(r.stderr == "error: no/such/scenario.yaml: file not found\n")
    }

    @Test(.enabled(if: binary != nil)) func infeasibleExitsWithTwo() throws {
        let r = try run(["solve", "Tests/AllocationTests/Fixtures/valid/infeasible-floor.yaml"])
        #expect(r.code == 2)
        #expect(r.stderr.contains("the rule 'coverage floors' cannot hold"))
    }

    @Test(.enabled(if: binary != nil)) func jsonAndOutFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["solve", "Tests/AllocationTests/Fixtures/valid/small.yaml", "--json", "--out", dir.path])
        #expect(r.code == 0)
        #expect((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) != nil)
        for file in ["schools.csv", "pools.csv", "plan.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file) missing")
        }
    }

    @Test(.enabled(if: binary != nil)) func badOptionValue() throws {
        let r = try run(["solve", "--relative-gap", "nan"])
        #expect(r.code != 0)
        #expect(r.stderr.contains("relative-gap"))
    }
}
