/// A scenario file that is not well-formed YAML, as the YAML reader (libyaml, through Yams)
/// reports it: its problem and context in its own English words (worded in the user's
/// language by Reports/YamlReasons.swift), where the context began, and what stands at the
/// problem's place. The problem's line and column are the message's place (`ScenarioError`).
public struct YAMLSyntax: Sendable, Equatable {
    /// What stands at the problem's place.
    public enum Found: Sendable, Equatable {
        /// The rest of the line from the problem's column (an excerpt).
        case text(String)
        case endOfLine
        case endOfFile
        /// The end of a `--set` value (its text is all there is).
        case endOfValue
    }

    /// libyaml's problem ("did not find expected key").
    public var problem: String
    /// libyaml's context ("while parsing a block mapping"), if it gave one.
    public var context: String?
    public var contextLine: Int?
    public var contextColumn: Int?
    public var found: Found?

    public init(problem: String, context: String? = nil, contextLine: Int? = nil, contextColumn: Int? = nil, found: Found? = nil) {
        self.problem = problem; self.context = context; self.contextLine = contextLine; self.contextColumn = contextColumn
        self.found = found
    }
}
