import ArgumentParser
import Foundation
import Allocation
import Reports

/// The command line's exit codes: 0 a verified plan; 1, 2, 3 from the error's class
/// (`ErrorClass.exitCode`, Sources/Allocation/ErrorClass.swift: 1 bad input, 2 the scenario
/// cannot hold, 3 solver or internal error), the same class the web API takes its HTTP status
/// from; 64 a usage error (the argument parser's own). README, "Exit codes".
///
/// Prints "error: <message>" (German: "Fehler: <Meldung>") on standard error in the terminal's
/// language, worded by `ErrorWords` (Sources/Reports/ErrorWords.swift), and gives the exit code
/// of the error's class. The argument parser's own errors pass unchanged (`ExitCode`,
/// `CleanExit`, `ValidationError` and its internal ones: `--help` is run as a command that
/// throws one), so that it prints help and usage messages and exits 0 or 64 as it documents.
func classifiedExit(for error: any Error, language: ReportLanguage) -> any Error {
    let parsers = error is ExitCode || error is CleanExit || error is ValidationError
        || (!(error is any ClassifiedError) && String(reflecting: type(of: error)).hasPrefix("ArgumentParser."))
    if parsers {
        // A usage error in German: the parser's message said in German words (UsageWords),
        // its exit code kept. CleanExit and bare exit codes pass unchanged.
        guard !(error is CleanExit), !(error is ExitCode) else { return error }
        let code = Allocate.exitCode(for: error)
        // Help (`--help`, `allocate help …`) and version exit 0: the parser's screen, its
        // fixed words in the help's language (the content already is: HelpWords, HelpScreen).
        if code == .success {
            guard HelpScreen.language == .de else { return error }
            print(HelpWords.screen(Allocate.fullMessage(for: error), .de))
            return code
        }
        guard usageLanguage(language) == .de else { return error }
        FileHandle.standardError.write(Data((UsageWords.german(Allocate.fullMessage(for: error)) + "\n").utf8))
        return code
    }
    FileHandle.standardError.write(Data("\(ErrorWords.prefix(language)): \(ErrorWords.text(error, language))\n".utf8))
    return ExitCode(classify(error).exitCode)
}

/// The terminal's language for a parsed command: its `--lang` (any `@OptionGroup` of
/// `LanguageOptions`, found by reflection so that a command gets it by declaring the group),
/// else the environment's (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. A `--lang` the
/// command refuses leaves the environment's.
func terminalLanguage(of command: Any) -> ReportLanguage {
    for child in Mirror(reflecting: command).children {
        if let group = child.value as? OptionGroup<LanguageOptions>, let language = try? group.wrappedValue.terminal() { return language }
        // `allocate history …` holds its --lang inside the shared store options.
        if let group = child.value as? OptionGroup<HistoryCommand.StoreOptions>, let language = try? group.wrappedValue.lang.terminal() {
            return language
        }
    }
    return ReportLanguage.fromEnvironment()
}


/// The language of a usage error: `--lang de|en` where the arguments give it (the parser
/// failed, so the command's own option is not parsed), else the language known so far.
func usageLanguage(_ known: ReportLanguage, arguments: [String] = CommandLine.arguments) -> ReportLanguage {
    ReportLanguage.flag(in: arguments).flatMap(ReportLanguage.init(rawValue:)) ?? known
}
