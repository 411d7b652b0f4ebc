import ArgumentParser
import Foundation
import Allocation

/// The command line's exit codes: 0 a verified plan; 1, 2, 3 from the error's class
/// (`ErrorClass.exitCode`, Sources/Allocation/ErrorClass.swift: 1 bad input, 2 the scenario
/// cannot hold, 3 solver or internal error), the same class the web API takes its HTTP status
/// from; 64 a usage error (the argument parser's own). README, "Exit codes".
///
/// Prints "error: <message>" on standard error and gives the exit code of the error's class.
/// The argument parser's own errors pass unchanged (`ExitCode`, `CleanExit`, `ValidationError`
/// and its internal ones: `--help` is run as a command that throws one), so that it prints
/// help and usage messages and exits 0 or 64 as it documents.
func classifiedExit(for error: any Error) -> any Error {
    let parsers = error is ExitCode || error is CleanExit || error is ValidationError
        || (!(error is any ClassifiedError) && String(reflecting: type(of: error)).hasPrefix("ArgumentParser."))
    if parsers { return error }
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    return ExitCode(classify(error).exitCode)
}

/// A refusal of the command line itself (an option's value, a section a flag needs): the
/// user's input unless said otherwise.
struct CommandError: ClassifiedError, CustomStringConvertible {
    var description: String
    var errorClass: ErrorClass
    init(_ message: String, _ errorClass: ErrorClass = .input) { description = message; self.errorClass = errorClass }
}
