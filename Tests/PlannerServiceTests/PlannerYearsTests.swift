import Foundation
import Testing
import Allocation
import PlannerService
import Reports
import ScenarioFiles
import TestSupport

/// Issue 19/15: the web planner knows multi-year plans. A scenario with a `years:` section is
/// listed as one, its form holds the years rules with the key table's labels, `POST /api/years`
/// solves it as `allocate years` does (the same document, figure for figure, as the command
/// line's JSON and CSV), records it in the run history, and a refusal stands beside its field in
/// German.
@Suite struct PlannerYearsTests {
    /// A folder with the small years fixture (3 schools, 2026–2028) and a run history.
    struct Folder {
        let root: String
        var scenarios: String { root + "/Scenarios" }
        init() throws {
            root = try temporaryFolder("planner-years")
            try FileManager.default.createDirectory(atPath: root + "/Scenarios", withIntermediateDirectories: true)
            for item in ["small.yaml", "data"] {
                try FileManager.default.copyItem(atPath: Paths.fixture("years/" + item), toPath: root + "/Scenarios/" + item)
            }
        }
        func service(history: Bool = true) throws -> PlannerService {
            var s = try PlannerService(folder: ScenarioFolder(path: scenarios), defaultScenario: "small.yaml")
            if history { s.historyPath = root + "/history.sqlite" }
            return s
        }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func theListMarksMultiYearPlans() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let list = try object(try folder.service().handle("scenarios", body: Data()))
        #expect(list["scenarios"] as? [String] == ["small.yaml"])
        #expect(list["multiYear"] as? [String] == ["small.yaml"])
        // A one-year scenario is not marked.
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        let one = try object(try copy.service().handle("scenarios", body: Data()))
        #expect((one["multiYear"] as? [String]) == [])
    }

    @Test func theFormHoldsTheYearsRulesWithTheKeyTablesLabels() throws {
        let folder = try Folder()
        defer { folder.remove() }
        for lang in ["de", "en"] {
            let german = lang == "de"
            let form = try object(try folder.service().handle("form", body: body(#"{"lang":"\#(lang)"}"#)))
            #expect(form["multiYear"] as? Bool == true)
            let fields = try #require(form["fields"] as? [[String: Any]])
            let byKey = Dictionary(uniqueKeysWithValues: fields.map { ($0["key"] as! String, $0) })
            // One field per pool and year, labelled "pool name: <key table label> year".
            let money = try #require(byKey["years.pools.pakt.money.2027"])
            #expect(money["label"] as? String == "DigitalPakt 2.0: " + ScenarioKeys.entry("years.pools.<pool>.money").label(german: german) + " 2027")
            #expect(money["value"] as? String == "15000.00")
            #expect(money["kind"] as? String == "money")
            #expect(byKey["years.pools.stadt.money.2028"]?["value"] as? String == "6000.00")
            for (key, pattern) in [("years.first", "years.first"), ("years.deviceKinds.pupil.lifeYears", "years.deviceKinds.<kind>.lifeYears"),
                                   ("years.deviceKinds.pupil.priceChange", "years.deviceKinds.<kind>.priceChange"),
                                   ("years.deviceKinds.teacher.operatingCost", "years.deviceKinds.<kind>.operatingCost"),
                                   ("years.turbulence.maxFall", "years.turbulence.maxFall"),
                                   ("years.turbulence.maxNewDevicesPerYear", "years.turbulence.maxNewDevicesPerYear"),
                                   ("years.pools.pakt.carryOverUntil", "years.pools.<pool>.carryOverUntil")] {
                let f = try #require(byKey[key], "\(key)")
                #expect((f["label"] as? String ?? "").hasSuffix(ScenarioKeys.entry(pattern).label(german: german)), "\(key): \(f["label"] ?? "")")
                #expect(f["help"] as? String == ScenarioKeys.entry(pattern).help(german: german))
            }
            #expect(byKey["years.deviceKinds.pupil.priceChange"]?["value"] as? String == "0.02")
            #expect(byKey["years.turbulence.maxFall"]?["value"] as? String == "0.5")
            #expect(byKey["years.pools.pakt.carryOverUntil"]?["value"] as? String == "2028")
            #expect(byKey["years.pools.stadt.carryOverUntil"]?["value"] as? String == "lapses")
        }
    }

    /// The planner's years document is the command line's: one pool-year's figures (granted,
    /// spent, carried over, lapsed) equal in the planner's JSON, `allocate years --json` and
    /// years-pools.csv, and shown in de-DE in the planner's section.
    @Test(.enabled(if: AllocateBinary.url != nil)) func solvedAsTheCommandLineSolvesIt() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let service = try folder.service()
        let r = await service.respond("years", body: body(#"{"overrides":{"years.pools.pakt.money.2027":"25000"}}"#))
        #expect(r.status == 200, "\(String(decoding: r.body, as: UTF8.self).prefix(400))")
        let answer = try object(r)
        let plan = try #require(answer["plan"] as? [String: Any])
        let pools = try #require(plan["pools"] as? [[String: Any]])
        let mine = try #require(pools.first { $0["pool"] as? String == "pakt" && $0["year"] as? Int == 2027 })
        #expect(Decimal(string: "\(mine["granted"]!)") == 25000)

        let out = folder.root + "/cli"
        let run = try runAllocate(["years", folder.scenarios + "/small.yaml", "--set", "years.pools.pakt.money=[20000, 25000, 10000]",
                                   "--json", "--out", out])
        #expect(run.code == 0, "\(run.stderr)")
        let cli = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let theirs = try #require((cli["pools"] as? [[String: Any]])?.first { $0["pool"] as? String == "pakt" && $0["year"] as? Int == 2027 })
        for key in ["granted", "carriedIn", "available", "investment", "operating", "spent", "carriedOut", "lapsed"] {
            #expect("\(mine[key]!)" == "\(theirs[key]!)", "\(key): planner \(mine[key]!), allocate years \(theirs[key]!)")
        }
        #expect("\(plan["smallestCoverage"]!)" == "\(cli["smallestCoverage"]!)")
        #expect("\(plan["ownMoney"]!)" == "\(cli["ownMoney"]!)")
        // years-pools.csv: pool,name,year,granted,carriedIn,available,investment,operating,spent,carriedOut,lapsed
        let csv = try String(contentsOfFile: out + "/years-pools.csv", encoding: .utf8)
        let lines: [[String]] = csv.split(whereSeparator: \.isNewline).map { line in line.split(separator: ",").map { String($0) } }
        let row: [String] = try #require(lines.first { (cells: [String]) -> Bool in cells.count > 10 && cells[0] == "pakt" && cells[2] == "2027" })
        let plannerSpent = "\(mine["spent"]!)", plannerLapsed = "\(mine["lapsed"]!)"
        #expect(Decimal(string: row[8]) == Decimal(string: plannerSpent), "spent: CSV \(row[8]), planner \(plannerSpent)")
        #expect(Decimal(string: row[10]) == Decimal(string: plannerLapsed))
        // The section the page shows: the report's rows, de-DE numbers with a no-break space.
        let html = try #require(answer["html"] as? String)
        let spent = try #require(Decimal(string: "\(mine["investment"]!)"))
        #expect(html.contains(NumberStyle(.de, nonBreaking: true).money(Money(cents: NSDecimalNumber(decimal: spent * 100).intValue))))
        #expect(html.contains("<svg class=\"chart years-money\"") && html.contains("<svg class=\"chart years-devices\""))
        // The status in words: optimal, or each stage not proven with its proven bound.
        let status = try #require(answer["status"] as? String)
        #expect(status.hasPrefix("optimal (alle") || status.contains("bewiesene Schranke"), "\(status)")
        // Recorded in the history as the command line's years runs are (a years plan).
        let runID = try #require(answer["run"] as? String)
        let history = try object(service.handle("history", body: Data()))
        let runs = try #require(history["runs"] as? [[String: Any]])
        let recorded = try #require(runs.first { $0["uuid"] as? String == runID })
        #expect(recorded["command"] as? String == "planner-years")
        #expect(((recorded["plans"] as? [[String: Any]])?.first?["kind"] as? String) == "years")
    }

    /// A refused value stands beside its field, worded in German (the loader's own facts).
    @Test func aRefusalNamesItsField() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let service = try folder.service(history: false)
        var r = await service.respond("years", body: body(#"{"overrides":{"years.pools.pakt.money.2027":"-5"}}"#))
        var error = try errorOf(r)
        #expect(r.status == 422)
        #expect(error["field"] as? String == "years.pools.pakt.money.2027")
        #expect((error["message"] as? String ?? "").hasPrefix("-5 gefunden, erwartet: ein Betrag in Euro"), "\(error)")
        r = await service.respond("years", body: body(#"{"overrides":{"years.deviceKinds.pupil.lifeYears":"40"}}"#))
        error = try errorOf(r)
        #expect(error["field"] as? String == "years.deviceKinds.pupil.lifeYears")
        #expect((error["message"] as? String ?? "").contains("40 gefunden, erwartet: eine ganze Zahl von 1 bis 15"), "\(error)")
        r = await service.respond("years", body: body(#"{"overrides":{"years.pools.pakt.money.2031":"5"}}"#))
        error = try errorOf(r)
        #expect(error["field"] as? String == "years.pools.pakt.money.2031")
        #expect((error["message"] as? String ?? "").contains("2031 ist kein Planungsjahr; erlaubt: 2026 bis 2028"), "\(error)")
        // Files stay fixed in the planner.
        r = await service.respond("years", body: body(#"{"overrides":{"years.inventory.file":"x.csv"}}"#))
        #expect(r.status == 400)
    }

    /// Saving a multi-year plan writes a pool's money as its list; the file gives the plan on screen.
    @Test func aSavedMultiYearPlanLoadsToTheValuesOnScreen() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let service = try folder.service(history: false)
        let r = await service.respond("save", body: body(#"{"file":"pakt-later","overrides":{"years.pools.pakt.money.2027":"25000","years.deviceKinds.pupil.lifeYears":"6"}}"#))
        #expect(r.status == 201, "\(String(decoding: r.body, as: UTF8.self).prefix(400))")
        let text = try String(contentsOfFile: folder.scenarios + "/saved/pakt-later.yaml", encoding: .utf8)
        #expect(text.contains("money: [20000.00, 25000.00, 10000.00]"), "\(text)")
        let form = try object(service.handle("form", body: body(#"{"scenario":"saved/pakt-later.yaml"}"#)))
        let fields = try #require(form["fields"] as? [[String: Any]])
        #expect(fields.first { $0["key"] as? String == "years.pools.pakt.money.2027" }?["value"] as? String == "25000.00")
        #expect(fields.first { $0["key"] as? String == "years.deviceKinds.pupil.lifeYears" }?["value"] as? String == "6")
    }

    /// The council report downloaded for a multi-year scenario carries its "Haushaltsjahre"
    /// section, as `allocate report --years` writes it; its plan.json is the years document.
    @Test func theReportHasTheYearsSection() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let service = try folder.service(history: false)
        let r = await service.respond("report.html", body: body(#"{"overrides":{"years.pools.pakt.money.2027":"25000"}}"#))
        #expect(r.status == 200, "\(String(decoding: r.body, as: UTF8.self).prefix(400))")
        let html = String(decoding: r.body, as: UTF8.self)
        #expect(html.contains("<section class=\"years\">"))
        #expect(html.contains("Haushaltsjahre 2026–2028"))
        // "Plan (JSON)": the years document, as allocate years --json prints it.
        let json = await service.respond("plan.json", body: body(#"{"overrides":{"years.pools.pakt.money.2027":"25000"}}"#))
        #expect(json.fileName == "years.json")
        let document = try object(json)
        #expect(document["firstYear"] as? Int == 2026 && document["lastYear"] as? Int == 2028)
    }
}
