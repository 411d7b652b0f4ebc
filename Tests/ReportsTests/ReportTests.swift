import Foundation
import Testing
@testable import Allocation
@testable import Reports
import ScenarioFiles
import ZIPFoundation
import _SHA256
import GLPKSolver
import Scheduling
import TestSupport

@Suite struct SHA256Tests {
    @Test func nistVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func inputFilesAreHashedWithTheirSize() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"))
        let csv = try #require(loaded.inputs.first { $0.path.hasSuffix("schools.csv") })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv.path))
        #expect(csv.sha256 == SHA256.hex(bytes))
        #expect(csv.bytes == bytes.count)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum"), "sha256sum is not installed"))
    func inputFilesAreHashedAsSha256sumDoes() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"))
        let csv = try #require(loaded.inputs.first { $0.path.hasSuffix("schools.csv") })
        let p = Process(), pipe = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [csv.path]
        p.standardOutput = pipe
        try p.run(); p.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(out.hasPrefix(csv.sha256))
    }
}

@Suite struct ReportTests {
    static let fixedTime = AuditRecord.parseISO8601("2026-01-31T12:00:00Z")!

    func solved(_ name: String, overrides: [String] = []) throws -> (Plan, LoadedScenario, AuditRecord) {
        let loaded = try ScenarioLoader.load(path: Paths.fixture(name), overrides: overrides)
        let plan = try engine.solve(loaded.scenario)
        // Paths relative to the repository, so that golden files hold wherever it is cloned.
        let inputs = loaded.inputs.map { f in
            var r = f
            r.path = f.path.replacingOccurrences(of: Paths.repository.path + "/", with: "")
            return r
        }
        return (plan, loaded, AuditRecord(plan: plan, inputs: inputs, generatedAt: Self.fixedTime, reproducible: true))
    }

    /// Districts as a German reader looks them up, the same on every machine.
    @Test func districtsInDictionaryOrder() {
        let names = ["Huckarde", "Hörde", "Hombruch", "Aplerbeck", "Innenstadt-Nord", "Äußere Stadt", "aachen", "Straße", "Strasse", "Zentrum"]
        #expect(names.sorted(by: PlanFigures.nameOrder)
                == ["aachen", "Aplerbeck", "Äußere Stadt", "Hombruch", "Hörde", "Huckarde", "Innenstadt-Nord", "Strasse", "Straße", "Zentrum"])
    }

    @Test func goldenReportGerman() throws {
        let (plan, _, audit) = try solved("valid/small.yaml")
        let (other, _, _) = try solved("whatif/child.yaml")
        let html = HTMLReport.render(plan, audit: audit, comparison: Comparison([plan, other], labels: ["small", "child"]))
        try assertGolden(html, "report-small-de.html")
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
    }

    @Test func goldenReportEnglish() throws {
        let (plan, _, audit) = try solved("valid/small.yaml")
        try assertGolden(HTMLReport.render(plan, audit: audit, language: .en), "report-small-en.html")
    }

    @Test func germanNumbersAndTheTotalsOfThePlan() throws {
        let (plan, _, audit) = try solved("valid/small.yaml")
        let html = HTMLReport.render(plan, audit: audit)
        let f = NumberStyle(.de)
        #expect(f.money(Money(cents: 610_000_000), cents: false) == "6.100.000 €")
        #expect(f.percent(0.875) == "87,5 %")
        #expect(f.money(Money(cents: 609_984_360)) == "6.099.843,60 €")
        // The report's totals are the plan's.
        #expect(html.contains(f.money(plan.totalCost)))
        #expect(html.contains(f.money(plan.pools.sum { $0.pool.budget })))
        for u in plan.pools { #expect(html.contains(f.money(u.spent))) }
        #expect(html.contains(f.int(plan.totalDevices(kind: 0))))
        for i in audit.inputs { #expect(html.contains(i.sha256)) }
    }

    @Test func workbookHoldsNumbersAsNumbers() throws {
        let (plan, _, audit) = try solved("valid/small.yaml")
        let data = try PlanWorkbook.make(plan, audit: audit, date: Self.fixedTime).data()
        let archive = try Archive(data: data, accessMode: .read)
        func text(_ path: String) throws -> String {
            let entry = try #require(archive[path], "\(path) missing")
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return String(decoding: out, as: UTF8.self)
        }
        let workbook = try text("xl/workbook.xml")
        for name in ["Summary", "Pools", "Schools", "Districts", "Index levels", "Inputs", "Audit"] {
            #expect(workbook.contains("name=\"\(name)\""), "sheet \(name)")
        }
        _ = try text("[Content_Types].xml")
        let styles = try text("xl/styles.xml")
        #expect(styles.contains("numFmtId=\"164\"") && styles.contains("0.0%"))
        let pools = try text("xl/worksheets/sheet2.xml")
        #expect(pools.contains("state=\"frozen\""))
        #expect(pools.contains("<col min=\"1\" max=\"1\" width="))
        // Budgets are numeric cells with the euro style, equal to the plan's.
        for u in plan.pools {
            #expect(pools.contains("s=\"1\"><v>\(u.pool.budget.plain)</v>"))
            #expect(pools.contains("s=\"1\"><v>\(u.spent.plain)</v>"))
        }
        let schools = try text("xl/worksheets/sheet3.xml")
        let numeric = schools.components(separatedBy: "<v>").count - 1
        #expect(numeric >= plan.schools.count * 8)
        #expect(!schools.contains("t=\"inlineStr\" s=\"1\""))
        // Same inputs, same bytes.
        #expect(try PlanWorkbook.make(plan, audit: audit, date: Self.fixedTime).data() == data)
    }

    /// LibreOffice, where installed (`.ci/run` installs it); shown as skipped elsewhere.
    static let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: soffice != nil, "LibreOffice (soffice) is not installed"))
    func workbookOpensInLibreOffice() throws {
        let soffice = try #require(Self.soffice)
        let (plan, _, audit) = try solved("valid/small.yaml")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let xlsx = dir.appendingPathComponent("report.xlsx")
        try PlanWorkbook.make(plan, audit: audit, date: Self.fixedTime).data().write(to: xlsx)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice)
        p.arguments = ["--headless", "-env:UserInstallation=file://\(dir.path)/profile", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                       "--outdir", dir.path, xlsx.path]
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0, "soffice exited with \(p.terminationStatus)")
        let pools = try String(contentsOf: dir.appendingPathComponent("report-Pools.csv"), encoding: .utf8)
        // LibreOffice read the budget as the number it is, and the share as a percentage.
        let sofort = try #require(pools.split(separator: "\n").first { $0.hasPrefix("sofort,") })
        #expect(sofort.split(separator: ",")[2] == "40000")
        #expect(sofort.hasSuffix("%"))
    }

    @Test func excelGermanCSV() throws {
        let (plan, _, _) = try solved("valid/small.yaml")
        let csv = PlanCSV.pools(plan, dialect: .excelDE)
        #expect(csv.hasPrefix("\u{FEFF}id;name;granted;spent;remaining;own_money\r\n"))
        #expect(csv.contains("sofort;Sofort;40000,00;"))
        #expect(PlanCSV.schools(plan).contains("\"Zeta Realschule, Ost\""))
        #expect(PlanCSV.schools(plan, dialect: .excelDE).contains(";Zeta Realschule, Ost;"))
    }

    @Test func planJSONCarriesTheAuditAndIsReproducible() throws {
        let (plan, _, audit) = try solved("valid/small.yaml")
        let a = PlanJSON.render(plan, audit: audit), b = PlanJSON.render(try engine.solve(plan.scenario), audit: audit)
        #expect(a == b)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any])
        let au = try #require(doc["audit"] as? [String: Any])
        #expect(au["generatedAt"] as? String == "2026-01-31T12:00:00Z")
        #expect((au["inputs"] as? [[String: Any]])?.count == 2)
        #expect((doc["solver"] as? [String: Any])?["seconds"] is NSNull)
    }
}

@Suite struct ReportWithScheduleTests {
    @Test func theRolloutChartGoesIntoTheReport() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("schedule/small-weekly.yaml"))
        let rules = try #require(loaded.schedule)
        let plan = try engine.solve(loaded.scenario)
        let rollout = try RolloutScheduler(solver: GLPKSolver()).schedule(plan, rules: rules)
        let audit = AuditRecord(plan: plan, inputs: [], generatedAt: ReportTests.fixedTime, reproducible: true)
        let html = HTMLReport.render(plan, audit: audit, rollout: rollout)
        #expect(html.contains("Auslieferung Periode für Periode"))
        #expect(html.contains("<div class=\"gantt\"><svg"))
        #expect(!HTMLReport.render(plan, audit: audit).contains("class=\"gantt\""))
    }
}
