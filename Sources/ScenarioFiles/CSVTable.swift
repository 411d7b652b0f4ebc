/// An RFC 4180 table that remembers the line each record starts on, so that every
/// complaint about a value can name its line. Accepts LF and CRLF line ends.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
    }
    public var file: String
    /// The file's record for the audit, when the table was read from a file.
    public var source: InputFile?
    public var header: [String]
    public var rows: [Row]

    public init(text: String, file: String) throws(ScenarioError) {
        self.file = file
        let records = try csvRecords(text, file: file)
        guard let first = records.first else { throw ScenarioError(file: file, "is empty; expected a header row") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
        for r in rows where r.fields.count != header.count {
            throw ScenarioError(file: file, line: r.line, "has \(r.fields.count) fields, the header has \(header.count)")
        }
        var seen: [String: Int] = [:]
        for h in header {
            if seen[h] != nil { throw ScenarioError(file: file, line: first.line, "column '\(excerpt(h))' appears twice in the header") }
            seen[h] = 1
        }
    }

    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Input words for a message: each an excerpt, at most 30 of them.
    static func listed(_ words: [String]) -> String {
        words.prefix(30).map { excerpt($0) }.joined(separator: ", ") + (words.count > 30 ? " and \(words.count - 30) more" : "")
    }

    public func requireColumn(_ name: String, why: String) throws(ScenarioError) -> Int {
        guard let c = column(name) else {
            throw ScenarioError(file: file, line: 1, "has no column '\(name)' (\(why)); columns are: \(Self.listed(header))")
        }
        return c
    }
}

import Foundation
