import LinearProgramming
import Testing

/// Checks every solver test makes of a result (the conformance suite and each adapter's own tests).
public protocol SolverChecks {}

extension SolverChecks {
    public func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// A returned point satisfies every bound, row and integrality.
    public func expectFeasible(_ r: SolveResult, of p: LinearProgram, sourceLocation: SourceLocation = #_sourceLocation) {
        guard r.hasSolution else { return }
        #expect(p.maxViolation(r.values) <= 1e-6, "violation \(p.maxViolation(r.values))", sourceLocation: sourceLocation)
    }

    /// For a maximization the proven bound can never be below the point found.
    public func expectBoundAbovePoint(_ r: SolveResult, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let objective = r.objective, let bound = r.bestBound else { return }
        #expect(bound >= objective - 1e-9 * max(1, abs(objective)), "bound \(bound) < objective \(objective)",
                sourceLocation: sourceLocation)
    }
}
