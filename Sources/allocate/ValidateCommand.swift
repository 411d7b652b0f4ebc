import ArgumentParser
import Allocation
import Reports
import ScenarioFiles

/// `allocate validate`: check a scenario and its data files without solving.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: helpText(.validate))

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var language: LanguageOptions

    func run() throws {
        let loaded = try options.load()
        let s = loaded.scenario
        let needs = try NeedTable(s)
        let words = StatusWords(try language.terminal())
        try emit(words.valid(loaded.inputFiles[0]) + "\n")
        try emit("  " + words.validCounts(schools: s.schools.count, pools: s.pools.count, kinds: s.deviceKinds.count,
                                          objective: s.objective, maximin: s.maximin.guarantee) + "\n")
        for (k, kind) in s.deviceKinds.enumerated() {
            try emit("  " + words.kindNeed(kind, need: needs.totalNeed(kind: k)) + "\n")
        }
        // The multi-year `years:` section, when the scenario has one (its files and rows checked too).
        var inputs = loaded.inputFiles
        if try ScenarioTemplate.load(path: options.scenario, overrides: options.settings.overrides.overrides).hasYears {
            let years = try ScenarioLoader.loadYears(path: options.scenario, overrides: options.settings.overrides.overrides)
            try emit("  " + YearsReport.validated(years.scenario, try language.terminal()) + "\n")
            inputs = years.loaded.inputFiles
        }
        try emit("  " + words.read(inputs) + "\n")
    }
}
