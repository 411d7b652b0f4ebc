import Foundation

/// The records of an RFC 4180 text, each with the line it starts on: one pass over the UTF-8
/// bytes, every field kept as a byte range of the text (no String per field; a field becomes
/// a String only when asked for). Quotes, separators and line ends are ASCII, and no byte of a
/// multi-byte UTF-8 character is ASCII, so cutting at these bytes never splits a character.
/// LF, CRLF and a lone CR end a record; blank lines are skipped. Linear in the text
/// (Benchmarks/load.sh).
struct CSVCells: Sendable {
    /// What the ranges point into: a text (its UTF-8 made contiguous), or a file's bytes
    /// checked to be UTF-8 (`CSVTable.concurrently`: no String copy of a big file).
    let storage: Storage
    enum Storage: Sendable {
        case text(String)
        case bytes([UInt8])
    }
    /// Per field, in record order: where it starts in `text` and where it ends, the end with
    /// `escapedBit` set for a quoted field holding doubled quotes (undoubled when read).
    private(set) var starts: [UInt32] = []
    private(set) var ends: [UInt32] = []
    /// Per record: the index of its first field (one more entry at the end: the field count).
    private(set) var firstField: [Int32] = [0]
    /// Per record: the line it starts on.
    private(set) var lines: [Int32] = []
    static let escapedBit: UInt32 = 1 << 31

    var recordCount: Int { lines.count }
    func fieldCount(ofRecord r: Int) -> Int { Int(firstField[r + 1] - firstField[r]) }
    func line(ofRecord r: Int) -> Int { Int(lines[r]) }

    init(_ text: String, file: String, separator: UInt8) throws(ScenarioError) {
        var text = text
        text.makeContiguousUTF8()
        storage = .text(text)
        // Offsets and lines fit 31 bits (the escape flag takes the 32nd); files are read up to
        // 256 MiB (readFile), so only a text made in memory could be larger.
        let count = text.utf8.count
        if count >= Int(Self.escapedBit) {
            throw ScenarioError(file: file, .file(.tooLarge(mebibytes: count >> 20, limit: Int(Self.escapedBit) >> 20)))
        }
        var failure: ScenarioError?   // not a Result: see withBytes
        text.utf8.withContiguousStorageIfAvailable { bytes in
            do throws(ScenarioError) { self.use(try Self.cut(bytes, file: file, separator: separator)) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The cells of UTF-8 `bytes` as `cut` found them (cut while the bytes were checked to be
    /// UTF-8: `CSVTable.concurrently`).
    init(utf8 bytes: [UInt8], cut: Cut) {
        storage = .bytes(bytes)
        use(cut)
    }

    /// What `cut` finds: the fields' ranges, each record's first field and line; `lastLine`:
    /// the line the bytes end on.
    struct Cut: Sendable {
        var starts: [UInt32], ends: [UInt32], lines: [Int32], firstField: [Int32]
        var lastLine = 1

        /// These records followed by those `next` cut from where these end (its lines counted
        /// from 1 there): the records of the bytes cut in one go.
        mutating func append(_ next: Cut) {
            let fields = Int32(starts.count)
            starts.append(contentsOf: next.starts); ends.append(contentsOf: next.ends)
            lines.reserveCapacity(lines.count + next.lines.count)
            for l in next.lines { lines.append(l + Int32(lastLine)) }
            firstField.reserveCapacity(firstField.count + next.firstField.count)
            for f in next.firstField.dropFirst() { firstField.append(f + fields) }
            lastLine += next.lastLine
        }
    }

    private mutating func use(_ cut: Cut) {
        starts = cut.starts; ends = cut.ends; lines = cut.lines; firstField = cut.firstField
    }

    /// The fields of the bytes `b` of at most `escapedBit - 1` bytes (the text's UTF-8), from
    /// `start` on (the start of a line), its ranges indices of `b`, its lines counted from 1
    /// there; room for the fields of `reserving` bytes (default: those cut).
    static func cut(_ b: UnsafeBufferPointer<UInt8>, from start: Int = 0, reserving: Int? = nil, file: String,
                    separator: UInt8) throws(ScenarioError) -> Cut {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        // The bytes that end an unquoted field or are not allowed in one, as one test: a bit
        // mask for the bytes below 64 (all of them but a separator from 64 on).
        var mask: UInt64 = 1 << UInt64(quote) | 1 << UInt64(lf) | 1 << UInt64(cr)
        if separator < 64 { mask |= 1 << UInt64(separator) }
        let stops = mask
        // Built in local arrays, stored at the end; no nested function or closure touches them
        // (a variable one captures is checked for exclusive access at run time, on every use).
        // About one field per 10 bytes, one record per 100: reserved so that appending rarely copies.
        var starts: [UInt32] = [], ends: [UInt32] = [], lines: [Int32] = [], firstField: [Int32] = [0]
        let room = reserving ?? b.count - start
        starts.reserveCapacity(room / 10 + 16); ends.reserveCapacity(room / 10 + 16)
        lines.reserveCapacity(room / 100 + 4); firstField.reserveCapacity(room / 100 + 4)
        var line = 1
        var i = start
        let n = b.count
        var recordFirst = 0   // index of the current record's first field
        var recordLine = 1
        var atEnd = false
        while true {
            // A record ends at a line end, and at the end of the text when it has fields.
            if atEnd || i >= n {
                if starts.count > recordFirst {
                    if starts.count - recordFirst == 1 && starts[recordFirst] == ends[recordFirst] {
                        // A blank line (one empty field): skipped.
                        starts.removeLast(); ends.removeLast()
                    } else {
                        lines.append(Int32(recordLine))
                        firstField.append(Int32(starts.count))
                        recordFirst = starts.count
                    }
                }
                if i >= n { break }
                atEnd = false
                line += 1
                recordLine = line
            }
            // One field, starting at i.
            if b[i] == quote {
                i += 1
                let start = i
                var escaped = false
                var closed = false
                while i < n {
                    let c = b[i]
                    if c == quote {
                        if i + 1 < n && b[i + 1] == quote { escaped = true; i += 2; continue }
                        closed = true; break
                    }
                    if c == lf { line += 1 }
                    i += 1
                }
                if !closed { throw ScenarioError(file: file, line: recordLine, .csv(.quoteNeverClosed)) }
                starts.append(UInt32(start)); ends.append(UInt32(i) | (escaped ? Self.escapedBit : 0))
                i += 1
                if i < n, b[i] != separator, b[i] != lf, b[i] != cr {
                    throw ScenarioError(file: file, line: line, .csv(.textAfterQuote))
                }
            } else {
                let start = i
                while i < n {
                    let c = b[i]
                    if (c < 64 ? (stops &>> UInt64(c)) & 1 != 0 : c == separator) { break }
                    i += 1
                }
                if i < n && b[i] == quote {
                    throw ScenarioError(file: file, line: line, .csv(.quoteInsideUnquotedField))
                }
                starts.append(UInt32(start)); ends.append(UInt32(i))
            }
            // What ends the field: a separator, a line end, or the end of the text.
            if i == n { continue }   // the record ends with the text
            let c = b[i]
            i += 1
            if c == separator {
                if i == n { starts.append(UInt32(n)); ends.append(UInt32(n)) }
                continue
            }
            if c == cr && i < n && b[i] == lf { i += 1 }
            atEnd = true
        }
        return Cut(starts: starts, ends: ends, lines: lines, firstField: firstField, lastLine: line)
    }

    /// Calls `body` with the text's bytes (the ranges index them).
    @inline(__always)
    func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        // Not a `Result<R, E>`: its metadata checks `E: Error`, a search of all the binary's
        // conformance records the first time (issue 18).
        var value: R?, failure: E?
        switch storage {
        case .text(let text):
            text.utf8.withContiguousStorageIfAvailable { b in
                do throws(E) { value = try body(b) } catch { failure = error }
            }
        case .bytes(let bytes):
            bytes.withUnsafeBufferPointer { b in
                do throws(E) { value = try body(b) } catch { failure = error }
            }
        }
        if let failure { throw failure }
        return value!
    }

    /// Field `k` (of all, in record order) as raw bytes, or nil when it holds doubled quotes
    /// (then only `string(_:)` gives it).
    @inline(__always)
    func plainBytes(_ k: Int, in b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let e = ends[k]
        if e & Self.escapedBit != 0 { return nil }
        return UnsafeBufferPointer(rebasing: b[Int(starts[k])..<Int(e)])
    }

    /// Field `k` (of all, in record order) as text, doubled quotes undoubled.
    func string(_ k: Int, in b: UnsafeBufferPointer<UInt8>) -> String {
        if let plain = plainBytes(k, in: b) { return String(decoding: plain, as: UTF8.self) }
        var out: [UInt8] = []
        var i = Int(starts[k])
        let end = Int(ends[k] & ~Self.escapedBit)
        out.reserveCapacity(end - i)
        while i < end {
            out.append(b[i])
            i += b[i] == UInt8(ascii: "\"") ? 2 : 1   // inside quotes every quote is doubled
        }
        return String(decoding: out, as: UTF8.self)
    }

    func string(_ k: Int) -> String { withBytes { b in string(k, in: b) } }

    /// The fields of record `r` as texts.
    func fields(ofRecord r: Int) -> [String] {
        withBytes { b in (Int(firstField[r])..<Int(firstField[r + 1])).map { string($0, in: b) } }
    }
}

/// A field without leading and trailing white space (`.whitespaces`); a field that neither
/// starts nor ends with a space or tab — nearly all — comes back as it is, without Foundation.
func trimmed(_ s: String) -> String {
    guard let first = s.utf8.first, let last = s.utf8.last else { return s }
    if isPlainEdge(first) && isPlainEdge(last) { return s }
    return s.trimmingCharacters(in: .whitespaces)
}

/// Whether a byte at either end of a field means the field has nothing to trim: ASCII and not
/// a space or a tab (a non-ASCII byte may belong to a Unicode space).
@inline(__always)
func isPlainEdge(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && b != 0x09 }

/// The bytes of a field that `trimmed` would return unchanged, or nil when it might trim
/// (then the String path decides).
@inline(__always)
func untrimmedBytes(_ b: UnsafeBufferPointer<UInt8>?) -> UnsafeBufferPointer<UInt8>? {
    guard let b else { return nil }
    guard let first = b.first, let last = b.last else { return b }
    return isPlainEdge(first) && isPlainEdge(last) ? b : nil
}

/// One record of a table as the loaders read it: fields as texts or, where the bytes are
/// already what the text path would give, as bytes (numbers are read from them without a
/// String).
struct CSVRecordView {
    let cells: CSVCells
    let bytes: UnsafeBufferPointer<UInt8>
    /// Index of the record's first field among all fields.
    let base: Int
    let line: Int

    init(_ cells: CSVCells, record r: Int, bytes: UnsafeBufferPointer<UInt8>) {
        self.cells = cells; self.bytes = bytes
        base = Int(cells.firstField[r]); line = cells.line(ofRecord: r)
    }

    /// Field `c` as text, as it is.
    func string(_ c: Int) -> String { cells.string(base + c, in: bytes) }

    /// Field `c` as `trimmed` gives it.
    func trimmedString(_ c: Int) -> String {
        if let b = untrimmedBytes(cells.plainBytes(base + c, in: bytes)) { return String(decoding: b, as: UTF8.self) }
        return trimmed(string(c))
    }

    /// The bytes of field `c` when they need no trimming and hold no doubled quotes, else nil.
    func plainBytes(_ c: Int) -> UnsafeBufferPointer<UInt8>? { untrimmedBytes(cells.plainBytes(base + c, in: bytes)) }

    /// Field `c` as a whole number when it is 1 to 18 ASCII digits and nothing else (what
    /// `Int(trimmed(text))` reads the same way); nil for anything else, which the text path judges.
    func digits(_ c: Int) -> Int? {
        guard let b = cells.plainBytes(base + c, in: bytes), !b.isEmpty, b.count <= 18 else { return nil }
        var n = 0
        for d in b {
            let v = d &- UInt8(ascii: "0")
            if v > 9 { return nil }
            n = n &* 10 &+ Int(v)
        }
        return n
    }
}

extension CSVRecordView {
    /// Field `c` as a Double when it is a plain decimal without exponent: an optional minus,
    /// 1 to 15 digits and at most one point ("51.262907", "-7", ".5"). Such a number is
    /// m / 10^k with m < 2^53 and k <= 15, both exact Doubles, so the one division gives the
    /// correctly rounded value, the one `Double(text)` reads. nil for anything else (then the
    /// text path reads it, with its message).
    func plainDecimal(_ c: Int) -> Double? {
        guard let b = cells.plainBytes(base + c, in: bytes), !b.isEmpty, b.count <= 17 else { return nil }
        var i = 0
        let negative = b[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var m = 0, digits = 0, places = 0, point = false
        while i < b.count {
            let d = b[i]
            i += 1
            if d == UInt8(ascii: ".") {
                if point { return nil }
                point = true
                continue
            }
            let v = d &- UInt8(ascii: "0")
            if v > 9 { return nil }
            m = m * 10 + Int(v)
            digits += 1
            if point { places += 1 }
        }
        guard digits > 0, digits <= 15 else { return nil }
        let x = Double(m) / powersOfTen[places]
        return negative ? -x : x
    }
}

/// 10^0 ... 10^15, each exactly a Double.
private let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes are those of `s`.
    func equals(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { $0.count == count && (count == 0 || memcmp($0.baseAddress!, baseAddress!, count) == 0) }
    }
}
