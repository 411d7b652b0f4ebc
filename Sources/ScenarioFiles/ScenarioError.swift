import Foundation
import _SHA256

/// A problem in a user's file: which file, which line or key, what was found, what is allowed.
public struct ScenarioError: Error, Equatable, LocalizedError, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, _ message: String) {
        self.file = file; self.line = line; self.key = key; self.message = message
    }

    public var description: String {
        var where_ = file
        if let line { where_ += ":\(line)" }
        if let key, !key.isEmpty { where_ += ": \(key)" }
        return "\(where_): \(message)"
    }
    public var errorDescription: String? { description }
}

/// A file that was read, as the audit record names it: the bytes the figures came from.
public struct InputFile: Sendable, Equatable {
    public init(path: String, sha256: String, bytes: Int) { self.path = path; self.sha256 = sha256; self.bytes = bytes }
    public var path: String
    public var sha256: String
    public var bytes: Int
}

/// Reads a file as UTF-8 text (a BOM is dropped), with messages a user can act on.
func readText(_ path: String, shownAs shown: String) throws(ScenarioError) -> String {
    try readFile(path, shownAs: shown).text
}

/// The text of a file and its record (SHA-256 of the bytes read).
func readFile(_ path: String, shownAs shown: String) throws(ScenarioError) -> (text: String, record: InputFile) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ScenarioError(file: shown, "file not found")
    }
    if isDirectory.boolValue { throw ScenarioError(file: shown, "is a directory, expected a file") }
    // Bounded memory and time: no scenario or school table comes near this.
    let limit = 256 << 20
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
        throw ScenarioError(file: shown, "is \(size >> 20) MiB; files above \(limit >> 20) MiB are refused")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ScenarioError(file: shown, "cannot be read (check its permissions)")
    }
    guard var text = String(data: data, encoding: .utf8) else {
        throw ScenarioError(file: shown, "is not UTF-8 text; save it as UTF-8")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return (text, InputFile(path: shown, sha256: SHA256.hex(data), bytes: data.count))
}

/// A path as the user should see it: relative to the scenario's folder, with "." and ".."
/// resolved ("Scenarios/what-if/../data/x.csv" -> "Scenarios/data/x.csv").
func displayPath(_ relative: String, besides file: String) -> String {
    if relative.hasPrefix("/") { return normalized(relative) }
    let dir = (file as NSString).deletingLastPathComponent
    return normalized(dir.isEmpty ? relative : dir + "/" + relative)
}

func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        if part == "." { continue }
        if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
        parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
}
