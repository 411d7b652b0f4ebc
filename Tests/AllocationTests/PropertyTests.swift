import Foundation
import Testing
@testable import Allocation
import Reports
@testable import ScenarioFiles
import TestSupport

/// Random valid scenarios from a seeded generator (reproducible: the seed is in the test
/// name), checked against the properties every plan must have.
struct RandomScenarios {
    var random: SplitMix64
    init(state: UInt64) { random = SplitMix64(seed: state) }
    mutating func next() -> UInt64 { random.next() }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...xs.count - 1)] }

    mutating func scenario() -> Scenario {
        let forms = ["Grundschule", "Gymnasium", "Realschule"]
        let schools = (0..<int(3...25)).map { i in
            School(id: String(100_000 + i * 7), name: "School \(i)", form: pick(forms), district: pick(["Nord", "Süd", "Ost"]),
                   pupils: int(0...900), socialIndex: int(0...9) == 0 ? nil : int(1...9), teachers: int(0...60))
        }
        let pupilPrice = Money(cents: int(200...600) * 100 + int(0...99))
        let teacherPrice = Money(cents: int(300...700) * 100)
        let kinds = [DeviceKind(id: "pupil", label: "P", basis: .pupils, unitPrice: pupilPrice,
                                coverageFloor: pick([0, 0, 0, Decimal(string: "0.1")!, Decimal(string: "0.3")!])),
                     DeviceKind(id: "teacher", label: "T", basis: .teachers, unitPrice: teacherPrice,
                                priorityWeight: Decimal(int(1...20)) / 10)]
        let pools = [
            Pool(id: "grant", name: "G", budget: Money(cents: int(0...200_000) * 100), kinds: ["pupil"],
                 rule: .grant(rate: Decimal(int(50...100)) / 100, capPerDevice: Money(cents: int(200...600) * 100))),
            Pool(id: "rest", name: "R", budget: Money(cents: int(0...30_000) * 100), kinds: pick([["pupil"], ["pupil", "teacher"]]), rule: .remainder),
            Pool(id: "teach", name: "T", budget: Money(cents: int(0...60_000) * 100), kinds: ["teacher"],
                 rule: .grant(rate: 1, capPerDevice: Money(cents: 50_000))),
            Pool(id: "own", name: "O", budget: Money(cents: pick([0, 0, int(0...50_000)]) * 100), kinds: ["pupil", "teacher"], rule: .any, isOwnMoney: true),
        ]
        var shares: [Int: Decimal] = [:], weights: [Int: Decimal] = [:]
        for l in 1...9 { shares[l] = Decimal(int(0...60)) / 100; weights[l] = Decimal(int(5...30)) / 10 }
        let need = NeedRules(gradesInScope: 2...13, formGrades: ["Grundschule": 1...4, "Gymnasium": 5...13, "Realschule": 5...10],
                             pupilShareByLevel: shares, priorityWeightByLevel: weights, withoutLevel: [:],
                             defaultWithoutLevel: pick([.exclude, .level(5)]))
        return Scenario(name: "random", schools: schools, deviceKinds: kinds, pools: pools, need: need,
                        objective: pick(ObjectiveMode.allCases), solver: SolverSettings(relativeGap: 1e-4, timeLimitSeconds: 5))
    }
}

@Suite struct PropertyTests {
    @Test(arguments: Array(UInt64(1)...UInt64(40)))
    func everyPlanHoldsItsProperties(seed: UInt64) throws {
        var g = RandomScenarios(state: seed)
        let s = g.scenario()
        let plan: Plan
        // Money is conserved: the pools spend what the devices cost, each pool its total in the
        // model's funding solution (checked while solving).
        do { plan = try solveCheckingThatMoneyIsConserved(s) } catch {
            // Only the coverage floors can make a scenario impossible; then the answer says how.
            guard case let .infeasible(why)? = error as? AllocationError else { throw error }
            let explanation = ErrorWords.text(why, .en)
            #expect(why.rule == .coverageFloors && explanation.contains("more than the pools can pay") || explanation.contains("cannot be paid"))
            return
        }
        // The verifier passes (it already ran inside solve; run it again on the returned plan).
        #expect(PlanVerifier.verify(plan).isEmpty)
        // The proven bound is never below the plan's objective (maximisation).
        #expect(plan.solver.bestBound >= plan.solver.objective - 1e-6 * max(1, abs(plan.solver.objective)))
        // Shuffling the schools changes nothing.
        var shuffled = s
        shuffled.schools.reverse()
        #expect(PlanJSON.render(try engine.solve(shuffled), timing: false) == PlanJSON.render(plan, timing: false))
        // More money never covers fewer pupils (pupil grant +20 %).
        var richer = s
        richer.pools[0].budget = Money(cents: s.pools[0].budget.cents * 12 / 10 + 100_000)
        let more = try engine.solve(richer)
        #expect(more.totalDevices(kind: 0) >= plan.totalDevices(kind: 0), "seed \(seed): \(more.totalDevices(kind: 0)) < \(plan.totalDevices(kind: 0))")
        // The proportional formula never beats the optimiser on the optimiser's own objective.
        if s.objective == .weighted {
            var formula = s
            formula.objective = .proportional
            let needs = try NeedTable(s)
            #expect(try engine.solve(formula).weightedDevices(needs) <= plan.weightedDevices(needs))
        }
    }
}
