import Foundation
import Testing
import Allocation
import GLPKSolver
import History
import Reports
import ScenarioFiles
import TestSupport

/// The run history's headline figures (`HeadlineFigure.of`, from `Comparison.headlineLines`,
/// which leaves out the level and district lines and the school changes to keep recording
/// cheap) are exactly the pool and device lines of a whole comparison of the plan.
@Suite struct HeadlineFiguresTests {
    @Test(arguments: [Paths.defaultScenario, Paths.fixture("valid/marginal.yaml")])
    func headlineLinesAreThePoolAndDeviceLinesOfAComparison(_ scenario: String) throws {
        let plan = try AllocationEngine(solver: GLPKSolver()).solve(try ScenarioLoader.load(path: scenario).scenario)
        let whole = Comparison([plan], labels: [""]).lines.filter { $0.section == .pools || $0.section == .devices }
        let headline = Comparison.headlineLines(plan)
        #expect(headline.map(\.id) == whole.map(\.id))
        #expect(headline.map(\.de) == whole.map(\.de) && headline.map(\.en) == whole.map(\.en))
        #expect(headline.map(\.values) == whole.map(\.values))
        #expect(headline.map(\.section) == whole.map(\.section) && headline.map(\.group) == whole.map(\.group))
        #expect(HeadlineFigure.of(plan).map(\.key) == whole.map(\.id))
        #expect(PlanFigures.total(plan) == PlanFigures(plan).total)
        #expect(!headline.isEmpty && headline.contains { $0.id == "total.pupilShare" })
    }
}
