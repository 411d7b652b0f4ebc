import ArgumentParser
import Foundation
import Reports
import Allocation
import GLPKSolver
import LinearProgramming
import ScenarioFiles

/// `allocate export-model`: the first integer model as an LP and/or MPS file.
struct ExportModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract: helpText(.exportModel))

    @OptionGroup var options: ScenarioOptions

    @Option(help: .words(.exportLP))
    var lp: String?

    @Option(help: .words(.exportMPS))
    var mps: String?

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if lp == nil && mps == nil { throw ValidationError("give --lp FILE and/or --mps FILE") }
    }

    func run() throws {
        let loaded = try options.load()
        let solver = GLPKSolver()
        let model = try AllocationEngine(solver: solver).exportableModel(loaded.scenario)
        // GLPK writes into a private temporary folder; the files then go into place together
        // through the one output writer (never written in place).
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-export-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        guard mkdir(scratch, 0o700) == 0 else {
            throw CommandError(.command(.temporaryFolder(path: scratch, reason: errnoText(errno))), .solverOrInternal)
        }
        var files: [(path: String, data: Data)] = []
        var lines = ""
        let words = StatusWords(try language.terminal())
        for (path, format) in [(lp, ModelFileFormat.lp), (mps, .mps)] {
            guard let path else { continue }
            let temp = scratch + "/model." + (format == .lp ? "lp" : "mps")
            do { try solver.write(model.program, format: format, to: temp) } catch {
                // The message names the path the user gave, not the temporary one.
                guard case .io(let why) = error else { throw error }
                throw SolverError.io(why.replacingOccurrences(of: temp, with: path))
            }
            guard let data = FileManager.default.contents(atPath: temp) else {
                throw CommandError(.command(.modelNotReadBack(path: temp)), .solverOrInternal)
            }
            files.append((path, data))
            let sense = model.program.objective.direction == .maximize ? " --max" : ""
            lines += words.wroteModel(path, stage: model.stage, columns: model.program.variables.count, rows: model.program.constraints.count,
                                      resolve: "glpsol \(format == .lp ? "--lp" : "--freemps") \(path)\(format == .mps ? sense : "")")
        }
        try write(files: files)
        try emit(lines)
    }
}
