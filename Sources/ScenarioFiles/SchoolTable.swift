import Foundation
import Allocation

extension ScenarioLoader {
    /// Column names of the school table, overridable per scenario.
    static let defaultColumns: [String: String] = [
        "id": "schulnummer", "name": "name", "form": "schulform", "district": "stadtbezirk_geocoded",
        "pupils": "schueler_2024_25_gerundet", "socialIndex": "sozialindex_2025_26",
        "latitude": "lat", "longitude": "lon", "teachers": "lehrkraefte", "existingPupilDevices": "vorhandene_geraete",
        "authority": "Amtlicher Gemeindeschlüssel",
    ]

    static func readSchools(_ v: YAMLValue, teachers teachersValue: YAMLValue?, need: NeedRules,
                            files: inout [InputFile], tables: TableCache) throws(ScenarioError) -> [School] {
        let f = try v.fields(keysOf: "schools")
        guard let fileValue = f["file"] else { throw v.fail(.missing(key: "file", why: .schoolTableFile)) }
        let shown = try fileValue.string()
        let table = try tables.table(shown)
        if let source = table.source { files.append(source) }

        var columns = defaultColumns
        var nameParts: [String] = []
        if let c = f["columns"] {
            for (key, value) in try c.mapping(keysOf: "schools.columns") {
                if key == "name", case .sequence = value.node.kind {
                    // Several columns joined, e.g. the three parts of an official school name.
                    nameParts = try value.stringList()
                    if nameParts.isEmpty { throw value.fail(.schools(.emptyColumnList)) }
                    columns[key] = nameParts.first
                } else {
                    columns[key] = try value.string()
                }
            }
        }
        var filters: [(Int, String)] = []
        if let inc = f["include"] {
            for (column, value) in try inc.mapping(allowed: nil) {
                filters.append((try table.requireColumn(column, why: .namedInInclude), try value.string()))
            }
        }
        let defaultExisting = try f["existingPupilDevices"]?.integer(key: "schools.existingPupilDevices") ?? 0
        func col(_ key: String) throws(ScenarioError) -> Int {
            try table.requireColumn(columns[key]!, why: .key("schools.columns.\(key)"))
        }
        let idC = try col("id"), formC = try col("form"), districtC = try col("district")
        var nameCs: [Int] = []
        for part in nameParts.isEmpty ? [columns["name"]!] : nameParts {
            nameCs.append(try table.requireColumn(part, why: .key("schools.columns.name")))
        }
        let authorityC = table.column(columns["authority"]!)
        let pupilsC = try col("pupils"), indexC = try col("socialIndex")
        let latC = table.column(columns["latitude"]!), lonC = table.column(columns["longitude"]!)
        let teachersC = table.column(columns["teachers"]!), existingC = table.column(columns["existingPupilDevices"]!)

        @Sendable func fail(_ row: CSVRecordView, _ column: Int, _ message: InputProblem) -> ScenarioError {
            ScenarioError(file: shown, line: row.line, key: table.header[column], message)
        }
        @Sendable func count(_ row: CSVRecordView, _ c: Int, max: Int) throws(ScenarioError) -> Int {
            if let n = row.digits(c), n <= max { return n }
            let text = trimmed(row.string(c))
            guard let n = Int(text), n >= 0, n <= max else {
                throw fail(row, c, .found(.text(excerpt(text, limit: 30)), expected: .wholeNumberUpTo(max)))
            }
            return n
        }

        // The name: one column as it is, or several joined with spaces (empty parts left out),
        // put together from the bytes where no part needs trimming.
        let nameColumns = nameCs, include = filters
        @Sendable func name(_ row: CSVRecordView, _ nameBytes: inout [UInt8]) -> String {
            if nameColumns.count == 1 { return row.trimmedString(nameColumns[0]) }
            nameBytes.removeAll(keepingCapacity: true)
            for c in nameColumns {
                if let part = row.plainBytes(c) {
                    if part.isEmpty { continue }
                    if !nameBytes.isEmpty { nameBytes.append(UInt8(ascii: " ")) }
                    nameBytes.append(contentsOf: part)
                } else {
                    let part = trimmed(row.string(c))
                    if part.isEmpty { continue }
                    if !nameBytes.isEmpty { nameBytes.append(UInt8(ascii: " ")) }
                    nameBytes.append(contentsOf: part.utf8)
                }
            }
            return String(decoding: nameBytes, as: UTF8.self)
        }
        // Forms, towns and authorities repeat from row to row: the previous row's text is
        // reused (one shared String) when the bytes are the same.
        struct Repeated {
            var last = ""
            mutating func text(_ row: CSVRecordView, _ c: Int, trim: Bool) -> String {
                if let b = trim ? row.plainBytes(c) : row.cells.plainBytes(row.base + c, in: row.bytes) {
                    if b.equals(last) { return last }
                    last = String(decoding: b, as: UTF8.self)
                    return last
                }
                return trim ? row.trimmedString(c) : row.string(c)
            }
        }
        let cells = table.cells
        // The schools of a range of records, after the records before it whose school numbers
        // are `earlier` (number -> line). Everything the loop changes is its own (declared in
        // the function): no variable shared with another nested function, whose every access
        // Swift would check at run time.
        @Sendable func readRows(_ records: Range<Int>, after earlier: [String: Int], capacity: Int) throws(ScenarioError) -> SchoolRows {
         try cells.withBytes { (bytes) throws(ScenarioError) -> SchoolRows in
          var schools: [School] = []
          var teacherCounts: [Int?] = []
          var firstLine = earlier
          if include.isEmpty {
              schools.reserveCapacity(capacity); teacherCounts.reserveCapacity(capacity)
              firstLine.reserveCapacity(earlier.count + records.count)
          }
          var nameBytes: [UInt8] = []
          var forms = Repeated(), districts = Repeated(), authorities = Repeated()
          for r in records {
            let row = CSVRecordView(cells, record: r, bytes: bytes)
            if !include.allSatisfy({ row.string($0.0) == $0.1 }) { continue }
            let id: String
            if let b = row.plainBytes(idC), !b.isEmpty, b.count <= 32, b.allSatisfy(isSchoolNumberByte) {
                id = String(decoding: b, as: UTF8.self)   // the usual case: checked on the bytes
            } else {
                id = row.trimmedString(idC)
                guard !id.isEmpty, id.utf8.count <= 32, id.utf8.allSatisfy(isSchoolNumberByte) else {
                    throw fail(row, idC, .found(.text(excerpt(id, limit: 40)), expected: .schoolNumber))
                }
            }
            if let earlier = firstLine.updateValue(row.line, forKey: id) {
                throw fail(row, idC, .schools(.duplicateSchool(id: id, firstLine: earlier)))
            }
            var level: Int?
            if let b = row.plainBytes(indexC), b.count <= 1 {
                // The usual cases without a String: empty, or one digit.
                if b.count == 1 {
                    guard (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(b[0]) else {
                        throw fail(row, indexC, .found(.text(excerpt(String(decoding: b, as: UTF8.self), limit: 30)), expected: .indexLevel))
                    }
                    level = Int(b[0] - UInt8(ascii: "0"))
                }
            } else {
                let indexText = table.plainNumber(trimmed(row.string(indexC)))
                if !indexText.isEmpty && indexText != "ohne" {
                    // "7" or "7.0" (the statewide list writes levels as decimals)
                    guard let l = Int(indexText) ?? Double(indexText).flatMap({ $0 == $0.rounded() && abs($0) < 100 ? Int($0) : nil }),
                          (1...9).contains(l) else {
                        throw fail(row, indexC, .found(.text(excerpt(indexText, limit: 30)), expected: .indexLevel))
                    }
                    level = l
                }
            }
            func coordinate(_ c: Int?, _ range: ClosedRange<Double>) throws(ScenarioError) -> Double? {
                guard let c else { return nil }
                if let d = row.plainDecimal(c), range.contains(d) { return d }
                let text = row.trimmedString(c)
                if text.isEmpty { return nil }
                guard let d = Double(table.plainNumber(text)), d.isFinite, range.contains(d) else {
                    throw fail(row, c, .found(.text(excerpt(text, limit: 30)), expected: .coordinate(range.lowerBound, range.upperBound)))
                }
                return d
            }
            let existing = try existingC.map { c throws(ScenarioError) in
                (row.plainBytes(c).map { $0.isEmpty } ?? trimmed(row.string(c)).isEmpty) ? defaultExisting : try count(row, c, max: 1_000_000)
            } ?? defaultExisting
            teacherCounts.append(try teachersC.map { c throws(ScenarioError) in try count(row, c, max: 100_000) })
            schools.append(School(
                id: id, name: name(row, &nameBytes),
                form: forms.text(row, formC, trim: false), district: districts.text(row, districtC, trim: false),
                pupils: try count(row, pupilsC, max: 1_000_000), socialIndex: level, teachers: 0,
                existingPupilDevices: existing,
                latitude: try coordinate(latC, -90...90), longitude: try coordinate(lonC, -180...180),
                authority: authorityC.map { authorities.text(row, $0, trim: true) } ?? ""))
          }
          return SchoolRows(schools: schools, teacherCounts: teacherCounts, firstLine: firstLine)
         }
        }
        let (rows, teacherCounts) = try { () throws(ScenarioError) -> ([School], [Int?]) in
            let records = cells.recordCount
            guard records - 1 >= max(2, tables.halvesFrom) && records - 1 <= tables.halvesUpTo else {
                let all = try readRows(1..<records, after: [:], capacity: records)
                return (all.schools, all.teacherCounts)
            }
            // A big table in two halves on two threads (issue 18: the second core idled while
            // loading), joined in order. The first half is the serial loop's start, so its error
            // is the serial loop's. When the second half fails or names a school number of the
            // first, its rows are read again after the first half's, as the serial loop reads
            // them: the error is the one of the earliest bad line, as without halves.
            let mid = 1 + (records - 1) / 2
            let halves = [1..<mid, mid..<records]
            let read = TakenSlots<SchoolRows>(count: 2), errors = TakenSlots<ScenarioError>(count: 2)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do throws(ScenarioError) {
                    // The first half has room for all rows: the second is appended to it.
                    read.set(i, try readRows(halves[i], after: [:], capacity: i == 0 ? records : halves[1].count))
                } catch { errors.set(i, error) }
            }
            if let error = errors.take(0) { throw error }
            var first = read.take(0)!
            let second: SchoolRows
            if errors.take(1) == nil, let rest = read.take(1), !rest.schools.contains(where: { first.firstLine[$0.id] != nil }) {
                second = rest
            } else {
                second = try readRows(halves[1], after: first.firstLine, capacity: halves[1].count)
            }
            first.schools.append(contentsOf: second.schools)
            first.teacherCounts.append(contentsOf: second.teacherCounts)
            return (first.schools, first.teacherCounts)
        }()
        var schools = rows
        if schools.isEmpty {
            throw ScenarioError(file: v.file, line: f["include"]?.line ?? v.line, key: "schools",
                                .schools(.noneIncluded(table: shown)))
        }
        let teacherOverrides = try applyOverrides(f["overrides"], to: &schools)
        if teacherCounts.allSatisfy({ $0 != nil }) {
            for i in schools.indices { schools[i].teachers = teacherCounts[i]! }
        } else {
            guard let tv = teachersValue else {
                throw ScenarioError(file: v.file, key: "teachers",
                                    .schools(.teachersUnknown(column: columns["teachers"]!)))
            }
            let estimates = try estimateTeachers(tv, schools: schools, files: &files, tables: tables)
            for i in schools.indices { schools[i].teachers = estimates[i] }
        }
        for (i, t) in teacherOverrides { schools[i].teachers = t }
        return schools
    }

    /// `schools.overrides`: corrections to single schools, keyed by school number. Returns the
    /// teacher counts to set after any estimate (which depends on the corrected pupils).
    static func applyOverrides(_ value: YAMLValue?, to schools: inout [School]) throws(ScenarioError) -> [(Int, Int)] {
        guard let value else { return [] }
        var teachers: [(Int, Int)] = []
        for (id, fields) in try value.mapping(allowed: nil) {
            guard let i = schools.firstIndex(where: { $0.id == id }) else {
                throw fields.fail(.schools(.noSuchSchool(id: id)))
            }
            for (key, v) in try fields.mapping(keysOf: "schools.overrides.<school>") {
                switch key {
                case "name": schools[i].name = try v.string()
                case "form": schools[i].form = try v.string()
                case "district": schools[i].district = try v.string()
                case "pupils": schools[i].pupils = try v.integer(key: "schools.overrides.<school>.pupils")
                case "existingPupilDevices": schools[i].existingPupilDevices = try v.integer(key: "schools.overrides.<school>.existingPupilDevices")
                case "teachers": teachers.append((i, try v.integer(key: "schools.overrides.<school>.teachers")))
                default:
                    schools[i].socialIndex = try v.string() == "none" ? nil : try v.integer(key: "schools.overrides.<school>.socialIndex")
                }
            }
        }
        return teachers
    }

    /// teachers ≈ pupils × (teachers / pupils of the school's form, statewide), scaled to a total.
    static func estimateTeachers(_ v: YAMLValue, schools: [School], files: inout [InputFile],
                                 tables: TableCache) throws(ScenarioError) -> [Int] {
        let f = try v.fields(keysOf: "teachers")
        guard let kf = f["keyFigures"] else { throw v.fail(.missing(key: "keyFigures", why: .keyFiguresFile)) }
        let shown = try kf.string()
        let table = try tables.table(shown)
        if let source = table.source { files.append(source) }
        let formC = try table.requireColumn("schulform", why: .schoolForm)
        let pupilsC = try table.requireColumn("schueler_insgesamt", why: .pupils)
        let teachersC = try table.requireColumn("lehrkraefte", why: .teachers)
        var ratios: [String: Decimal] = [:]
        for row in table.rows {
            guard let p = Int(row.fields[pupilsC]), let t = Int(row.fields[teachersC]), p > 0, t >= 0 else {
                throw ScenarioError(file: shown, line: row.line, .schools(.keyFiguresRow))
            }
            ratios[row.fields[formC]] = Decimal(t) / Decimal(p)
        }
        var aliases: [String: String] = [:]
        if let a = f["formAliases"] { for (form, target) in try a.mapping(allowed: nil) { aliases[form] = try target.string() } }
        for (form, target) in aliases where ratios[target] == nil {
            throw ScenarioError(file: v.file, line: f["formAliases"]?.line, key: "teachers.formAliases.\(form)",
                                .schools(.notAForm(target, table: shown, forms: table.rows.map { $0.fields[formC] })))
        }
        // Each school's form as the key figures name it; the alias and the ratio are looked up
        // only where the form changes from one school to the next.
        var forms: [String] = []
        forms.reserveCapacity(schools.count)
        var lastForm: String?, named = ""
        for s in schools {
            if s.form != lastForm {
                lastForm = s.form
                named = aliases[s.form] ?? s.form
                if ratios[named] == nil {
                    throw ScenarioError(file: v.file, key: "teachers.formAliases",
                                        .schools(.formNotListed(school: s.id, form: s.form, table: shown)))
                }
            }
            forms.append(named)
        }
        let total = try f["scaleToTotal"]?.integer(key: "teachers.scaleToTotal")
        // Authorities whose teacher count is known (a programme's own figure): their schools'
        // estimates are scaled to it; an authority without schools here is passed over.
        var known: [(String, Int)] = []
        if let k = f["knownTotals"] {
            for (authority, kv) in try k.mapping(allowed: nil) { known.append((authority, try kv.integer(key: "teachers.knownTotals.<authority>"))) }
        }
        func estimate(_ part: [Int]?, _ total: Int?) throws(ScenarioError) -> [Int] {
            do {
                guard let part else {
                    return try TeacherEstimate.estimate(pupils: schools.map(\.pupils), forms: forms, ids: schools.map(\.id),
                                                        ratios: ratios, scaleToTotal: total)
                }
                return try TeacherEstimate.estimate(pupils: part.map { schools[$0].pupils }, forms: part.map { forms[$0] },
                                                    ids: part.map { schools[$0].id }, ratios: ratios, scaleToTotal: total)
            } catch { throw v.fail(error.problem) }   // a form without a ratio (the check above names it first)
        }
        var counts = try estimate(nil, total)
        for (authority, count) in known {
            let indices = schools.indices.filter { schools[$0].authority == authority }
            if indices.isEmpty { continue }
            for (i, c) in zip(indices, try estimate(indices, count)) { counts[i] = c }
        }
        return counts
    }
}

/// What `readSchools` reads from a range of a school table's records: the schools, the
/// teacher count of each where the table has one, and each school number's line.
struct SchoolRows: Sendable {
    var schools: [School]
    var teacherCounts: [Int?]
    var firstLine: [String: Int]
}

/// A byte a school number may have: an ASCII digit or letter.
@inline(__always)
private func isSchoolNumberByte(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
