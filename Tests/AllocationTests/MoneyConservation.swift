import Foundation
import Testing
@testable import Allocation
import GLPKSolver
import LinearProgramming

/// GLPK, with every answer to the funding program (the one that pays fixed device totals)
/// recorded: the last one is the model's solution the plan's money was attributed from.
final class FundingRecorder: LinearSolver, @unchecked Sendable {
    let inner = GLPKSolver()
    private let lock = NSLock()
    private var results: [SolveResult] = []
    var name: String { inner.name }
    var version: String { inner.version }
    var lastFunding: SolveResult? { lock.withLock { results.last } }
    /// How many funding programs were solved so far.
    var fundingSolves: Int { lock.withLock { results.count } }

    func record(_ program: LinearProgram, _ result: SolveResult) {
        if program.name == "funding" { lock.withLock { results.append(result) } }
    }

    func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult {
        let r = try inner.solve(program, options: options)
        record(program, r)
        return r
    }

    func write(_ program: LinearProgram, format: ModelFileFormat, to path: String) throws(SolverError) {
        try inner.write(program, format: format, to: path)
    }

    func withSession<R, E: Error>(_ body: (any SolverSession) throws(E) -> R) throws(E) -> R {
        try inner.withSession { (session) throws(E) in try body(Session(inner: session, recorder: self)) }
    }

    final class Session: SolverSession {
        let inner: any SolverSession
        let recorder: FundingRecorder
        init(inner: any SolverSession, recorder: FundingRecorder) { self.inner = inner; self.recorder = recorder }
        func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult {
            let r = try inner.solve(program, options: options)
            recorder.record(program, r)
            return r
        }
    }
}

/// Solves with a `FundingRecorder` and checks that money is conserved, against figures the
/// attribution does not compute itself:
/// - all pools together spend what the plan's devices cost (device counts × unit prices);
/// - each pool spends its total in the model's funding solution: a grant pool its grant
///   devices × its grant per device, exactly; any other pool its euros, to the cent (at most
///   one cent of rounding per device kind).
/// For a scenario whose pools are not split among school authorities (one funding solve).
func solveCheckingThatMoneyIsConserved(_ scenario: Scenario, sourceLocation: SourceLocation = #_sourceLocation) throws -> Plan {
    let recorder = FundingRecorder()
    let plan = try AllocationEngine(solver: recorder).solve(scenario)
    let kinds = plan.scenario.deviceKinds, pools = plan.scenario.pools
    let cost = kinds.indices.reduce(0) { $0 + (kinds[$1].unitPrice * plan.totalDevices(kind: $1)).cents }
    #expect(plan.pools.reduce(0) { $0 + $1.spent.cents } == cost, "the pools spend other than the devices cost", sourceLocation: sourceLocation)

    let solution = try #require(recorder.lastFunding, sourceLocation: sourceLocation)
    let model = AllocationModel(scenario: plan.scenario, fixedTotals: kinds.map { _ in 0 })
    #expect(solution.values.count == model.program.variables.count, sourceLocation: sourceLocation)
    for (p, pool) in pools.enumerated() {
        let spent = plan.pools[p].spent.cents
        if pool.isGrant {
            let expected = kinds.indices.reduce(0) { sum, k in
                let devices = model.grantDevices[k][p].map { Int(solution.values[$0].rounded()) } ?? 0
                return sum + (pool.grantPerDevice(price: kinds[k].unitPrice) * devices).cents
            }
            #expect(spent == expected, "pool \(pool.id): attributed \(spent) cents, the model's grant devices \(expected)",
                    sourceLocation: sourceLocation)
        } else {
            let euros = kinds.indices.reduce(0.0) { sum, k in sum + (model.poolEuros[k][p].map { solution.values[$0] } ?? 0) }
            #expect(abs(Double(spent) - euros * 100) <= Double(kinds.count) + 1e-6,
                    "pool \(pool.id): attributed \(spent) cents, the model's euros \(euros)", sourceLocation: sourceLocation)
        }
    }
    return plan
}
