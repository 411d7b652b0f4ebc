import ArgumentParser
import Foundation
import Reports
import ScenarioFiles

/// `allocate init`: a ready scenario for any NRW municipality.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a ready scenario for any NRW municipality (official key or name), with its share of every programme by the programme's rule.")

    @Option(help: "Official municipality key (e.g. 5913000 for Dortmund) or a name (Düsseldorf).")
    var municipality: String

    @Option(help: "The scenario file to write (default: standard output).")
    var out: String?

    @Option(help: "The template with the school table, the rules and each programme's state total and split rule.")
    var template: String = "Scenarios/nrw/template.yaml"

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let words = StatusWords(try language.terminal())
        let t = try ScenarioTemplate.load(path: template)
        let m = try MunicipalityInit.find(municipality, in: try MunicipalityInit.municipalities(template: t))
        let folder = out.map { ($0 as NSString).deletingLastPathComponent } ?? "."
        let text = try MunicipalityInit.scenarioText(for: m, template: t,
                                                     templatePathFromOutput: relativePath(to: template, fromFolder: folder.isEmpty ? "." : folder),
                                                     comments: words.initComments)
        if let schools = try MunicipalityInit.differenceFromShipped(for: m, template: t) {
            // Say why this differs from the shipped scenario of the same city.
            note(words.noteWord + ": " + words.referenceNote(schools: schools).joined(separator: "\n      ") + "\n")
        }
        if let out {
            try write(files: [(out, Data(text.utf8))])
            note(words.wroteScenario(out, for: m.name, key: m.key) + "\n")
        } else {
            try emit(text)
        }
    }
}
