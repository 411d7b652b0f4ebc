import Foundation
import Testing
import Allocation
import Reports
import ScenarioFiles
import TestSupport

/// Issue 15: a years scenario's inventory plan (a plan.json, read as YAML) that is not valid
/// JSON is refused with the YAML reader's reason in German, at the plan file's line and column.
@Suite struct PlanFileReasonsTests {
    @Test func invalidJSONInThePlanFile() throws {
        let dir = try temporaryFolder("plan-file-reasons")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scenarios = Paths.repository.appendingPathComponent("Scenarios").path
        var text = try String(contentsOfFile: scenarios + "/dortmund-2026-2030.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "extends: dortmund-2020.yaml", with: "extends: \(scenarios)/dortmund-2020.yaml")
        text = text.replacingOccurrences(of: "plan: data/dortmund-2020-plan.json", with: "plan: \(dir)/bad.json")
        try text.write(toFile: dir + "/years.yaml", atomically: true, encoding: .utf8)
        try "{\"schools\": [{\"school\": \"100001\", \"devices\": {\"pupil\": 3}\n".write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        do {
            _ = try ScenarioLoader.loadYears(path: dir + "/years.yaml")
            Issue.record("no error")
        } catch {
            let de = ErrorWords.text(error, .de), en = ErrorWords.text(error, .en)
            #expect(de.contains("bad.json:2:1: fehlerhaftes YAML: "), "\(de)")
            for english in ["did not find", "found", "expected", "while "] { #expect(!de.contains(english), "\(de)") }
            #expect(en.contains("bad.json:2:1: malformed YAML: "), "\(en)")
        }
    }
}
