import Foundation
import Yams

/// A YAML node with its file and key path, and typed readers that explain every refusal.
struct YAMLValue {
    let node: Node
    let path: String
    let file: String

    var line: Int? { node.mark?.line }

    func fail(_ message: String) -> ScenarioError { ScenarioError(file: file, line: line, key: path, message) }

    private func child(_ key: String, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// A mapping whose keys must all be among `allowed` (nil: any key).
    func mapping(allowed: [String]?) throws(ScenarioError) -> [(key: String, value: YAMLValue)] {
        guard case .mapping(let m) = node else { throw fail("expected a mapping (key: value lines), found \(kindName)") }
        var out: [(String, YAMLValue)] = []
        for (k, v) in m {
            guard case .scalar(let s) = k else { throw fail("keys must be plain text") }
            let key = s.string
            if let allowed, !allowed.contains(key) {
                let hint = closest(key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw ScenarioError(file: file, line: k.mark?.line ?? line, key: path.isEmpty ? key : "\(path).\(key)",
                                    "unknown key\(hint); allowed here: \(allowed.joined(separator: ", "))")
            }
            out.append((key, child(key, v)))
        }
        return out
    }

    func sequence() throws(ScenarioError) -> [YAMLValue] {
        guard case .sequence(let seq) = node else { throw fail("expected a list ([a, b] or '- a' lines), found \(kindName)") }
        return seq.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func string() throws(ScenarioError) -> String {
        guard case .scalar(let s) = node else { throw fail("expected text, found \(kindName)") }
        return s.string
    }

    /// A plain decimal number: digits, an optional fraction, '_' allowed between digits.
    func decimal(_ range: ClosedRange<Decimal>? = nil, what: String = "a number") throws(ScenarioError) -> Decimal {
        let text = try string().trimmingCharacters(in: .whitespaces)
        let lowered = text.lowercased()
        if [".nan", "nan", ".inf", "-.inf", "+.inf", "inf", "-inf", "infinity"].contains(lowered) {
            throw fail("found '\(text)'; NaN and infinity are not allowed, expected \(what)")
        }
        let plain = text.replacingOccurrences(of: "_", with: "")
        guard plain.range(of: #"^[+-]?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil, plain.count <= 30,
              let d = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")) else {
            throw fail("found '\(text.prefix(40))', expected \(what)")
        }
        if let range, !range.contains(d) {
            throw fail("found \(d), expected \(what) between \(range.lowerBound) and \(range.upperBound)")
        }
        return d
    }

    func integer(_ range: ClosedRange<Int>, what: String = "a whole number") throws(ScenarioError) -> Int {
        let d = try decimal(what: what)
        guard d == d.floored(), let i = Int(exactly: NSDecimalNumber(decimal: d).int64Value), Decimal(i) == d else {
            throw fail("found \(d), expected \(what)")
        }
        guard range.contains(i) else { throw fail("found \(i), expected \(what) from \(range.lowerBound) to \(range.upperBound)") }
        return i
    }

    /// Euros with at most two decimals, not negative (or above 0 when `positive`).
    func money(positive: Bool = false) throws(ScenarioError) -> Money {
        let what = positive ? "an amount in euros above 0 (at most 2 decimals)" : "an amount in euros, 0 or more (at most 2 decimals)"
        let d = try decimal(what: what)
        guard d >= 0, !(positive && d == 0) else { throw fail("found \(d), expected \(what)") }
        guard d <= 1_000_000_000_000, let m = Money(euros: d) else { throw fail("found \(d), expected \(what)") }
        return m
    }

    func bool() throws(ScenarioError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw fail("found '\(other)', expected true or false")
        }
    }

    func stringList() throws(ScenarioError) -> [String] {
        var out: [String] = []
        for item in try sequence() { out.append(try item.string()) }
        return out
    }

    var kindName: String {
        switch node {
        case .scalar(let s): return "'\(s.string.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
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
