import ArgumentParser
import Foundation
import Reports

/// The command line's root: the subcommands (one file each, `<Name>Command.swift`), and the
/// one place a subcommand's error becomes a message and an exit code (`ExitCodes.swift`).
/// The version `--version` prints.
let toolVersion = ToolInfo.version

@main
struct Allocate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: helpText(.root),
        version: toolVersion,
        subcommands: [Solve.self, Compare.self, Sweep.self, Report.self, Explain.self, Schedule.self, Years.self, Calibrate.self, Serve.self, Init.self, Generate.self, Validate.self, ExportModel.self, Bench.self, HistoryCommand.self],
        defaultSubcommand: Solve.self)

    /// Parses the arguments (a usage error exits 64 with the parser's message), runs the
    /// subcommand, and hands an error it throws to `classifiedExit(for:)`.
    /// Its message is in the terminal's language (`--lang`, then the environment).
    static func main() async {
        var language = ReportLanguage.fromEnvironment()
        do {
            // `solve` in its everyday forms is read without the parser's reflection (FastSolve.swift).
            if let solve = FastSolve.parse(Array(CommandLine.arguments.dropFirst()), environment: .current) {
                language = (try? solve.language.terminal()) ?? language
                try solve.run()
                return
            }
            try HelpScreen.checkHelpPath(Array(CommandLine.arguments.dropFirst()))
            var command = try await asyncParseAsRoot(HelpScreen.arguments(Array(CommandLine.arguments.dropFirst())))
            language = terminalLanguage(of: command)
            if var asyncCommand = command as? any AsyncParsableCommand { try await asyncCommand.run() } else { try command.run() }
        } catch {
            exit(withError: classifiedExit(for: error, language: language))
        }
    }
}
