import Foundation
import Testing
import TestSupport
@testable import PlannerService
import ScenarioFiles

/// The OpenAPI document's scenario keys come from the key table, and every operation declares
/// the 500 of a solve that finds no plan in time (ErrorClass.solverOrInternal).
@Suite struct PlannerOpenAPIKeysTests {
    static func document() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(PlannerOpenAPI.document.utf8)) as? [String: Any])
    }

    static func matches(_ pattern: String, _ text: String) throws -> Bool {
        let re = try NSRegularExpression(pattern: pattern)
        return re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test func everyOperationDeclaresTheInternalError() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        #expect(paths.count >= 9)
        for (path, methods) in paths {
            for (method, operation) in methods {
                let responses = try #require((operation as? [String: Any])?["responses"] as? [String: Any], "\(path) \(method)")
                #expect(responses["500"] != nil, "\(path) \(method) declares no 500")
            }
        }
    }

    @Test func theFormsKeysAreTheTablesAndMatchTheDeclaredPattern() throws {
        let doc = try Self.document()
        let form = try #require(((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])?["Form"] as? [String: Any])
        let items = try #require(((form["properties"] as? [String: Any])?["fields"] as? [String: Any])?["items"] as? [String: Any])
        let key = try #require((items["properties"] as? [String: Any])?["key"] as? [String: Any])
        let pattern = try #require(key["pattern"] as? String)
        let fields = try PlannerFormLanguageTests.fields("{}")
        #expect(fields.count > 5)
        for field in fields {
            let k = try #require(field["key"] as? String)
            #expect(try Self.matches(pattern, k), "\(k) does not match \(pattern)")
        }
        #expect(try !Self.matches(pattern, "solver.timeLimitSeconds"))
        for p in PlannerForm.keyPatterns {
            #expect((key["description"] as? String ?? "").contains(p), "\(p)")
            _ = ScenarioKeys.entry(p)
        }
        #expect((key["description"] as? String ?? "").contains("pools.<pool>.fundingRate (0 < value ≤ 1)"))
    }

    @Test func theOverridesRefuseTheKeysFixedInThePlanner() throws {
        let doc = try Self.document()
        let request = try #require(((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])?["PlannerRequest"] as? [String: Any])
        let overrides = try #require((request["properties"] as? [String: Any])?["overrides"] as? [String: Any])
        let not = try #require(((overrides["propertyNames"] as? [String: Any])?["not"] as? [String: Any])?["pattern"] as? String)
        for refused in ["name", "schools.file", "solver.timeLimitSeconds", "pools.sofort.split.file", "pools.sofort.split.columns.amount"] {
            #expect(try Self.matches(not, refused), "\(refused)")
        }
        for allowed in ["pools.sofort.budget", "pools.sofort.split.stateTotal", "names", "objective"] {
            #expect(try !Self.matches(not, allowed), "\(allowed)")
        }
    }
}
