import Foundation
import Allocation
import ScenarioFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A write that failed: the path as the user gave it and the system's reason (errno text).
/// The words are `ErrorWords` (ErrorWords.swift).
public struct OutputError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public init(path: String, errno code: Int32) { self.init(path: path, reason: errnoText(code)) }
    public var description: String { ErrorWords.text(self, .en) }
}

/// A file or standard output that cannot be written: the path (or the disk) is the user's.
extension OutputError: ClassifiedError {
    public var errorClass: ErrorClass { .input }
}

/// Standard output, written with checked `write(2)` calls (no stdio buffer whose flush at exit
/// could fail unnoticed): a full disk, a closed pipe or a full device is an error the caller sees.
public enum StandardOutput {
    public static func write(_ text: String, to fd: Int32 = 1) throws(OutputError) {
        var bytes = Array(text.utf8)
        if let code = writeAll(fd, &bytes) { throw OutputError(path: "standard output", errno: code) }
    }
}

/// Writes all bytes to a descriptor; the errno of the first failure, or nil.
func writeAll(_ fd: Int32, _ bytes: inout [UInt8]) -> Int32? {
    var offset = 0
    return bytes.withUnsafeBytes { buffer -> Int32? in
        while offset < buffer.count {
            #if canImport(Darwin)
            let n = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            #else
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return nil
    }
}

/// The one writer of output files. A set of files is written whole or not at all: every file
/// goes first into a hidden staging folder inside its destination folder
/// (`.allocate-staging-…`), is written, synced and closed with every call checked; only then
/// is each moved into place with `rename(2)`. An existing file is kept (hard-linked into the
/// staging folder) until the whole set is in place; if any step fails, the files already
/// moved are put back as they were, folders this call created are removed, and the error
/// names the path and the system's reason. No file is ever written in place.
public struct OutputFiles: Sendable {
    public enum Step: Sendable { case write, commit }
    /// A test seam: asked before each file is written into the staging folder and before it
    /// is moved into place; an errno it returns fails that step as the system would.
    public var fault: (@Sendable (Step, String) -> Int32?)?

    public init(fault: (@Sendable (Step, String) -> Int32?)? = nil) { self.fault = fault }

    /// Files named within one folder (created if missing).
    public func write(into folder: String, _ files: [(name: String, data: Data)]) throws(OutputError) {
        try write(files.map { (join(folder, $0.name), $0.data) })
    }

    /// Files at any paths; their folders are created if missing.
    public func write(_ files: [(path: String, data: Data)]) throws(OutputError) {
        var seen = Set<String>()
        for f in files where !seen.insert(f.path).inserted {
            throw OutputError(path: f.path, reason: "named twice in one set of output files")
        }
        var created: [String] = []
        var stagings: [String: String] = [:]   // destination folder -> its staging folder
        var staged: [(path: String, temp: String, backup: String)] = []
        // What was done to each destination, to undo it if a later step fails.
        enum Saved { case none, linked(String), moved(String) }
        var journal: [(path: String, saved: Saved, placed: Bool)] = []
        func rollBack() {
            for j in journal.reversed() {
                switch j.saved {
                case .linked(let b): if j.placed { _ = rename(b, j.path) }
                case .moved(let b): _ = rename(b, j.path)
                case .none: if j.placed { _ = unlink(j.path) }
                }
            }
            for s in stagings.values { removeTree(s) }
            for d in created.reversed() { _ = rmdir(d) }
        }
        do throws(OutputError) {
            for f in files {
                let dir = folder(of: f.path)
                if stagings[dir] == nil {
                    try makeFolder(dir, created: &created)
                    stagings[dir] = try makeStaging(in: dir)
                }
                let name = (f.path as NSString).lastPathComponent
                let temp = join(stagings[dir]!, name), backup = join(stagings[dir]!, ".old-" + name)
                if let code = fault?(.write, f.path) { throw OutputError(path: f.path, errno: code) }
                try writeFile(temp, f.data, shown: f.path)
                staged.append((f.path, temp, backup))
            }
            // Before anything moves: a folder where a file should go would stop the set halfway.
            for s in staged {
                var st = stat()
                if lstat(s.path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                    throw OutputError(path: s.path, reason: "is a folder, expected a file (remove it or choose another output folder)")
                }
            }
            for s in staged {
                var saved = Saved.none
                var st = stat()
                if lstat(s.path, &st) == 0 {
                    if link(s.path, s.backup) == 0 { saved = .linked(s.backup) }
                    else if rename(s.path, s.backup) == 0 { saved = .moved(s.backup) }
                    else { throw OutputError(path: s.path, errno: errno) }
                }
                journal.append((s.path, saved, false))
                if let code = fault?(.commit, s.path) { throw OutputError(path: s.path, errno: code) }
                guard rename(s.temp, s.path) == 0 else { throw OutputError(path: s.path, errno: errno) }
                journal[journal.count - 1].placed = true
            }
        } catch {
            rollBack()
            throw error
        }
        for (dir, s) in stagings {
            removeTree(s)
            let fd = open(dir, O_RDONLY)   // the renames on disk, as far as the system allows
            if fd >= 0 { _ = fsync(fd); _ = close(fd) }
        }
    }

    private func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
    }

    private func folder(of path: String) -> String {
        let d = Self.parent(path)
        return d.isEmpty ? "." : d
    }

    /// The path without its last component, as NSString's deletingLastPathComponent ("a/b" →
    /// "a", "/a" → "/", "o" → ""), without Foundation: on this toolchain that one traps on a
    /// one-character relative path (`--out o` crashed with an illegal instruction).
    static func parent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        var head = p[..<slash]
        while head.hasSuffix("/") { head = head.dropLast() }
        return head.isEmpty ? "/" : String(head)
    }

    /// Creates a folder and any missing parents, remembering what it created.
    private func makeFolder(_ path: String, created: inout [String]) throws(OutputError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw OutputError(path: path, reason: "is a file, expected a folder") }
            return
        }
        let parent = Self.parent(path)
        if !parent.isEmpty && parent != path { try makeFolder(parent, created: &created) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw OutputError(path: path, errno: errno) }
        created.append(path)
    }

    /// Removes staging folders a killed run left behind (`kill -9`, power loss): those whose
    /// owner (the pid in the name) is no longer running. A file that run had moved aside and
    /// not yet replaced (`.old-NAME` with no NAME beside the staging folder) is put back first.
    static func removeStaleStagings(in dir: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix(stagingPrefix) {
            let fields = name.dropFirst(stagingPrefix.count).split(separator: "-")
            guard fields.count == 2, let pid = pid_t(fields[0]), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno != ESRCH { continue }   // alive, or not ours to judge
            let staging = dir + "/" + name
            var st = stat()
            guard lstat(staging, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
            for inner in (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? [] where inner.hasPrefix(".old-") {
                let destination = dir + "/" + inner.dropFirst(".old-".count)
                if lstat(destination, &st) != 0 && errno == ENOENT { _ = rename(staging + "/" + inner, destination) }
            }
            try? FileManager.default.removeItem(atPath: staging)
        }
    }

    static let stagingPrefix = ".allocate-staging-"

    private func makeStaging(in dir: String) throws(OutputError) -> String {
        Self.removeStaleStagings(in: dir)
        for _ in 0..<16 {
            let path = join(dir, "\(Self.stagingPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            if mkdir(path, 0o700) == 0 { return path }
            if errno != EEXIST { throw OutputError(path: dir, reason: "cannot make a staging folder: \(errnoText(errno))") }
        }
        throw OutputError(path: dir, reason: "cannot make a staging folder")
    }

    private func writeFile(_ path: String, _ data: Data, shown: String) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw OutputError(path: shown, errno: errno) }
        var bytes = [UInt8](data)
        if let code = writeAll(fd, &bytes) { _ = close(fd); throw OutputError(path: shown, errno: code) }
        if fsync(fd) != 0 && errno != EINVAL && errno != EROFS { let code = errno; _ = close(fd); throw OutputError(path: shown, errno: code) }
        if close(fd) != 0 { throw OutputError(path: shown, errno: errno) }
    }

    private func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
