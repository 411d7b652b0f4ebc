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
    /// `started`: where the time limit counts from (a command's start, so that the limit bounds
    /// the loading too); by default the call itself.
    public func solve(_ scenario: Scenario, workers: Int, cancellation: Cancellation? = nil,
                      started: ContinuousClock.Instant? = nil,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) throws(AllocationError) -> Plan {
        // One deadline for the whole solve: every stage and every authority together.
        let deadline = Run.deadline(scenario, from: started ?? .now)
        guard let parts = try AuthoritySplit.make(scenario) else {
            return try withReusableSolver { (engine) throws(AllocationError) in
                try engine.solveOne(scenario, deadline: deadline, cancellation: cancellation)
            }
        }
        // The plan is due at the deadline: each authority's search stops early enough that the
        // authorities still waiting can be finished (paid, their plans made) and the whole
        // plan verified by then (`FinishingBudget`).
        let workers = max(1, min(workers, parts.scenarios.count))
        let budget = FinishingBudget(deadline: deadline, workers: workers,
                                     cells: parts.scenarios.map { $0.schools.count * max(1, $0.deviceKinds.count) })
        // Each authority on fresh solver sessions: no warm start carries over from whichever
        // authority a thread happened to solve before, so threads cannot change the answer.
        let results = ParallelResults<Plan, AllocationError>(count: parts.scenarios.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = results.claim() {
                do throws(AllocationError) {
                    results.set(i, try withReusableSolver { (engine) throws(AllocationError) in
                        try engine.solveOne(parts.scenarios[i], deadline: budget.searchDeadline(), cancellation: cancellation,
                                            verify: false, shared: parts.shared, needs: parts.needs?[i], budget: (budget, i))
                    })
                    progress?(results.done, parts.scenarios.count)
                } catch { results.fail(error) }
            }
        }
        if let error = results.error { throw error }
        let plans = results.take().map { $0! }
        return try parts.merge(plans, solverVersion: solver.version)
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
            for (i, part) in parts.scenarios.enumerated() {
                var run = try Run(scenario: part, sessions: engine, shared: parts.shared, needs: parts.needs?[i])
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

    /// `started`: where the time limit counts from (a command's start: a sweep's points all
    /// share the command's deadline); by default the call itself.
    public func solve(_ scenario: Scenario, cancellation: Cancellation? = nil,
                      started: ContinuousClock.Instant? = nil) throws(AllocationError) -> Plan {
        let deadline = Run.deadline(scenario, from: started ?? .now)
        guard let parts = try AuthoritySplit.make(scenario) else {
            return try solveOne(scenario, deadline: deadline, cancellation: cancellation)
        }
        var plans: [Plan] = []
        let budget = FinishingBudget(deadline: deadline, workers: 1,
                                     cells: parts.scenarios.map { $0.schools.count * max(1, $0.deviceKinds.count) })
        for (i, part) in parts.scenarios.enumerated() {
            plans.append(try solveOne(part, deadline: budget.searchDeadline(), cancellation: cancellation, verify: false,
                                      shared: parts.shared, needs: parts.needs?[i], budget: (budget, i)))
        }
        return try parts.merge(plans, solverVersion: version)
    }

    /// One problem: a scenario whose pools are shared by all its schools.
    /// `verify: false` for an authority's part of a split scenario: `AuthoritySplit.merge`
    /// verifies the merged plan, every authority's guarantee and share included, once.
    /// `shared`: what an authority's part has in common with the others (its split's).
    /// `needs`: this part's rows of its split's need table.
    /// `budget`: the split's finishing budget and this part's index in it, told what finishing
    /// this part cost (the work that also runs past the deadline).
    func solveOne(_ scenario: Scenario, deadline: ContinuousClock.Instant,
                  cancellation: Cancellation? = nil, verify: Bool = true, shared: Run.Shared? = nil,
                  needs: NeedTable? = nil, budget: (FinishingBudget, Int)? = nil) throws(AllocationError) -> Plan {
        let clock = ContinuousClock()
        let start = clock.now
        if cancellation?.isCancelled == true { throw .cancelled }
        var plan: Plan
        do {
            var run = try Run(scenario: scenario, sessions: self, deadline: deadline, cancellation: cancellation, shared: shared,
                              needs: needs)
            run.finishingSeconds = (clock.now - start).seconds
            plan = try run.solve()
            budget?.0.finished(budget!.1, seconds: run.finishingSeconds)
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

/// When each authority's search must stop so that the plan is still due at the deadline: the
/// authorities not finished yet must then be finished past the search — each paid at its
/// proven counts and its plan made (what that cost the authorities finished so far, per
/// school and device kind) — and the whole plan merged and verified (about that much again
/// per school and kind, once, on one thread).
final class FinishingBudget: @unchecked Sendable {
    private let lock = NSLock()
    private let deadline: ContinuousClock.Instant
    private let workers: Int
    private let cells: [Int]
    private var cellsLeft: Int
    private let allCells: Int
    private var measuredCells = 0
    private var measuredSeconds = 0.0

    init(deadline: ContinuousClock.Instant, workers: Int, cells: [Int]) {
        self.deadline = deadline; self.workers = max(1, workers); self.cells = cells
        allCells = cells.reduce(0, +); cellsLeft = allCells
    }

    func finished(_ part: Int, seconds: Double) {
        lock.withLock {
            cellsLeft -= cells[part]
            measuredCells += cells[part]
            measuredSeconds += seconds
        }
    }

    /// The deadline less the time finishing the rest will take (nothing measured yet: none).
    func searchDeadline() -> ContinuousClock.Instant {
        let reserve: Double = lock.withLock {
            guard measuredCells > 0 else { return 0 }
            let perCell = measuredSeconds / Double(measuredCells)
            return perCell * (Double(cellsLeft) / Double(workers) + Double(allCells))
        }
        return deadline.advanced(by: .microseconds(-Int64(min(reserve, 1e6) * 1e6)))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
