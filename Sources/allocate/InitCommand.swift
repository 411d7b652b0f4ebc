import ArgumentParser
import Foundation
import Reports
import ScenarioFiles

/// `allocate init`: a ready scenario for any NRW municipality.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: helpText(.initCommand))

    @Option(help: .words(.initMunicipality))
    var municipality: String

    @Option(help: .words(.initOut))
    var out: String?

    @Option(help: .words(.initTemplate))
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
