import Foundation
import Testing
import TestSupport
import Allocation
@testable import PlannerService
import Reports
import ScenarioFiles

/// The planner's form takes labels, help texts and ranges from the scenario-key table, in the
/// language asked for (German by default).
@Suite struct PlannerFormLanguageTests {
    static func fields(_ json: String) throws -> [[String: Any]] {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let form = try object(try copy.service().handle("form", body: body(json)))
        return try #require(form["fields"] as? [[String: Any]])
    }

    static func field(_ fields: [[String: Any]], _ key: String) throws -> [String: Any] {
        try #require(fields.first { $0["key"] as? String == key })
    }

    @Test func labelsAreGermanByDefaultAndEnglishOnRequest() throws {
        let german = try Self.fields("{}")
        let rate = try Self.field(german, "pools.sofort.fundingRate")
        #expect(rate["label"] as? String == "Sofortausstattungsprogramm: Förderquote")
        #expect((rate["help"] as? String)?.contains("förderfähigen Kosten") == true)
        #expect(try Self.field(german, "pools.sofort.capPerDevice")["label"] as? String == "Sofortausstattungsprogramm: Obergrenze je Gerät")
        #expect(try Self.field(german, "pools.sofort.budget")["label"] as? String == "Sofortausstattungsprogramm: Budget")
        #expect(try Self.field(german, "objective")["label"] as? String == "Zielfunktion")
        for lang in [#"{"lang": "en"}"#, #"{"language": "en"}"#] {
            let english = try Self.fields(lang)
            #expect(try Self.field(english, "pools.sofort.fundingRate")["label"] as? String == "Sofortausstattungsprogramm: Funding rate")
            #expect(try Self.field(english, "need.priorityWeightByLevel.3")["label"] as? String == "Priority weight, index level 3")
        }
        #expect(try Self.fields(#"{"lang": "de"}"#).count == german.count)
    }

    @Test func aLanguageOtherThanGermanOrEnglishIsRefused() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        #expect(service.handle("form", body: body(#"{"lang": "fr"}"#)).status == 400)
        #expect(service.handle("form", body: body(#"{"lang": "en", "language": "de"}"#)).status == 400)
    }

    /// Every field's key is a key of the table, and its slider stays inside the table's range:
    /// the funding rate's slider starts above 0, as the loader allows (0, 1].
    @Test func everyFieldIsATableKeyWithinItsRange() throws {
        for field in try Self.fields("{}") {
            let key = try #require(field["key"] as? String)
            let entry = try #require(ScenarioKeys.match(key.split(separator: ".").map(String.init)), "\(key)")
            #expect(!(field["help"] as? String ?? "").isEmpty, "\(key)")
            guard let range = entry.range, let lo = field["min"] as? Double, let hi = field["max"] as? Double else { continue }
            #expect(range.contains(Decimal(lo)) && range.contains(Decimal(hi)), "\(key): slider \(lo)...\(hi) outside the table's range")
        }
        let rate = try Self.field(try Self.fields("{}"), "pools.sofort.fundingRate")
        #expect(rate["min"] as? Double == 0.01 && rate["max"] as? Double == 1)
    }

    /// The OpenAPI schema's list of keys the planner may not change is the key table's.
    @Test func theOpenAPISchemaNamesTheKeysThePlannerMayNotChange() {
        let sections = ScenarioKeys.fixedInPlanner.filter { !$0.contains(".") }
        #expect(PlannerOpenAPI.document.contains("^(\(sections.joined(separator: "|")))(\\\\.|$)"))
        for key in ["name", "schools.file", "pools.sofort.split.file", "pools.sofort.split.columns.amount"] {
            #expect(ScenarioKeys.plannerFixedSection(of: key.split(separator: ".").map(String.init)) != nil, "\(key)")
        }
        #expect(ScenarioKeys.plannerFixedSection(of: ["pools", "sofort", "split", "stateTotal"]) == nil)
    }
}
