import Foundation
import Testing
import Allocation
import GLPKSolver
import PlannerService
@testable import Reports
import ScenarioFiles
import ZIPFoundation
import TestSupport

/// The one-figure test: for the default scenario, two what-ifs and a three-way comparison,
/// every output path — terminal text, `--json`, both CSV dialects, the XLSX cells, the HTML
/// report, the web planner's JSON and its downloads — is read back, and each headline figure
/// (granted / spent / left per pool, devices and coverage per kind, per index level and per
/// district, each school's devices by kind, every Δ) must be the same number with the same
/// sign everywhere. The expected figures are computed here from the plans themselves, not by
/// the report code: an output that flips a sign, groups schools otherwise or rounds a share
/// another way fails.
@Suite(.serialized) struct OneFigureTests {
    static let files = ["dortmund-2020.yaml", "what-if/grant-10-percent-lower.yaml", "what-if/city-adds-200k.yaml"]
    static let labels = ["dortmund-2020", "grant-10-percent-lower", "city-adds-200k"]
    static let plans: [Plan] = files.map { f in
        try! AllocationEngine(solver: GLPKSolver()).solve(try! ScenarioLoader.load(path: Paths.repository.appendingPathComponent("Scenarios/" + f).path).scenario)
    }
    static let time = Date(timeIntervalSince1970: 1_769_860_800)

    // MARK: - expected figures, from the plans alone

    enum Unit { case money, count, share }

    /// A figure in every plan: money in cents, counts, shares in tenths of a percent rounded down.
    struct Figure {
        var id: String
        var unit: Unit
        var values: [Int?]
        /// Exact shares (devices, need) for the outputs that carry the ratio.
        var exact: [(Int, Int)?] = []
        func delta(_ i: Int) -> Int? {
            guard let v = values[i], let b = values[0] else { return nil }
            return v - b
        }
    }

    static func permille(_ part: Int, _ whole: Int) -> Int? { whole > 0 ? part * 1000 / whole : nil }

    /// Figures of plans side by side, by the definition: baseline first, Δ = scenario − baseline.
    static func figures(_ plans: [Plan]) -> [Figure] {
        var out: [Figure] = []
        var poolIDs: [String] = []
        for p in plans { for u in p.pools where !poolIDs.contains(u.pool.id) { poolIDs.append(u.pool.id) } }
        for id in poolIDs {
            let uses = plans.map { $0.pools.first { $0.pool.id == id } }
            out.append(Figure(id: "pool.\(id).granted", unit: .money, values: uses.map { $0?.pool.budget.cents }))
            out.append(Figure(id: "pool.\(id).spent", unit: .money, values: uses.map { $0?.spent.cents }))
            out.append(Figure(id: "pool.\(id).left", unit: .money, values: uses.map { $0.map { $0.pool.budget.cents - $0.spent.cents } }))
        }
        out.append(Figure(id: "total.granted", unit: .money, values: plans.map { $0.pools.reduce(0) { $0 + $1.pool.budget.cents } }))
        out.append(Figure(id: "total.spent", unit: .money, values: plans.map { $0.pools.reduce(0) { $0 + $1.spent.cents } }))
        out.append(Figure(id: "total.left", unit: .money, values: plans.map { $0.pools.reduce(0) { $0 + $1.pool.budget.cents - $1.spent.cents } }))
        out.append(Figure(id: "total.ownMoney", unit: .money, values: plans.map { $0.ownMoneySpent.cents }))
        for (k, kind) in plans[0].kinds.enumerated() {
            let dev = plans.map { p in p.schools.reduce(0) { $0 + $1.devices[k] } }
            let need = plans.map { p in p.schools.reduce(0) { $0 + $1.need[k] } }
            out.append(Figure(id: "kind.\(kind.id).devices", unit: .count, values: dev))
            out.append(Figure(id: "kind.\(kind.id).need", unit: .count, values: need))
            out.append(Figure(id: "kind.\(kind.id).share", unit: .share, values: zip(dev, need).map { permille($0, $1) },
                              exact: zip(dev, need).map { ($0, $1) }))
        }
        func sums(_ p: Plan, _ rows: [Plan.SchoolAllocation]) -> (pd: Int, pn: Int, td: Int) {
            let pk = p.kinds.indices.filter { p.kinds[$0].basis == .pupils }, tk = p.kinds.indices.filter { p.kinds[$0].basis == .teachers }
            return (rows.reduce(0) { s, a in s + pk.reduce(0) { $0 + a.devices[$1] } },
                    rows.reduce(0) { s, a in s + pk.reduce(0) { $0 + a.need[$1] } },
                    rows.reduce(0) { s, a in s + tk.reduce(0) { $0 + a.devices[$1] } })
        }
        let totals = plans.map { sums($0, $0.schools) }
        out.append(Figure(id: "total.pupilDevices", unit: .count, values: totals.map(\.pd)))
        out.append(Figure(id: "total.pupilShare", unit: .share, values: totals.map { permille($0.pd, $0.pn) }, exact: totals.map { ($0.pd, $0.pn) }))
        out.append(Figure(id: "total.teacherDevices", unit: .count, values: totals.map(\.td)))
        func groups(_ prefix: String, _ key: (Plan, School) -> String) {
            var keys: [String] = []
            for p in plans { for a in p.schools where !keys.contains(key(p, a.school)) { keys.append(key(p, a.school)) } }
            for g in keys.sorted() {
                let s = plans.map { p in sums(p, p.schools.filter { key(p, $0.school) == g }) }
                out.append(Figure(id: "\(prefix).\(g).pupilDevices", unit: .count, values: s.map(\.pd)))
                out.append(Figure(id: "\(prefix).\(g).pupilShare", unit: .share, values: s.map { permille($0.pd, $0.pn) }, exact: s.map { ($0.pd, $0.pn) }))
                out.append(Figure(id: "\(prefix).\(g).teacherDevices", unit: .count, values: s.map(\.td)))
            }
        }
        // One grouping by index level: the level the need rule uses, "none" without one.
        groups("level") { p, s in NeedTable.reportLevel(s, p.scenario.need).map(String.init) ?? "none" }
        groups("district") { _, s in s.district }
        return out
    }

    /// Each school's devices by kind in a plan.
    static func schoolDevices(_ plan: Plan) -> [String: [String: Int]] {
        Dictionary(uniqueKeysWithValues: plan.schools.map { a in
            (a.school.id, Dictionary(uniqueKeysWithValues: plan.kinds.enumerated().map { ($1.id, a.devices[$0]) }))
        })
    }

    /// Pupil and teacher devices of each school in each plan (0 where a plan lacks it).
    static func schoolSplit(_ plans: [Plan]) -> [String: (pupil: [Int], teacher: [Int])] {
        var out: [String: (pupil: [Int], teacher: [Int])] = [:]
        for (i, p) in plans.enumerated() {
            for a in p.schools {
                var row = out[a.school.id] ?? (Array(repeating: 0, count: plans.count), Array(repeating: 0, count: plans.count))
                row.pupil[i] = p.kinds.indices.filter { p.kinds[$0].basis == .pupils }.reduce(0) { $0 + a.devices[$1] }
                row.teacher[i] = p.kinds.indices.filter { p.kinds[$0].basis == .teachers }.reduce(0) { $0 + a.devices[$1] }
                out[a.school.id] = row
            }
        }
        return out.filter { _, r in r.pupil != Array(repeating: r.pupil[0], count: r.pupil.count) || r.teacher != Array(repeating: r.teacher[0], count: r.teacher.count) }
    }

    // MARK: - reading numbers back

    /// A number as shown: "6.100.000,00 €" (de) or "6,100,000.00 €" (en) in cents, "96,4 %" and
    /// "+1,2 Pp." in tenths, counts as they are. nil for "–" or text that is no number.
    static func shown(_ raw: String, de: Bool) -> Int? {
        // The report's figures keep their unit with a non-breaking space.
        var t = raw.replacingOccurrences(of: "\u{00A0}", with: " ").trimmingCharacters(in: .whitespaces)
        for p in ["mindestens ", "at least "] where t.hasPrefix(p) { t.removeFirst(p.count) }
        var scale = 1
        for (suffix, s) in [(" €", 100), (" %", 10), (" Pp.", 10), (" pp", 10)] where t.hasSuffix(suffix) {
            t.removeLast(suffix.count); scale = s
        }
        var sign = 1
        if t.hasPrefix("±") || t.hasPrefix("+") { t.removeFirst() } else if t.hasPrefix("-") || t.hasPrefix("−") { t.removeFirst(); sign = -1 }
        t = de ? t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") : t.replacingOccurrences(of: ",", with: "")
        return plain(t, scale: scale).map { sign * $0 }
    }

    /// A plain number ("6100000.00", "0.964", "-1.2") times `scale`, exactly; nil otherwise.
    static func plain(_ text: String, scale: Int) -> Int? {
        guard text.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil,
              let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        let v = NSDecimalNumber(decimal: d * Decimal(scale))
        guard v.doubleValue == v.doubleValue.rounded() else { return nil }
        return v.intValue
    }

    /// The number of a figure in a data output: money in euros, counts, a share as its exact
    /// ratio (checked against devices / need) or as the shown ratio (XLSX: 0.964).
    static func data(_ text: String, _ f: Figure, plan i: Int, shownShare: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        switch f.unit {
        case .money: return plain(text, scale: 100)
        case .count: return plain(text, scale: 1)
        case .share:
            if shownShare { return plain(text, scale: 1000) }
            guard let (d, n) = f.exact[i], n > 0, let r = Double(text) else { return nil }
            // Foundation's JSON reader on Linux is not exact to the last bit: allow 1e-12 (a
            // ratio rounded to 6 decimals, as before, is off by up to 5e-7).
            #expect(abs(r - Double(d) / Double(n)) <= 1e-12, "\(f.id): exact ratio \(text), expected \(d)/\(n)", sourceLocation: sourceLocation)
            return f.values[i]
        }
    }

    /// A JSON number as plain text: integers as they are, others as the shortest decimal of
    /// the double ("0.9645", "6100000.0"); "" for anything else.
    static func number(_ v: Any?) -> String {
        guard let n = v as? NSNumber else { return "" }
        let d = n.doubleValue
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "<br>", with: " ").replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func matches(_ pattern: String, _ text: String) -> [[String]] {
        let re = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    /// Rows of cells of the HTML tables with this class.
    static func htmlTables(_ html: String, class cls: String) -> [[[String]]] {
        matches(#"<table class="\#(cls)">(.*?)</table>"#, html).map { t in
            matches(#"<tr[^>]*>(.*?)</tr>"#, t[1]).map { r in matches(#"<t[dh][^>]*>(.*?)</t[dh]>"#, r[1]).map { unescape($0[1]) } }
        }
    }

    /// Comparison rows of an HTML report, by figure id: the cells after the label.
    static func htmlFigures(_ html: String) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: matches(#"<tr data-figure="([^"]+)">(.*?)</tr>"#, html).map { m in
            (unescape(m[1]), Array(matches(#"<td[^>]*>(.*?)</td>"#, m[2]).map { unescape($0[1]) }.dropFirst()))
        })
    }

    /// The cells of every sheet of an .xlsx file, by sheet name: rows of cell texts.
    static func xlsx(_ data: Data) throws -> [String: [[String]]] {
        let archive = try Archive(data: data, accessMode: .read)
        func read(_ path: String) throws -> String {
            guard let entry = archive[path] else { throw CocoaError(.fileNoSuchFile) }
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return String(decoding: out, as: UTF8.self)
        }
        let names = matches(#"<sheet name="([^"]*)""#, try read("xl/workbook.xml")).map { unescape($0[1]) }
        var sheets: [String: [[String]]] = [:]
        for (i, name) in names.enumerated() {
            var rows: [[String]] = []
            for r in matches(#"<row r="(\d+)">(.*?)</row>"#, try read("xl/worksheets/sheet\(i + 1).xml")) {
                var cells: [String] = []
                for c in matches(#"<c r="([A-Z]+)\d+"[^>]*?(?:/>|>(.*?)</c>)"#, r[2]) {
                    var col = 0
                    for u in c[1].unicodeScalars { col = col * 26 + Int(u.value) - 64 }
                    while cells.count < col - 1 { cells.append("") }
                    let v = matches(#"<v>(.*?)</v>"#, c[2]).first?[1] ?? matches(#"<t[^>]*>(.*?)</t>"#, c[2]).first?[1] ?? ""
                    cells.append(unescape(v))
                }
                let index = Int(r[1])! - 1
                while rows.count < index { rows.append([]) }
                rows.append(cells)
            }
            sheets[name] = rows
        }
        return sheets
    }

    /// Splits a terminal table row into its columns (two or more spaces apart).
    static func columns(_ line: Substring) -> [String] {
        line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: - the checks

    /// One figure read back from one output.
    static func check(_ got: Int?, _ expected: Int?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got == expected, "\(what): read \(got.map(String.init) ?? "nothing"), expected \(expected.map(String.init) ?? "nothing")",
                sourceLocation: sourceLocation)
    }

    /// The figures of one plan in every per-plan output.
    @Test(arguments: 0..<3) func everyOutputOfAPlan(_ i: Int) throws {
        let plan = Self.plans[i]
        let expected = Self.figures([plan])
        func figure(_ id: String) -> Figure { expected.first { $0.id == id }! }
        let devices = Self.schoolDevices(plan)

        // Terminal text (`allocate solve`): pools, devices per kind, levels and districts.
        let text = TerminalSummary.render(plan, timing: false)
        var section = ""
        var seenLevels = 0, seenDistricts = 0
        for line in text.split(separator: "\n") {
            let c = Self.columns(line)
            if c.first == "Pool" || c.first == "Devices" || c.first == "Level" || c.first == "District" { section = c[0]; continue }
            if !line.hasPrefix("  ") { section = ""; continue }
            switch section {
            case "Pool":
                guard let u = plan.pools.first(where: { $0.pool.name == c[0] }) else { continue }
                for (n, what) in ["granted", "spent", "left"].enumerated() {
                    Self.check(Self.shown(c[1 + n], de: false), figure("pool.\(u.pool.id).\(what)").values[0], "terminal \(u.pool.id) \(what)")
                }
            case "Devices":
                let k = try #require(plan.kinds.first { Words(language: .en).kindLabel($0) == c[0] })
                Self.check(Self.shown(c[1], de: false), figure("kind.\(k.id).devices").values[0], "terminal \(k.id) devices")
                Self.check(Self.shown(c[3], de: false), figure("kind.\(k.id).share").values[0], "terminal \(k.id) coverage")
            case "Level", "District":
                let prefix = section == "Level" ? "level" : "district"
                if prefix == "level" { seenLevels += 1 } else { seenDistricts += 1 }
                let key = c[0]
                Self.check(Self.shown(c[3], de: false), figure("\(prefix).\(key).pupilDevices").values[0], "terminal \(prefix) \(key) pupil devices")
                Self.check(Self.shown(c[4], de: false), figure("\(prefix).\(key).pupilShare").values[0], "terminal \(prefix) \(key) coverage")
                Self.check(Self.shown(c[5], de: false), figure("\(prefix).\(key).teacherDevices").values[0], "terminal \(prefix) \(key) teacher devices")
            default: break
            }
        }
        #expect(seenLevels == expected.filter { $0.id.hasPrefix("level.") }.count / 3, "terminal: one row per index level")
        #expect(seenDistricts == expected.filter { $0.id.hasPrefix("district.") }.count / 3, "terminal: one row per district")

        // --json (plan.json).
        let json = try #require(try JSONSerialization.jsonObject(with: Data(PlanJSON.render(plan, timing: false).utf8)) as? [String: Any])
        for p in json["pools"] as! [[String: Any]] {
            let id = p["id"] as! String
            for (key, what) in [("granted", "granted"), ("spent", "spent"), ("remaining", "left")] {
                Self.check(Self.plain(Self.number(p[key]), scale: 100), figure("pool.\(id).\(what)").values[0], "json \(id) \(what)")
            }
        }
        for k in json["deviceKinds"] as! [[String: Any]] {
            let id = k["id"] as! String
            Self.check(k["devices"] as? Int, figure("kind.\(id).devices").values[0], "json \(id) devices")
            let f = figure("kind.\(id).share")
            Self.check(Self.data(Self.number(k["coverage"]), f, plan: 0), f.values[0], "json \(id) coverage")
        }
        for (key, prefix) in [("byIndexLevel", "level"), ("byDistrict", "district")] {
            let groups = json[key] as! [[String: Any]]
            #expect(groups.count == expected.filter { $0.id.hasPrefix(prefix + ".") }.count / 3, "json \(key): one entry per group")
            for g in groups {
                let k = g["key"] as! String
                Self.check(g["pupilDevices"] as? Int, figure("\(prefix).\(k).pupilDevices").values[0], "json \(prefix) \(k) pupil devices")
                Self.check(g["teacherDevices"] as? Int, figure("\(prefix).\(k).teacherDevices").values[0], "json \(prefix) \(k) teacher devices")
                let f = figure("\(prefix).\(k).pupilShare")
                Self.check(g["pupilCoverage"] is NSNull ? nil : Self.data(Self.number(g["pupilCoverage"]), f, plan: 0), f.values[0], "json \(prefix) \(k) coverage")
            }
        }
        for s in json["schools"] as! [[String: Any]] {
            let id = s["schulnummer"] as! String
            #expect((s["devices"] as! [String: Int]) == devices[id]!, "json school \(id) devices")
        }

        // CSV, both dialects: pools.csv and schools.csv, read back as a user's program would.
        for dialect in CSVDialect.allCases {
            let pools = try CSVTable(text: PlanCSV.pools(plan, dialect: dialect), file: "pools.csv")
            #expect(String(pools.delimiter) == (dialect == .excelDE ? ";" : ","))
            for r in pools.rows {
                for (col, what) in [("granted", "granted"), ("spent", "spent"), ("remaining", "left")] {
                    Self.check(Self.plain(pools.plainNumber(r.fields[pools.column(col)!]), scale: 100),
                               figure("pool.\(r.fields[0]).\(what)").values[0], "\(dialect.rawValue) pools.csv \(r.fields[0]) \(what)")
                }
            }
            let schools = try CSVTable(text: PlanCSV.schools(plan, dialect: dialect), file: "schools.csv")
            for r in schools.rows {
                for kind in plan.kinds {
                    Self.check(Int(r.fields[schools.column("devices_\(kind.id)")!]), devices[r.fields[0]]![kind.id], "\(dialect.rawValue) schools.csv \(r.fields[0]) \(kind.id)")
                }
            }
        }

        // XLSX cells.
        let audit = AuditRecord(plan: plan, inputs: [], generatedAt: Self.time, reproducible: true)
        let book = try Self.xlsx(try PlanWorkbook.make(plan, audit: audit, date: Self.time).data())
        let poolRows = try #require(book["Förderprogramme"])
        #expect(poolRows.count == plan.pools.count + 2, "Pools sheet: header, one row per pool, the total")
        for r in poolRows.dropFirst() {
            let id = r[0].isEmpty ? "total" : "pool.\(r[0])"
            for (n, what) in ["granted", "spent", "left"].enumerated() {
                Self.check(Self.plain(r[2 + n], scale: 100), figure("\(id).\(what)").values[0], "xlsx Pools \(id) \(what)")
            }
        }
        for (sheet, prefix) in [("Sozialindex-Stufen", "level"), ("Stadtbezirke", "district")] {
            let rows = try #require(book[sheet]).dropFirst()
            #expect(rows.count == expected.filter { $0.id.hasPrefix(prefix + ".") }.count / 3, "xlsx \(sheet): one row per group")
            for row in rows {
                var r = row
                while r.count < 8 { r.append("") }
                let key = r[0] == "ohne" ? "none" : r[0]
                Self.check(Self.plain(r[3], scale: 1), figure("\(prefix).\(key).pupilDevices").values[0], "xlsx \(sheet) \(key) pupil devices")
                if !r[4].isEmpty {
                    let f = figure("\(prefix).\(key).pupilShare")
                    Self.check(Self.data(r[4], f, plan: 0, shownShare: true), f.values[0], "xlsx \(sheet) \(key) coverage (shown value)")
                }
                Self.check(Self.plain(r[6], scale: 1), figure("\(prefix).\(key).teacherDevices").values[0], "xlsx \(sheet) \(key) teacher devices")
            }
        }
        let summary = try #require(book["Übersicht"])
        for kind in plan.kinds {
            let devicesRow = try #require(summary.first { $0.first == "Geräte: \(kind.label)" })
            Self.check(Self.plain(devicesRow[1], scale: 1), figure("kind.\(kind.id).devices").values[0], "xlsx Summary \(kind.id) devices")
            let shareRow = try #require(summary.first { $0.first == "Abdeckung: \(kind.label)" })
            let f = figure("kind.\(kind.id).share")
            Self.check(Self.data(shareRow[1], f, plan: 0, shownShare: true), f.values[0], "xlsx Summary \(kind.id) coverage (shown value)")
        }
        let schoolSheet = try #require(book["Schulen"])
        for r in schoolSheet.dropFirst() {
            for (k, kind) in plan.kinds.enumerated() {
                Self.check(Self.plain(r[7 + 2 * k + 1], scale: 1), devices[r[0]]![kind.id], "xlsx Schools \(r[0]) \(kind.id)")
            }
        }
        let inputs = try #require(book["Eingaben"])
        let budget = try #require(inputs.first { $0.count > 2 && $0[2] == "pools.sofort.budget" })
        Self.check(Self.plain(budget[1], scale: 100), figure("pool.sofort.granted").values[0], "xlsx Inputs budget stored as a number")

        // The HTML report (German).
        let html = HTMLReport.render(plan, audit: audit)
        let tables = Self.htmlTables(html, class: "num")
        let poolTable = try #require(tables.first { $0.first?.first == "Förderprogramm" })
        for r in poolTable.dropFirst() {
            let id = plan.pools.first { $0.pool.name == r[0] }.map { "pool.\($0.pool.id)" } ?? "total"
            for (n, what) in ["granted", "spent", "left"].enumerated() {
                Self.check(Self.shown(r[1 + n], de: true), figure("\(id).\(what)").values[0], "html \(id) \(what)")
            }
        }
        let kindTable = try #require(tables.first { $0.first?.first == "Geräte" })
        for r in kindTable.dropFirst() {
            let k = try #require(plan.kinds.first { $0.label == r[0] })
            Self.check(Self.shown(r[1], de: true), figure("kind.\(k.id).devices").values[0], "html \(k.id) devices")
            Self.check(Self.shown(r[3], de: true), figure("kind.\(k.id).share").values[0], "html \(k.id) coverage")
        }
        for (head, prefix) in [("Stufe", "level"), ("Stadtbezirk", "district")] {
            let t = try #require(tables.first { $0.first?.first == head })
            #expect(t.count - 1 == expected.filter { $0.id.hasPrefix(prefix + ".") }.count / 3, "html \(prefix): one row per group")
            for r in t.dropFirst() {
                let key = r[0] == "ohne" ? "none" : r[0]
                Self.check(Self.shown(r[3], de: true), figure("\(prefix).\(key).pupilDevices").values[0], "html \(prefix) \(key) pupil devices")
                Self.check(Self.shown(r[4], de: true), figure("\(prefix).\(key).pupilShare").values[0], "html \(prefix) \(key) coverage")
                Self.check(Self.shown(r[5], de: true), figure("\(prefix).\(key).teacherDevices").values[0], "html \(prefix) \(key) teacher devices")
            }
        }
        let schoolTable = try #require(Self.htmlTables(html, class: "num schools").first)
        for r in schoolTable.dropFirst() {
            let d = devices[r[0]]!
            let pupil = plan.kinds.filter { $0.basis == .pupils }.reduce(0) { $0 + d[$1.id]! }
            let teacher = plan.kinds.filter { $0.basis == .teachers }.reduce(0) { $0 + d[$1.id]! }
            Self.check(Self.shown(r[5], de: true), pupil, "html school \(r[0]) pupil devices")
            Self.check(Self.shown(r[7], de: true), teacher, "html school \(r[0]) teacher devices")
        }
    }

    /// Every Δ of the three-way comparison in every comparison output.
    @Test func everyOutputOfTheComparison() throws {
        let c = Comparison(Self.plans, labels: Self.labels)
        let expected = Self.figures(Self.plans)
        #expect(Set(c.lines.map(\.id)) == Set(expected.map(\.id)), "the comparison has exactly the expected figures")
        try Self.checkComparison(c, expected, Self.schoolSplit(Self.plans), planner: false)
    }

    /// The web planner: its compare JSON, report.html, report.xlsx and plan.json for a what-if
    /// against the default scenario, by the same definition.
    @Test(arguments: 1..<3) func thePlanner(_ i: Int) throws {
        let service = try PlannerService(folder: ScenarioFolder(path: Paths.repository.appendingPathComponent("Scenarios").path),
                                         defaultScenario: "dortmund-2020.yaml")
        let pair = [Self.plans[0], Self.plans[i]]
        let expected = Self.figures(pair)
        let split = Self.schoolSplit(pair)
        let request = Data(#"{"scenario": "\#(Self.files[i])", "baseline": "dortmund-2020.yaml"}"#.utf8)

        let compare = service.handle("compare", body: request)
        #expect(compare.status == 200)
        let doc = try #require(try JSONSerialization.jsonObject(with: compare.body) as? [String: Any])
        try Self.checkJSONFigures(doc["figures"] as! [[String: Any]], expected, "planner compare")
        try Self.checkJSONChanges(doc["schoolChanges"] as! [[String: Any]], split, "planner compare", all: false)
        let plans = doc["plans"] as! [[String: Any]]
        for (n, p) in plans.enumerated() {
            let totals = p["totals"] as! [String: Any]
            Self.check(totals["pupilDevices"] as? Int, expected.first { $0.id == "total.pupilDevices" }!.values[n], "planner compare plan \(n) pupil devices")
        }

        let html = service.handle("report.html", body: request)
        #expect(html.status == 200)
        try Self.checkHTMLFigures(String(decoding: html.body, as: UTF8.self), expected, split, "planner report.html")

        let xlsx = service.handle("report.xlsx", body: request)
        #expect(xlsx.status == 200)
        try Self.checkXLSXFigures(try Self.xlsx(xlsx.body), expected, split, "planner report.xlsx")

        let planJSON = service.handle("plan.json", body: request)
        let pj = try #require(try JSONSerialization.jsonObject(with: planJSON.body) as? [String: Any])
        let devices = Self.schoolDevices(Self.plans[i])
        for s in pj["schools"] as! [[String: Any]] {
            #expect((s["devices"] as! [String: Int]) == devices[s["schulnummer"] as! String]!, "planner plan.json school devices")
        }
    }

    // MARK: - comparison outputs

    static func checkComparison(_ c: Comparison, _ expected: [Figure], _ split: [String: (pupil: [Int], teacher: [Int])], planner: Bool) throws {
        let n = c.plans.count
        // Terminal text: each figure's row by its label, values then Δs.
        let text = ComparisonText.render(c, maxSchools: 1000)
        let rows = Dictionary(text.split(separator: "\n").map(Self.columns).filter { $0.count == 2 * n }.map { ($0[0], Array($0.dropFirst())) },
                              uniquingKeysWith: { a, _ in a })
        for f in expected {
            let cells = try #require(rows[c.line(f.id)!.en], "terminal: no row for \(f.id)")
            for i in 0..<n { check(shown(cells[i], de: false), f.values[i], "terminal compare \(f.id) [\(i + 1)]") }
            for i in 1..<n { check(shown(cells[n - 1 + i], de: false), f.delta(i), "terminal compare Δ \(f.id) [\(i + 1)]") }
        }
        var seen = 0
        for line in text.split(separator: "\n") {
            let cols = columns(line)
            guard let s = split[cols.first ?? ""], cols.count >= 4 * n else { continue }
            seen += 1
            let nums = cols.suffix(4 * n - 2).map { shown($0, de: false) }
            for i in 0..<n { check(nums[i], s.pupil[i], "terminal compare \(cols[0]) pupil [\(i + 1)]") }
            for i in 1..<n { check(nums[n - 1 + i], s.pupil[i] - s.pupil[0], "terminal compare \(cols[0]) Δ pupil [\(i + 1)]") }
            for i in 0..<n { check(nums[2 * n - 1 + i], s.teacher[i], "terminal compare \(cols[0]) teacher [\(i + 1)]") }
            for i in 1..<n { check(nums[3 * n - 2 + i], s.teacher[i] - s.teacher[0], "terminal compare \(cols[0]) Δ teacher [\(i + 1)]") }
        }
        #expect(seen == split.count, "terminal compare: every school that changes")

        // JSON.
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(ComparisonJSON.render(c, timing: false).utf8)) as? [String: Any])
        try checkJSONFigures(doc["figures"] as! [[String: Any]], expected, "compare --json")
        try checkJSONChanges(doc["schoolChanges"] as! [[String: Any]], split, "compare --json", all: true)

        // CSV, both dialects.
        for dialect in CSVDialect.allCases {
            let t = try CSVTable(text: ComparisonJSON.figuresCSV(c, dialect: dialect), file: "comparison.csv")
            let byID = Dictionary(uniqueKeysWithValues: t.rows.map { ($0.fields[0], $0.fields) })
            for f in expected {
                let r = try #require(byID[f.id], "\(dialect.rawValue) comparison.csv: no row \(f.id)")
                for i in 0..<n where !r[2 + i].isEmpty {
                    check(data(t.plainNumber(r[2 + i]), f, plan: i), f.values[i], "\(dialect.rawValue) comparison.csv \(f.id) [\(i + 1)]")
                }
                for i in 1..<n {
                    let d = t.plainNumber(r[1 + n + i])
                    check(d.isEmpty ? nil : plain(d, scale: f.unit == .money ? 100 : f.unit == .share ? 10 : 1), f.delta(i),
                          "\(dialect.rawValue) comparison.csv Δ \(f.id) [\(i + 1)]")
                }
            }
            let ch = try CSVTable(text: ComparisonJSON.changesCSV(c, dialect: dialect), file: "school-changes.csv")
            #expect(ch.rows.count == split.count)
            for r in ch.rows {
                let s = try #require(split[r.fields[0]])
                let nums = r.fields.suffix(4 * n - 2).map { Int($0) }
                for i in 0..<n { check(nums[i], s.pupil[i], "\(dialect.rawValue) school-changes.csv \(r.fields[0]) pupil") }
                for i in 1..<n { check(nums[n - 1 + i], s.pupil[i] - s.pupil[0], "\(dialect.rawValue) school-changes.csv \(r.fields[0]) Δ pupil") }
                for i in 0..<n { check(nums[2 * n - 1 + i], s.teacher[i], "\(dialect.rawValue) school-changes.csv \(r.fields[0]) teacher") }
                for i in 1..<n { check(nums[3 * n - 2 + i], s.teacher[i] - s.teacher[0], "\(dialect.rawValue) school-changes.csv \(r.fields[0]) Δ teacher") }
            }
        }

        // HTML and XLSX of `report --compare`: the report's scenario is the baseline.
        let audit = AuditRecord(plan: c.plans[0], inputs: [], generatedAt: time, reproducible: true)
        for language in ReportLanguage.allCases {
            try checkHTMLFigures(HTMLReport.render(c.plans[0], audit: audit, comparison: c, language: language), expected, split,
                                 "report --compare html (\(language.rawValue))", de: language == .de)
        }
        try checkXLSXFigures(try xlsx(try PlanWorkbook.make(c.plans[0], audit: audit, date: time, comparison: c).data()), expected, split, "report --compare xlsx")
    }

    static func checkJSONFigures(_ figures: [[String: Any]], _ expected: [Figure], _ what: String) throws {
        let byID = Dictionary(uniqueKeysWithValues: figures.map { ($0["id"] as! String, $0) })
        #expect(byID.count == expected.count, "\(what): exactly the expected figures")
        for f in expected {
            let o = try #require(byID[f.id], "\(what): no figure \(f.id)")
            let values = o["values"] as! [Any], deltas = o["deltas"] as! [Any]
            for i in values.indices {
                check(values[i] is NSNull ? nil : data(number(values[i]), f, plan: i), f.values[i], "\(what) \(f.id) [\(i + 1)]")
            }
            #expect(deltas[0] is NSNull, "\(what) \(f.id): the baseline has no Δ")
            for i in 1..<deltas.count {
                let scale = f.unit == .money ? 100 : f.unit == .share ? 10 : 1
                check(deltas[i] is NSNull ? nil : plain(number(deltas[i]), scale: scale), f.delta(i), "\(what) Δ \(f.id) [\(i + 1)]")
            }
        }
    }

    static func checkJSONChanges(_ changes: [[String: Any]], _ split: [String: (pupil: [Int], teacher: [Int])], _ what: String, all: Bool) throws {
        if all { #expect(changes.count == split.count, "\(what): every school that changes") }
        for ch in changes {
            let id = ch["schulnummer"] as! String
            let s = try #require(split[id], "\(what): \(id) does not change")
            #expect(ch["pupilDevices"] as! [Int] == s.pupil, "\(what) \(id) pupil devices")
            #expect(ch["teacherDevices"] as! [Int] == s.teacher, "\(what) \(id) teacher devices")
            let dp = ch["pupilChange"] as! [Any], dt = ch["teacherChange"] as! [Any]
            for i in 1..<s.pupil.count {
                check(dp[i] as? Int, s.pupil[i] - s.pupil[0], "\(what) \(id) Δ pupil")
                check(dt[i] as? Int, s.teacher[i] - s.teacher[0], "\(what) \(id) Δ teacher")
            }
        }
    }

    static func checkHTMLFigures(_ html: String, _ expected: [Figure], _ split: [String: (pupil: [Int], teacher: [Int])], _ what: String, de: Bool = true) throws {
        let rows = htmlFigures(html)
        #expect(rows.count == expected.count, "\(what): exactly the expected figures")
        for f in expected {
            let cells = try #require(rows[f.id], "\(what): no row \(f.id)")
            let n = f.values.count
            #expect(cells.count == 2 * n - 1, "\(what) \(f.id): one Δ column per compared scenario")
            for i in 0..<n { check(shown(cells[i], de: de), f.values[i], "\(what) \(f.id) [\(i + 1)]") }
            for i in 1..<n { check(shown(cells[n - 1 + i], de: de), f.delta(i), "\(what) Δ \(f.id) [\(i + 1)]") }
        }
        let schools = matches(#"<tr data-school="([^"]+)">(.*?)</tr>"#, html)
        #expect(schools.count == split.count, "\(what): every school that changes")
        for m in schools {
            let s = try #require(split[m[1]])
            let n = s.pupil.count
            let nums = matches(#"<td[^>]*>(.*?)</td>"#, m[2]).map { unescape($0[1]) }.suffix(4 * n - 2).map { shown($0, de: de) }
            for i in 0..<n { check(nums[i], s.pupil[i], "\(what) \(m[1]) pupil") }
            for i in 1..<n { check(nums[n - 1 + i], s.pupil[i] - s.pupil[0], "\(what) \(m[1]) Δ pupil") }
            for i in 0..<n { check(nums[2 * n - 1 + i], s.teacher[i], "\(what) \(m[1]) teacher") }
            for i in 1..<n { check(nums[3 * n - 2 + i], s.teacher[i] - s.teacher[0], "\(what) \(m[1]) Δ teacher") }
        }
    }

    static func checkXLSXFigures(_ book: [String: [[String]]], _ expected: [Figure], _ split: [String: (pupil: [Int], teacher: [Int])], _ what: String) throws {
        let sheet = try #require(book["Vergleich"], "\(what): no Comparison sheet (Vergleich)")
        let byID = Dictionary(sheet.filter { $0.count > 2 }.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        for f in expected {
            let n = f.values.count
            var r = try #require(byID[f.id], "\(what): no row \(f.id)")
            while r.count < 2 * n + 1 { r.append("") }
            for i in 0..<n {
                check(r[2 + i].isEmpty ? nil : data(r[2 + i], f, plan: i, shownShare: true), f.values[i], "\(what) \(f.id) [\(i + 1)]")
            }
            for i in 1..<n {
                let scale = f.unit == .money ? 100 : f.unit == .share ? 10 : 1
                check(r[1 + n + i].isEmpty ? nil : plain(r[1 + n + i], scale: scale), f.delta(i), "\(what) Δ \(f.id) [\(i + 1)]")
            }
        }
        var seen = 0
        for r in sheet {
            guard let s = split[r.first ?? ""] else { continue }
            seen += 1
            let n = s.pupil.count
            let nums = r.suffix(4 * n - 2).map { plain($0, scale: 1) }
            for i in 0..<n { check(nums[i], s.pupil[i], "\(what) \(r[0]) pupil") }
            for i in 1..<n { check(nums[n - 1 + i], s.pupil[i] - s.pupil[0], "\(what) \(r[0]) Δ pupil") }
            for i in 0..<n { check(nums[2 * n - 1 + i], s.teacher[i], "\(what) \(r[0]) teacher") }
            for i in 1..<n { check(nums[3 * n - 2 + i], s.teacher[i] - s.teacher[0], "\(what) \(r[0]) Δ teacher") }
        }
        #expect(seen == split.count, "\(what): every school that changes")
    }

    // MARK: - the guard can fail

    /// The checks above catch a flipped sign, another grouping and another rounding.
    @Test func theChecksCatchAWrongFigure() {
        let f = Figure(id: "x", unit: .share, values: [964, 1000])
        #expect(f.delta(1) == 36)
        #expect(Self.shown("96,4 %", de: true) == 964)
        #expect(Self.shown("96,5 %", de: true) != Self.permille(9645, 10000), "half-up rounding is not the rule")
        #expect(Self.shown("-1.953", de: true) == -1953 && Self.shown("+1.953", de: true) == 1953)
        #expect(Self.shown("+609.921,90 €", de: true) == 60_992_190 && Self.shown("-609,921.90 €", de: false) == -60_992_190)
        #expect(Self.shown("±0 Pp.", de: true) == 0 && Self.shown("+1.2 pp", de: false) == 12)
        #expect(Self.permille(6080, 6083) == 999, "6,080 of 6,083 is 99.9 %, not 100.0 %")
        #expect(NumberStyle(.de).share(Share(6080, of: 6083)) == "99,9 %")
        #expect(NumberStyle(.en).shareAtLeast(Share(6080, of: 6083)!) == "at least 99.9 %")
        #expect(NumberStyle(.en).shareAtLeast(Share(1, of: 2)!) == "50.0 %")
        #expect(NumberStyle(.de).share(Share(9645, of: 10000)) == "96,4 %")
    }
}
