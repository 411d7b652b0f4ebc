import Foundation
import Testing
@testable import Allocation
import GLPKSolver
import LinearProgramming
import Reports
import ScenarioFiles
import TestSupport

/// The default scenario end to end: golden summary, JSON contract, glpsol cross-check.
@Suite(.serialized) struct DefaultScenarioTests {
    static let plan: Result<Plan, Error> = Result {
        try engine.solve(try ScenarioLoader.load(path: Paths.defaultScenario).scenario)
    }

    @Test func goldenSummary() throws {
        let plan = try Self.plan.get()
        try assertGolden(TerminalSummary.render(plan, timing: false), "dortmund-2020-summary.txt")
    }

    @Test func respectsEveryPoolAndIsVerified() throws {
        let plan = try Self.plan.get()
        #expect(PlanVerifier.verify(plan).isEmpty)
        for use in plan.pools { #expect(use.spent <= use.pool.budget) }
        #expect(plan.solver.status == .optimal)
        // "At most N devices from the best possible plan" is checked against an optimum
        // computed apart from the engine in Tests/AllocationTests/GapBoundTests.swift.
    }

    @Test func jsonContract() throws {
        let plan = try Self.plan.get()
        let data = Data(PlanJSON.render(plan).utf8)
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let pools = try #require(doc["pools"] as? [[String: Any]])
        #expect(pools.count == 4)
        for p in pools { for key in ["id", "granted", "spent", "remaining"] { #expect(p[key] != nil, "pools[].\(key)") } }
        let schools = try #require(doc["schools"] as? [[String: Any]])
        #expect(schools.count == 155)
        for key in ["schulnummer", "name", "district", "socialIndex", "pupilNeed", "pupilDevices", "teacherDevices", "funding"] {
            #expect(schools[0][key] != nil, "schools[].\(key)")
        }
        let funding = try #require(schools[0]["funding"] as? [String: Any])
        #expect(Set(funding.keys) == ["sofort", "gute-schule", "lehrkraefte", "stadt"])
        #expect(doc["totals"] is [String: Any])
        let solver = try #require(doc["solver"] as? [String: Any])
        for key in ["status", "objective", "bestBound", "gapDevices", "seconds", "glpkVersion"] { #expect(solver[key] != nil, "solver.\(key)") }
        // The JSON's euros add up to the pools' spending.
        let sofortSpent = try #require(pools.first { $0["id"] as? String == "sofort" }?["spent"] as? Double)
        let bySchool = schools.reduce(0.0) { $0 + (($1["funding"] as? [String: Any])?["sofort"] as? Double ?? 0) }
        #expect(abs(sofortSpent - bySchool) < 0.005)
    }

    @Test func sameBytesEveryRun() throws {
        let s = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        var shuffled = s
        shuffled.schools.shuffle()
        let a = PlanJSON.render(try engine.solve(s), timing: false)
        let b = PlanJSON.render(try engine.solve(shuffled), timing: false)
        #expect(a == b)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/glpsol"), "glpsol (glpk-utils) is not installed"))
    func exportedModelResolvesToTheSameObjectiveWithGlpsol() throws {
        let s = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        let (stage, program) = try engine.exportableModel(s)
        let plan = try Self.plan.get()
        let ours = try #require(plan.solver.stages.first { $0.name == stage })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in ModelFileFormat.allCases {
            let path = dir.appendingPathComponent("model.\(format.rawValue)").path
            try GLPKSolver().write(program, format: format, to: path)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
            // MPS carries no objective sense: glpsol needs --max for a maximising stage.
            let sense = format == .mps && program.objective.direction == .maximize ? ["--max"] : []
            p.arguments = [format == .lp ? "--lp" : "--freemps", path] + sense + ["--mipgap", "0.0001", "--tmlim", "60",
                           "-o", dir.appendingPathComponent("out.\(format.rawValue).txt").path]
            p.standardOutput = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            let out = try String(contentsOf: dir.appendingPathComponent("out.\(format.rawValue).txt"), encoding: .utf8)
            let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("Objective:") })
            let value = try #require(Double(line.split(separator: " ")[3]))
            // Both stop within the relative gap of the same bound.
            #expect(abs(value - ours.objective) <= 2e-4 * abs(ours.objective), "\(format): glpsol \(value), ours \(ours.objective)")
        }
    }
}
