import Foundation
import Allocation
import _SHA256
import Allocation

/// A problem in a user's file: which file, which line or key, what was found, what is allowed
/// (`problem`, as facts). The words, German and English, are `Sources/Reports/ErrorWords.swift`.
public struct ScenarioError: Error, Equatable {
    public var file: String
    public var line: Int?
    /// The column on `line` (1 = the first character), where the reader knows it (YAML syntax).
    public var column: Int?
    public var key: String?
    public var problem: InputProblem

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, _ problem: InputProblem) {
        self.file = file; self.line = line; self.column = column; self.key = key; self.problem = problem
    }

    /// A problem not yet handed over as facts: its English words.
    public init(file: String, line: Int? = nil, key: String? = nil, _ text: String) {
        self.init(file: file, line: line, key: key, .text(text))
    }
}

/// Reads a file as UTF-8 text (a BOM is dropped), with messages a user can act on.
func readText(_ path: String, shownAs shown: String) throws(ScenarioError) -> String {
    try readFile(path, shownAs: shown).text
}

/// The text of a file and its record (SHA-256 of the bytes read). Only regular files are
/// opened (a FIFO would block, /dev/zero never ends); binary content (a NUL byte) is refused
/// from the first block read, before the rest is read.
func readFile(_ path: String, shownAs shown: String) throws(ScenarioError) -> (text: String, record: InputFile) {
    try fileText(try readBytes(path, shownAs: shown), shownAs: shown)
}

/// A file's bytes as UTF-8 text (a BOM dropped) and its record, as `readFile` gives them.
func fileText(_ bytes: [UInt8], shownAs shown: String) throws(ScenarioError) -> (text: String, record: InputFile) {
    guard let whole = String(validating: bytes, as: UTF8.self) else { throw notUTF8(bytes, shownAs: shown) }
    // The record keeps the text as read (its UTF-8 bytes are the file's) and hashes it only
    // when an audit record asks.
    let text = whole.hasPrefix("\u{FEFF}") ? String(whole.dropFirst()) : whole
    return (text, inputRecord(whole, shownAs: shown))
}

/// The refusal of a file whose bytes are not UTF-8, naming the first place that is not.
func notUTF8(_ bytes: [UInt8], shownAs shown: String) -> ScenarioError {
    ScenarioError(file: shown, .file(.notUTF8(at: invalidUTF8Place(bytes))))
}

/// The audit's record of a file read as `whole` (every byte, a BOM included); its SHA-256 is
/// worked out when an audit record asks.
func inputRecord(_ whole: String, shownAs shown: String) -> InputFile {
    InputFile(path: shown, bytes: whole.utf8.count, hash: {
        var t = whole
        t.makeContiguousUTF8()
        return t.utf8.withContiguousStorageIfAvailable { SHA256.hex($0) } ?? SHA256.hex(Array(t.utf8))
    })
}

/// The same for a file kept as its bytes.
func inputRecord(_ whole: [UInt8], shownAs shown: String) -> InputFile {
    InputFile(path: shown, bytes: whole.count, hash: { SHA256.hex(whole) })
}

/// The bytes of a regular file (`readFile`'s checks: no FIFO or device, at most 256 MiB, no
/// NUL byte), not yet checked to be UTF-8.
func readBytes(_ path: String, shownAs shown: String) throws(ScenarioError) -> [UInt8] {
    var st = stat()
    guard stat(path, &st) == 0 else {
        let code = errno
        var lst = stat()
        if code == ENOENT && lstat(path, &lst) == 0 { throw ScenarioError(file: shown, .file(.danglingLink)) }
        if code == ENOENT || code == ENOTDIR { throw ScenarioError(file: shown, .file(.notFound)) }
        throw ScenarioError(file: shown, .file(.unreadable(errnoText(code))))
    }
    switch st.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw ScenarioError(file: shown, .file(.directory))
    case S_IFIFO: throw ScenarioError(file: shown, .file(.notRegular(.fifo)))
    case S_IFCHR: throw ScenarioError(file: shown, .file(.notRegular(.characterDevice)))
    case S_IFBLK: throw ScenarioError(file: shown, .file(.notRegular(.blockDevice)))
    case S_IFSOCK: throw ScenarioError(file: shown, .file(.notRegular(.socket)))
    default: throw ScenarioError(file: shown, .file(.notRegular(nil)))
    }
    // Bounded memory and time: no scenario or school table comes near this.
    let limit = 256 << 20
    if Int(st.st_size) > limit {
        throw ScenarioError(file: shown, .file(.tooLarge(mebibytes: Int(st.st_size) >> 20, limit: limit >> 20)))
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw ScenarioError(file: shown, .file(.unreadable(errnoText(errno)))) }
    defer { _ = close(fd) }
    var bytes = [UInt8]()
    bytes.reserveCapacity(Int(st.st_size) + 1)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw ScenarioError(file: shown, .file(.unreadable(errnoText(errno))))
        }
        if n == 0 { break }
        // A NUL byte in this block (memchr: the whole file is scanned, so it must be quick).
        if let nul = chunk.withUnsafeBytes({ b in memchr(b.baseAddress!, 0, n).map { $0 - UnsafeMutableRawPointer(mutating: b.baseAddress!) } }) {
            throw ScenarioError(file: shown, .file(.binary(byte: bytes.count + nul + 1)))
        }
        bytes.append(contentsOf: chunk[0..<n])
        if bytes.count > limit { throw ScenarioError(file: shown, .file(.grewAbove(limit: limit >> 20))) }
    }
    return bytes
}

extension ScenarioLoader {
    /// A user's input file as text (a BOM dropped) and its record, with the scenario files'
    /// messages (`readFile`); for the other readers of input files (observed counts).
    public static func readInputFile(_ path: String, shownAs shown: String) throws(ScenarioError) -> (text: String, record: InputFile) {
        try readFile(path, shownAs: shown)
    }
}

/// Where the first byte that is not UTF-8 sits (line 3, byte 17 of the line); nil if none.
private func invalidUTF8Place(_ bytes: [UInt8]) -> (line: Int, byte: Int)? {
    var line = 1, lineStart = 0, i = 0
    while i < bytes.count {
        let b = bytes[i]
        let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
        guard length > 0, i + length <= bytes.count, bytes[i + 1 ..< i + length].allSatisfy({ $0 >> 6 == 0b10 }),
              String(validating: bytes[i ..< i + length], as: UTF8.self) != nil else {
            return (line, i - lineStart + 1)
        }
        if b == 0x0A { line += 1; lineStart = i + 1 }
        i += length
    }
    return nil
}

/// "No such file or directory (errno 2)": the system's reason for a failed call.
public func errnoText(_ code: Int32) -> String { "\(String(cString: strerror(code))) (errno \(code))" }

/// The system's reason inside a Foundation error, as `errnoText` words it ("Permission denied
/// (errno 13)"), so that the language layer (Reports/SystemReasons.swift) says it in German:
/// a POSIX error, an NSError of the POSIX domain or with one underneath, or a Cocoa file error
/// by its code. Any other error by its description (a Cocoa error's sentence, which
/// SystemReasons also knows in part), never Foundation's "Error Domain=… Code=…" dump.
public func systemReason(_ error: any Error) -> String {
    if let e = error as? POSIXError { return errnoText(e.code.rawValue) }
    let ns = error as NSError
    if ns.domain == NSPOSIXErrorDomain { return errnoText(Int32(ns.code)) }
    // The underlying error (on Linux a POSIXError value, on Darwin an NSError).
    if let u = ns.userInfo[NSUnderlyingErrorKey] as? any Error, case let un = u as NSError, un.domain == NSPOSIXErrorDomain {
        return errnoText(Int32(un.code))
    }
    if ns.domain == NSCocoaErrorDomain {
        let codes: [CocoaError.Code: Int32] = [
            .fileNoSuchFile: ENOENT, .fileReadNoSuchFile: ENOENT, .fileReadNoPermission: EACCES, .fileWriteNoPermission: EACCES,
            .fileWriteOutOfSpace: ENOSPC, .fileWriteVolumeReadOnly: EROFS, .fileWriteFileExists: EEXIST, .fileReadTooLarge: EFBIG,
            .fileReadInvalidFileName: EINVAL, .fileWriteInvalidFileName: EINVAL,
        ]
        if let code = codes[CocoaError.Code(rawValue: ns.code)] { return errnoText(code) }
        return ns.localizedDescription
    }
    return String(describing: error)
}

/// A piece of input as a message may quote it: at most `limit` characters, control
/// characters shown as \u{…}, cut with "…" (a message never carries a whole line of input).
public func excerpt(_ text: some StringProtocol, limit: Int = 40) -> String {
    var out = ""
    var count = 0
    for c in text.unicodeScalars {
        if count == limit { return out + "…" }
        if c.value < 0x20 || c.value == 0x7F { out += "\\u{\(String(c.value, radix: 16))}" } else { out.unicodeScalars.append(c) }
        count += 1
    }
    return out
}

/// A path as the user should see it: relative to the scenario's folder, with "." and ".."
/// resolved ("Scenarios/what-if/../data/x.csv" -> "Scenarios/data/x.csv").
func displayPath(_ relative: String, besides file: String) -> String {
    if relative.hasPrefix("/") { return normalized(relative) }
    let dir = parentFolder(file)
    return normalized(dir.isEmpty ? relative : dir + "/" + relative)
}

/// The folder part of a path, as `NSString.deletingLastPathComponent` gives it once normalized
/// ("a/b.yaml" -> "a", "b.yaml" -> "", "/b.yaml" -> "/"), without NSString: its UTF-16
/// substring searched the binary's conformance records three times (issue 18).
func parentFolder(_ path: String) -> String {
    var bytes = Array(path.utf8)
    while bytes.count > 1 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
    guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
    return slash == 0 ? "/" : String(decoding: bytes[..<slash], as: UTF8.self)
}

func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        if part == "." { continue }
        if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
        parts.append(part)
    }
    var joined = ""
    for part in parts {
        if !joined.isEmpty { joined += "/" }
        joined.append(contentsOf: part)
    }
    return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
}

/// A problem in a user's file or value is always the user's to fix (docs/ARCHITECTURE.md,
/// "Where an error's class is decided").
extension ScenarioError: ClassifiedError {
    public var errorClass: ErrorClass { .input }
}
