import Foundation
import Testing
@testable import Allocation
@testable import Reports
@testable import ScenarioFiles
import TestSupport

/// plan.json written straight into bytes (`PlanJSON.bytes` through `JSONWriter`, issue 20: the
/// run history's record of a state-wide plan spent most of its time building and freeing the
/// `JSONValue` tree) gives the bytes of the former renderer: the former `PlanJSON.document`
/// and `AuditRecord.json`, kept here verbatim, rendered by `FastWritersTests.referenceJSON`.
@Suite(.serialized) struct PlanJSONWriterTests {
    // MARK: The former document (verbatim, before the writer)

    static func formerDocument(_ plan: Plan, timing: Bool = true, audit: AuditRecord? = nil, schools includeSchools: Bool = true) -> JSONValue {
        let fig = PlanFigures(plan)
        let pools: [JSONValue] = plan.pools.map { use in
            .object([("id", .string(use.pool.id)), ("name", .string(use.pool.name)), ("granted", .money(use.pool.budget)),
                     ("spent", .money(use.spent)), ("remaining", .money(use.remaining)), ("ownMoney", .bool(use.pool.isOwnMoney))])
        }
        let schools: [JSONValue] = !includeSchools ? [] : plan.schools.map { a in
            let s = a.school
            return .object([
                ("schulnummer", .string(s.id)), ("name", .string(s.name)), ("form", .string(s.form)),
                ("district", .string(s.district)), ("socialIndex", s.socialIndex.map(JSONValue.int) ?? .null),
                ("level", .string(PlanFigures.levelKey(s, plan.scenario))),
                ("pupils", .int(s.pupils)), ("teachers", .int(s.teachers)),
                ("pupilNeed", .int(fig.pupilNeed(a))), ("pupilDevices", .int(fig.pupilDevices(a))),
                ("teacherDevices", .int(fig.teacherDevices(a))),
                ("devices", .object(plan.kinds.enumerated().map { ($1.id, .int(a.devices[$0])) })),
                ("need", .object(plan.kinds.enumerated().map { ($1.id, .int(a.need[$0])) })),
                ("funding", .object(plan.pools.enumerated().map { ($1.pool.id, .money(a.funding(pool: $0))) })),
                ("cost", .money(a.cost)),
            ])
        }
        func group(_ g: PlanFigures.Group) -> JSONValue {
            .object([("key", .string(g.key)), ("schools", .int(g.schools)), ("pupilNeed", .int(g.pupilNeed)),
                     ("pupilDevices", .int(g.pupilDevices)), ("pupilCoverage", .share(g.pupilShare)),
                     ("teacherNeed", .int(g.teacherNeed)), ("teacherDevices", .int(g.teacherDevices)), ("cost", .money(g.cost))])
        }
        let s = plan.solver
        var solver: [(String, JSONValue)] = [
            ("status", .string(s.status.rawValue)), ("objectiveName", .string(s.objectiveName)),
            ("objective", .double(s.objective)), ("bestBound", .double(s.bestBound)), ("gapDevices", .int(s.gapDevices)),
            ("guaranteedCoverage", plan.guaranteedCoverage.map { .share(Share($0)) } ?? .null),
            ("guaranteedCoverageByKind", plan.hasKindGuarantees
                ? .object(plan.kinds.enumerated().map { k, kind in (kind.id, plan.kindCoverage[k].map { .share(Share($0)) } ?? .null) })
                : .null),
            ("stoppedAtTimeLimit", .bool(s.stoppedAtTimeLimit)),
            ("relativeGap", .double(s.relativeGap, 8)), ("timeLimitSeconds", .double(s.timeLimitSeconds, 3)),
            ("glpkVersion", .string(s.solverVersion)),
            ("stages", .array(s.stages.map { st in
                .object([("name", .string(st.name)), ("status", .string(st.status.rawValue)),
                         ("objective", .double(st.objective)), ("bestBound", .double(st.bestBound))])
            })),
        ]
        solver.append(("seconds", timing ? .double(s.seconds, 4) : .null))
        var fields: [(String, JSONValue)] = [
            ("scenario", .string(plan.scenario.name)),
            ("objective", .string(plan.scenario.objective.rawValue)),
            ("pools", .array(pools)),
            ("deviceKinds", .array(plan.kinds.enumerated().map { k, kind in
                .object([("id", .string(kind.id)), ("label", .string(kind.label)), ("unitPrice", .money(kind.unitPrice)),
                         ("devices", .int(plan.totalDevices(kind: k))), ("need", .int(plan.totalNeed(kind: k))),
                         ("coverage", .share(Share(plan.totalDevices(kind: k), of: plan.totalNeed(kind: k))))])
            })),
            ("totals", .object([
                ("schools", .int(plan.schools.count)), ("pupilNeed", .int(fig.total.pupilNeed)),
                ("pupilDevices", .int(fig.total.pupilDevices)), ("pupilCoverage", .share(fig.total.pupilShare)),
                ("teacherNeed", .int(fig.total.teacherNeed)), ("teacherDevices", .int(fig.total.teacherDevices)),
                ("granted", .money(plan.pools.sum { $0.pool.budget })), ("spent", .money(plan.totalCost)),
                ("remaining", .money(plan.pools.sum { $0.remaining })), ("ownMoneySpent", .money(plan.ownMoneySpent)),
            ])),
            ("byIndexLevel", .array(fig.byLevel.map(group))),
            ("byDistrict", .array(fig.byDistrict.map(group))),
        ]
        if includeSchools { fields.append(("schools", .array(schools))) }
        fields.append(("solver", .object(solver)))
        if let audit { fields.append(("audit", formerAudit(audit))) }
        return .object(fields)
    }

    static func formerAudit(_ a: AuditRecord) -> JSONValue {
        .object([
            ("toolVersion", .string(a.toolVersion)), ("solverVersion", .string(a.solverVersion)),
            ("generatedAt", .string(a.generatedAt)),
        ] + (a.runID.map { [("runId", JSONValue.string($0))] } ?? []) + [
            ("inputs", .array(a.inputs.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("bytes", .int($0.bytes))]) })),
            ("scenarioValues", .object(a.scenarioValues.map { ($0.key, .string($0.value)) })),
            ("solverOptions", .object(a.solverOptions.map { ($0.key, .string($0.value)) })),
            ("outcome", .object(a.outcome.map { ($0.key, .string($0.value)) })),
        ])
    }

    // MARK: The same bytes

    static func expectFormerBytes(_ plan: Plan, _ loaded: LoadedScenario, sourceLocation: SourceLocation = #_sourceLocation) {
        let audits = [AuditRecord(plan: plan, inputs: loaded.inputs, generatedAt: Date(timeIntervalSince1970: 1_764_000_000), reproducible: false),
                      AuditRecord(plan: plan, inputs: loaded.inputs, generatedAt: Date(timeIntervalSince1970: 1_764_000_000), reproducible: true)]
        for audit in [nil] + audits {
            let reference = FastWritersTests.referenceJSON(formerDocument(plan, timing: !(audit?.reproducible ?? false), audit: audit)) + "\n"
            let written = String(decoding: PlanJSON.bytes(plan, audit: audit), as: UTF8.self)
            #expect(written == reference, sourceLocation: sourceLocation)
            #expect(PlanJSON.render(plan, audit: audit) == reference, sourceLocation: sourceLocation)
        }
        // The tree (the planner's and `compare --json`'s) is the same document.
        for schools in [true, false] {
            #expect(PlanJSON.document(plan, timing: false, schools: schools).render()
                    == FastWritersTests.referenceJSON(formerDocument(plan, timing: false, schools: schools)), sourceLocation: sourceLocation)
        }
        #expect(PlanJSON.bytes(plan, timing: false).count > 1000, sourceLocation: sourceLocation)
    }

    @Test(arguments: [Paths.defaultScenario, Paths.fixture("valid/marginal.yaml"), Paths.fixture("valid/small.yaml")])
    func aPlanIsWrittenAsTheFormerRendererWroteIt(_ scenario: String) throws {
        let loaded = try ScenarioLoader.load(path: scenario)
        Self.expectFormerBytes(try engine.solve(loaded.scenario), loaded)
    }

    @Test func aSplitPlanIsWrittenAsTheFormerRendererWroteIt() throws {
        let folder = try SplitScenarioFolder()
        let loaded = try ScenarioLoader.load(path: try folder.scenario())
        let plan = try engine.solve(loaded.scenario)
        #expect(plan.authorities.count > 1)
        Self.expectFormerBytes(plan, loaded)
    }

    /// A state-wide plan split by authority: a seeded synthetic state (SyntheticSchools from the
    /// NRW school list, 1,500 schools in whole authorities) under the NRW scenario's rules.
    @Test func aSyntheticStatewidePlanIsWrittenAsTheFormerRendererWroteIt() throws {
        let nrw = try CSVTable.read(Paths.repository.appendingPathComponent("Scenarios/data/nrw-schools-2024-25.csv").path)
        let table = try CSVTable(text: try SyntheticSchools.csv(from: nrw, schools: 1_500, seed: 11), file: "synthetic.csv")
        let loaded = try ScenarioLoader.load(path: Paths.repository.appendingPathComponent("Scenarios/nrw/state-2020.yaml").path)
        var s = loaded.scenario
        let ids = Set(table.rows.map { $0.fields[table.column("Schulnummer")!] })
        s.schools = s.schools.filter { ids.contains($0.id) }
        s.solver.timeLimitSeconds = 3600
        #expect(s.schools.count > 500)
        let plan = try engine.solve(s, workers: 2)
        #expect(plan.authorities.count > 20)
        Self.expectFormerBytes(plan, loaded)
    }

    // MARK: The writer's numbers and strings

    @Test func numbersAreTheFormerTexts() {
        var values = [0, 1, 9, 10, 99, 100, -1, -9, -10, 12_345, 6_100_000_00, Int.max, Int.min + 1, Int.min]
        var seed: UInt64 = 42
        for _ in 0..<200 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; values.append(Int(truncatingIfNeeded: seed) >> Int(seed % 60)) }
        for v in values {
            var w = JSONWriter()
            w.beginArray(); w.int(v); w.money(Money(cents: v)); w.endArray()
            #expect(String(decoding: w.bytes, as: UTF8.self) == "[\n  \(v),\n  \(Money(cents: v).plain)\n]", "\(v)")
        }
    }

    @Test func stringsKeysAndEmptyContainersAreTheFormerTexts() {
        var w = JSONWriter()
        w.beginObject()
        w.key("static"); w.beginArray(); w.endArray()
        for s in FastWritersTests.awkward { w.dynamicKey(s); w.string(s) }
        w.key("nested"); w.beginObject(); w.key("x"); w.beginObject(); w.endObject(); w.key("y"); w.null(); w.endObject()
        w.endObject()
        let expected = JSONValue.object([("static", .array([]))] + FastWritersTests.awkward.map { ($0, .string($0)) }
                                        + [("nested", .object([("x", .object([])), ("y", .null)]))])
        #expect(String(decoding: w.bytes, as: UTF8.self) == FastWritersTests.referenceJSON(expected))
    }

    /// District keys of plain ASCII names are worked out without Foundation: the same keys.
    @Test func asciiDistrictKeysAreTheFormerKeys() {
        func former(_ s: String) -> String {
            var out = String.UnicodeScalarView()
            for u in s.lowercased().replacingOccurrences(of: "ß", with: "ss").decomposedStringWithCanonicalMapping.unicodeScalars
            where u.properties.generalCategory != .nonspacingMark { out.append(u) }
            return String(out)
        }
        let names = ["Hombruch", "HUCKARDE", "Innenstadt-West", "a b@[`{~", "Z9 _-.", "", "Hörde", "Straße", "Éa", "e\u{301}"] + FastWritersTests.awkward
        for n in names { #expect(PlanFigures.dictionaryKey(n) == former(n), "\(n)") }
        #expect(PlanFigures.sortedByName(["Huckarde", "Hörde", "Hombruch", "aplerbeck"]) == ["aplerbeck", "Hombruch", "Hörde", "Huckarde"])
    }
}

/// `JSONWriter.members` writes a long list in parts on the cores (issue 18: the plan.json of
/// 40,005 schools): the bytes of the plain loop, wherever the array stands (first member or
/// after one, nested, with an indent prefix). (How many threads take part depends on how busy
/// the machine's threads are, so no test asks for more than one.)
@Suite struct JSONWriterPartsTests {
    struct Item: Sendable { var id: Int; var name: String }

    static func write(_ item: Item, _ j: inout some JSONSink) {
        j.beginObject()
        j.string("name", item.name); j.int("id", item.id)
        j.key("kinds"); j.beginObject(); j.int(dynamicKey: "pupil-\(item.id % 3)", item.id * 7); j.endObject()
        j.key("empty"); j.beginArray(); j.endArray()
        j.endObject()
    }

    /// The document around the list: `before` members ahead of it, at depth 3.
    static func document(_ items: [Item], before: Int, indent: String, parts: Bool) -> [UInt8] {
        var j = JSONWriter(indent: indent)
        j.beginObject(); j.key("a"); j.beginArray(); j.beginObject(); j.key("list"); j.beginArray()
        for i in 0..<before { j.int(i) }
        if parts {
            j.members(items) { item, j in write(item, &j) }
        } else {
            for item in items { write(item, &j) }
        }
        j.int(-1)
        j.endArray(); j.endObject(); j.endArray(); j.endObject()
        return j.bytes
    }

    @Test(arguments: [0, 1, 2 * JSONWriter.membersPerPart - 1, 2 * JSONWriter.membersPerPart, 5_003])
    func aListInPartsHasTheBytesOfThePlainLoop(_ count: Int) {
        let items = (0..<count).map { Item(id: $0, name: $0 % 5 == 0 ? "Schule \"\($0)\"\n" : "Schule \($0) – Hörde") }
        for before in [0, 2] {
            for indent in ["", "    "] {
                let plain = Self.document(items, before: before, indent: indent, parts: false)
                let parts = Self.document(items, before: before, indent: indent, parts: true)
                // The first byte that differs, not both documents, when they do.
                let differs = zip(parts, plain).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? (parts.count == plain.count ? nil : min(parts.count, plain.count))
                #expect(differs == nil, "\(count) items, \(before) before, indent \(indent.count): first difference at byte \(differs ?? -1)")
            }
        }
    }
}
