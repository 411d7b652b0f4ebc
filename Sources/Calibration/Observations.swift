import Foundation
import Allocation
import ScenarioFiles
import _SHA256

/// One observed count: the pupil loan devices a group of schools really received.
public struct ObservedGroup: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable, Codable {
        /// Every school of the scenario.
        case total
        /// The schools of one district (`School.district`).
        case district
        /// One school (school number).
        case school
        /// The schools of one school form.
        case form
        /// The schools of one NRW index level (the ministry's level; schools without one are in none).
        case level
    }
    public var kind: Kind
    /// District name, school number, form, level ("1"..."9"); "" for the total.
    public var key: String
    public var observed: Int
    /// The line of the observed file it was read from.
    public var line: Int

    public init(kind: Kind, key: String, observed: Int, line: Int = 0) {
        self.kind = kind; self.key = key; self.observed = observed; self.line = line
    }

    /// "Innenstadt-West", "school 123456", "form Berufskolleg", "level 7", "total".
    public var label: String {
        switch kind {
        case .total: return "total"
        case .district: return key
        case .school: return "school \(key)"
        case .form: return "form \(key)"
        case .level: return "level \(key)"
        }
    }

    /// Whether a school belongs to this group.
    public func contains(_ school: School) -> Bool {
        switch kind {
        case .total: return true
        case .district: return school.district == key
        case .school: return school.id == key
        case .form: return school.form == key
        case .level: return school.socialIndex.map(String.init) == key
        }
    }
}

extension ObservedGroup.Kind {
    /// The kind as the facts of an error name it.
    var fact: InputProblem.GroupKind { InputProblem.GroupKind(rawValue: rawValue)! }
}

/// Observed counts read from a CSV file whose header names the columns.
public struct Observations: Sendable {
    public var file: String
    public var countColumn: String
    public var groups: [ObservedGroup]
    /// The file's record for the audit.
    public var source: InputFile?

    public init(file: String, countColumn: String, groups: [ObservedGroup], source: InputFile? = nil) {
        self.file = file; self.countColumn = countColumn; self.groups = groups; self.source = source
    }

    /// Header names that say what a row is about (English or the school table's German).
    public static let keyColumns: [(names: [String], kind: ObservedGroup.Kind)] = [
        (["stadtbezirk", "stadtbezirk_geocoded", "district"], .district),
        (["schulnummer", "school"], .school),
        (["schulform", "form"], .form),
        (["sozialindex", "level"], .level),
    ]
    /// Columns that are never the count (sources, notes).
    public static let noteColumns = ["quelle", "source", "note", "notes", "comment", "bemerkung"]

    /// A key value that means "every school": the city total.
    static func isTotal(_ value: String) -> Bool {
        let v = value.lowercased().trimmingCharacters(in: .whitespaces)
        if ["total", "gesamt", "insgesamt", "summe", "alle", "stadt", "city"].contains(v) { return true }
        return v.hasPrefix("stadt ") || v.hasPrefix("city ") || v.contains("(alle") || v.contains("(all ")
    }

    /// Reads and checks an observed file against the scenario's schools.
    /// - countColumn: the column with the counts; nil: the one column that is neither a key
    ///   nor a note column.
    public static func read(path: String, scenario: Scenario, countColumn: String? = nil) throws(ScenarioError) -> Observations {
        let shown = ScenarioLoader.normalizedPath(path)
        // The scenario files' reader: the same messages for a missing file, a folder, a
        // FIFO, binary or non-UTF-8 content, in the language layer's words.
        let (text, record) = try ScenarioLoader.readInputFile(path, shownAs: shown)
        guard record.bytes <= 16 << 20 else { throw ScenarioError(file: shown, .file(.tooLarge(mebibytes: record.bytes >> 20, limit: 16))) }
        var obs = try parse(text: text, file: shown, scenario: scenario, countColumn: countColumn)
        obs.source = record
        return obs
    }

    public static func parse(text: String, file: String, scenario: Scenario, countColumn: String? = nil) throws(ScenarioError) -> Observations {
        let table = try CSVTable(text: text, file: file)
        var keys: [(column: Int, kind: ObservedGroup.Kind)] = []
        for (names, kind) in keyColumns {
            if let c = names.lazy.compactMap({ table.column($0) }).first { keys.append((c, kind)) }
        }
        if keys.isEmpty {
            throw ScenarioError(file: file, line: 1, .observed(.noGroupColumn(allowed: keyColumns.flatMap(\.names))))
        }
        let countIndex: Int
        if let countColumn {
            countIndex = try table.requireColumn(countColumn, why: .observedCounts)
        } else {
            let candidates = table.header.indices.filter { c in
                !keys.contains { $0.column == c } && !noteColumns.contains(table.header[c].lowercased())
            }
            guard candidates.count == 1 else {
                throw ScenarioError(file: file, line: 1, .observed(candidates.isEmpty ? .noCountColumn(columns: table.header)
                                                                        : .severalCountColumns(candidates.map { table.header[$0] })))
            }
            countIndex = candidates[0]
        }
        let districts = Set(scenario.schools.map(\.district))
        let ids = Set(scenario.schools.map(\.id))
        let forms = Set(scenario.schools.map(\.form))
        var groups: [ObservedGroup] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let filled = keys.filter { !row.fields[$0.column].trimmingCharacters(in: .whitespaces).isEmpty }
            var kind = ObservedGroup.Kind.total, key = ""
            if filled.count > 1 {
                throw ScenarioError(file: file, line: row.line, .observed(.groupInSeveralColumns(filled.map { table.header[$0.column] })))
            }
            if let f = filled.first {
                let value = row.fields[f.column].trimmingCharacters(in: .whitespaces)
                if isTotal(value) && !(f.kind == .district && districts.contains(value)) {
                    kind = .total
                } else {
                    kind = f.kind; key = value
                    switch f.kind {
                    case .district where !districts.contains(value):
                        throw ScenarioError(file: file, line: row.line, key: table.header[f.column],
                                            .observed(.unknownGroup(.district, found: String(value.prefix(60)), known: districts.sorted(), schools: ids.count)))
                    case .school where !ids.contains(value):
                        throw ScenarioError(file: file, line: row.line, key: table.header[f.column],
                                            .observed(.unknownGroup(.school, found: String(value.prefix(20)), known: [], schools: ids.count)))
                    case .form where !forms.contains(value):
                        throw ScenarioError(file: file, line: row.line, key: table.header[f.column],
                                            .observed(.unknownGroup(.form, found: String(value.prefix(60)), known: forms.sorted(), schools: ids.count)))
                    case .level where Int(value).map({ !(1...9).contains($0) }) ?? true:
                        throw ScenarioError(file: file, line: row.line, key: table.header[f.column],
                                            .found(.text(String(value.prefix(20))), expected: .levelOneToNine))
                    default: break
                    }
                }
            }
            let raw = row.fields[countIndex].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            guard !raw.isEmpty, raw.count <= 12, raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), let count = Int(raw) else {
                throw ScenarioError(file: file, line: row.line, key: table.header[countIndex],
                                    .found(.text(String(raw.prefix(20))), expected: .wholeDevices))
            }
            guard count >= 0 else {
                throw ScenarioError(file: file, line: row.line, key: table.header[countIndex], .found(.number("\(count)"), expected: .deviceCount))
            }
            let id = "\(kind.rawValue)\u{1}\(key)"
            if let first = seen[id] {
                throw ScenarioError(file: file, line: row.line, .observed(.repeated(kind.fact, key: key, firstLine: first)))
            }
            seen[id] = row.line
            groups.append(ObservedGroup(kind: kind, key: key, observed: count, line: row.line))
        }
        if groups.isEmpty { throw ScenarioError(file: file, .observed(.noRows)) }
        try checkParts(groups, scenario: scenario, file: file)
        return Observations(file: file, countColumn: table.header[countIndex], groups: groups)
    }

    /// An observed whole is never below the sum of its observed parts: the total against every
    /// kind of group, a district against its schools.
    static func checkParts(_ groups: [ObservedGroup], scenario: Scenario, file: String) throws(ScenarioError) {
        if let total = groups.first(where: { $0.kind == .total }) {
            for kind in ObservedGroup.Kind.allCases where kind != .total {
                let parts = groups.filter { $0.kind == kind }
                let sum = parts.reduce(0) { $0 + $1.observed }
                if sum > total.observed {
                    throw ScenarioError(file: file, line: total.line,
                                        .observed(.totalBelowParts(total: total.observed, kind: kind.fact, rows: parts.count, sum: sum, lines: parts.map(\.line))))
                }
            }
        }
        let district = Dictionary(scenario.schools.map { ($0.id, $0.district) }, uniquingKeysWith: { a, _ in a })
        for d in groups where d.kind == .district {
            let parts = groups.filter { $0.kind == .school && district[$0.key] == d.key }
            let sum = parts.reduce(0) { $0 + $1.observed }
            if sum > d.observed {
                throw ScenarioError(file: file, line: d.line,
                                    .observed(.districtBelowSchools(district: d.key, observed: d.observed, rows: parts.count, sum: sum)))
            }
        }
    }
}
