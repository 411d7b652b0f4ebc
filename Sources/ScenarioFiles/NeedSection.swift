import Foundation
import Allocation

/// The scenario's `need` section.
extension ScenarioLoader {
    static func readNeed(_ v: YAMLValue) throws(ScenarioError) -> NeedRules {
        let f = try v.fields(keysOf: "need")
        func require(_ key: String) throws(ScenarioError) -> YAMLValue {
            guard let x = f[key] else { throw v.fail(.missing(key: key, why: nil)) }
            return x
        }
        let grades = try readGrades(try require("gradesInScope"))
        var forms: [String: ClosedRange<Int>] = [:]
        for (form, gv) in try require("schoolForms").mapping(allowed: nil) { forms[form] = try readGrades(gv) }
        let shares = try readLevelTable(try require("pupilShareByLevel"), key: "need.pupilShareByLevel.<level>")
        let weights = try readLevelTable(try require("priorityWeightByLevel"), key: "need.priorityWeightByLevel.<level>")
        var without: [String: NeedRules.WithoutLevel] = [:]
        var fallback: NeedRules.WithoutLevel?
        if let w = f["withoutLevel"] {
            for (form, rv) in try w.mapping(allowed: nil) {
                let rule: NeedRules.WithoutLevel
                if (try? rv.string()) == "exclude" { rule = .exclude } else {
                    rule = .level(try rv.integer(ScenarioLimits.indexLevels, what: ScenarioKeys.entry("need.withoutLevel.<form>").what))
                }
                if form == "default" { fallback = rule } else { without[form] = rule }
            }
        }
        var factors: [String: Decimal] = [:]
        if let fv = f["formFactor"] {
            for (form, value) in try fv.mapping(allowed: nil) {
                guard forms[form] != nil else {
                    throw value.fail(.rule(.notASchoolForm(form, allowed: forms.keys.sorted())))
                }
                factors[form] = try value.decimal(key: "need.formFactor.<form>")
            }
        }
        return NeedRules(gradesInScope: grades, formGrades: forms, pupilShareByLevel: shares, priorityWeightByLevel: weights,
                         withoutLevel: without, defaultWithoutLevel: fallback, formFactor: factors)
    }

    /// [from, to] grades, 1...13.
    static func readGrades(_ v: YAMLValue) throws(ScenarioError) -> ClosedRange<Int> {
        let items = try v.sequence()
        guard items.count == 2 else { throw v.fail(.section(.gradesShape(found: items.count))) }
        let lo = try items[0].integer(ScenarioLimits.grades, what: .loader(.grade)), hi = try items[1].integer(ScenarioLimits.grades, what: .loader(.grade))
        guard lo <= hi else { throw v.fail(.section(.gradesReversed(first: lo, last: hi))) }
        return lo...hi
    }

    /// One entry for each index level 1...9.
    static func readLevelTable(_ v: YAMLValue, key pattern: String) throws(ScenarioError) -> [Int: Decimal] {
        var table: [Int: Decimal] = [:]
        for (key, value) in try v.mapping(allowed: ScenarioLimits.indexLevels.map(String.init)) {
            table[Int(key)!] = try value.decimal(key: pattern)
        }
        let missing = (1...9).filter { table[$0] == nil }
        if !missing.isEmpty { throw v.fail(.rule(.missingLevels(missing))) }
        return table
    }
}
