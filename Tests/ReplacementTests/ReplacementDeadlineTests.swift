import Testing
import Foundation
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement
import TestSupport

/// Issue 19: one deadline bounds the whole multi-year solve (the first stage's relaxations, its
/// search and the three later stages), as `allocate years --time-limit` promises from the
/// command's start; a stage the deadline stops keeps the best verified plan with a bound on the
/// right side of its value. Before, every solver call had the whole limit again (`allocate years`
/// gave each a fifth), and a city waited for four GLPK searches in a row.
@Suite struct ReplacementDeadlineTests {
    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

    /// The bounds on the right side of the verified figures, for every stage.
    static func expectHonest(_ out: ReplacementPlanner.Outcome, _ what: String) {
        #expect(out.check.isValid, "\(what): \(out.check.violations.prefix(3))")
        #expect(out.stages.map(\.name) == ["smallest coverage", "need-weighted device-years", "own money", "changes"], "\(what)")
        guard out.stages.count == 4 else { return }
        let share = Double(out.check.smallestCoverage.numerator) / Double(out.check.smallestCoverage.denominator)
        #expect(abs(out.stages[0].objective - share) < 1e-9, "\(what): \(out.stages[0])")
        #expect(out.stages[0].bestBound >= share - 1e-9, "\(what): \(out.stages[0])")
        #expect(out.stages[1].bestBound >= Double(out.check.coveredDeviceYears) - 1e-6, "\(what): \(out.stages[1])")
        #expect(out.stages[2].bestBound <= Double(out.check.ownMoney.cents) / 100 + 1e-6 && out.stages[2].bestBound >= -1e-6, "\(what): \(out.stages[2])")
        #expect(out.stages[3].bestBound <= Double(out.check.changes) + 1e-6 && out.stages[3].bestBound >= -1e-6, "\(what): \(out.stages[3])")
        for s in out.stages where s.status == .optimal {
            #expect(abs(s.bestBound - s.objective) <= 1e-6 * max(1, abs(s.objective)), "\(what): optimal with a gap: \(s)")
        }
    }

    /// GLPK, except that every integer search takes its whole time limit (as at city size,
    /// where it rarely proves anything): a solve that ignores the deadline takes the limit per call.
    struct SlowSearch: LinearSolver {
        let glpk = GLPKSolver()
        var name: String { "slow search" }
        var version: String { glpk.version }
        static func pad(_ program: LinearProgram, _ options: SolveOptions, since began: ContinuousClock.Instant) {
            guard program.variables.contains(where: \.isInteger) else { return }
            let left = options.timeLimitSeconds - ReplacementDeadlineTests.seconds(began.duration(to: .now))
            if left > 0 { Thread.sleep(forTimeInterval: left) }
        }
        func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult {
            let began = ContinuousClock.now
            let r = try glpk.solve(program, options: options)
            Self.pad(program, options, since: began)
            return r
        }
        func write(_ program: LinearProgram, format: ModelFileFormat, to path: String) throws(SolverError) {
            try glpk.write(program, format: format, to: path)
        }
        final class Session: SolverSession {
            let inner: any SolverSession
            init(_ inner: any SolverSession) { self.inner = inner }
            func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult {
                let began = ContinuousClock.now
                let r = try inner.solve(program, options: options)
                SlowSearch.pad(program, options, since: began)
                return r
            }
        }
        func withSession<R, E: Error>(_ body: (any SolverSession) throws(E) -> R) throws(E) -> R {
            try glpk.withSession { (inner) throws(E) -> R in try body(Session(inner)) }
        }
    }

    /// A city small enough for GLPK's search, with every search taking its whole limit (30 s a
    /// call): the whole solve ends within the deadline of 2 s plus the constructive work that
    /// runs regardless (the just-in-time plan and `fill`, timed here on the same city; the old
    /// solve took 4 × 30 s), and its plan is verified with honest bounds.
    @Test func wholeSolveRespectsTheDeadline() throws {
        let city = ReplacementScenario.syntheticCity(schools: 20, seed: 3)
        let clock = ContinuousClock()
        var began = clock.now
        let found = try #require(ReplacementStart.plan(city))
        _ = ReplacementStart.fill(city, from: found)
        let constructive = Self.seconds(began.duration(to: clock.now))
        let limit = 2.0
        began = clock.now
        let out = try ReplacementPlanner.solve(city, solver: SlowSearch(), options: SolveOptions(relativeGap: 0, timeLimitSeconds: 30),
                                               deadline: began.advanced(by: .milliseconds(Int64(limit * 1000))))
        let took = Self.seconds(began.duration(to: clock.now))
        #expect(took <= limit + 1.5 * constructive + 1, "took \(took) s with a deadline of \(limit) s (constructive work \(constructive) s)")
        Self.expectHonest(out, "deadline")
    }

    /// A deadline already passed: no relaxation runs, yet the plan is verified, and the bounds
    /// are those that need no solve (share 1 at most, own money and changes at least 0).
    @Test func passedDeadlineStillGivesAVerifiedPlan() throws {
        let city = ReplacementScenario.syntheticCity(schools: 12, seed: 2)
        let out = try ReplacementPlanner.solve(city, solver: GLPKSolver(), deadline: .now)
        Self.expectHonest(out, "passed")
        #expect(out.stages[0].bestBound <= 1 + 1e-12)
        #expect(out.stages.contains { $0.status != .optimal })
    }

    /// The default: `options.timeLimitSeconds` bounds the whole solve from its call.
    @Test func theLimitIsForTheWholeSolve() throws {
        let city = ReplacementScenario.syntheticCity(schools: 20, seed: 3)
        let clock = ContinuousClock()
        var began = clock.now
        let found = try #require(ReplacementStart.plan(city))
        _ = ReplacementStart.fill(city, from: found)
        let constructive = Self.seconds(began.duration(to: clock.now))
        began = clock.now
        let out = try ReplacementPlanner.solve(city, solver: SlowSearch(), options: SolveOptions(relativeGap: 0, timeLimitSeconds: 2))
        let took = Self.seconds(began.duration(to: clock.now))
        #expect(took <= 2 + 1.5 * constructive + 1, "took \(took) s with a limit of 2 s (constructive work \(constructive) s)")
        Self.expectHonest(out, "limit")
    }
}
