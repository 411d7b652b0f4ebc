import Foundation

/// The argument parser's usage errors (exit 64) in German. swift-argument-parser words its
/// errors itself, in English, with no hook for another language (its `MessageInfo` and
/// `ParserError` are internal); what it does give is the whole message as text
/// (`fullMessage(for:)`) and the exit code (`exitCode(for:)`). So the command line takes that
/// text and says each of its sentence forms in German here, by pattern; a sentence it does not
/// know stays English (a newer parser's). Help screens (`--help`) take their texts from
/// `HelpWords` and their fixed headings from `HelpWords.screen`.
public enum UsageWords {
    /// The parser's full message ("Error: …\nUsage: …\n  See '… --help' for more information.") in German.
    public static func german(_ full: String) -> String {
        full.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let s = String(line)
            if s.hasPrefix("Error: ") { return "Fehler: " + sentence(String(s.dropFirst("Error: ".count))) }
            // The parser names the `help` subcommand's argument and a long option list in English.
            if s.hasPrefix("Usage: ") { return "Aufruf: " + s.dropFirst("Usage: ".count).replacingOccurrences(of: "<subcommands>", with: "<Unterbefehle>")
                                                                   .replacingOccurrences(of: "<subcommand>", with: "<Unterbefehl>")
                                                                   .replacingOccurrences(of: "[<options>]", with: "[<Optionen>]") }
            if s.hasPrefix("Help:  ") { return "Hilfe: " + s.dropFirst("Help:  ".count) }
            if let m = match(s, #"^  See '(.*)' for more information\.$"#) { return "  Mehr dazu: \(m[1])" }
            return s
        }.joined(separator: "\n")
    }

    /// One error sentence of the parser (or of a command's own `ValidationError`) in German.
    public static func sentence(_ s: String) -> String {
        for (pattern, german) in forms {
            if let m = match(s, pattern) { return german(m) }
        }
        return s
    }

    /// "'a', 'b'" as „a“, „b“.
    static func quoted(_ s: String) -> String {
        s.replacingOccurrences(of: #"'([^']*)'"#, with: "„$1“", options: .regularExpression)
    }

    /// The parser's sentence forms (UsageGenerator.swift of swift-argument-parser 1.x) and the
    /// commands' own `ValidationError`s, each with its German.
    static let forms: [(String, @Sendable ([String]) -> String)] = [
        (#"^Unknown option '([^']*)'\. Did you mean '([^']*)'\?$"#, { "unbekannte Option „\($0[1])“. Meinten Sie „\($0[2])“?" }),
        (#"^Unknown option '([^']*)'$"#, { "unbekannte Option „\($0[1])“" }),
        (#"^Missing value for '([^']*)'$"#, { "für „\($0[1])“ fehlt ein Wert" }),
        (#"^The option '([^']*)' does not take any value, but '([^']*)' was specified\.$"#,
         { "die Option „\($0[1])“ nimmt keinen Wert, angegeben war aber „\($0[2])“" }),
        (#"^Unexpected argument '([^']*)'$"#, { "unerwartetes Argument „\($0[1])“" }),
        (#"^(\d+) unexpected arguments: (.*)$"#, { "\($0[1]) unerwartete Argumente: \(quoted($0[2]))" }),
        (#"^Missing expected argument '([^']*)'$"#, { "das Argument „\($0[1])“ fehlt" }),
        (#"^Missing one of: (.*)$"#, { "es fehlt eines von: \(quoted($0[1]))" }),
        (#"^The value '([^']*)' is invalid for '([^']*)'\. Please provide one of (.*)\.$"#,
         { "der Wert „\($0[1])“ ist für „\($0[2])“ ungültig; erlaubt: \(quoted($0[3]).replacingOccurrences(of: " and ", with: " und ").replacingOccurrences(of: " or ", with: " oder "))" }),
        (#"^The value '([^']*)' is invalid for '([^']*)'(: .*)?$"#, { "der Wert „\($0[1])“ ist für „\($0[2])“ ungültig\($0[3])" }),
        (#"^Value to be set with (.*) had already been set with (.*)$"#, { "der Wert, gesetzt mit \(quoted($0[1])), war schon mit \(quoted($0[2])) gesetzt" }),
        // The commands' own refusals (ValidationError, exit 64).
        (#"^(--[a-z-]+): found '([^']*)', allowed: (.*)$"#, { "\($0[1]): „\($0[2])“ gefunden; erlaubt: \($0[3])" }),
        (#"^(--[a-z-]+): found (-?\d+), allowed: (\d+) to (\d+)( euros)?$"#,
         { "\($0[1]): \(NumberStyle(.de).int(Int($0[2]) ?? 0)) gefunden; erlaubt: \(NumberStyle(.de).int(Int($0[3]) ?? 0)) bis \(NumberStyle(.de).int(Int($0[4]) ?? 0))\($0[5].isEmpty ? "" : " Euro")" }),
        (#"^give --vary once \(a line\) or twice \(a grid\)$"#, { _ in "--vary einmal (eine Linie) oder zweimal (ein Raster) angeben" }),
        (#"^give --lp FILE and/or --mps FILE$"#, { _ in "--lp DATEI und/oder --mps DATEI angeben" }),
        (#"^give a base scenario and at least one more to compare with it$"#, { _ in "ein Basisszenario und mindestens ein weiteres zum Vergleich angeben" }),
        (#"^unknown subcommand '([^']*)' of '([^']*)'; allowed: (.*)$"#, { "unbekannter Unterbefehl „\($0[1])“ von „\($0[2])“; erlaubt: \(quoted($0[3]))" }),
        (#"^unknown subcommand '([^']*)': '([^']*)' has no subcommands$"#, { "unbekannter Unterbefehl „\($0[1])“: „\($0[2])“ hat keine Unterbefehle" }),
    ]

    static func match(_ s: String, _ pattern: String) -> [String]? { SystemReasons.match(s, pattern) }

    /// `allocate help WORD`: a word that names no subcommand of `command` (e.g. "allocate" or
    /// "allocate history"), with the subcommands it has (none: it takes no subcommand), as the
    /// parser's English; `forms` says it in German.
    public static func unknownSubcommand(_ found: String, of command: String, allowed: [String]) -> String {
        allowed.isEmpty ? "unknown subcommand '\(found)': '\(command)' has no subcommands"
            : "unknown subcommand '\(found)' of '\(command)'; allowed: \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
    }
}
