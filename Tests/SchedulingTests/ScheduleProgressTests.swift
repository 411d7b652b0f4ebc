import Testing
import Allocation
import GLPKSolver
import LinearProgramming
import ScenarioFiles
@testable import Scheduling
import TestSupport

/// The schedule's speed work (issue 18): progress reported step by step, stages proven only
/// within the gap of a proven bound, and a starting plan never worse than the orders it starts from.
@Suite struct ScheduleProgressTests {
    func scheduled(_ name: String, _ overrides: [String] = []) throws -> (RolloutPlan, [ScheduleProgress]) {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("schedule/\(name)"), overrides: overrides)
        let rules = try #require(loaded.schedule)
        var heard: [ScheduleProgress] = []
        let r = try scheduler.schedule(try engine.solve(loaded.scenario), rules: rules) { heard.append($0) }
        return (r, heard)
    }

    @Test(arguments: ["small-weekly.yaml", "deadline-missed.yaml", "scarce-supply.yaml", "earliest.yaml"])
    func progressNamesEveryStepInOrder(_ name: String) throws {
        let (r, heard) = try scheduled(name)
        try #require(!r.stages.isEmpty)
        #expect(heard.first?.step == .relaxation)
        #expect(heard.contains { $0.step == .startingPlan })
        for (i, stage) in r.stages.enumerated() {
            #expect(heard.contains { $0.step == .stage(index: i, count: r.stages.count, name: stage.name) }, "\(stage.name)")
        }
        // Steps never go back: bounds and starting plan, the stages in order, done.
        func rank(_ s: ScheduleProgress.Step) -> Int {
            switch s {
            case .relaxation, .startingPlan: 0
            case .stage(let i, _, _): 1 + i
            case .done: 100
            }
        }
        #expect(heard.map { rank($0.step) } == heard.map { rank($0.step) }.sorted())
        let last = try #require(heard.last)
        #expect(last.step == .done)
        #expect(last.incumbent == r.stages.last?.objective && last.bound == r.stages.last?.bestBound)
        // A bound is never below the best schedule it bounds (the stages maximise).
        for p in heard { if let v = p.incumbent, let b = p.bound { #expect(b >= v - 1e-6 * max(1, abs(v)), "\(p)") } }
    }

    /// "Optimal" only when proven: every optimal stage's schedule lies within the relative gap of
    /// its proven bound, whether GLPK's search or the linear relaxation proved it.
    @Test(arguments: ["small-weekly.yaml", "deadline-missed.yaml", "scarce-supply.yaml", "earliest.yaml"])
    func optimalStagesLieWithinTheGapOfTheirBound(_ name: String) throws {
        for gap in [0.0, 1e-4, 0.01] {
            let (r, _) = try scheduled(name, ["solver.relativeGap=\(gap)"])
            for s in r.stages where s.status == .optimal {
                #expect(s.bestBound - s.objective <= gap * abs(s.objective) + 1e-6 * max(1, abs(s.objective)), "gap \(gap): \(s)")
            }
            #expect(r.status == .optimal)
        }
    }

    /// The exchange search keeps the best order it has seen: never worse than any order it starts from.
    @Test(arguments: ["small-weekly.yaml", "deadline-missed.yaml", "scarce-supply.yaml", "earliest.yaml"])
    func theStartingPlanIsNeverWorseThanItsStarts(_ name: String) throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("schedule/\(name)"))
        let rules = try #require(loaded.schedule)
        let plan = try engine.solve(loaded.scenario)
        let total = plan.kinds.indices.reduce(0) { $0 + plan.totalDevices(kind: $1) }
        let model = ScheduleModel(plan: plan, rules: rules, supply: rules.cumulativeSupply(total: total))
        let weights = try TeacherWeights.weights(plan, rules.teacherDevices)
        let objective = LinearProgram.Objective(.maximize, model.deviceWeeksTerms { r, k in weights[model.schools[r]][k] })
        let start = StartingPlan(model: model, objectives: [objective])
        let reversed = Array(start.valueOrder.reversed())
        let best = start.run(start.best(of: [reversed, start.valueOrder])).objectives
        for order in [reversed, start.valueOrder] {
            #expect(StartingPlan.before(start.run(order).objectives, best) != true)
        }
        #expect(model.program.maxViolation(start.values(start.best(of: [reversed]))) <= 1e-6)
    }
}
