/// An RFC 4180 table that remembers the line each record starts on, so that every
/// complaint about a value can name its line. Accepts LF and CRLF line ends, and the dialect
/// German Excel saves (and `--csv-dialect excel-de` writes): semicolons, decimal commas, a BOM.
/// The delimiter is read from the header: the one of ',' and ';' it holds (outside quotes);
/// with both or neither, the more frequent (',' on a tie) is assumed, and a row that does not
/// fit says which delimiter was assumed and why.
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
    /// "," or ";", as found in the header.
    public var delimiter: Unicode.Scalar
    /// Why this delimiter: nil when the header held only it, else the assumption made.
    public var delimiterChoice: InputProblem.DelimiterChoice?

    /// Whether numbers carry a decimal comma (the semicolon dialect).
    public var decimalComma: Bool { delimiter == ";" }

    /// A number's text in plain form: "51,5" -> "51.5" in the semicolon dialect; other text
    /// unchanged (so a message can quote what was found).
    public func plainNumber(_ text: String) -> String {
        guard decimalComma, text.range(of: #"^[-+]?[0-9]+,[0-9]+$"#, options: .regularExpression) != nil else { return text }
        return text.replacingOccurrences(of: ",", with: ".")
    }

    /// The delimiter of a table from its header line (outside quotes), and the note to give
    /// when a row does not fit.
    static func detectDelimiter(_ text: String) -> (Unicode.Scalar, InputProblem.DelimiterChoice?) {
        var commas = 0, semicolons = 0, inQuotes = false
        for c in text.unicodeScalars {
            if c == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == "\n" || c == "\r" { break }
            if c == "," { commas += 1 } else if c == ";" { semicolons += 1 }
        }
        switch (commas, semicolons) {
        case (_, 0) where commas > 0: return (",", nil)
        case (0, _) where semicolons > 0: return (";", nil)
        case (0, 0): return (",", .neitherInHeader)
        default:
            let d: Unicode.Scalar = semicolons > commas ? ";" : ","
            return (d, .moreFrequent(delimiter: String(d), commas: commas, semicolons: semicolons))
        }
    }

    public init(text rawText: String, file: String) throws(ScenarioError) {
        self.file = file
        let text = rawText.hasPrefix("\u{FEFF}") ? String(rawText.dropFirst()) : rawText
        (delimiter, delimiterChoice) = Self.detectDelimiter(text)
        var records = try csvRecords(text, file: file, separator: UInt8(delimiter.value))
        guard let first = records.first else { throw ScenarioError(file: file, .csv(.empty)) }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        records.removeFirst()  // moves the rows down, no copy of each row
        rows = records
        for r in rows where r.fields.count != header.count {
            throw ScenarioError(file: file, line: r.line, .csv(.fieldCount(found: r.fields.count, header: header.count,
                                                                          delimiter: String(delimiter), choice: delimiterChoice)))
        }
        var seen: [String: Int] = [:]
        for h in header {
            if seen[h] != nil { throw ScenarioError(file: file, line: first.line, .csv(.duplicateColumn(h))) }
            seen[h] = 1
        }
    }

    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    public func requireColumn(_ name: String, why: InputProblem.ColumnUse) throws(ScenarioError) -> Int {
        guard let c = column(name) else {
            throw ScenarioError(file: file, line: 1, .csv(.noColumn(name, use: why, columns: header, choice: delimiterChoice)))
        }
        return c
    }
}

import Foundation
import Allocation
