import ArgumentParser
import Foundation
import Reports

/// The language of the help screens (`--help`, `allocate help …`): the terminal's rule
/// (`ReportLanguage.terminal`: `--lang` on the command line, else `LC_ALL`/`LC_MESSAGES`/`LANG`,
/// German when it says de, else English), decided once per process. The parser takes the
/// commands' texts when it makes the commands (at parse and help time), before any `--lang`
/// is parsed, so `--lang` is read from the arguments as given; a `--lang` other than de or en
/// leaves the environment's. The words: `HelpWords` (Sources/Reports/HelpWords.swift).
enum HelpScreen {
    static let language: ReportLanguage = {
        // ProcessEnvironment.current: getenv one variable at a time (the fast `solve` path makes its `Solve` too).
        let environment = ProcessEnvironment.current
        return ReportLanguage.terminal(ReportLanguage.flag(in: Array(CommandLine.arguments.dropFirst())), environment: environment)
            ?? ReportLanguage.fromEnvironment(environment)
    }()
}

extension HelpScreen {
    /// The arguments for the parser: those of `allocate help …` without `--lang` (its value
    /// already chose the help screens' language, `language`), since the parser's own `help`
    /// subcommand takes no options and would refuse it (`allocate help solve --lang de`);
    /// any other command's arguments as they are.
    static func arguments(_ arguments: [String]) -> [String] {
        guard arguments.first == "help" else { return arguments }
        var out: [String] = []
        var skip = false
        for a in arguments {
            if skip { skip = false; continue }
            if a == "--lang" { skip = true; continue }
            if a.hasPrefix("--lang=") { continue }
            out.append(a)
        }
        return out
    }
}

extension HelpScreen {
    /// `allocate help WORD …`: each word must name a subcommand of the command before it. The
    /// parser's own `help` shows the root's screen for a word it does not know, so such a word
    /// is refused here as a usage error (exit 64), naming the word and the allowed subcommands
    /// (its words: `UsageWords.unknownSubcommand`, German through `UsageWords.german`).
    static func checkHelpPath(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        var command: any ParsableCommand.Type = Allocate.self
        var path = [Allocate.configuration.commandName ?? "allocate"]
        var skip = false
        for a in arguments.dropFirst() {
            if skip { skip = false; continue }
            if a == "--lang" { skip = true; continue }
            if a.hasPrefix("-") { continue }
            let subcommands = command.configuration.subcommands
            guard let next = subcommands.first(where: { $0.configuration.commandName == a }) else {
                throw ValidationError(UsageWords.unknownSubcommand(a, of: path.joined(separator: " "),
                                                                   allowed: subcommands.compactMap { $0.configuration.commandName }))
            }
            command = next
            path.append(a)
        }
    }
}

/// A command's abstract or discussion in the help screens' language.
func helpText(_ key: HelpKey) -> String { HelpWords.text(key, HelpScreen.language) }

extension ArgumentHelp {
    /// An option's, flag's or argument's help text and value name in the help screens' language.
    static func words(_ key: HelpKey) -> ArgumentHelp {
        let entry = HelpWords.entry(key, HelpScreen.language)
        return ArgumentHelp(entry.text, valueName: entry.valueName)
    }
}
