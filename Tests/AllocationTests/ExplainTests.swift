import Foundation
import Testing
@testable import Allocation
import Reports
import ScenarioFiles
import TestSupport

@Suite struct ExplainTests {
    func pupils(_ plan: Plan) -> Int { plan.kinds.indices.filter { plan.kinds[$0].basis == .pupils }.reduce(0) { $0 + plan.totalDevices(kind: $1) } }

    @Test func knownMarginalValueCrossCheckedByResolving() throws {
        var s = try loadFixture("valid/marginal.yaml")
        let e = try engine.explain(s)
        let grant = try #require(e.pools.first { $0.pool.id == "grant" })
        #expect(grant.isBinding)
        #expect(abs(grant.devicesPerEuro[0] * 1000 - 4) < 1e-9)
        #expect(grant.devices(for: 1000, kind: 0) == 4 && grant.devices(for: -1000, kind: 0) == -4)
        #expect(grant.rangeLow == .zero && grant.rangeHigh == Money(cents: 13_550_000))  // 542 devices × 250 €
        let base = pupils(e.plan)
        s.pools[0].budget = Money(cents: 1_100_000)
        #expect(pupils(try engine.solve(s)) - base == 4)
        s.pools[0].budget = Money(cents: 900_000)
        #expect(pupils(try engine.solve(s)) - base == -4)
    }

    @Test func defaultScenarioPoolsCrossCheckedByResolving() throws {
        let s = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        let e = try engine.explain(s)
        for m in e.pools where m.isBinding {
            for step in [1000, -1000] where m.rateHolds(for: step) && m.pool.budget.cents >= 100_000 {
                var changed = s
                let p = changed.pools.firstIndex { $0.id == m.pool.id }!
                changed.pools[p].budget = Money(cents: changed.pools[p].budget.cents + step * 100)
                let plan = try engine.solve(changed)
                for k in s.deviceKinds.indices {
                    let predicted = m.devices(for: step, kind: k)
                    let actual = plan.totalDevices(kind: k) - e.plan.totalDevices(kind: k)
                    // Whole devices: the integer plan keeps leftovers, so it may differ by one.
                    #expect(abs(actual - predicted) <= 1, "\(m.pool.id) \(step) €, kind \(k): predicted \(predicted), re-solved \(actual)")
                }
            }
        }
        let sofort = try #require(e.pools.first { $0.pool.id == "sofort" })
        #expect(abs(sofort.devicesPerEuro[0] - 1 / 312.30) < 1e-9)  // 90 % of 347 €
        #expect(!(try #require(e.pools.first { $0.pool.id == "gute-schule" })).isBinding)
        #expect(e.bindings.contains { $0.rule == .coverage })
        let text = ExplanationReport.text(e)
        #expect(text.contains("How this was computed"))
        #expect((try? JSONSerialization.jsonObject(with: Data(ExplanationReport.json(e).utf8))) != nil)
    }

    @Test func weightRangesHoldAndBreakWhereTheySay() throws {
        var s = try loadFixture("valid/small.yaml")
        s.objective = .weighted
        let e = try engine.explain(s)
        let base = try engine.solve(s)
        var checked = 0
        for w in e.weights {
            guard let level = w.level, let high = w.high, high < 50 else { continue }
            checked += 1
            // Inside the range (half way up) nothing changes ...
            var inside = s
            inside.need.priorityWeightByLevel[level] = Decimal((w.weight.doubleValue + high) / 2)
            #expect(try engine.solve(inside).schools.map(\.devices) == base.schools.map(\.devices), "level \(level) inside")
            // ... and well past it, some school's count does.
            var outside = s
            outside.need.priorityWeightByLevel[level] = Decimal(high + 0.05)
            #expect(try engine.solve(outside).schools.map(\.devices) != base.schools.map(\.devices), "level \(level) past \(high)")
        }
        #expect(checked >= 2)
    }

    static let infeasible: [String] = {
        let dir = Paths.fixtures.appendingPathComponent("infeasible")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test(arguments: infeasible)
    func infeasibleFixturesGetAFix(_ name: String) throws {
        let path = Paths.fixture("infeasible/\(name)")
        let expectations = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("# expect: ") }.map { $0.dropFirst("# expect: ".count) }
        #expect(!expectations.isEmpty)
        let error = #expect(throws: AllocationError.self) { try engine.solve(try loadFixture("infeasible/\(name)")) }
        for text in expectations { #expect(error?.description.contains(text) == true, "\(name): \(String(describing: error))") }
        // The suggested lower floor does make the scenario hold.
        guard case let .infeasible(why)? = error else {
            Issue.record("\(name): expected an infeasible scenario, got \(String(describing: error))")
            return
        }
        let explanation = ErrorWords.text(why, .en)
        let regex = try NSRegularExpression(pattern: #"deviceKinds\.([A-Za-z0-9_-]+)\.coverageFloor\) from [0-9.]+ % to ([0-9.]+) %"#)
        let m = try #require(regex.firstMatch(in: explanation, range: NSRange(explanation.startIndex..., in: explanation)),
                             "\(name): no lower floor suggested: \(explanation)")
        let kindRange = try #require(Range(m.range(at: 1), in: explanation)), pctRange = try #require(Range(m.range(at: 2), in: explanation))
        var s = try loadFixture("infeasible/\(name)")
        let k = try #require(s.deviceKinds.firstIndex { $0.id == explanation[kindRange] })
        s.deviceKinds[k].coverageFloor = try #require(Decimal(string: String(explanation[pctRange]))) / 100
        _ = try engine.solve(s)
    }
}
