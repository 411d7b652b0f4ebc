import Foundation

/// The check that an output in one language shows no label of the other (issue 15): the
/// callers take the labels from the language layer (`Words.labels`, `StatusWords`) and pass
/// them here with the data (names of scenarios, schools, pools, file paths) that are no labels.
public enum ForeignLabels {
    /// The visible text: style, tags, key paths ("pools.sofort.budget") and data removed.
    public static func visible(_ text: String, data: [String]) -> String {
        // Key paths are shown as a secondary hint (class "key"): not labels.
        var s = text.replacingOccurrences(of: "<style>[\\s\\S]*?</style>", with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: "<span class=\"key\">[^<]*</span>", with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        for d in data.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) { s = s.replacingOccurrences(of: d, with: " ") }
        return s.replacingOccurrences(of: "[A-Za-z_]+(\\.[A-Za-z0-9_]+)+", with: " ", options: .regularExpression)
    }

    /// Whether `text` holds `phrase` as whole words.
    public static func contains(_ text: String, phrase: String) -> Bool {
        let pattern = "(?<![\\p{L}\\p{N}])" + NSRegularExpression.escapedPattern(for: phrase) + "(?![\\p{L}\\p{N}])"
        return text.range(of: pattern, options: .regularExpression) != nil
    }

    /// The labels of `labels` (the other language's, less those both share) that `text` shows.
    public static func found(in text: String, labels: [String], data: [String] = []) -> [String] {
        let shown = visible(text, data: data)
        return labels.filter { contains(shown, phrase: $0) }
    }
}
