import Foundation
import LinearProgramming

/// Solves a scenario: the objective stages in priority order, each later stage keeping the
/// earlier optimum; then attributes the money to schools and verifies the plan.
public struct AllocationEngine: Sendable {
    public let solver: any LinearSolver

    public init(solver: any LinearSolver) { self.solver = solver }

    public func solve(_ scenario: Scenario) throws(AllocationError) -> Plan {
        try solve(scenario, workers: 1)
    }

    /// Solves; a scenario whose pools are split among school authorities is solved as one
    /// independent problem per authority, on up to `workers` threads (the answer is the same).
    /// `cancellation`: asked between stages and authorities and inside every solve; once it
    /// says cancelled the solve stops within moments and throws `AllocationError.cancelled`.
    /// `progress(done, total)`: called as authorities are finished (only for split pools).
    public func solve(_ scenario: Scenario, workers: Int, cancellation: Cancellation? = nil,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) throws(AllocationError) -> Plan {
        // One deadline for the whole solve: every stage and every authority together.
        let deadline = Run.deadline(scenario)
        guard let parts = try AuthoritySplit.make(scenario) else {
            return try withReusableSolver { (engine) throws(AllocationError) in
                try engine.solveOne(scenario, deadline: deadline, cancellation: cancellation)
            }
        }
        // Each authority on fresh solver sessions: no warm start carries over from whichever
        // authority a thread happened to solve before, so threads cannot change the answer.
        let results = ParallelResults<Plan, AllocationError>(count: parts.scenarios.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, parts.scenarios.count))) { _ in
            while let i = results.claim() {
                do throws(AllocationError) {
                    results.set(i, try withReusableSolver { (engine) throws(AllocationError) in
                        try engine.solveOne(parts.scenarios[i], deadline: deadline, cancellation: cancellation, verify: false)
                    })
                    progress?(results.done, parts.scenarios.count)
                } catch { results.fail(error) }
            }
        }
        if let error = results.error { throw error }
        return try parts.merge(results.values.map { $0! }, solverVersion: solver.version)
    }

    /// Runs `body` with an engine that keeps its models loaded in the solver between solves,
    /// so that a series of similar scenarios (a sweep) starts each solve warm. The engine
    /// belongs to the calling thread and must not leave `body`.
    public func withReusableSolver<R>(_ body: (ReusableEngine) throws(AllocationError) -> R) throws(AllocationError) -> R {
        try solver.withSession { (funding) throws(AllocationError) in
            try solver.withSession { (model) throws(AllocationError) in
                try body(ReusableEngine(funding: funding, model: model, version: solver.version))
            }
        }
    }

    /// The model of the first integer stage, exactly as it is handed to the solver
    /// (maximin: with the lower bounds its first stage proved).
    /// For pools split among authorities: one block per authority (names prefixed with the
    /// authority), side by side in one program.
    public func exportableModel(_ scenario: Scenario) throws(AllocationError) -> (stage: String, program: LinearProgram) {
        try withReusableSolver { (engine) throws(AllocationError) in
            guard let parts = try AuthoritySplit.make(scenario) else {
                var run = try Run(scenario: scenario, sessions: engine)
                return try run.firstIntegerStage()
            }
            var combined = LinearProgram(name: "allocate")
            var stage = ""
            for part in parts.scenarios {
                var run = try Run(scenario: part, sessions: engine)
                let (name, program) = try run.firstIntegerStage()
                stage = name
                combined.append(program, prefix: "a\(modelName(part.schools.first?.authority ?? ""))_")
            }
            return (stage, combined)
        }
    }
}

/// An engine bound to two solver sessions (one for funding checks, one for the full model).
public final class ReusableEngine {
    let funding: any SolverSession
    let model: any SolverSession
    let version: String

    init(funding: any SolverSession, model: any SolverSession, version: String) {
        self.funding = funding; self.model = model; self.version = version
    }

    public func solve(_ scenario: Scenario, cancellation: Cancellation? = nil) throws(AllocationError) -> Plan {
        let deadline = Run.deadline(scenario)
        guard let parts = try AuthoritySplit.make(scenario) else {
            return try solveOne(scenario, deadline: deadline, cancellation: cancellation)
        }
        var plans: [Plan] = []
        for part in parts.scenarios { plans.append(try solveOne(part, deadline: deadline, cancellation: cancellation, verify: false)) }
        return try parts.merge(plans, solverVersion: version)
    }

    /// One problem: a scenario whose pools are shared by all its schools.
    /// `verify: false` for an authority's part of a split scenario: `AuthoritySplit.merge`
    /// verifies the merged plan, every authority's guarantee and share included, once.
    func solveOne(_ scenario: Scenario, deadline: ContinuousClock.Instant,
                  cancellation: Cancellation? = nil, verify: Bool = true) throws(AllocationError) -> Plan {
        let clock = ContinuousClock()
        let start = clock.now
        if cancellation?.isCancelled == true { throw .cancelled }
        var plan: Plan
        do {
            var run = try Run(scenario: scenario, sessions: self, deadline: deadline, cancellation: cancellation)
            plan = try run.solve()
        } catch {
            // However deep the solver noticed it, a cancelled solve is one error.
            if error == .solver(.cancelled) || cancellation?.isCancelled == true { throw .cancelled }
            throw error
        }
        plan.solver.seconds = (clock.now - start).seconds
        if !verify { return plan }
        let problems = PlanVerifier.verify(plan)
        if !problems.isEmpty { throw .verificationFailed(problems) }
        return plan
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
