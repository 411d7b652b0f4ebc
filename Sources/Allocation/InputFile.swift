/// A file that was read, as the audit record names it: the bytes the figures came from.
/// The loader (ScenarioFiles) makes these; a plan's audit record (Reports) lists them. It lives
/// with the domain so that both name it without one depending on the other for it.
public struct InputFile: Sendable, Equatable {
    public init(path: String, sha256: String, bytes: Int) { self.path = path; self.sha256 = sha256; self.bytes = bytes }
    public var path: String
    public var sha256: String
    public var bytes: Int
}
