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

        func fail(_ row: CSVTable.Row, _ column: Int, _ message: InputProblem) -> ScenarioError {
            ScenarioError(file: shown, line: row.line, key: table.header[column], message)
        }
        func count(_ row: CSVTable.Row, _ c: Int, max: Int) throws(ScenarioError) -> Int {
            let text = trimmed(row.fields[c])
            guard let n = Int(text), n >= 0, n <= max else {
                throw fail(row, c, .found(.text(excerpt(text, limit: 30)), expected: .wholeNumberUpTo(max)))
            }
            return n
        }

        var schools: [School] = []
        var teacherCounts: [Int?] = []
        var firstLine: [String: Int] = [:]
        if filters.isEmpty {
            schools.reserveCapacity(table.rows.count); teacherCounts.reserveCapacity(table.rows.count)
            firstLine.reserveCapacity(table.rows.count)
        }
        // The name: one column as it is, or several joined with spaces (empty parts left out).
        func name(_ row: CSVTable.Row) -> String {
            if nameCs.count == 1 { return trimmed(row.fields[nameCs[0]]) }
            var out = ""
            for c in nameCs {
                let part = trimmed(row.fields[c])
                if part.isEmpty { continue }
                if !out.isEmpty { out += " " }
                out += part
            }
            return out
        }
        for row in table.rows where filters.allSatisfy({ row.fields[$0.0] == $0.1 }) {
            let id = trimmed(row.fields[idC])
            guard !id.isEmpty, id.utf8.count <= 32, id.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw fail(row, idC, .found(.text(excerpt(id, limit: 40)), expected: .schoolNumber))
            }
            if let earlier = firstLine[id] {
                throw fail(row, idC, .schools(.duplicateSchool(id: id, firstLine: earlier)))
            }
            firstLine[id] = row.line
            let indexText = table.plainNumber(trimmed(row.fields[indexC]))
            var level: Int?
            if !indexText.isEmpty && indexText != "ohne" {
                // "7" or "7.0" (the statewide list writes levels as decimals)
                guard let l = Int(indexText) ?? Double(indexText).flatMap({ $0 == $0.rounded() && abs($0) < 100 ? Int($0) : nil }),
                      (1...9).contains(l) else {
                    throw fail(row, indexC, .found(.text(excerpt(indexText, limit: 30)), expected: .indexLevel))
                }
                level = l
            }
            func coordinate(_ c: Int?, _ range: ClosedRange<Double>) throws(ScenarioError) -> Double? {
                guard let c else { return nil }
                let text = trimmed(row.fields[c])
                if text.isEmpty { return nil }
                guard let d = Double(table.plainNumber(text)), d.isFinite, range.contains(d) else {
                    throw fail(row, c, .found(.text(excerpt(text, limit: 30)), expected: .coordinate(range.lowerBound, range.upperBound)))
                }
                return d
            }
            let existing = try existingC.map { c throws(ScenarioError) in
                trimmed(row.fields[c]).isEmpty ? defaultExisting : try count(row, c, max: 1_000_000)
            } ?? defaultExisting
            teacherCounts.append(try teachersC.map { c throws(ScenarioError) in try count(row, c, max: 100_000) })
            schools.append(School(
                id: id, name: name(row),
                form: row.fields[formC], district: row.fields[districtC],
                pupils: try count(row, pupilsC, max: 1_000_000), socialIndex: level, teachers: 0,
                existingPupilDevices: existing,
                latitude: try coordinate(latC, -90...90), longitude: try coordinate(lonC, -180...180),
                authority: authorityC.map { trimmed(row.fields[$0]) } ?? ""))
        }
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
        for s in schools where ratios[aliases[s.form] ?? s.form] == nil {
            throw ScenarioError(file: v.file, key: "teachers.formAliases",
                                .schools(.formNotListed(school: s.id, form: s.form, table: shown)))
        }
        let total = try f["scaleToTotal"]?.integer(key: "teachers.scaleToTotal")
        // Authorities whose teacher count is known (a programme's own figure): their schools'
        // estimates are scaled to it; an authority without schools here is passed over.
        var known: [(String, Int)] = []
        if let k = f["knownTotals"] {
            for (authority, kv) in try k.mapping(allowed: nil) { known.append((authority, try kv.integer(key: "teachers.knownTotals.<authority>"))) }
        }
        func estimate(_ part: [School], _ total: Int?) throws(ScenarioError) -> [Int] {
            do {
                return try TeacherEstimate.estimate(pupils: part.map(\.pupils), forms: part.map { aliases[$0.form] ?? $0.form },
                                                    ids: part.map(\.id), ratios: ratios, scaleToTotal: total)
            } catch { throw v.fail(error.problem) }   // a form without a ratio (the check above names it first)
        }
        var counts = try estimate(schools, total)
        for (authority, count) in known {
            let indices = schools.indices.filter { schools[$0].authority == authority }
            if indices.isEmpty { continue }
            for (i, c) in zip(indices, try estimate(indices.map { schools[$0] }, count)) { counts[i] = c }
        }
        return counts
    }
}
