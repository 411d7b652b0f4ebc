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
    /// The rows below the header, each made (its fields as texts) when it is read.
    public struct Rows: RandomAccessCollection, Sendable {
        let cells: CSVCells
        public var startIndex: Int { 0 }
        public var endIndex: Int { cells.recordCount - 1 }
        public subscript(position: Int) -> Row {
            Row(line: cells.line(ofRecord: position + 1), fields: cells.fields(ofRecord: position + 1))
        }
    }
    public var file: String
    /// The file's record for the audit, when the table was read from a file.
    public var source: InputFile?
    public var header: [String]
    public var rows: Rows { Rows(cells: cells) }
    /// Every field as a byte range of the text (record 0 is the header); all records have
    /// `header.count` fields.
    let cells: CSVCells
    /// "," or ";", as found in the header.
    public var delimiter: Unicode.Scalar
    /// Why this delimiter: nil when the header held only it, else the assumption made.
    public var delimiterChoice: InputProblem.DelimiterChoice?

    /// Whether numbers carry a decimal comma (the semicolon dialect).
    public var decimalComma: Bool { delimiter == ";" }

    /// A number's text in plain form: "51,5" -> "51.5" in the semicolon dialect; other text
    /// unchanged (so a message can quote what was found).
    public func plainNumber(_ text: String) -> String {
        // Without a comma there is nothing to change; "51,5" itself is recognised byte by byte;
        // anything else with a comma is left to the pattern.
        guard decimalComma, text.utf8.contains(UInt8(ascii: ",")) else { return text }
        if let plain = Self.decimalCommaNumber(text) { return plain }
        guard text.range(of: #"^[-+]?[0-9]+,[0-9]+$"#, options: .regularExpression) != nil else { return text }
        return text.replacingOccurrences(of: ",", with: ".")
    }

    /// `text` with its comma as a point when it is exactly `[-+]?[0-9]+,[0-9]+`, else nil.
    static func decimalCommaNumber(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        var i = bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? 1 : 0
        func digits() -> Bool {
            let start = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            return i > start
        }
        guard digits(), i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return nil }
        let comma = i
        i += 1
        guard digits(), i == bytes.count else { return nil }
        bytes[comma] = UInt8(ascii: ".")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The delimiter of a table from its header line (outside quotes), and the note to give
    /// when a row does not fit.
    static func detectDelimiter(_ text: String) -> (Unicode.Scalar, InputProblem.DelimiterChoice?) { detectDelimiter(text.utf8) }

    /// Read from the UTF-8 bytes: the characters it looks for are ASCII, and no byte of a
    /// multi-byte character is.
    static func detectDelimiter(_ utf8: some Sequence<UInt8>) -> (Unicode.Scalar, InputProblem.DelimiterChoice?) {
        var commas = 0, semicolons = 0, inQuotes = false
        for c in utf8 {
            if c == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { break }
            if c == UInt8(ascii: ",") { commas += 1 } else if c == UInt8(ascii: ";") { semicolons += 1 }
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
        let text = rawText.hasPrefix("\u{FEFF}") ? String(rawText.dropFirst()) : rawText
        let (delimiter, choice) = Self.detectDelimiter(text.utf8)
        try self.init(cells: try CSVCells(text, file: file, separator: UInt8(delimiter.value)),
                      delimiter: delimiter, choice: choice, file: file)
    }

    /// The table of a file's bytes: whether the bytes are UTF-8 is checked on one thread while
    /// the fields are cut on both (issue 18: the check took a tenth of loading the 40,005-school
    /// table on one core while the other idled); the table keeps the bytes (no String copy of
    /// the file). The same table and the same first error as `readFile` and
    /// `init(text:file:)` one after the other — bytes that are not UTF-8 are refused as such
    /// first — for bytes that do not start with a byte order mark (that text path drops it) and
    /// are fewer than `CSVCells.escapedBit`; nil for any other bytes.
    static func concurrently(_ bytes: [UInt8], file: String) throws(ScenarioError) -> CSVTable? {
        guard bytes.count < Int(CSVCells.escapedBit), !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return nil }
        let (delimiter, choice) = Self.detectDelimiter(bytes)
        let separator = UInt8(delimiter.value)
        // The cut in two parts at a line end about 3/10 into the text: the first on the thread
        // that checks the UTF-8 (about half the work of cutting), the rest on the other. Where
        // the first part cuts without error, the line end it ends on ends a record (a quoted
        // field open across it would be an unclosed quote), so the second part starts where
        // the cut in one go would start a record. Any error in either part: cut in one go, the
        // serial error (the second part may have started inside a quoted field).
        let mid = bytes[(bytes.count * 3 / 10)...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
        let valid = TakenSlots<Bool>(count: 1)
        let parts = TakenSlots<CSVCells.Cut>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 {
                // The standard library's check, without a copy.
                do { _ = try UTF8Span(validating: bytes.span); valid.set(0, true) } catch { valid.set(0, false) }
            }
            bytes.withUnsafeBufferPointer { b in
                let cut = i == 0 ? try? CSVCells.cut(UnsafeBufferPointer(rebasing: b[..<mid]), reserving: b.count, file: file, separator: separator)
                    : try? CSVCells.cut(b, from: mid, file: file, separator: separator)
                if let cut { parts.set(i, cut) }
            }
        }
        guard valid.take(0) == true else { throw notUTF8(bytes, shownAs: file) }
        let cut: CSVCells.Cut
        let second = parts.take(1)
        if var first = parts.take(0), mid == bytes.count || second != nil {
            if let second { first.append(second) }
            cut = first
        } else {
            cut = try bytes.withUnsafeBufferPointer { (b) throws(ScenarioError) in try CSVCells.cut(b, file: file, separator: separator) }
        }
        return try CSVTable(cells: CSVCells(utf8: bytes, cut: cut), delimiter: delimiter, choice: choice, file: file)
    }

    private init(cells: CSVCells, delimiter: Unicode.Scalar, choice: InputProblem.DelimiterChoice?, file: String) throws(ScenarioError) {
        self.file = file
        self.delimiter = delimiter; delimiterChoice = choice
        self.cells = cells
        guard cells.recordCount > 0 else { throw ScenarioError(file: file, .csv(.empty)) }
        header = cells.fields(ofRecord: 0).map(trimmed)
        for r in 1..<cells.recordCount where cells.fieldCount(ofRecord: r) != header.count {
            throw ScenarioError(file: file, line: cells.line(ofRecord: r),
                                .csv(.fieldCount(found: cells.fieldCount(ofRecord: r), header: header.count,
                                                 delimiter: String(delimiter), choice: delimiterChoice)))
        }
        var seen: [String: Int] = [:]
        for h in header {
            if seen[h] != nil { throw ScenarioError(file: file, line: cells.line(ofRecord: 0), .csv(.duplicateColumn(h))) }
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
