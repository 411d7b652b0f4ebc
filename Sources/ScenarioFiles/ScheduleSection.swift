import Allocation
import Scheduling

extension ScenarioLoader {
    /// Placeholder: reads the scenario's `schedule` section (issue 6).
    static func readSchedule(_ v: YAMLValue, scenario: Scenario) throws(ScenarioError) -> ScheduleRules {
        _ = try v.mapping(allowed: nil)
        return ScheduleRules()
    }
}
