import Foundation
import Reports

/// The one place the commands print to standard output: every write is checked, and a
/// failed one (a full disk, /dev/full, a closed pipe) throws `OutputError` (exit 1).
func emit(_ text: String) throws(OutputError) { try StandardOutput.write(text) }

/// Writes a set of files into a folder (created if needed), all of them or none (see
/// `OutputFiles`); the error names the path and the system's reason.
func write(into folder: String, _ files: [(name: String, text: String)], data: [(name: String, data: Data)] = []) throws(OutputError) {
    try OutputFiles().write(into: folder, files.map { ($0.name, utf8Data($0.text)) } + data)
}

/// A text's UTF-8 bytes as Data, copied from the string's own storage: `Data(text.utf8)` asks
/// at run time whether the view is `ContiguousBytes`, a search of all the binary's protocol
/// conformance records the first time (issue 18).
func utf8Data(_ text: String) -> Data {
    var text = text
    return text.withUTF8 { bytes in bytes.isEmpty ? Data() : Data(bytes: bytes.baseAddress!, count: bytes.count) }
}

/// Writes files at any paths, all of them or none.
func write(files: [(path: String, data: Data)]) throws(OutputError) { try OutputFiles().write(files) }

/// A note on standard error (progress, what was written): unchecked, as a terminal's.
func note(_ text: String) { FileHandle.standardError.write(utf8Data(text)) }
