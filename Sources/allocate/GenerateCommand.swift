import ArgumentParser
import Foundation
import Reports
import ScenarioFiles

/// `allocate generate`: a synthetic school table for scale tests.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: helpText(.generate))

    @Option(help: .words(.generateSchools))
    var schools: Int = 40_000

    @Option(help: .words(.generateSeed))
    var seed: UInt64 = 2020

    @Option(help: .words(.generateFrom))
    var from: String = "Scenarios/data/nrw-schools-2024-25.csv"

    @Option(help: .words(.generateOut))
    var out: String = "Scenarios/generated/germany-40k.csv"

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        guard (1...2_000_000).contains(schools) else { throw ValidationError("--schools: found \(schools), allowed: 1 to 2000000") }
    }

    func run() throws {
        let text = try SyntheticSchools.csv(from: try CSVTable.read(from), schools: schools, seed: seed)
        try write(files: [(out, Data(text.utf8))])
        note(StatusWords(try language.terminal()).wrote(out) + "\n")
    }
}
