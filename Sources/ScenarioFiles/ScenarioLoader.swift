import Foundation
import Yams
import Allocation
import Scheduling

/// A scenario as loaded from disk: the domain value plus the files it was read from.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    /// Every file read, scenario first, with the SHA-256 of the bytes read.
    public var inputs: [InputFile]
    /// The roll-out schedule section, if the scenario has one.
    public var schedule: ScheduleRules?
    /// Their paths, as the user would write them.
    public var inputFiles: [String] { inputs.map(\.path) }
}

/// Reads a scenario YAML file and the school and key-figure tables it names.
/// Every number a user may change comes from these files; nothing is assumed in code
/// beyond the documented defaults of optional keys.
public enum ScenarioLoader {
    /// Loads a scenario, following `extends:` to its bases, then applies `--set` overrides
    /// ("key.path=value", the value written as YAML).
    public static func load(path: String, overrides: [String] = []) throws(ScenarioError) -> LoadedScenario {
        try ScenarioTemplate.load(path: path, overrides: overrides).scenario()
    }

    /// A path written one way: "." and empty parts dropped, ".." resolved where it can be
    /// ("./Scenarios//what-if/../x.yaml" -> "Scenarios/x.yaml"), as every message shows it.
    public static func normalizedPath(_ path: String) -> String { normalized(path) }

    /// Keys whose values are paths, relative to the file that names them.
    static let pathKeys = [["schools", "file"], ["teachers", "keyFigures"], ["pools", "*", "split", "file"],
                           ["years", "need", "file"], ["years", "inventory", "plan"], ["years", "inventory", "file"]]

    /// Whether a key path is one of `pathKeys` ("*" stands for any one key).
    static func isPathKey(_ keyPath: [String]) -> Bool {
        pathKeys.contains { $0.count == keyPath.count && zip($0, keyPath).allSatisfy { $0 == "*" || $0 == $1 } }
    }

    static func loadTree(_ path: String, chain: [String], files: inout [InputFile]) throws(ScenarioError) -> YAMLTree {
        let shown = normalized(path)
        if chain.contains(shown) {
            throw ScenarioError(file: chain.last!, key: "extends",
                                .scenarioFile(.extendsCycle(chain + [shown])))
        }
        if chain.count >= 32 {
            throw ScenarioError(file: shown, key: "extends", .scenarioFile(.extendsTooDeep(limit: 32)))
        }
        try PathPolicy.checkCurrent(path, shownAs: shown)
        let (text, record) = try readFile(path, shownAs: shown)
        // A scenario is a page of settings; a huge YAML file is a mistake, and parsing one
        // would take long.
        if text.utf8.count > 1 << 20 {
            throw ScenarioError(file: shown, .scenarioFile(.tooLarge(kibibytes: text.utf8.count >> 10)))
        }
        guard let node = try parseYAML(text, file: shown) else {
            throw ScenarioError(file: shown, .scenarioFile(.empty))
        }
        var tree = try YAMLTree(node, file: shown)
        guard case .mapping = tree.kind else {
            throw ScenarioError(file: shown, line: tree.line, .scenarioFile(.notAScenario))
        }
        // Data paths are relative to the file that names them; from here on, to the working directory.
        for key in pathKeys { tree = tree.mapScalars(at: key) { displayPath($0, besides: shown) } }
        files.append(record)
        if let parent = tree["extends"] {
            guard case .scalar(let relative) = parent.kind, !relative.isEmpty else {
                throw ScenarioError(file: shown, line: parent.line, key: "extends", .scenarioFile(.extendsNotAPath))
            }
            let base = try loadTree(displayPath(relative, besides: shown), chain: chain + [shown], files: &files)
            tree = base.merged(with: tree)
        }
        return tree
    }

    /// One `--set key.path=value` override.
    static func apply(_ override: String, to tree: YAMLTree) throws(ScenarioError) -> YAMLTree {
        let source = "--set \(override.prefix(80))"
        guard let eq = override.firstIndex(of: "=") else {
            throw ScenarioError(file: source, .scenarioFile(.overrideSyntax))
        }
        let keyPath = override[..<eq].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !keyPath.isEmpty, keyPath.allSatisfy({ !$0.isEmpty }) else {
            throw ScenarioError(file: source, .emptyKeyPathPart(path: String(override[..<eq])))
        }
        if keyPath == ["extends"] { throw ScenarioError(file: source, .scenarioFile(.extendsOnCommandLine)) }
        // A value inside a pool or device kind that does not exist makes a new one (several
        // `--set`s may define it together). When the id is a near miss of an existing one, it is
        // a typo: it would make a new, incomplete entry ("missing 'kinds'"), so name the unknown id
        // and the closest existing one instead.
        let collections: [String: InputProblem.Section] = ["pools": .pools, "deviceKinds": .deviceKinds]
        if keyPath.count > 2, let section = collections[keyPath[0]], case .mapping(let top) = tree.kind,
           let members = top.first(where: { $0.key == keyPath[0] })?.value, case .mapping(let items) = members.kind,
           !items.contains(where: { $0.key == keyPath[1] }) {
            let ids = items.map(\.key)
            // Near misses of entries from the scenario's files only, not of ones other `--set`s made.
            if let near = closest(keyPath[1], in: items.filter { !$0.value.file.hasPrefix("--set") }.map(\.key)) {
                throw ScenarioError(file: source, key: keyPath[0] + "." + keyPath[1],
                                    .unknownEntry(section, id: keyPath[1], suggestion: near, existing: ids))
            }
        }
        // The key must be one of the key table's (ScenarioKeys), or it would only fail later
        // (or, for a sweep, at every point).
        if ScenarioKeys.match(keyPath) == nil {
            let (near, allowed) = ScenarioKeys.suggestion(for: keyPath)
            throw ScenarioError(file: source, key: keyPath.joined(separator: "."), .unknownKey(suggestion: near, allowed: allowed))
        }
        let text = String(override[override.index(after: eq)...])
        let value: YAMLTree
        if let node = try parseYAML(text, file: source) { value = try YAMLTree(node, file: source).withoutLines() } else {
            value = YAMLTree(kind: .scalar(""), file: source, line: nil)
        }
        var updated = tree.setting(keyPath[...], to: value)
        if isPathKey(keyPath) { updated = updated.mapScalars(at: keyPath) { normalized($0) } }
        return updated
    }

    static func parseYAML(_ text: String, file: String) throws(ScenarioError) -> Node? {
        try YAMLAliasBound.check(text, file: file)
        // Every scalar is read as its text (`YAMLTree`): no tag resolution, so neither Yams'
        // default resolver (regular expressions compiled at first use, 4 % of a default
        // `solve`) nor its default constructor is needed.
        // UTF-8 named here: Yams' default reads the environment (YAMS_DEFAULT_ENCODING) through
        // ProcessInfo, a copy of the whole environment per file (issue 18).
        do { return try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8) } catch let e as YamlError {
            throw yamlError(e, file: file)
        } catch { throw ScenarioError(file: file, .scenarioFile(.notYAML("\(error)"))) }
    }

    /// The YAML reader's failure as facts: libyaml's problem and context (worded by the
    /// language layer, Reports/YamlReasons.swift), its line and column, and what stands there.
    static func yamlError(_ e: YamlError, file: String) -> ScenarioError {
        func syntax(_ context: YamlError.Context?, _ problem: String, _ line: Int, _ column: Int, _ yaml: String) -> ScenarioError {
            ScenarioError(file: file, line: line, column: column,
                          .scenarioFile(.syntax(YAMLSyntax(problem: problem, context: context?.text, contextLine: context?.mark.line,
                                                           contextColumn: context?.mark.column, found: found(in: yaml, line: line, column: column)))))
        }
        switch e {
        case let .scanner(context, problem, mark, yaml), let .parser(context, problem, mark, yaml), let .composer(context, problem, mark, yaml):
            guard file.hasPrefix("--set ") else { return syntax(context, problem, mark.line, mark.column, yaml) }
            // A --set value is one line that the message quotes: no line, column or context place.
            let found = found(in: yaml, line: mark.line, column: mark.column)
            return ScenarioError(file: file, .scenarioFile(.syntax(YAMLSyntax(problem: problem, context: context?.text,
                                                                              found: found == .endOfFile || found == .endOfLine ? .endOfValue : found))))
        case let .reader(problem, offset, _, yaml):
            // The reader names a character offset; the line and column are counted here.
            guard let offset else { return ScenarioError(file: file, .scenarioFile(.syntax(YAMLSyntax(problem: problem)))) }
            var line = 1, column = 1
            for c in yaml.prefix(offset) {
                if c == "\n" || c == "\r\n" { line += 1; column = 1 } else { column += c.unicodeScalars.count }
            }
            return syntax(nil, problem, line, column, yaml)
        case let .duplicatedKeysInMapping(duplicates, context):
            // The mark is the first of the duplicated keys.
            return ScenarioError(file: file, line: context.mark.line > 0 ? context.mark.line : nil,
                                 column: context.mark.column > 0 ? context.mark.column : nil, .scenarioFile(.duplicateKeys(duplicates)))
        default:
            return ScenarioError(file: file, .scenarioFile(.malformed("\(e)")))
        }
    }

    /// What stands in `yaml` at a line and column (1-based, the column in Unicode scalars, as
    /// libyaml counts): the rest of that line as an excerpt, or the end of the line or file.
    static func found(in yaml: String, line: Int, column: Int) -> YAMLSyntax.Found {
        var lines = yaml.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard line >= 1, line <= lines.count else { return .endOfFile }
        var text = lines[line - 1].dropFirst(max(0, column - 1))
        if text.last == "\r" { text = text.dropLast() }
        if text.isEmpty { return line == lines.count && !yaml.hasSuffix("\n") ? .endOfFile : .endOfLine }
        return .text(excerpt(Substring(text), limit: 30))
    }

    static func build(_ root: YAMLValue, files readFiles: [InputFile], tables: TableCache) throws(ScenarioError) -> LoadedScenario {
        let file = root.file
        let top = try root.fields(keysOf: "")
        func require(_ key: String) throws(ScenarioError) -> YAMLValue {
            guard let v = top[key] else { throw ScenarioError(file: file, key: key, .scenarioFile(.missingSection(key))) }
            return v
        }
        let name = try require("name").string()
        let kinds = try readKinds(try require("deviceKinds"))
        var splitPools: [SplitSpec] = []
        var pools = try readPools(try require("pools"), kinds: kinds, split: &splitPools)
        let need = try readNeed(try require("need"))
        let objective = try require("objective").choice(ObjectiveMode.self, allowed: ObjectiveMode.allCases.map(\.rawValue).joined(separator: ", "))
        let solver = try top["solver"].map(readSolver) ?? SolverSettings()
        let maximin = try top["maximin"].map { (v) throws(ScenarioError) in try readMaximin(v, kinds: kinds) } ?? MaximinRule()
        var files = readFiles
        let schoolsValue = try require("schools")
        // The school list depends only on `schools` and `teachers`: a sweep over other values
        // reuses it.
        let key = schoolsValue.node.canonical + "\u{1}" + (top["teachers"]?.node.canonical ?? "")
        let schools: [School]
        if let cached = tables.schools(for: key) {
            schools = cached.schools
            files += cached.files
        } else {
            var read: [InputFile] = []
            schools = try readSchools(schoolsValue, teachers: top["teachers"], need: need, files: &read, tables: tables)
            tables.store(schools: schools, files: read, for: key)
            files += read
        }
        if !splitPools.isEmpty && splitPools.count != pools.count {
            // Pools split only in part: Scenario.validate() below refuses them (marked split, not yet apportioned).
            for i in pools.indices where splitPools.contains(where: { $0.pool == pools[i].id }) { pools[i].authorityBudgets = [:] }
        } else if !splitPools.isEmpty {
            try splitAmongAuthorities(&pools, specs: splitPools, schools: schools, section: top["authorities"], root: root,
                                      tables: tables, files: &files)
        }
        let scenario = Scenario(name: name, schools: schools, deviceKinds: kinds, pools: pools, need: need,
                                objective: objective, maximin: maximin, solver: solver)
        // Every domain rule (grant pays a cent, need tables, ranges, ...) is the domain's:
        // its findings come back as key paths, shown here at their file and line.
        do { try scenario.validate() } catch { throw locate(error, in: root) }
        let schedule = try top["schedule"].map { (v) throws(ScenarioError) in try readSchedule(v, scenario: scenario) }
        return LoadedScenario(scenario: scenario, inputs: files, schedule: schedule)
    }

    /// A domain rule broken (`Scenario.validate()`), at the file and line of its key: the
    /// deepest part of the key path the scenario spells ("maximin.order[1]" -> that item).
    static func locate(_ issue: ScenarioIssue, in root: YAMLValue) -> ScenarioError {
        var node = root.node
        var found: [String] = []
        for part in issue.key.split(separator: ".").map(String.init) {
            var name = part
            var index: Int?
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                name = String(part[..<open]); index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            }
            guard let child = node[name] else { break }
            node = child
            found.append(name)
            if let index {
                guard case .sequence(let items) = node.kind, items.indices.contains(index) else { break }
                node = items[index]
                found[found.count - 1] += "[\(index)]"
            }
        }
        // The key is the one at fault (even where the file does not spell it, e.g. a default).
        return ScenarioError(file: node.file, line: node.line, key: issue.key.isEmpty ? nil : issue.key, issue.problem)
    }
}
