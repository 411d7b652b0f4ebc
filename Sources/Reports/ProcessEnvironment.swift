#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one reader of environment variables (`LANG`, `ALLOCATE_HISTORY`, `SOURCE_DATE_EPOCH`,
/// the test seams): one variable at a time with `getenv`, or a fixed set of values (tests).
///
/// Not `ProcessInfo.processInfo.environment`: that copies the whole environment into a
/// dictionary of Swift strings on each call — about 4 million instructions of a default solve,
/// which reads a handful of variables (issue 18).
public struct ProcessEnvironment: Sendable, ExpressibleByDictionaryLiteral {
    /// nil: the process's own environment.
    private let fixed: [String: String]?

    /// The process's environment, read when asked.
    public static let current = ProcessEnvironment(fixed: nil)

    private init(fixed: [String: String]?) { self.fixed = fixed }

    /// Exactly these variables (and no others).
    public init(_ values: [String: String]) { fixed = values }

    public init(dictionaryLiteral elements: (String, String)...) {
        fixed = Dictionary(elements, uniquingKeysWith: { $1 })
    }

    /// The variable's value; nil when it is not set.
    public subscript(_ name: String) -> String? {
        if let fixed { return fixed[name] }
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
