import Foundation
import Yams

/// A YAML document as plain values, each node remembering the file and line it came from,
/// so that after `extends:` merges and `--set` overrides an error still names the right place.
struct YAMLTree: Sendable {
    enum Kind: Sendable {
        case scalar(String)
        case mapping([(key: String, keyLine: Int?, value: YAMLTree)])
        case sequence([YAMLTree])
    }
    var kind: Kind
    var file: String
    var line: Int?

    init(kind: Kind, file: String, line: Int?) { self.kind = kind; self.file = file; self.line = line }

    init(_ node: Node, file: String) throws(ScenarioError) {
        self.file = file
        line = node.mark?.line
        switch node {
        case .scalar(let s): kind = .scalar(s.string)
        case .sequence(let seq):
            var items: [YAMLTree] = []
            for n in seq { items.append(try YAMLTree(n, file: file)) }
            kind = .sequence(items)
        case .mapping(let m):
            var pairs: [(key: String, keyLine: Int?, value: YAMLTree)] = []
            for (k, v) in m {
                guard case .scalar(let ks) = k else { throw ScenarioError(file: file, line: k.mark?.line, .scenarioFile(.keyNotText)) }
                pairs.append((ks.string, k.mark?.line, try YAMLTree(v, file: file)))
            }
            kind = .mapping(pairs)
        case .alias:
            throw ScenarioError(file: file, line: node.mark?.line, .scenarioFile(.aliases))
        }
    }

    /// The same values without line numbers (for values typed on the command line).
    func withoutLines() -> YAMLTree {
        var copy = self
        copy.line = nil
        switch kind {
        case .scalar: break
        case .sequence(let items): copy.kind = .sequence(items.map { $0.withoutLines() })
        case .mapping(let pairs): copy.kind = .mapping(pairs.map { ($0.key, nil, $0.value.withoutLines()) })
        }
        return copy
    }

    /// `over` laid on top of `self`: mappings merge key by key, anything else is replaced.
    func merged(with over: YAMLTree) -> YAMLTree {
        guard case .mapping(let base) = kind, case .mapping(let top) = over.kind else { return over }
        var pairs = base
        for entry in top {
            if let i = pairs.firstIndex(where: { $0.key == entry.key }) {
                pairs[i] = (entry.key, entry.keyLine, pairs[i].value.merged(with: entry.value))
            } else {
                pairs.append(entry)
            }
        }
        return YAMLTree(kind: .mapping(pairs), file: over.file, line: over.line)
    }

    /// The values as one string, the same for the same values (files and lines left out).
    var canonical: String {
        switch kind {
        case .scalar(let s): return "s" + String(s.utf8.count) + ":" + s
        case .sequence(let items): return "[" + items.map(\.canonical).joined(separator: ",") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { "k" + String($0.key.utf8.count) + ":" + $0.key + "=" + $0.value.canonical }.joined(separator: ",") + "}"
        }
    }

    /// The value at a key of a mapping, if any.
    subscript(key: String) -> YAMLTree? {
        guard case .mapping(let pairs) = kind else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// A copy with the value at `path` replaced (mappings are created along the way).
    func setting(_ path: ArraySlice<String>, to value: YAMLTree) -> YAMLTree {
        guard let key = path.first else { return merged(with: value) }
        var pairs: [(key: String, keyLine: Int?, value: YAMLTree)] = []
        if case .mapping(let existing) = kind { pairs = existing }
        let empty = YAMLTree(kind: .mapping([]), file: value.file, line: value.line)
        if let i = pairs.firstIndex(where: { $0.key == key }) {
            pairs[i].value = pairs[i].value.setting(path.dropFirst(), to: value)
        } else {
            pairs.append((key, value.line, empty.setting(path.dropFirst(), to: value)))
        }
        return YAMLTree(kind: .mapping(pairs), file: file, line: line)
    }

    /// "*" in `path` stands for every key of a mapping.
    func mapScalars(at path: [String], _ transform: (String) -> String) -> YAMLTree {
        if path.first == "*", case .mapping(var pairs) = kind {
            for i in pairs.indices { pairs[i].value = pairs[i].value.mapScalars(at: Array(path.dropFirst()), transform) }
            return YAMLTree(kind: .mapping(pairs), file: file, line: line)
        }
        guard let key = path.first, case .mapping(var pairs) = kind,
              let i = pairs.firstIndex(where: { $0.key == key }) else { return self }
        if path.count == 1 {
            if case .scalar(let s) = pairs[i].value.kind { pairs[i].value.kind = .scalar(transform(s)) }
        } else {
            pairs[i].value = pairs[i].value.mapScalars(at: Array(path.dropFirst()), transform)
        }
        return YAMLTree(kind: .mapping(pairs), file: file, line: line)
    }
}

/// A YAML node with its key path, and typed readers that explain every refusal.
struct YAMLValue {
    let node: YAMLTree
    let path: String
    var file: String { node.file }
    var line: Int? { node.line }

    init(node: YAMLTree, path: String) { self.node = node; self.path = path }

    /// Every refusal of a YAML reader is a fact (issue 15: no English text here; the guard is
    /// Tests/ScenarioFilesTests/LoaderGermanMessageTests).
    func fail(_ problem: InputProblem) -> ScenarioError { ScenarioError(file: file, line: line, key: path, problem) }

    private func child(_ key: String, _ node: YAMLTree) -> YAMLValue {
        YAMLValue(node: node, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// A mapping whose keys must all be among `allowed` (nil: any key).
    func mapping(allowed: [String]?) throws(ScenarioError) -> [(key: String, value: YAMLValue)] {
        guard case .mapping(let m) = node.kind else { throw fail(.wrongKind(expected: .mapping, found: foundNode)) }
        var out: [(String, YAMLValue)] = []
        for (key, keyLine, v) in m {
            if let allowed, !allowed.contains(key) {
                throw ScenarioError(file: v.file, line: keyLine ?? v.line, key: path.isEmpty ? key : "\(path).\(key)",
                                    .unknownKey(suggestion: closest(key, in: allowed), allowed: allowed))
            }
            out.append((key, child(key, v)))
        }
        return out
    }

    /// A mapping whose keys are those the key table (ScenarioKeys) gives the section at
    /// `pattern` ("pools.<pool>"); any key where the section's keys are ids.
    func mapping(keysOf pattern: String) throws(ScenarioError) -> [(key: String, value: YAMLValue)] {
        try mapping(allowed: ScenarioKeys.children(of: pattern))
    }

    /// The section's keys as a dictionary (the first of a key given twice).
    func fields(keysOf pattern: String) throws(ScenarioError) -> [String: YAMLValue] {
        Dictionary(try mapping(keysOf: pattern).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// A number within the range the key table gives the key at `pattern`.
    func decimal(key pattern: String) throws(ScenarioError) -> Decimal {
        let key = ScenarioKeys.entry(pattern)
        return try decimal(key.range?.closed, what: key.what)
    }

    /// A whole number within the range the key table gives the key at `pattern`.
    func integer(key pattern: String) throws(ScenarioError) -> Int {
        let key = ScenarioKeys.entry(pattern)
        guard let range = key.range else { preconditionFailure("scenario key '\(pattern)' has no range in ScenarioKeys.all") }
        return try integer(NSDecimalNumber(decimal: range.lower).intValue...NSDecimalNumber(decimal: range.upper).intValue, what: key.what)
    }

    func sequence() throws(ScenarioError) -> [YAMLValue] {
        guard case .sequence(let seq) = node.kind else { throw fail(.wrongKind(expected: .list, found: foundNode)) }
        return seq.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]") }
    }

    func string() throws(ScenarioError) -> String {
        guard case .scalar(let s) = node.kind else { throw fail(.wrongKind(expected: .text, found: foundNode)) }
        return s
    }

    /// One of an enumeration's words; the message says what is allowed.
    func choice<E: RawRepresentable>(_: E.Type, allowed: String) throws(ScenarioError) -> E where E.RawValue == String {
        let text = try string()
        guard let value = E(rawValue: text) else { throw fail(.notAllowed(found: excerpt(text, limit: 40), allowed: allowed)) }
        return value
    }

    /// One of an enumeration's words; the message says what each allowed word means.
    func choice<E: RawRepresentable>(_: E.Type, explained: LoaderPhrase) throws(ScenarioError) -> E where E.RawValue == String {
        let text = try string()
        guard let value = E(rawValue: text) else { throw fail(.outside(.text(excerpt(text, limit: 40)), allowed: .loader(explained))) }
        return value
    }

    /// A plain decimal number: digits, an optional fraction, '_' allowed between digits.
    func decimal(_ range: ClosedRange<Decimal>? = nil, what: Allowed = .number) throws(ScenarioError) -> Decimal {
        let text = trimmed(try string())
        let lowered = text.lowercased()
        if [".nan", "nan", ".inf", "-.inf", "+.inf", "inf", "-inf", "infinity"].contains(lowered) {
            throw fail(.found(.notFinite(text), expected: what))
        }
        // Foundation's trimming and replacing only where there is something to do, and no
        // locale: the POSIX locale's decimal separator is ".", as without one, but asking a
        // locale for it made an ICU number formatter (issue 18: together 4 % of a solve).
        let plain = text.utf8.contains(UInt8(ascii: "_")) ? String(decoding: text.utf8.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self) : text
        if let reason = scientificProblem(plain) { throw fail(.found(.exponent(excerpt(text, limit: 40), reason), expected: what)) }
        guard plain.count <= 30, isPlainDecimal(plain), let d = Decimal(string: plain) else {
            throw fail(.found(.text(excerpt(text, limit: 40)), expected: what))
        }
        if let range, !range.contains(d) {
            throw fail(.found(.number("\(d)"), expected: what, range: .between(range.lowerBound, range.upperBound)))
        }
        return d
    }

    func integer(_ range: ClosedRange<Int>, what: Allowed = .wholeNumber) throws(ScenarioError) -> Int {
        let d = try decimal(what: what)
        guard d == d.floored(), let i = Int(exactly: NSDecimalNumber(decimal: d).int64Value), Decimal(i) == d else {
            throw fail(.found(.number("\(d)"), expected: what))
        }
        guard range.contains(i) else { throw fail(.found(.number("\(i)"), expected: what, range: .wholeFromTo(range.lowerBound, range.upperBound))) }
        return i
    }

    /// Euros with at most two decimals, not negative (or above 0 when `positive`).
    func money(positive: Bool = false) throws(ScenarioError) -> Money {
        let what = Allowed.money(positive: positive)
        let d = try decimal(what: what)
        guard d >= 0, !(positive && d == 0) else { throw fail(.found(.number("\(d)"), expected: what)) }
        guard d <= 1_000_000_000_000, let m = Money(euros: d) else { throw fail(.found(.number("\(d)"), expected: what)) }
        return m
    }

    func bool() throws(ScenarioError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw fail(.found(.text(other), expected: .trueOrFalse))
        }
    }

    func stringList() throws(ScenarioError) -> [String] {
        var out: [String] = []
        for item in try sequence() { out.append(try item.string()) }
        return out
    }

    /// The node's shape, for a message that found the wrong one.
    var foundNode: InputProblem.FoundNode {
        switch node.kind {
        case .scalar(let s): return .scalar(excerpt(s, limit: 40))
        case .mapping: return .mapping
        case .sequence: return .list
        }
    }
}

/// What is wrong with a number written with an exponent ("1e-99999999"), or nil if the text
/// is not one: it underflows to 0, overflows, or is simply not written out. The web planner
/// says the same of a JSON number.
public func scientificProblem(_ s: String) -> ExponentProblem? {
    let lowered = s.lowercased()
    guard let e = lowered.firstIndex(of: "e"), isPlainDecimal(String(lowered[..<e])),
          isPlainDecimal(String(lowered[lowered.index(after: e)...])), lowered[lowered.index(after: e)...].first != "." else { return nil }
    let mantissaIsZero = lowered[..<e].allSatisfy { !("1"..."9").contains($0) }
    guard let d = Double(lowered) else { return .notWrittenOut }
    if d == 0 && !mantissaIsZero { return .underflows }
    if d.isInfinite { return .overflows }
    return .notWrittenOutExample
}

/// Digits with an optional sign and an optional fraction: "-12", "0.90", "6100000".
func isPlainDecimal(_ s: String) -> Bool {
    var chars = Substring(s)
    if chars.first == "+" || chars.first == "-" { chars = chars.dropFirst() }
    let parts = chars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
}

/// The allowed word closest to a misspelt one, if it is close enough to be a typo.
func closest(_ word: String, in candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var prev = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
    let w = Array(word.lowercased())
    let scored = candidates.map { ($0, distance(w, Array($0.lowercased()))) }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    guard let best = scored.first, best.1 <= max(2, word.count / 3) else { return nil }
    return best.0
}

import Allocation
