import ArgumentParser
import Allocation
import Reports

/// `allocate validate`: check a scenario and its data files without solving.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a scenario and its data files without solving.")

    @OptionGroup var options: ScenarioOptions

    func run() throws {
        let loaded = try options.load()
        let s = loaded.scenario
        let needs = try NeedTable(s)
        try emit("\(loaded.inputFiles[0]): valid\n")
        try emit("  \(s.schools.count) schools, \(s.pools.count) pools, \(s.deviceKinds.count) device kinds, objective \(s.objective.rawValue)\n")
        for (k, kind) in s.deviceKinds.enumerated() {
            try emit("  \(kind.id): need \(groupDigits(needs.totalNeed(kind: k), separator: ",")) devices at \(kind.unitPrice.formatted)\n")
        }
        try emit("  read: \(loaded.inputFiles.joined(separator: ", "))\n")
    }
}
