import Foundation
import Testing
import Allocation
import GLPKSolver
@testable import PlannerService
import Reports
import ScenarioFiles
import TestSupport

@Suite struct PlannerRequestDecoding {
    @Test func acceptsAnEmptyBodyAndAFullRequest() throws {
        #expect(try PlannerRequest.decode(Data()) == PlannerRequest())
        let r = try PlannerRequest.decode(body(#"""
            {"scenario": "what-if/x.yaml", "baseline": "dortmund-2020.yaml", "title": "Weniger Zuschuss",
             "overrides": {"pools.sofort.budget": "5490000", "deviceKinds.pupil.unitPrice": 367.5, "objective": "weighted"},
             "language": "en", "step": 500, "file": "less", "overwrite": true}
            """#))
        #expect(r.scenario == "what-if/x.yaml" && r.baseline == "dortmund-2020.yaml" && r.title == "Weniger Zuschuss")
        #expect(r.overrides == ["pools.sofort.budget": "5490000", "deviceKinds.pupil.unitPrice": "367.5", "objective": "weighted"])
        #expect(r.language == "en" && r.step == 500 && r.file == "less" && r.overwrite)
        // The same overrides always apply in the same order.
        #expect(r.overrideArguments == ["deviceKinds.pupil.unitPrice=367.5", "objective=weighted", "pools.sofort.budget=5490000"])
    }

    /// Each malformed body gets a 400 or 422 naming what is wrong; none crashes.
    @Test(arguments: [
        ("not json", "not JSON", nil),
        ("[1, 2]", "JSON object", nil),
        ("\"text\"", "JSON object", nil),
        (#"{"overides": {}}"#, "unknown field 'overides'", nil),
        (#"{"overrides": [1]}"#, "overrides: expected an object", "overrides"),
        (#"{"overrides": {"pools..budget": "1"}}"#, "not a key path", "pools..budget"),
        (#"{"overrides": {"pools.sofort.budget": "{a: 1}"}}"#, "allowed: a number", "pools.sofort.budget"),
        (#"{"overrides": {"pools.sofort.budget": "1\n2"}}"#, "allowed: a number", "pools.sofort.budget"),
        (#"{"overrides": {"pools.sofort.budget": true}}"#, "expected a number or a word", "pools.sofort.budget"),
        (#"{"overrides": {"pools.sofort.budget": ""}}"#, "empty", "pools.sofort.budget"),
        (#"{"overrides": {"extends": "../../etc/passwd"}}"#, "cannot be changed", "extends"),
        (#"{"overrides": {"schools.file": "/etc/passwd"}}"#, "cannot be changed", "schools.file"),
        (#"{"overrides": {"solver.timeLimitSeconds": "86400"}}"#, "cannot be changed", "solver.timeLimitSeconds"),
        (#"{"overrides": {"deviceKinds.pupil.label": "---"}}"#, "allowed: a number", "deviceKinds.pupil.label"),
        (#"{"overrides": {"pools.sofort.budget": "..."}}"#, "allowed: a number", "pools.sofort.budget"),
        (#"{"overrides": {"pools.sofort.budget": 1e300}}"#, "out of any range", "pools.sofort.budget"),
        (#"{"overrides": {"pools.sofort.budget": 1e39}}"#, "beyond ±1e38", "pools.sofort.budget"),
        // A number the JSON decoder cannot hold: what is really wrong, as the command line says it.
        (#"{"overrides": {"pools.sofort.budget": 1e-99999999}}"#, "found 1e-99999999: too small: it underflows to 0", "pools.sofort.budget"),
        (#"{"title": "\"pools.sofort.budget\"", "overrides": {"pools.sofort.budget" : -1E-400}}"#, "found -1E-400: too small: it underflows", "pools.sofort.budget"),
        (#"{"overrides": {"pools.sofort.budget": 1e99999999}}"#, "found 1e99999999: too large: it overflows", "pools.sofort.budget"),
        ("{\"title\": \"e\(String(repeating: "\u{301}", count: 300))\"}", "at most 200", "title"),
        (#"{"title": "a\nb"}"#, "control characters", "title"),
        (#"{"title": 5}"#, "title: expected a string", "title"),
        (#"{"language": "fr"}"#, "allowed: de, en", "language"),
        (#"{"step": 0}"#, "step:", "step"),
        (#"{"step": 1.5}"#, "step:", "step"),
        (#"{"overwrite": "yes"}"#, "overwrite:", "overwrite"),
    ] as [(String, String, String?)])
    func refusesMalformedBodies(_ text: String, _ expected: String, _ field: String?) {
        #expect(throws: PlannerError.self) { try PlannerRequest.decode(body(text)) }
        do { _ = try PlannerRequest.decode(body(text)) } catch {
            #expect(error.message.contains(expected), "\(text): \(error.message)")
            #expect(error.field == field, "\(text): field \(error.field ?? "nil")")
            #expect(error.status == 400 || error.status == 422)
        }
    }

    @Test func refusesTooManyOverrides() {
        let many = (0...PlannerRequest.maxOverrides).map { "\"need.priorityWeightByLevel.\($0)\": \"1\"" }.joined(separator: ",")
        #expect(throws: PlannerError.self) { try PlannerRequest.decode(body("{\"overrides\": {\(many)}}")) }
    }
}

@Suite(.serialized) struct PlannerServiceTests {
    @Test func compareShowsWhoLosesWhenTheGrantIsLower() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let response = service.handle("compare", body: body(#"{"overrides": {"pools.sofort.budget": "5490000"}}"#))
        #expect(response.status == 200)
        let doc = try object(response)
        let plans = try #require(doc["plans"] as? [[String: Any]])
        let before = try #require((plans[0]["totals"] as? [String: Any])?["pupilDevices"] as? Int)
        let after = try #require((plans[1]["totals"] as? [String: Any])?["pupilDevices"] as? Int)
        #expect(after < before, "a lower grant must not cover more pupils: \(before) -> \(after)")
        let losing = try #require(doc["losing"] as? Int), lost = try #require(doc["devicesLost"] as? Int)
        #expect(losing > 0 && lost > 0)
        let changes = try #require(doc["schoolChanges"] as? [[String: Any]])
        #expect(changes.count == (doc["gaining"] as? Int ?? -1) + losing, "all changes are listed for a city of 155 schools")
        // Pupil and teacher devices apart, baseline first; Δ = on screen − baseline.
        #expect(changes.allSatisfy { $0["schulnummer"] is String && ($0["pupilDevices"] as? [Int])?.count == 2 && ($0["teacherDevices"] as? [Int])?.count == 2 })
        for ch in changes {
            let p = ch["pupilDevices"] as! [Int], change = ch["pupilChange"] as! [Any]
            #expect(change[1] as? Int == p[1] - p[0])
        }
        let sofort = try #require((doc["figures"] as? [[String: Any]])?.first { $0["id"] as? String == "pool.sofort.granted" })
        #expect(((sofort["deltas"] as? [Any])?[1] as? NSNumber)?.doubleValue == -610_000, "the lower grant is a negative Δ")
        #expect(plans.allSatisfy { $0["schools"] == nil }, "the summary leaves the per-school list out")
    }

    /// The API's plan is exactly the command line's plan for the same --set overrides.
    @Test func solveAgreesWithTheCommandLine() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let response = service.handle("solve", body: body(#"{"overrides": {"deviceKinds.pupil.unitPrice": "367", "pools.stadt.budget": "200000"}}"#))
        #expect(response.status == 200)
        let loaded = try ScenarioLoader.load(path: copy.path + "/dortmund-2020.yaml",
                                             overrides: ["deviceKinds.pupil.unitPrice=367", "pools.stadt.budget=200000"])
        let plan = try AllocationEngine(solver: GLPKSolver()).solve(loaded.scenario)
        #expect(String(decoding: response.body, as: UTF8.self) == PlanJSON.document(plan, timing: false).render() + "\n")
    }

    @Test func theSameRequestGivesTheSameBytes() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let request = body(#"{"overrides": {"objective": "weighted", "need.priorityWeightByLevel.9": "3"}}"#)
        let a = service.handle("compare", body: request), b = service.handle("compare", body: request)
        #expect(a.status == 200 && a.body == b.body)
    }

    /// The baseline is solved once, but a scenario file edited on disk is solved afresh.
    @Test func anEditedBaselineIsSolvedAgain() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        func granted() throws -> Double? {
            let plans = try #require(try object(service.handle("compare", body: Data()))["plans"] as? [[String: Any]])
            return (plans[0]["pools"] as? [[String: Any]])?.first?["granted"] as? Double
        }
        #expect(try granted() == 6_100_000)
        let file = copy.path + "/dortmund-2020.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "budget: 6_100_000", with: "budget: 5_000_000").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try granted() == 5_000_000)
    }

    /// A bad value gets the command line's message, and the field it belongs to.
    @Test(arguments: [("pools.sofort.budget", "abc"), ("pools.sofort.fundingRate", "1.5"), ("deviceKinds.pupil.unitPrice", "-5"),
                      ("need.priorityWeightByLevel.3", "x"), ("objective", "fairest"),
                      // rules that a value breaks on its parent (the error's key is pools.sofort or deviceKinds.pupil)
                      ("pools.sofort.fundingRate", "0.00001"), ("deviceKinds.pupil.unitPrice", "0.01")])
    func invalidValuesGetTheCommandLinesMessage(_ key: String, _ value: String) throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let response = try copy.service().handle("compare", body: body("{\"lang\": \"en\", \"overrides\": {\"\(key)\": \"\(value)\"}}"))
        #expect(response.status == 422)
        let error = try errorOf(response)
        var cli = ""
        do { _ = try ScenarioLoader.load(path: copy.path + "/dortmund-2020.yaml", overrides: ["\(key)=\(value)"]) } catch { cli = error.description }
        #expect(!cli.isEmpty)
        #expect(error["message"] as? String == cli)
        #expect(error["field"] as? String == key)
    }

    @Test func anInfeasibleScenarioIsAnAnswerNotACrash() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        // A floor of full coverage for every school cannot be paid from these grants.
        let response = try copy.service().handle("compare", body: body(#"{"overrides": {"deviceKinds.pupil.coverageFloor": "1"}}"#))
        #expect(response.status == 422)
        #expect(try errorOf(response)["kind"] as? String == "infeasible")
    }

    /// No scenario name reaches a file outside the scenarios folder.
    @Test func scenarioNamesStayInsideTheFolder() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let outside = copy.root.appendingPathComponent("outside.yaml")
        try Data("name: x\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: copy.path + "/link.yaml", withDestinationPath: outside.path)
        let attempts = ["../outside.yaml", "/etc/passwd", "what-if/../../outside.yaml", "what-if/../dortmund-2020.yaml",
                        ".hidden.yaml", "data/dortmund-schools-2024-25.csv", "link.yaml", "nothing.yaml", "a\u{0}.yaml", "what-if"]
        for name in attempts {
            for field in ["scenario", "baseline"] {
                let response = service.handle("compare", body: body("{\"\(field)\": \(JSONValue.string(name).render())}"))
                #expect([400, 403, 404].contains(response.status), "\(field) \(name): \(response.status)")
                #expect(try errorOf(response)["field"] as? String == field)
            }
        }
        #expect(!service.folder.scenarioNames().contains("link.yaml"))
        #expect(service.handle("form", body: body(#"{"scenario": "what-if/grant-10-percent-lower.yaml"}"#)).status == 200)
    }

    @Test func bodiesAboveTheLimitAreRefused() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let response = service.handle("compare", body: Data(repeating: 0x20, count: service.maxBodyBytes + 1))
        #expect(response.status == 413)
        #expect(service.handle("nothing", body: Data()).status == 404)
    }

    /// Saving writes a few lines over the scenario; loading the file gives what was on screen.
    @Test func saveWritesAWhatIfFileThatLoadsToTheSameScenario() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let request = #"""
            {"scenario": "what-if/grant-10-percent-lower.yaml", "title": "Weniger \"Zuschuss\" & mehr Eigenmittel", "file": "less-grant",
             "overrides": {"pools.stadt.budget": "150000", "need.priorityWeightByLevel.10": "2", "need.priorityWeightByLevel.9": "2.5", "objective": "weighted"}}
            """#
        let saved = service.handle("save", body: body(request))
        #expect(saved.status == 422, "level 10 does not exist: \(String(decoding: saved.body, as: UTF8.self))")
        let ok = service.handle("save", body: body(request.replacingOccurrences(of: #""need.priorityWeightByLevel.10": "2", "#, with: "")))
        #expect(ok.status == 201, "\(String(decoding: ok.body, as: UTF8.self))")
        let text = try String(contentsOfFile: copy.path + "/saved/less-grant.yaml", encoding: .utf8)
        #expect(text == """
            # Im Web-Planer gespeichert (allocate serve): die auf dem Bildschirm geänderten Werte über dem Basisszenario.
            extends: ../what-if/grant-10-percent-lower.yaml
            name: "Weniger \\"Zuschuss\\" & mehr Eigenmittel"
            need:
              priorityWeightByLevel:
                9: 2.5
            objective: weighted
            pools:
              stadt:
                budget: 150000

            """)
        let direct = try ScenarioLoader.load(path: copy.path + "/what-if/grant-10-percent-lower.yaml",
                                             overrides: ["pools.stadt.budget=150000", "need.priorityWeightByLevel.9=2.5", "objective=weighted"])
        let reread = try ScenarioLoader.load(path: copy.path + "/saved/less-grant.yaml")
        #expect(reread.scenario.pools == direct.scenario.pools && reread.scenario.need == direct.scenario.need)
        #expect(reread.scenario.name == "Weniger \"Zuschuss\" & mehr Eigenmittel")
        #expect(service.folder.scenarioNames().contains("saved/less-grant.yaml"))
        // A second save under the same name asks first.
        let again = service.handle("save", body: body(#"{"file": "less-grant"}"#))
        #expect(again.status == 409)
        #expect(try errorOf(again)["kind"] as? String == "conflict")
        #expect(service.handle("save", body: body(#"{"file": "less-grant", "overwrite": true}"#)).status == 201)
        for bad in ["../x", "a/b", "", "-x", "x.yaml"] {
            #expect(service.handle("save", body: body("{\"file\": \"\(bad)\"}")).status == 400, "file \(bad)")
        }
        // Keys where one is a prefix of another cannot both be written, even with a key between them in sorted order.
        let overlap = service.handle("save", body: body(#"""
            {"file": "overlap", "overrides": {"deviceKinds.pupil": "x", "deviceKinds.pupil-2.unitPrice": "3", "deviceKinds.pupil.unitPrice": "367"}}
            """#))
        #expect(overlap.status == 422 || overlap.status == 400)
        // Saving over the file what is on screen is built on would make it extend itself.
        let before = try String(contentsOfFile: copy.path + "/saved/less-grant.yaml", encoding: .utf8)
        let selfSave = service.handle("save", body: body(#"{"scenario": "saved/less-grant.yaml", "file": "less-grant", "overwrite": true, "overrides": {"pools.stadt.budget": "1"}}"#))
        #expect(selfSave.status == 409)
        #expect(try String(contentsOfFile: copy.path + "/saved/less-grant.yaml", encoding: .utf8) == before)
        // Nothing but the two saved files is left in saved/ (no temporary files, no half-saved ones).
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy.path + "/saved").sorted() == ["less-grant.yaml"])
        let chained = service.handle("save", body: body(#"{"scenario": "saved/less-grant.yaml", "file": "on-top", "overrides": {"pools.stadt.budget": "1"}}"#))
        #expect(chained.status == 201)
        #expect(try ScenarioLoader.load(path: copy.path + "/saved/on-top.yaml").scenario.pools.last?.budget == Money(cents: 100))
    }

    @Test func overlappingKeysAreRefusedBeforeAnythingIsWritten() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        // Loadable (pools.stadt.budget wins), but not writable as one file.
        let r = service.handle("save", body: body(#"{"file": "x", "overrides": {"objective": "weighted", "objective.x": "1"}}"#))
        #expect(r.status == 400 || r.status == 422)
        #expect(!FileManager.default.fileExists(atPath: copy.path + "/saved/x.yaml"))
    }

    @Test func downloadsAreTheCouncilReportAndThePlan() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let request = body(#"{"overrides": {"pools.sofort.budget": "5490000"}, "title": "Zuschuss 10 % niedriger", "language": "de"}"#)
        let html = service.handle("report.html", body: request)
        #expect(html.status == 200 && html.contentType.hasPrefix("text/html") && html.fileName == "report.html")
        let text = String(decoding: html.body, as: UTF8.self)
        #expect(text.contains("<html") && text.contains("Zuschuss 10 % niedriger") && text.contains("5.490.000"))
        let xlsx = service.handle("report.xlsx", body: request)
        #expect(xlsx.status == 200 && xlsx.body.prefix(2) == Data("PK".utf8))
        let plan = try object(service.handle("plan.json", body: request))
        #expect(plan["audit"] != nil && (plan["pools"] as? [[String: Any]])?.first?["granted"] as? Double == 5_490_000)
        let explain = try object(service.handle("explain", body: body(#"{"step": 500}"#)))
        #expect(explain["step"] as? Double == 500 && (explain["pools"] as? [Any])?.count == 4)
    }

    /// Every field the form offers is a valid override: setting each to its own value changes nothing.
    @Test func formFieldsAreOverridesThatRoundTrip() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let form = try object(service.handle("form", body: Data()))
        let fields = try #require(form["fields"] as? [[String: Any]])
        #expect(fields.count > 20)
        let overrides = fields.map { "\($0["key"] as! String)=\($0["value"] as! String)" }
        let base = try ScenarioLoader.load(path: copy.path + "/dortmund-2020.yaml")
        let same = try ScenarioLoader.load(path: copy.path + "/dortmund-2020.yaml", overrides: overrides)
        #expect(base.scenario == same.scenario)
        for f in fields where f["kind"] as? String != "choice" {
            let (lo, hi, v) = (f["min"] as! Double, f["max"] as! Double, Double(f["value"] as! String)!)
            #expect(lo <= v && v <= hi, "\(f["key"]!): \(v) outside the slider \(lo)...\(hi)")
        }
    }

    /// Pools split among authorities: the form shows the file's value (the state total, the
    /// amount per device), so that setting a field to its own value changes nothing there either.
    @Test func formFieldsRoundTripForSplitPools() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let form = try object(service.handle("form", body: body(#"{"scenario": "nrw/state-2020.yaml"}"#)))
        let fields = try #require(form["fields"] as? [[String: Any]])
        let total = try #require(fields.first { $0["key"] as? String == "pools.sofort.split.stateTotal" })
        #expect((total["label"] as? String)?.contains("Landessumme") == true)
        #expect(total["value"] as? String == "160000000.00")
        let perDevice = try #require(fields.first { $0["key"] as? String == "pools.lehrkraefte.split.perDevice" })
        #expect(perDevice["value"] as? String == "500.00")
        #expect(!fields.contains { ($0["key"] as? String)?.hasSuffix(".budget") == true })
        let overrides = fields.map { "\($0["key"] as! String)=\($0["value"] as! String)" }
        let base = try ScenarioLoader.load(path: copy.path + "/nrw/state-2020.yaml")
        let same = try ScenarioLoader.load(path: copy.path + "/nrw/state-2020.yaml", overrides: overrides)
        #expect(base.scenario.pools == same.scenario.pools)
    }

    @Test func theOpenAPIDescriptionNamesEveryOperation() throws {
        let doc = try #require(JSONSerialization.jsonObject(with: Data(PlannerOpenAPI.document.utf8)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: Any])
        #expect(Set(paths.keys) == Set(PlannerService.operations.map { "/api/\($0)" }))
        #expect(doc["openapi"] as? String == "3.1.0")
    }
}
