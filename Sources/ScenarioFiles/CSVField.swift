/// The one CSV quoting rule, for every table this tool writes (plan, comparison and sweep CSVs in
/// both dialects, synthetic school tables): RFC 4180, which German Excel reads too.
public enum CSVField {
    /// The field as it is, or, when it holds the separator, a quote or a line break, in quotes
    /// with every quote doubled.
    public static func quoted(_ field: String, separator: Character) -> String {
        field.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
