import Testing
@testable import Calibration
import GLPKSolver

/// The calibration's progress (issue 18): the plan as given, then every fit → solve round.
@Suite struct CalibrationProgressTests {
    @Test func everyRoundIsReportedInOrder() throws {
        var spec = CalibrationSpec()
        spec.factorForms = ["Berufskolleg"]
        spec.leaveOneOut = false
        var heard: [CalibrationProgress] = []
        let r = try Calibrator(solver: GLPKSolver()).calibrate(
            KnownCity.scenario(), observations: KnownCity.observations(try KnownCity.perSchool(noise: 0.05)), spec: spec) {
            heard.append($0)
        }
        let rounds = heard.filter { if case .round = $0.step { true } else { false } }
        #expect(rounds.map(\.step) == (0...r.iterations.count).map { .round($0) })
        #expect(heard.count == rounds.count, "leave-one-out is off")
        #expect(heard.allSatisfy { $0.maxRounds == spec.maxIterations })
        #expect(rounds.first?.change == nil && heard.first?.meanError != nil)
        #expect(rounds.dropFirst().map(\.change) == r.iterations.map { Optional($0.change) })
        #expect(rounds.dropFirst().map(\.meanError) == r.iterations.map { Optional($0.mape) })
    }

    @Test func leaveOneOutFitsAreCountedAfterTheRounds() throws {
        var spec = CalibrationSpec()
        spec.factorForms = ["Berufskolleg"]
        let observations = KnownCity.observations(try KnownCity.perSchool())
        var heard: [CalibrationProgress.Step] = []
        _ = try Calibrator(solver: GLPKSolver()).calibrate(KnownCity.scenario(), observations: observations, spec: spec) {
            heard.append($0.step)
        }
        let n = observations.groups.count
        #expect(Array(heard.suffix(n)) == (0..<n).map { .leaveOneOut(done: $0, of: n) })
        #expect(heard.first == .round(0))
    }
}
