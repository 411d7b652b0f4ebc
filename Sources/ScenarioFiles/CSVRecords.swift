import Foundation

/// The records of an RFC 4180 text, each with the line it starts on: one pass over the UTF-8
/// bytes, fields cut out as byte ranges (a quoted field with doubled quotes is copied once).
/// Quotes, separators and line ends are ASCII, and no byte of a multi-byte UTF-8 character is
/// ASCII, so cutting at these bytes never splits a character. LF, CRLF and a lone CR end a
/// record; blank lines are skipped. Linear in the text: a million-row table is read in about
/// a second (Benchmarks/run.sh).
func csvRecords(_ text: String, file: String, separator: UInt8 = UInt8(ascii: ",")) throws(ScenarioError) -> [CSVTable.Row] {
    var text = text
    text.makeContiguousUTF8()
    var result: Result<[CSVTable.Row], ScenarioError> = .success([])
    text.utf8.withContiguousStorageIfAvailable { bytes in
        result = Result { () throws(ScenarioError) in try csvRecords(bytes, file: file, separator: separator) }
    }
    return try result.get()
}

private func csvRecords(_ b: UnsafeBufferPointer<UInt8>, file: String, separator: UInt8) throws(ScenarioError) -> [CSVTable.Row] {
    let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    var records: [CSVTable.Row] = []
    var fields: [String] = []
    var line = 1
    var i = 0
    let n = b.count
    var scratch: [UInt8] = []
    func endRecord(_ recordLine: Int) {
        if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVTable.Row(line: recordLine, fields: fields)) }
        fields.removeAll(keepingCapacity: true)
    }
    var recordLine = 1
    while i < n {
        // One field, starting at i.
        if b[i] == quote {
            scratch.removeAll(keepingCapacity: true)
            i += 1
            var closed = false
            while i < n {
                let c = b[i]
                if c == quote {
                    if i + 1 < n && b[i + 1] == quote { scratch.append(quote); i += 2; continue }
                    i += 1; closed = true; break
                }
                if c == lf { line += 1 }
                scratch.append(c)
                i += 1
            }
            if !closed { throw ScenarioError(file: file, line: recordLine, .csv(.quoteNeverClosed)) }
            fields.append(String(decoding: scratch, as: UTF8.self))
            if i < n, b[i] != separator, b[i] != lf, b[i] != cr {
                throw ScenarioError(file: file, line: line, .csv(.textAfterQuote))
            }
        } else {
            let start = i
            while i < n {
                let c = b[i]
                if c == separator || c == lf || c == cr { break }
                if c == quote {
                    throw ScenarioError(file: file, line: line, .csv(.quoteInsideUnquotedField))
                }
                i += 1
            }
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
        }
        // What ends the field: a separator, a line end, or the end of the text.
        if i == n { break }
        let c = b[i]
        i += 1
        if c == separator {
            if i == n { fields.append("") }
            continue
        }
        if c == cr && i < n && b[i] == lf { i += 1 }
        endRecord(recordLine)
        line += 1
        recordLine = line
    }
    if !fields.isEmpty { endRecord(recordLine) }
    return records
}

/// A field without leading and trailing white space (`.whitespaces`); a field that neither
/// starts nor ends with a space or tab — nearly all — comes back as it is, without Foundation.
func trimmed(_ s: String) -> String {
    guard let first = s.utf8.first, let last = s.utf8.last else { return s }
    func plain(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && b != 0x09 }
    if plain(first) && plain(last) { return s }
    return s.trimmingCharacters(in: .whitespaces)
}
