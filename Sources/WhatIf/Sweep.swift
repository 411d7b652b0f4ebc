import Dispatch
import Foundation
import Allocation
import ScenarioFiles

/// One varied parameter: `key.path=FROM:TO:STEPS`, STEPS points from FROM to TO inclusive.
public struct SweepAxis: Sendable, Equatable {
    public var keyPath: String
    public var values: [Decimal]

    /// Parses "pools.sofort.budget=5000000:7000000:21". Values are rounded to the decimals of
    /// FROM and TO, at least 2.
    public init(parsing text: String) throws(SweepError) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw .badAxis(text, .noKeyPath)
        }
        keyPath = String(text[..<eq])
        let parts = text[text.index(after: eq)...].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { throw .badAxis(text, .parts(parts.count)) }
        func number(_ s: String, _ what: AxisProblem.Bound) throws(SweepError) -> Decimal {
            let plain = s.replacingOccurrences(of: "_", with: "")
            var body = Substring(plain)
            if body.first == "-" || body.first == "+" { body = body.dropFirst() }
            let pieces = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard plain.count <= 30, !pieces.isEmpty, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
                  let d = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")) else {
                throw .badAxis(text, .notANumber(what, s))
            }
            return d
        }
        let from = try number(parts[0], .from), to = try number(parts[1], .to)
        guard let steps = Int(parts[2]), (2...100_000).contains(steps) else {
            throw .badAxis(text, .steps(parts[2], limit: 100_000))
        }
        let decimals = max(2, Self.decimals(parts[0]), Self.decimals(parts[1]))
        values = (0..<steps).map { i in
            var v = from + (to - from) * Decimal(i) / Decimal(steps - 1)
            var r = Decimal()
            NSDecimalRound(&r, &v, decimals, .plain)
            return r
        }
    }

    public init(keyPath: String, values: [Decimal]) { self.keyPath = keyPath; self.values = values }

    static func decimals(_ s: String) -> Int {
        guard let dot = s.firstIndex(of: ".") else { return 0 }
        return s.distance(from: dot, to: s.endIndex) - 1
    }
}

/// Why a sweep stopped; the words are `Sources/Reports/ErrorWords.swift`.
public enum SweepError: Error, Equatable {
    /// A --vary that is not key.path=FROM:TO:STEPS (the text as given, what is wrong).
    case badAxis(String, AxisProblem)
    /// The scenario is wrong: as given (no point), or with one point's values (`point` names
    /// them, e.g. "pools.sofort.budget=-5").
    case scenario(point: String?, ScenarioError)
    case allocation(point: String, AllocationError)
}

/// What is wrong with a --vary, as facts; the words are `Sources/Reports/ErrorWords+Commands.swift`.
public enum AxisProblem: Sendable, Equatable {
    public enum Bound: String, Sendable, Equatable { case from = "FROM", to = "TO" }
    /// No "key.path=" before the values.
    case noKeyPath
    /// Another number of ':'-separated parts than three.
    case parts(Int)
    /// FROM or TO that is not a plain number.
    case notANumber(Bound, String)
    /// STEPS that is not a whole number from 2 to the limit.
    case steps(String, limit: Int)
}

extension SweepError: ClassifiedError {
    public var errorClass: ErrorClass {
        switch self {
        case .badAxis: return .input
        case .scenario(_, let e): return e.errorClass
        case .allocation(_, let e): return e.errorClass
        }
    }
}

/// What one point of a sweep gave: the headline figures, or why it has no plan.
public struct SweepPoint: Sendable, Equatable {
    public var values: [Decimal]
    /// nil where the scenario cannot hold at this point.
    public var summary: Summary?
    /// Why the scenario cannot hold at this point (facts; Reports' ErrorWords words them).
    public var infeasibility: Infeasibility?

    public struct Summary: Sendable, Equatable {
        public var pupilDevices: Int
        public var pupilNeed: Int
        public var teacherDevices: Int
        public var poolSpent: [Money]
        public var ownMoney: Money
        public var totalSpent: Money
        public var guaranteedCoverage: Ratio?
        /// The smallest share of its need any school with pupil need gets of a pupil kind, and
        /// the same for teacher kinds (from the plan, per device kind basis).
        public var smallestPupilShare: Ratio? = nil
        public var smallestTeacherShare: Ratio? = nil
        public var status: String
        public var gapDevices: Int
    }
}

public struct SweepResult: Sendable {
    public var scenarioName: String
    public var axes: [SweepAxis]
    public var poolIDs: [String]
    public var poolNames: [String]
    /// The base scenario's device kinds (a chart names a kind by its label, not its id).
    public var kinds: [DeviceKind] = []
    /// Row-major: the last axis varies fastest.
    public var points: [SweepPoint]
}

/// Solves every point of a one- or two-parameter grid. Points are cut into fixed chunks; each
/// chunk is solved on one thread by one reusable engine, so that every point after the first
/// of a chunk starts warm, and the answer does not depend on the number of workers.
public enum Sweep {
    public static let chunkSize = 25

    /// `started`: where each point's time limit counts from (a command's start: the limit then
    /// bounds the whole sweep, and the points solved after it are stopped at once, each with its
    /// best verified plan and proven bound); by default each point's own solve.
    public static func run(template: ScenarioTemplate, axes: [SweepAxis], engine: AllocationEngine, workers: Int = 1,
                           started: ContinuousClock.Instant? = nil,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(SweepError) -> SweepResult {
        precondition((1...2).contains(axes.count))
        let grid: [[Decimal]] = axes.count == 1 ? axes[0].values.map { [$0] }
            : axes[0].values.flatMap { a in axes[1].values.map { [a, $0] } }
        // The base scenario names the pools and checks the key paths once, before any work.
        let base: Scenario
        do { base = try template.scenario().scenario } catch { throw .scenario(point: nil, error) }
        let chunks = stride(from: 0, to: grid.count, by: chunkSize).map { $0..<min($0 + chunkSize, grid.count) }
        let results = ParallelResults<SweepPoint, SweepError>(count: grid.count, tasks: chunks.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, chunks.count))) { _ in
            while let c = results.claim() {
                do throws(AllocationError) {
                    try engine.withReusableSolver { (solver) throws(AllocationError) in
                        for i in chunks[c] {
                            do throws(SweepError) {
                                results.set(i, try solvePoint(grid[i], axes: axes, template: template, base: base, solver: solver, started: started))
                            } catch {
                                results.fail(error)
                                return
                            }
                            progress?(results.done, grid.count)
                        }
                    }
                } catch {
                    results.fail(.allocation(point: "chunk \(c)", error))
                }
            }
        }
        if let error = results.error { throw error }
        return SweepResult(scenarioName: base.name, axes: axes, poolIDs: base.pools.map(\.id),
                           poolNames: base.pools.map(\.name), kinds: base.deviceKinds, points: results.values.map { $0! })
    }

    static func solvePoint(_ values: [Decimal], axes: [SweepAxis], template: ScenarioTemplate, base: Scenario,
                           solver: ReusableEngine, started: ContinuousClock.Instant? = nil) throws(SweepError) -> SweepPoint {
        let overrides = zip(axes, values).map { "\($0.keyPath)=\($1)" }
        let point = overrides.joined(separator: ", ")
        let scenario: Scenario
        // A value that makes the scenario wrong is the user's input, not an allocation failure.
        do { scenario = try template.scenario(overrides: overrides).scenario } catch {
            throw .scenario(point: point, error)
        }
        do {
            let plan = try solver.solve(scenario, started: started)
            let pupilKinds = plan.kinds.indices.filter { plan.kinds[$0].basis == .pupils }
            let teacherKinds = plan.kinds.indices.filter { plan.kinds[$0].basis == .teachers }
            func smallest(_ kinds: [Int]) -> Ratio? {
                plan.schools.flatMap { a in kinds.filter { a.need[$0] > 0 }.map { Ratio(a.devices[$0], a.need[$0]) } }.min()
            }
            return SweepPoint(values: values, summary: .init(
                pupilDevices: pupilKinds.reduce(0) { $0 + plan.totalDevices(kind: $1) },
                pupilNeed: pupilKinds.reduce(0) { $0 + plan.totalNeed(kind: $1) },
                teacherDevices: teacherKinds.reduce(0) { $0 + plan.totalDevices(kind: $1) },
                poolSpent: base.pools.map { p in plan.pools.first { $0.pool.id == p.id }?.spent ?? .zero },
                ownMoney: plan.ownMoneySpent, totalSpent: plan.totalCost, guaranteedCoverage: plan.guaranteedCoverage,
                smallestPupilShare: smallest(pupilKinds), smallestTeacherShare: smallest(teacherKinds),
                status: plan.solver.status.rawValue, gapDevices: plan.solver.gapDevices), infeasibility: nil)
        } catch {
            if case .infeasible(let why) = error { return SweepPoint(values: values, summary: nil, infeasibility: why) }
            throw .allocation(point: point, error)
        }
    }
}
