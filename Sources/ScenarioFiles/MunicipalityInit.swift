import Foundation
import Allocation

/// `allocate init`: a ready scenario for any NRW municipality, from the statewide school list
/// and the shared template, with the municipality's share of every pool by the pool's split rule.
public enum MunicipalityInit {
    public struct Municipality: Sendable, Equatable {
        public var key: String
        /// "Krfr. Stadt Düsseldorf"
        public var name: String
        /// "Düsseldorf"
        public var town: String
    }

    /// The filter to the public schools of the list (the `--set` of `schools.include.<column>`).
    static let publicSchoolsColumn = "Rechtsstatus", publicSchoolsValue = "Öffentlich"
    static let publicSchoolsOnly = [ScenarioKeys.path("schools.include.<column>", publicSchoolsColumn) + "=" + publicSchoolsValue]

    /// Every municipality in the template's school table.
    public static func municipalities(template: ScenarioTemplate) throws(ScenarioError) -> [Municipality] {
        let (table, columns) = try schoolTable(template)
        guard let keyC = table.column(columns.authority) else {
            throw ScenarioError(file: table.file, .municipality(.noKeyColumn(columns.authority)))
        }
        let nameC = table.column("Verwaltungsbezirk"), townC = table.column("Ort")
        var seen: [String: Municipality] = [:]
        for row in table.rows where seen[row.fields[keyC]] == nil {
            seen[row.fields[keyC]] = Municipality(key: row.fields[keyC], name: nameC.map { row.fields[$0] } ?? row.fields[keyC],
                                                  town: townC.map { row.fields[$0] } ?? "")
        }
        return seen.values.sorted { $0.key < $1.key }
    }

    /// The municipality for an official key (5913000) or a name (Dortmund, "Krfr. Stadt Dortmund").
    public static func find(_ query: String, in all: [Municipality]) throws(ScenarioError) -> Municipality {
        let q = query.trimmingCharacters(in: .whitespaces)
        if let m = all.first(where: { $0.key == q }) { return m }
        func plain(_ s: String) -> String {
            var t = s.lowercased()
            for prefix in ["krfr. stadt ", "stadt ", "gemeinde "] where t.hasPrefix(prefix) { t.removeFirst(prefix.count) }
            return t
        }
        let hits = all.filter { plain($0.name) == plain(q) || $0.town.lowercased() == q.lowercased() }
        if hits.count == 1 { return hits[0] }
        if hits.count > 1 {
            throw ScenarioError(file: "--municipality", .municipality(.ambiguous(q, matches: hits.map { "\($0.key) \($0.name)" })))
        }
        var close: [Municipality] = []
        var pool = all
        for _ in 0..<3 {
            guard let best = closest(plain(q), in: pool.map { plain($0.name) }),
                  let i = pool.firstIndex(where: { plain($0.name) == best }) else { break }
            close.append(pool.remove(at: i))
        }
        throw ScenarioError(file: "--municipality", .municipality(.notFound(String(q.prefix(60)), close: close.map { "\($0.key) (\($0.name))" })))
    }

    /// The scenario file's text: it extends the template, keeps the municipality's public
    /// schools and states its share of every pool, by the pool's own split rule in the
    /// template (`pools.<id>.split`) applied to the state's public schools — the same rules
    /// and code as the state-wide scenario.
    public static func scenarioText(for m: Municipality, template: ScenarioTemplate, templatePathFromOutput: String,
                                    comments: any InitComments = EnglishInitComments()) throws(ScenarioError) -> String {
        let state = try template.scenario(overrides: publicSchoolsOnly).scenario
        let mine = state.schools.filter { $0.authority == m.key }
        guard !mine.isEmpty else {
            throw ScenarioError(file: "--municipality", .municipality(.noPublicSchool(key: m.key, name: m.name)))
        }
        let unsplit = state.pools.filter { $0.authorityBudgets == nil }.map(\.id)
        if !unsplit.isEmpty {
            throw ScenarioError(file: template.path, key: ScenarioKeys.path("pools"), .municipality(.poolsNotSplit(unsplit)))
        }
        let reference = try template.authorityKey()?.1
        func key(_ pattern: String) -> String { ScenarioKeys.name(pattern) }
        let facts = InitFacts(name: m.name, key: m.key, schools: mine.count, pupils: mine.reduce(0) { $0 + $1.pupils },
                              teachers: mine.count(of: .teachers), stateSchools: state.schools.count)
        let header = comments.header(facts) + (m.key == reference ? comments.referenceNote(schools: mine.count) : [])
        var text = header.map { "# " + $0 }.joined(separator: "\n") + "\n" + """
        \(key("extends")): \(templatePathFromOutput)
        \(key("name")): "\(m.name) – Programme 2020/21"
        \(key("schools")):
          \(key("schools.include")):
            \(publicSchoolsColumn): \(publicSchoolsValue)
            Amtlicher Gemeindeschlüssel: "\(m.key)"
        \(key("pools")):

        """
        for pool in state.pools {
            let budget = pool.authorityBudgets?[m.key] ?? .zero
            let note = shareNote(pool, schools: mine).map { comments.share($0) } ?? ""
            text += "  \(pool.id):\n    \(key("pools.<pool>.split")): none\n    \(key("pools.<pool>.budget")): \(budget.plain)   # \(note)\n"
        }
        return text
    }

    /// How a share came about, as facts for the comment beside it.
    static func shareNote(_ pool: Pool, schools: [School]) -> ShareNote? {
        guard let split = pool.split else { return nil }
        switch split.rule {
        case .key:
            if let ref = pool.referenceBudget { return .referenceScaled(ref) }
            return .keyShare(split.stateTotal)
        case let .perDevice(amount, basis):
            return .perDevice(amount, count: schools.count(of: basis), basis: basis)
        case .table(let file):
            return .table(file)
        }
    }

    /// What a scenario made by `init` for the template's reference authority (Dortmund)
    /// differs in from the shipped, hand-made Scenarios/dortmund-2020.yaml, and why.
    public static func referenceNote(schools: Int) -> [String] {
        [
            "This is the template's reference authority. The shipped scenario Scenarios/dortmund-2020.yaml",
            "is made by hand and differs from this one on purpose:",
            "- schools: here the \(schools) public schools the statewide list gives the municipality key",
            "  (schools of the regional associations and districts count with their town); the shipped",
            "  scenario keeps the 155 city-run schools of the city's own list (traeger_hinweis);",
            "- teachers: here estimated from the NRW key figures (pupils × teachers per pupil of the form)",
            "  for these schools and scaled to the 6,083 teachers of the city's grant (teachers.knownTotals),",
            "  so the teacher budget is the same (500 € × 6,083) but the teachers per school differ a little;",
            "- pools: here Dortmund's share of NRW's totals by each programme's rule (the Sofortausstattung",
            "  by the pupil key), the shipped scenario's are the city's actual grants;",
            "- districts: the statewide list has no city districts, so the town stands for the district;",
            "- index levels: the statewide list's Sozialindex column, the shipped scenario's sozialindex_2024_25.",
        ]
    }

    /// When `m` is the template's reference authority, the count of public schools its note
    /// (`referenceNote`, worded for the terminal by `StatusWords.referenceNote`) names; else nil.
    public static func differenceFromShipped(for m: Municipality, template: ScenarioTemplate) throws(ScenarioError) -> Int? {
        guard let reference = try template.authorityKey()?.1, reference == m.key else { return nil }
        let state = try template.scenario(overrides: publicSchoolsOnly).scenario
        return state.schools.filter { $0.authority == m.key }.count
    }

    static func schoolTable(_ template: ScenarioTemplate) throws(ScenarioError) -> (CSVTable, (authority: String, ())) {
        let schools = template.tree[ScenarioKeys.name("schools")]
        guard let file = schools?[ScenarioKeys.name("schools.file")], case .scalar(let path) = file.kind else {
            throw ScenarioError(file: template.path, key: ScenarioKeys.path("schools.file"), .scenarioFile(.missingSection("schools.file")))
        }
        var authority = ScenarioLoader.defaultColumns["authority"]!
        if let c = schools?[ScenarioKeys.name("schools.columns")]?[ScenarioKeys.name("schools.columns.authority")], case .scalar(let s) = c.kind { authority = s }
        return (try template.tables.table(path), (authority, ()))
    }
}

extension ScenarioTemplate {
    /// The `authorities` section (key and reference), if the scenario has one.
    public func authorityKey() throws(ScenarioError) -> (AuthorityKey, String?)? {
        let section = ScenarioKeys.path("authorities")
        guard let v = tree[section] else { return nil }
        return try ScenarioLoader.readAuthorityKey(YAMLValue(node: v, path: section))
    }
}

/// The facts the comments of `init`'s scenario file name.
public struct InitFacts: Sendable, Equatable {
    public var name: String, key: String
    public var schools: Int, pupils: Int, teachers: Int
    /// The public schools of the statewide list the shares are computed over.
    public var stateSchools: Int
    public init(name: String, key: String, schools: Int, pupils: Int, teachers: Int, stateSchools: Int) {
        self.name = name; self.key = key; self.schools = schools; self.pupils = pupils; self.teachers = teachers
        self.stateSchools = stateSchools
    }
}

/// How a pool's share of the municipality came about (the comment beside its budget).
public enum ShareNote: Sendable, Equatable {
    /// The reference authority's budget scaled by the pupil key.
    case referenceScaled(Money)
    /// The state total times the municipality's share of the pupil key.
    case keyShare(Money)
    /// An amount per pupil or teacher times their count.
    case perDevice(Money, count: Int, basis: DeviceKind.Basis)
    /// Amounts per authority from a table.
    case table(String)
}

/// The words of the comments `allocate init` writes into the scenario file, in the terminal's
/// language: English here (the default), German by Reports (`StatusWords.initComments`).
public protocol InitComments: Sendable {
    func header(_ f: InitFacts) -> [String]
    func share(_ note: ShareNote) -> String
    func referenceNote(schools: Int) -> [String]
}

/// The English comments (as `init` always wrote them).
public struct EnglishInitComments: InitComments {
    public init() {}
    public func header(_ f: InitFacts) -> [String] {
        ["Scenario for \(f.name) (official municipality key \(f.key)), made by",
         "  allocate init --municipality \(f.key)",
         "Schools: the municipality's \(f.schools) public schools in the NRW school list 2024/25",
         "(\(groupDigits(f.pupils, separator: ",")) pupils, \(groupDigits(f.teachers, separator: ",")) teachers (estimated); IT.NRW, dl-de/by-2-0).",
         "Pools: the municipality's share of each programme by the programme's rule in the template",
         "(pools.<id>.split), applied to the \(groupDigits(f.stateSchools, separator: ",")) public schools of the list.",
         "Every value of the template can be overridden here."]
    }
    public func share(_ note: ShareNote) -> String {
        switch note {
        case .referenceScaled(let m): return "the reference's \(m.plain) € scaled by the pupil key"
        case .keyShare(let m): return "\(m.plain) € × this municipality's share of the pupil key"
        case let .perDevice(amount, count, basis): return "\(amount.plain) € × \(count) \(basis.rawValue)"
        case .table(let file): return "from \(file)"
        }
    }
    public func referenceNote(schools: Int) -> [String] { MunicipalityInit.referenceNote(schools: schools) }
}

/// `to` relative to the folder `from` (both relative to the working directory or absolute).
public func relativePath(to target: String, fromFolder folder: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    func parts(_ p: String) -> [String] {
        normalized(p.hasPrefix("/") ? p : cwd + "/" + p).split(separator: "/").map(String.init)
    }
    let t = parts(target), f = parts(folder)
    var i = 0
    while i < min(t.count, f.count) && t[i] == f[i] { i += 1 }
    return (Array(repeating: "..", count: f.count - i) + t[i...]).joined(separator: "/")
}
