/// The one CSV quoting rule, for every table this tool writes (plan, comparison and sweep CSVs in
/// both dialects, synthetic school tables): RFC 4180, which German Excel reads too.
public enum CSVField {
    /// The field as it is, or, when it holds the separator, a quote or a line break, in quotes
    /// with every quote doubled.
    public static func quoted(_ field: String, separator: Character) -> String {
        // The separators are ASCII: the test runs over the UTF-8 bytes, not over Characters
        // (whose grapheme breaking cost a tenth of writing schools.csv).
        guard let sep = separator.asciiValue else {
            return field.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        guard field.utf8.contains(where: { $0 == sep || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        var out = "\""
        for c in field.unicodeScalars {
            if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
        }
        return out + "\""
    }
}
