import Foundation
import Testing
import TestSupport
import Allocation
import Calibration
import GLPKSolver
import LinearProgramming
@testable import PlannerService
import Reports
import ScenarioFiles
import Scheduling
import WhatIf

/// One classification for every error (Sources/Allocation/ErrorClass.swift): the command
/// line's exit code and the web API's HTTP status come from the same class, for every case of
/// every error type, and for the same input given to both.
@Suite struct ErrorClassTests {
    static let scenarioError = ScenarioError(file: "s.yaml", line: 3, key: "pools.sofort.budget", .found(.number("-5"), expected: .money(positive: false)))
    static let infeasible = Infeasibility(rule: .coverageFloors, floors: [.init(kind: "pupil", floor: 1, devices: 5)], shortfall: nil, fixes: [])

    /// Every case of every error type the command line or the planner can meet, with the class
    /// it must have. A new case that is not listed here still compiles; one listed with another
    /// class fails.
    static let cases: [(String, any Error, ErrorClass)] = [
        ("AllocationError.inconsistentScenario", AllocationError.inconsistentScenario(ScenarioIssue("k", "x")), .input),
        ("AllocationError.infeasible", AllocationError.infeasible(infeasible), .infeasible),
        ("AllocationError.solver(solverFailure)", AllocationError.solver(.solverFailure("x")), .solverOrInternal),
        ("AllocationError.solver(invalidModel)", AllocationError.solver(.invalidModel(.badName("x", reason: "y"))), .solverOrInternal),
        ("AllocationError.solver(cancelled)", AllocationError.solver(.cancelled), .cancelled),
        // Issue #17: no plan by the time limit is not the user's fault (the web answered 422).
        ("AllocationError.noPlanFound", AllocationError.noPlanFound(.fundingCheckTimedOut), .solverOrInternal),
        ("AllocationError.verificationFailed", AllocationError.verificationFailed(["x"]), .solverOrInternal),
        ("AllocationError.unexpectedStatus", AllocationError.unexpectedStatus(stage: "s", status: "infeasible", why: "x"), .solverOrInternal),
        ("AllocationError.internalError", AllocationError.internalError("x"), .solverOrInternal),
        ("AllocationError.cancelled", AllocationError.cancelled, .cancelled),
        ("SolverError.io", SolverError.io("cannot write x.lp"), .input),
        ("SolverError.invalidOption", SolverError.invalidOption("x"), .solverOrInternal),
        ("SolverError.cancelled", SolverError.cancelled, .cancelled),
        ("ScheduleError.inconsistentRules", ScheduleError.inconsistentRules(.noPeriods), .input),
        ("ScheduleError.solver", ScheduleError.solver(.solverFailure("x")), .solverOrInternal),
        ("ScheduleError.noScheduleFound", ScheduleError.noScheduleFound(.timeLimit(1)), .solverOrInternal),
        ("ScheduleError.verificationFailed", ScheduleError.verificationFailed(["x"]), .solverOrInternal),
        ("ScheduleError.unexpectedStatus", ScheduleError.unexpectedStatus(stage: "s", status: "infeasible"), .solverOrInternal),
        ("SweepError.badAxis", SweepError.badAxis("x", .noKeyPath), .input),
        ("SweepError.scenario", SweepError.scenario(point: nil, scenarioError), .input),
        // Issue #17: a point whose values make the scenario wrong is input, not an allocation failure.
        ("SweepError.scenario(point)", SweepError.scenario(point: "pools.sofort.budget=-5", scenarioError), .input),
        ("SweepError.allocation(infeasible)", SweepError.allocation(point: "p", .infeasible(infeasible)), .infeasible),
        ("SweepError.allocation(noPlanFound)", SweepError.allocation(point: "p", .noPlanFound(.fundingCheckTimedOut)), .solverOrInternal),
        ("CalibrationError.badInput", CalibrationError.badInput(option: nil, .noPupilKinds), .input),
        ("CalibrationError.infeasible", CalibrationError.infeasible(.noParameters(monotone: true)), .infeasible),
        ("CalibrationError.allocation", CalibrationError.allocation(.inconsistentScenario(ScenarioIssue("k", "x"))), .input),
        ("CalibrationError.solver", CalibrationError.solver(.solverFailure("x")), .solverOrInternal),
        ("ScenarioError", scenarioError, .input),
        ("OutputError", OutputError(path: "standard output", errno: ENOSPC), .input),
        ("PlannerError 404", PlannerError(404, "not-found", "x"), .input),
        ("PlannerError 499", PlannerError.clientGone, .cancelled),
        ("PlannerError 500", PlannerError(500, "internal", "x"), .solverOrInternal),
    ]

    @Test func everyErrorCaseHasItsClass() {
        for (name, error, expected) in Self.cases {
            #expect(classify(error) == expected, "\(name)")
        }
    }

    /// The planner's answer to each error has the status of the error's class, whose exit
    /// code the command line gives (Sources/allocate/ExitCodes.swift exits with
    /// `classify(error).exitCode`).
    @Test func thePlannersStatusIsTheClassesStatus() {
        for (name, error, expected) in Self.cases where !(error is PlannerError) {
            let answer = (error as? AllocationError).map(PlannerService.mapped) ?? PlannerError(classifying: error)
            #expect(answer.status == expected.httpStatus, "\(name): \(answer.status)")
            #expect(answer.kind == expected.httpKind, "\(name): \(answer.kind)")
            if expected != .cancelled { #expect(answer.message == "\(error)", "\(name)") }
        }
    }

    /// README, "Exit codes", and the web API's statuses: one table.
    @Test func theTable() {
        #expect(ErrorClass.allCases.map(\.exitCode) == [1, 2, 3, 3])
        #expect(ErrorClass.allCases.map(\.httpStatus) == [422, 422, 500, 499])
        #expect(ErrorClass.allCases.allSatisfy { ErrorClass(httpStatus: $0.httpStatus) == $0 || $0 == .infeasible })
    }

    /// The same input on the command line and in the planner: the exit code and the status are
    /// those of the class of the error the library throws for it.
    @Test(.enabled(if: AllocateBinary.url != nil),
          arguments: [
              // A value that is wrong: input.
              ("dortmund-2020.yaml", "compare", ["pools.sofort.budget": "abc"], ErrorClass.input),
              // A floor the grants cannot pay: infeasible.
              ("dortmund-2020.yaml", "compare", ["deviceKinds.pupil.coverageFloor": "1"], .infeasible),
              // Explain on pools split among authorities: the scenario contradicts what explain can do (input).
              ("nrw/state-2020.yaml", "explain", [:], .input),
          ])
    func theCommandLineAndThePlannerAgree(_ scenario: String, _ operation: String, _ overrides: [String: String], _ expected: ErrorClass) throws {
        let path = "Scenarios/" + scenario
        let sets = overrides.sorted { $0.key < $1.key }.flatMap { ["--set", "\($0.key)=\($0.value)"] }
        // The library's error for it, and its class.
        var thrown: (any Error)?
        do {
            let loaded = try ScenarioLoader.load(path: Paths.repository.appendingPathComponent(path).path,
                                                 overrides: overrides.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
            if operation == "explain" { _ = try engine.explain(loaded.scenario) } else { _ = try engine.solve(loaded.scenario) }
        } catch { thrown = error }
        let error = try #require(thrown)
        #expect(classify(error) == expected, "\(error)")
        // The command line.
        let cli = try runAllocate([operation == "explain" ? "explain" : "solve", path] + sets)
        #expect(cli.code == expected.exitCode, "\(cli.stderr)")
        #expect(cli.stderr.hasPrefix("error: ") && cli.stdout.isEmpty, "\(cli.stderr)")
        // The planner.
        let service = try PlannerService(folder: ScenarioFolder(path: Paths.repository.appendingPathComponent("Scenarios").path),
                                         defaultScenario: "dortmund-2020.yaml")
        let body = try JSONSerialization.data(withJSONObject: ["scenario": scenario, "overrides": overrides])
        let answer = service.handle(operation, body: body)
        #expect(answer.status == expected.httpStatus, "\(String(decoding: answer.body, as: UTF8.self))")
        let kind = (try JSONSerialization.jsonObject(with: answer.body) as? [String: [String: Any]])?["error"]?["kind"] as? String
        #expect(kind == expected.httpKind)
    }
}
