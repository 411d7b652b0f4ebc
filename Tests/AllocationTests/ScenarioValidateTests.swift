import Foundation
import Testing
import Reports
import TestSupport
import Allocation
import ScenarioFiles
import GLPKSolver

/// `Scenario.validate()` holds the domain rules: a scenario built in code is refused by the
/// same rules as one loaded from a file, and the engine calls it before it builds a model.
@Suite struct ScenarioValidateTests {
    static func small() throws -> Scenario { try loadFixture("valid/small.yaml") }

    @Test func aValidScenarioHasNoIssues() throws {
        let s = try Self.small()
        #expect(s.issues().isEmpty)
        try s.validate()
    }

    /// Built in code, each with one bad value: the rule broken, and the key that names it.
    @Test(arguments: [
        ("grant below a cent", "pools.sofort", "pays 0.00 € per pupil device"),
        ("rate above one", "pools.sofort.fundingRate", "expected a funding rate above 0 and at most 1"),
        ("rate zero", "pools.sofort.fundingRate", "above 0"),
        ("own-money grant", "pools.sofort.ownMoney", "a grant cannot be the city's own money"),
        ("missing level", "need.pupilShareByLevel", "missing index levels 9"),
        ("seven decimals", "need.pupilShareByLevel.9", "more than 6 decimals"),
        ("unknown kind in order", "maximin.order[0]", "allowed: the device kinds pupil, teacher"),
        ("weight too large", "deviceKinds.teacher.priorityWeight", "a weight from 0 to 1000"),
        ("no rule without a level", "need", "has no social index level"),
        ("split in part", "pools", "are split among authorities but"),
    ])
    func aScenarioBuiltInCodeWithABadValueIsRefused(_ change: String, _ key: String, _ message: String) throws {
        var s = try Self.small()
        switch change {
        case "grant below a cent": s.pools[0].rule = .grant(rate: Decimal(string: "0.00001")!, capPerDevice: Money(cents: 50_000))
        case "rate above one": s.pools[0].rule = .grant(rate: Decimal(string: "1.2")!, capPerDevice: Money(cents: 50_000))
        case "rate zero": s.pools[0].rule = .grant(rate: 0, capPerDevice: Money(cents: 50_000))
        case "own-money grant": s.pools[0].isOwnMoney = true
        case "missing level": s.need.pupilShareByLevel[9] = nil
        case "seven decimals": s.need.pupilShareByLevel[9] = Decimal(string: "0.1234567")!
        case "unknown kind in order": s.maximin.order = ["laptop"]
        case "weight too large": s.deviceKinds[1].priorityWeight = 1001
        case "no rule without a level": s.need.withoutLevel = [:]
        default: s.pools[0].authorityBudgets = ["Nord": Money(cents: 100)]
        }
        let issue = #expect(throws: ScenarioIssue.self) { try s.validate() }
        #expect(issue?.key == key, "\(change): \(String(describing: issue))")
        #expect(issue?.message.contains(message) == true, "\(change): \(String(describing: issue))")
        // The engine refuses it too, naming the same key, before any model is built.
        let error = #expect(throws: AllocationError.self) { try engine.solve(s) }
        guard case .inconsistentScenario(let issue)? = error else {
            Issue.record("\(change): expected inconsistentScenario, got \(String(describing: error))"); return
        }
        let text = ErrorWords.text(issue, .en)
        #expect(text.hasPrefix(key + ": ") && text.contains(message), "\(change): \(text)")
    }

    /// Only wrong values get a finding's key built (issue 18, eighth round): the findings are
    /// still all there, in the order of the file's sections and, within a split pool, by
    /// authority; a school without a level is named by the first of them whose form has no rule,
    /// also when schools of a form with a rule come before it.
    @Test func findingsComeInTheirOrderWhenOnlyWrongValuesAreNamed() throws {
        var s = try Self.small()
        let ids = s.pools.map(\.id)
        for i in s.pools.indices {
            s.pools[i].authorityBudgets = ["m": Money(cents: 1), "z": Money(cents: -1), "a": Money(cents: -2), "k": Money(cents: 5)]
        }
        let keys = s.issues().map(\.key).filter { $0.contains(".split") }
        #expect(keys == ids.flatMap { ["pools.\($0).split (authority a)", "pools.\($0).split (authority z)"] }, "\(keys)")

        var t = try Self.small()
        let form = t.schools[0].form
        t.need.defaultWithoutLevel = nil
        t.need.withoutLevel = [form: .exclude]
        for i in t.schools.indices { t.schools[i].socialIndex = nil }
        t.schools[0].form = form; t.schools[1].form = form; t.schools[2].form = "Kolleg"; t.schools[3].form = form
        let issue = t.issues().first { $0.key == "need" }
        #expect(issue?.problem == .rule(.noRuleWithoutLevel(school: t.schools[2].id, form: "Kolleg")), "\(String(describing: issue))")
        t.schools[1].form = "Kolleg"
        #expect(t.issues().first { $0.key == "need" }?.problem == .rule(.noRuleWithoutLevel(school: t.schools[1].id, form: "Kolleg")))
    }

    /// The loader reports a domain rule at the file and line of the key that breaks it.
    @Test func theLoaderShowsARuleBrokenAtItsLine() throws {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: ["pools.sofort.fundingRate=0.00001"])
        }
        #expect(error?.file.hasSuffix("valid/small.yaml") == true && error?.line == 9 && error?.key == "pools.sofort",
                "\(String(describing: error))")
        let order = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: ["maximin.order=[teacher, teacher]"])
        }
        #expect(order?.key == "maximin.order[1]" && order?.message.contains("listed twice") == true, "\(String(describing: order))")
    }
}
