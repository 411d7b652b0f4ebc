import Foundation
import Allocation
import ZIPFoundation

/// A minimal Office Open XML spreadsheet writer: inline strings, numbers stored as numbers with
/// a number format, column widths and a frozen header row. Zipped with ZIPFoundation.
public struct Workbook {
    public enum Cell {
        case text(String)
        case int(Int)
        case euros(Money)
        /// A share by the one rule (`Share`): the cell holds the shown, rounded-down figure
        /// (0.964 for 96.4 %), so that the value and its display agree.
        case share(Share?)
        /// A change of a share in percentage points (tenths of a point), shown "+1.2".
        case points(Int)
        case number(Double)
        /// A number given as plain decimal text ("0.9", "6100000.00"), stored exactly.
        case decimal(String)
        case empty
    }

    public struct Sheet {
        public var name: String
        public var header: [String]
        public var widths: [Double]
        public var rows: [[Cell]]
        /// Rows (indexes into `rows`) whose text is bold as the header row's: the column heads
        /// of a further block of the sheet.
        public var headings: Set<Int> = []
    }

    public var sheets: [Sheet] = []
    /// The modification time written into the ZIP entries (so that the same inputs give the
    /// same bytes).
    public var date: Date

    public init(date: Date) { self.date = date }

    public mutating func add(_ name: String, header: [String], widths: [Double], rows: [[Cell]]) {
        sheets.append(Sheet(name: name, header: header, widths: widths, rows: rows))
    }

    /// The .xlsx file's bytes.
    public func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(bytes.count, Int(position) + size))
            }
        }
        try add("[Content_Types].xml", contentTypes)
        try add("_rels/.rels", rootRels)
        try add("docProps/app.xml", appXML)
        try add("xl/workbook.xml", workbookXML)
        try add("xl/_rels/workbook.xml.rels", workbookRels)
        try add("xl/styles.xml", Self.stylesXML)
        for (i, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(i + 1).xml", Self.sheetXML(sheet)) }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    // MARK: - parts

    var contentTypes: String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        s += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        s += #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        for i in sheets.indices {
            s += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return s + "</Types>"
    }

    var rootRels: String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
            + "</Relationships>"
    }

    var appXML: String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>allocate</Application></Properties>"#
    }

    var workbookXML: String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (i, sheet) in sheets.enumerated() {
            s += #"<sheet name="\#(Self.xml(sheet.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        return s + "</sheets></workbook>"
    }

    var workbookRels: String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in sheets.indices {
            s += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        s += #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return s + "</Relationships>"
    }

    /// Cell styles: 0 plain, 1 euro, 2 percent, 3 integer, 4 bold header, 5 decimal, 6 signed points.
    static let stylesXML = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + ##"<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.00\ &quot;€&quot;"/><numFmt numFmtId="165" formatCode="0.0%"/><numFmt numFmtId="166" formatCode="+0.0;-0.0;0.0"/></numFmts>"##
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="7">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func sheetXML(_ sheet: Sheet) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        s += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        s += "<cols>"
        for (i, w) in sheet.widths.enumerated() { s += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(fixed(w, 1))" customWidth="1"/>"# }
        s += "</cols><sheetData>"
        s += row(1, sheet.header.map { .text($0) }, style: 4)
        for (i, cells) in sheet.rows.enumerated() { s += row(i + 2, cells, style: sheet.headings.contains(i) ? 4 : nil) }
        return s + "</sheetData></worksheet>"
    }

    static func row(_ r: Int, _ cells: [Cell], style: Int?) -> String {
        var s = #"<row r="\#(r)">"#
        for (c, cell) in cells.enumerated() {
            let ref = column(c) + String(r)
            switch cell {
            case .text(let t):
                s += #"<c r="\#(ref)" t="inlineStr"\#(style.map { " s=\"\($0)\"" } ?? "")><is><t xml:space="preserve">\#(xml(t))</t></is></c>"#
            case .int(let n): s += #"<c r="\#(ref)" s="3"><v>\#(n)</v></c>"#
            case .euros(let m): s += #"<c r="\#(ref)" s="1"><v>\#(m.plain)</v></c>"#
            case .share(let p):
                if let p { s += #"<c r="\#(ref)" s="2"><v>\#(p.permille < 0 ? "-" : "")\#(abs(p.permille) / 1000).\#(String(format: "%03d", abs(p.permille) % 1000))</v></c>"# }
            case .points(let p): s += #"<c r="\#(ref)" s="6"><v>\#(p < 0 ? "-" : "")\#(abs(p) / 10).\#(abs(p) % 10)</v></c>"#
            case .decimal(let t): s += #"<c r="\#(ref)"><v>\#(xml(t))</v></c>"#
            case .number(let d): if d.isFinite { s += #"<c r="\#(ref)" s="5"><v>\#(fixed(d, 6))</v></c>"# }
            case .empty: break
            }
        }
        return s + "</row>"
    }

    /// 0 -> "A", 26 -> "AA".
    static func column(_ i: Int) -> String {
        var n = i + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(65 + r)!) + s; n = (n - 1) / 26 }
        return s
    }

    /// Escapes text for XML (the one escaper, `Markup`).
    static func xml(_ s: String) -> String { Markup.escape(s) }
}

/// The finance office's workbook for one plan: Summary, Pools, Schools, Districts,
/// Index levels, Inputs, Audit.
public enum PlanWorkbook {
    /// `comparison`: when given (with more than one plan), a Comparison sheet with the same
    /// figures as the HTML report's comparison; `years`: when given, the multi-year plan's
    /// sheets ("Haushaltsjahre …", coverage per year) before the Inputs.
    public static func make(_ plan: Plan, audit: AuditRecord, date: Date, language: ReportLanguage = .de,
                            comparison: Comparison? = nil, years: YearsFigures? = nil) -> Workbook {
        let w = Words(language: language)
        let fig = PlanFigures(plan)
        var book = Workbook(date: date)
        var summary: [[Workbook.Cell]] = [
            [.text(w.scenario), .text(plan.scenario.name)],
            [.text(w.objective), .text(w.objectiveName(plan.scenario.objective, maximin: plan.scenario.maximin.guarantee))],
            [.text(w.schools), .int(plan.schools.count)],
            [.text(w.moneyGranted), .euros(plan.pools.sum { $0.pool.budget })],
            [.text(w.spentCapital), .euros(plan.totalCost)],
            [.text(w.leftCapital), .euros(plan.pools.sum { $0.remaining })],
            [.text(w.ownMoney), .euros(plan.ownMoneySpent)],
            [.text(w.pupilsCovered), .int(fig.total.pupilDevices)],
            [.text(w.pupilNeed), .int(fig.total.pupilNeed)],
            [.text(w.pupilCoverage), .share(fig.total.pupilShare)],
        ]
        for (k, kind) in plan.kinds.enumerated() {
            summary.append([.text("\(w.devices): \(w.kindLabel(kind))"), .int(plan.totalDevices(kind: k))])
            summary.append([.text("\(w.coverage): \(w.kindLabel(kind))"), .share(Share(plan.totalDevices(kind: k), of: plan.totalNeed(kind: k)))])
        }
        for (k, kind) in plan.kinds.enumerated() where plan.hasKindGuarantees {
            if let c = plan.kindCoverage[k] {
                summary.append([.text(w.guaranteedAtLeast(w.kindLabel(kind))),
                                .share(Share(c))])
            }
        }
        summary.append([.text(w.status), .text(w.statusSentence(plan))])
        summary.append([.text(w.generatedAt), .text(w.date.moment(iso: audit.generatedAt))])
        if let id = audit.runID { summary.append([.text(w.runID), .text(id)]) }
        book.add(w.sheetSummary, header: [w.figure, w.value], widths: [42, 60], rows: summary)

        book.add(w.sheetPools, header: [w.poolID, w.pool, w.granted, w.spent, w.left, w.shareSpent],
                 widths: [14, 40, 18, 18, 18, 16],
                 rows: plan.pools.map { u in
                     [.text(u.pool.id), .text(u.pool.name), .euros(u.pool.budget), .euros(u.spent), .euros(u.remaining),
                      .share(Share(u.spent.cents, of: u.pool.budget.cents))]
                 } + [[.text(""), .text(w.total), .euros(plan.pools.sum { $0.pool.budget }), .euros(plan.totalCost),
                       .euros(plan.pools.sum { $0.remaining }), .share(Share(plan.totalCost.cents, of: plan.pools.sum { $0.pool.budget }.cents))]])

        var header = [w.number, w.school, w.form, w.district, w.level, w.pupils, w.teachers]
        for kind in plan.kinds { header += [w.needOf(w.kindLabel(kind)), w.devicesOf(w.kindLabel(kind))] }
        header += [w.pupilCoverage] + plan.pools.map { $0.pool.name } + [w.cost]
        book.add(w.sheetSchools, header: header,
                 widths: [10, 48, 22, 18, 7, 9, 10] + plan.kinds.flatMap { _ in [12.0, 12] } + [14] + plan.pools.map { _ in 18.0 } + [16],
                 rows: plan.schools.map { a in
                     let s = a.school, need = fig.pupilNeed(a), level = PlanFigures.levelKey(s, plan.scenario)
                     var r: [Workbook.Cell] = [.text(s.id), .text(s.name), .text(s.form), .text(s.district),
                                               Int(level).map { .int($0) } ?? .text(w.noLevel), .int(s.pupils), .int(s.teachers)]
                     for k in plan.kinds.indices { r += [.int(a.need[k]), .int(a.devices[k])] }
                     r.append(.share(Share(fig.pupilDevices(a), of: need)))
                     r += plan.pools.indices.map { .euros(a.funding(pool: $0)) } + [.euros(a.cost)]
                     return r
                 })
        func groups(_ gs: [PlanFigures.Group], _ label: (String) -> String) -> [[Workbook.Cell]] {
            gs.map { g in [.text(label(g.key)), .int(g.schools), .int(g.pupilNeed), .int(g.pupilDevices), .share(g.pupilShare),
                           .int(g.teacherNeed), .int(g.teacherDevices), .euros(g.cost)] }
        }
        let groupHeader = [w.schools, w.pupilNeed, w.pupilDevices, w.coverage, w.teacherNeed, w.teacherDevices, w.cost]
        book.add(w.sheetDistricts, header: [w.district] + groupHeader, widths: [22, 9, 14, 14, 12, 14, 14, 18], rows: groups(fig.byDistrict, { $0 }))
        book.add(w.sheetLevels, header: [w.level] + groupHeader, widths: [10, 9, 14, 14, 12, 14, 14, 18],
                 rows: groups(fig.byLevel, { $0 == "none" ? w.noLevel : $0 }))
        let names = Dictionary(plan.pools.map { ($0.pool.id, $0.pool.name) }, uniquingKeysWith: { a, _ in a })
        let kinds = Dictionary(plan.kinds.map { ($0.id, w.kindLabel($0)) }, uniquingKeysWith: { a, _ in a })
        book.add(w.sheetInputs, header: [w.parameter, w.value, w.key], widths: [44, 40, 44],
                 rows: audit.scenarioValues.map { [.text(ParameterLabel($0.key, w, poolNames: names, kindLabels: kinds).text),
                                                   inputCell($0.key, $0.value, w), .text($0.key)] })
        if let c = comparison, c.plans.count > 1 { book.sheets.insert(comparisonSheet(c, w), at: 1) }
        if let years { book.sheets.insert(contentsOf: YearsReport.sheets(years, language: language), at: book.sheets.count - 1) }
        var auditRows: [[Workbook.Cell]] = [[.text(w.generatedAt), .text(w.date.moment(iso: audit.generatedAt)), .empty],
                                             [.text(w.generatedAt + " (" + w.isoTime + ")"), .text(audit.generatedAt), .empty]]
        if let id = audit.runID { auditRows.append([.text(w.runID), .text(id + " (" + w.runIDHint(id) + ")"), .empty]) }
        auditRows += [[.text(w.toolVersion), .text("allocate \(audit.toolVersion)"), .empty],
                      [.text(w.solverLabel), .text(audit.solverVersion), .empty]]
        auditRows += (audit.solverOptions + audit.outcome).map { [.text(w.auditLabel($0.key, kinds: plan.kinds)), .text(w.auditValue($0.key, $0.value)), .empty] }
        auditRows += audit.inputs.map { [.text(w.inputEntry($0.path)), .text($0.sha256), .int($0.bytes)] }
        book.add(w.sheetAudit, header: [w.entry, w.valueOrHash, w.bytes],
                 widths: [44, 70, 12], rows: auditRows)
        return book
    }

    /// A scenario value as a cell: money as euros, other plain numbers as numbers, the rest as text.
    /// A scenario value as a workbook cell: amounts in euros, numbers as numbers, any other
    /// value in the words of the language (`auditValue`: ja/nein, a pool's rule, …).
    static func inputCell(_ key: String, _ value: String, _ w: Words) -> Workbook.Cell {
        guard value.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return .text(w.auditValue(key, value)) }
        if ["budget", "unitPrice", "capPerDevice"].contains(where: { key.hasSuffix("." + $0) }), let d = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")), let m = Money(euros: d) {
            return .euros(m)
        }
        return .decimal(value)
    }

    /// A comparison's figure as a workbook cell (also the years comparison's, `YearsComparisonReport`).
    static func cell(_ v: Comparison.Value?) -> Workbook.Cell {
        switch v {
        case .count(let x)?: return .int(x)
        case .money(let m)?: return .euros(m)
        case .share(let s)?: return .share(s)
        case nil: return .empty
        }
    }

    /// A comparison's Δ as a workbook cell.
    static func cell(_ d: Comparison.Delta?) -> Workbook.Cell {
        switch d {
        case .count(let x)?: return .int(x)
        case .money(let m)?: return .euros(m)
        case .points(let p)?: return .points(p)
        case nil: return .empty
        }
    }

    /// The comparison, figure by figure (the same lines as the HTML report), then the schools
    /// that change, pupil and teacher devices apart.
    static func comparisonSheet(_ c: Comparison, _ w: Words) -> Workbook.Sheet {
        let n = c.plans.count, titles = c.titles, labels = c.columns.map(\.label)
        var rows: [[Workbook.Cell]] = []
        for line in c.lines {
            rows.append([.text(line.id), .text(line.label(w.language))] + line.values.map(cell) + line.deltas.map(cell))
        }
        rows.append([])
        rows.append([.text(Comparison.definition(w.language))])
        rows.append([])
        var schoolHeader: [Workbook.Cell] = [.text(w.number), .text(w.school), .text(w.level)]
        schoolHeader += labels.map { .text("\(w.pupilDevices): \($0)") } + labels.dropFirst().map { .text("Δ \(w.pupilDevices): \($0)") }
        schoolHeader += labels.map { .text("\(w.teacherDevices): \($0)") } + labels.dropFirst().map { .text("Δ \(w.teacherDevices): \($0)") }
        rows.append(schoolHeader)
        for ch in c.changes {
            var r: [Workbook.Cell] = [.text(ch.id), .text(ch.name), Int(ch.level).map { .int($0) } ?? .text(w.noLevel)]
            r += ch.pupilDevices.map { .int($0) } + (1..<n).map { .int(ch.pupilChange($0)) }
            r += ch.teacherDevices.map { .int($0) } + (1..<n).map { .int(ch.teacherChange($0)) }
            rows.append(r)
        }
        let header = [w.poolID, w.figure] + titles.enumerated().map { "\($1) (\(labels[$0]))" }
            + (1..<n).map { "Δ \(titles[$0]) (\(labels[$0]) − \(labels[0]))" }
        return Workbook.Sheet(name: w.sheetComparison, header: header,
                              widths: [28, 44] + Array(repeating: 20.0, count: n + n - 1), rows: rows)
    }
}