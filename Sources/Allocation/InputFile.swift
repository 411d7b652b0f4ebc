import Foundation

/// A file that was read, as the audit record names it: the bytes the figures came from.
/// The loader (ScenarioFiles) makes these; a plan's audit record (Reports) lists them. It lives
/// with the domain so that both name it without one depending on the other for it.
/// The SHA-256 may be worked out when it is first asked for (an audit record, a report, a
/// cache key) rather than when the file is read: a command that writes no audit record never
/// hashes its inputs (the loader passes the hash as a function of the text it read).
public struct InputFile: Sendable, Equatable {
    public init(path: String, sha256: String, bytes: Int) { self.path = path; self.bytes = bytes; digest = Digest(hex: sha256) }
    /// `hash` gives the SHA-256 (hex) of the file's bytes; it runs once, when first needed.
    public init(path: String, bytes: Int, hash: @escaping @Sendable () -> String) {
        self.path = path; self.bytes = bytes; digest = Digest(hash: hash)
    }
    public var path: String
    public var sha256: String { digest.hex }
    public var bytes: Int
    private let digest: Digest

    public static func == (a: InputFile, b: InputFile) -> Bool { a.path == b.path && a.bytes == b.bytes && a.sha256 == b.sha256 }

    /// The hash, or the function that works it out (let go once it has run).
    private final class Digest: @unchecked Sendable {
        private let lock = NSLock()
        private var hash: (@Sendable () -> String)?
        private var value: String?
        init(hex: String) { value = hex }
        init(hash: @escaping @Sendable () -> String) { self.hash = hash }
        var hex: String {
            lock.lock(); defer { lock.unlock() }
            if let value { return value }
            let h = hash?() ?? ""
            value = h
            hash = nil
            return h
        }
    }
}
