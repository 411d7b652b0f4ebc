import Foundation
import Allocation

/// The scenario's `maximin` and `solver` sections.
extension ScenarioLoader {
    /// `maximin: {guarantee: per-kind | joint, order: [kind ids]}`.
    static func readMaximin(_ v: YAMLValue, kinds: [DeviceKind]) throws(ScenarioError) -> MaximinRule {
        var rule = MaximinRule()
        for (key, value) in try v.mapping(keysOf: "maximin") {
            if key == "guarantee" {
                rule.guarantee = try value.choice(MaximinRule.Guarantee.self, explained: .guarantee)
            } else {
                // Unknown or repeated kinds, and an order with a joint guarantee: Scenario.validate().
                rule.order = try value.stringList()
            }
        }
        return rule
    }

    static func readSolver(_ v: YAMLValue) throws(ScenarioError) -> SolverSettings {
        var s = SolverSettings()
        for (key, value) in try v.mapping(keysOf: "solver") {
            let d = try value.decimal(key: "solver." + key).doubleValue
            switch key {
            case "relativeGap": s.relativeGap = d
            case "timeLimitSeconds": s.timeLimitSeconds = d
            default: s.stageTolerance = d
            }
        }
        return s
    }
}
