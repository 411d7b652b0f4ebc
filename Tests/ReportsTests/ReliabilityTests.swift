import Foundation
import Testing
@testable import ScenarioFiles
import Reports
import TestSupport

/// Faults injected one by one (issue #14): full devices, folders where files should go, a
/// writer that fails halfway. Each must end in a message and a non-zero exit, and leave no
/// half-written output. (Bad input: Tests/ScenarioFilesTests/LoaderReliabilityTests.swift.)
@Suite struct ReliabilityTests {
    static let hasDevFull = FileManager.default.fileExists(atPath: "/dev/full")

    func tempFolder() throws -> String { try temporaryFolder("allocate-reliability") }

    /// Every entry of a folder (hidden ones included) with its bytes, or a marker for a folder.
    func snapshot(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            var isDir: ObjCBool = false
            let path = dir + "/" + name
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            out[name] = isDir.boolValue ? Data("<folder>".utf8) : FileManager.default.contents(atPath: path)
        }
        return out
    }

    // MARK: standard output

    @Test(.enabled(if: hasDevFull)) func standardOutputOnAFullDeviceIsAnError() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let error = #expect(throws: OutputError.self) { try StandardOutput.write("a plan\n", to: fd) }
        #expect(error?.description == "cannot write standard output: No space left on device (errno 28)")
    }

    @Test func standardOutputToAClosedPipeIsAnError() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        close(fds[0])
        defer { close(fds[1]) }
        let old = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, old) }
        let error = #expect(throws: OutputError.self) { try StandardOutput.write("a plan\n", to: fds[1]) }
        #expect(error?.reason.contains("errno \(EPIPE)") == true)
    }

    /// The commands themselves with standard output on /dev/full: exit 1 and a message.
    @Test(.enabled(if: AllocateBinary.url != nil && hasDevFull),
          arguments: [["solve", "Tests/AllocationTests/Fixtures/valid/small.yaml"],
                      ["solve", "Tests/AllocationTests/Fixtures/valid/small.yaml", "--json"],
                      ["validate", "Tests/AllocationTests/Fixtures/valid/small.yaml"],
                      ["init", "--municipality", "5913000"]])
    func commandsFailOnAFullStandardOutput(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = AllocateBinary.url
        p.arguments = arguments
        p.currentDirectoryURL = Paths.repository
        p.environment = withoutHistory()
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        p.standardError = err
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1, "\(arguments): exit \(p.terminationStatus)")
        // The error is the last line (`init` may first say on stderr how its scenario differs).
        #expect(e.hasSuffix("\nerror: cannot write standard output: No space left on device (errno 28)\n")
                || e == "error: cannot write standard output: No space left on device (errno 28)\n", "\(arguments): \(e)")
    }

    // MARK: sets of output files

    let set: [(name: String, data: Data)] = [("schools.csv", Data("new schools\n".utf8)), ("pools.csv", Data("new pools\n".utf8)),
                                             ("plan.json", Data("{\"new\": true}\n".utf8)), ("report.xlsx", Data([0x50, 0x4B, 3, 4]))]

    @Test func aSetIsWrittenWholeAndLeavesNoStagingFolder() throws {
        let dir = try tempFolder() + "/new/out"
        try OutputFiles().write(into: dir, set)
        let after = snapshot(dir)
        #expect(after.keys.sorted() == set.map(\.name).sorted())
        for f in set { #expect(after[f.name] == f.data) }
        try OutputFiles().write(into: dir, [("plan.json", Data("second\n".utf8))])
        #expect(snapshot(dir)["plan.json"] == Data("second\n".utf8))
        #expect(snapshot(dir).count == set.count)
    }

    /// A run killed with `kill -9` leaves its staging folder behind; the next write into that
    /// folder removes it (its pid is gone), puts back a file it had moved aside, and leaves a
    /// live process's staging folder alone.
    @Test func theNextWriteRemovesAKilledRunsStagingFolder() throws {
        let dir = try tempFolder()
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let fm = FileManager.default
        let stale = dir + "/.allocate-staging-\(gone.processIdentifier)-42"
        try fm.createDirectory(atPath: stale, withIntermediateDirectories: false)
        try Data("half written".utf8).write(to: URL(fileURLWithPath: stale + "/plan.json"))
        try Data("the old schools\n".utf8).write(to: URL(fileURLWithPath: stale + "/.old-schools.csv"))
        let live = dir + "/.allocate-staging-1-7"   // pid 1 runs as long as the machine does
        try fm.createDirectory(atPath: live, withIntermediateDirectories: false)
        try OutputFiles().write(into: dir, [("plan.json", Data("new\n".utf8))])
        let names = try fm.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == [".allocate-staging-1-7", "plan.json", "schools.csv"], "\(names)")
        #expect(fm.contents(atPath: dir + "/schools.csv") == Data("the old schools\n".utf8))
        #expect(fm.contents(atPath: dir + "/plan.json") == Data("new\n".utf8))
    }

    /// The writer fails at each step of each file in turn: the folder is always as before.
    @Test(arguments: [OutputFiles.Step.write, .commit], [0, 1, 2, 3])
    func aFailingStepLeavesTheFolderAsItWas(_ step: OutputFiles.Step, _ failing: Int) throws {
        let dir = try tempFolder()
        try Data("old schools\n".utf8).write(to: URL(fileURLWithPath: dir + "/schools.csv"))
        try Data("old plan\n".utf8).write(to: URL(fileURLWithPath: dir + "/plan.json"))
        try Data("someone else's\n".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))
        let before = snapshot(dir)
        let target = dir + "/" + set[failing].name
        let writer = OutputFiles(fault: { s, path in s == step && path == target ? ENOSPC : nil })
        let error = #expect(throws: OutputError.self) { try writer.write(into: dir, set) }
        #expect(error?.description == "cannot write \(target): No space left on device (errno 28)")
        #expect(snapshot(dir) == before)
    }

    @Test func aFolderWhereAFileShouldGoStopsTheSetBeforeAnythingMoves() throws {
        let dir = try tempFolder()
        try FileManager.default.createDirectory(atPath: dir + "/plan.json", withIntermediateDirectories: false)
        try Data("old pools\n".utf8).write(to: URL(fileURLWithPath: dir + "/pools.csv"))
        let before = snapshot(dir)
        let error = #expect(throws: OutputError.self) { try OutputFiles().write(into: dir, set) }
        #expect(error?.description.hasPrefix("cannot write \(dir)/plan.json: is a folder, expected a file") == true)
        #expect(snapshot(dir) == before)
    }

    @Test func aFolderThatCouldNotBeFilledIsNotLeftBehind() throws {
        let parent = try tempFolder()
        let writer = OutputFiles(fault: { s, path in s == .commit && path.hasSuffix("plan.json") ? EIO : nil })
        #expect(throws: OutputError.self) { try writer.write(into: parent + "/a/b", set) }
        #expect(snapshot(parent).isEmpty)
    }

    @Test func aFileWhereTheFolderShouldBeIsNamed() throws {
        let parent = try tempFolder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: parent + "/out"))
        let error = #expect(throws: OutputError.self) { try OutputFiles().write(into: parent + "/out/sub", set) }
        #expect(error?.description == "cannot write \(parent)/out: is a file, expected a folder")
        #expect(snapshot(parent) == ["out": Data("x".utf8)])
    }

    @Test(.enabled(if: hasDevFull)) func filesUnderADeviceAreRefusedWithTheSystemsReason() throws {
        let error = #expect(throws: OutputError.self) { try OutputFiles().write([("/dev/full/plan.json", Data("x".utf8))]) }
        #expect(error?.description == "cannot write /dev/full: is a file, expected a folder")
    }

    /// The commands: a folder where plan.json or report.xlsx should go leaves the output folder as it was.
    @Test(.enabled(if: AllocateBinary.url != nil),
          arguments: [(["solve", "Tests/AllocationTests/Fixtures/valid/small.yaml"], "plan.json"),
                      (["report", "Tests/AllocationTests/Fixtures/valid/small.yaml"], "report.xlsx"),
                      (["schedule", "Scenarios/dortmund-2020.yaml"], "schedule.svg"),
                      (["compare", "Tests/AllocationTests/Fixtures/valid/small.yaml", "Tests/AllocationTests/Fixtures/valid/small.yaml"], "school-changes.csv")])
    func commandsWriteAllOrNothing(_ arguments: [String], _ blocked: String) throws {
        let dir = try tempFolder()
        try FileManager.default.createDirectory(atPath: dir + "/" + blocked, withIntermediateDirectories: false)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: dir + "/pools.csv"))
        let before = snapshot(dir)
        let r = try runAllocate(arguments + ["--out", dir])
        #expect(r.code == 1)
        #expect(r.stderr == "error: cannot write \(dir)/\(blocked): is a folder, expected a file (remove it or choose another output folder)\n")
        #expect(snapshot(dir) == before)
    }

    @Test(.enabled(if: AllocateBinary.url != nil)) func exportModelWritesBothFilesOrNeither() throws {
        let dir = try tempFolder()
        try FileManager.default.createDirectory(atPath: dir + "/model.mps", withIntermediateDirectories: false)
        let r = try runAllocate(["export-model", "Tests/AllocationTests/Fixtures/valid/small.yaml", "--lp", dir + "/model.lp", "--mps", dir + "/model.mps"])
        #expect(r.code == 1)
        #expect(r.stderr.contains("cannot write \(dir)/model.mps: is a folder"))
        #expect(snapshot(dir).keys.sorted() == ["model.mps"])
        let ok = try runAllocate(["export-model", "Tests/AllocationTests/Fixtures/valid/small.yaml", "--lp", dir + "/model.lp"])
        #expect(ok.code == 0)
        #expect(snapshot(dir).keys.sorted() == ["model.lp", "model.mps"])
    }
}
