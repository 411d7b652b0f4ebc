import Foundation

/// The check that a German message says nothing in English (issue 15): the words of the
/// English message (4 letters or more) that the German one still shows, less `shared` (names,
/// paths, options, key paths, words both languages use).
public enum MessageWords {
    public static func english(_ en: String, in de: String, shared: [String] = []) -> [String] {
        // Key paths, options and file paths are names, not words.
        var visible = de.replacingOccurrences(of: "[A-Za-z0-9_.-]*/[A-Za-z0-9_./-]+", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "[A-Za-z_]+(\\.[A-Za-z0-9_\\[\\]]+)+", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "--[A-Za-z-]+", with: " ", options: .regularExpression)
        for s in shared.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) { visible = visible.replacingOccurrences(of: s, with: " ") }
        let words = Set(en.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 4 && $0.allSatisfy(\.isASCII) })
        return words.filter { w in !shared.contains(w) && ForeignLabels.contains(visible, phrase: w) }.sorted()
    }
}
