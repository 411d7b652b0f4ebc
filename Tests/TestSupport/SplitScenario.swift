import Foundation

/// A temporary folder with a scenario whose pools are split among authorities by every rule
/// (key, table, perDevice, authorities): the split tests of AllocationTests and ScenarioFilesTests.
public final class SplitScenarioFolder {
    public let url = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-split-\(UUID().uuidString)")
    public init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    public func write(_ name: String, _ text: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    public static let allocations = "authority,amount\nNord,100.50\nSüd,200\nWest,0\nOst,0.01\n"

    /// A scenario of four authorities with a pool for each split rule; `gute` is the table pool's split.
    public func scenario(table: String = allocations, gute: String = "{by: table, file: alloc.csv}") throws -> String {
        _ = try write("alloc.csv", table)
        return try write("split.yaml", """
        name: Split test
        schools:
          file: \(Paths.fixture("data/schools.csv"))
          columns: {authority: stadtbezirk_geocoded}
        authorities:
          reference: Nord
          key:
            pupilWeightByLevel: {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1}
            withoutLevel: 2
        deviceKinds:
          pupil: {label: Pupil device, basis: pupils, unitPrice: 350.00}
          teacher: {label: Teacher device, basis: teachers, unitPrice: 520.00, priorityWeight: 1}
        pools:
          sofort: {name: Sofort, kinds: [pupil], rule: grant, fundingRate: 0.9, capPerDevice: 500, split: {by: key, stateTotal: 1000, checkAgainst: 1000}}
          gute: {name: Gute Schule, kinds: [pupil, teacher], rule: remainder, split: \(gute)}
          lehrer: {name: Lehrkräfte, kinds: [teacher], rule: grant, fundingRate: 1.0, capPerDevice: 500, split: {by: perDevice, perDevice: 500, checkAgainst: 100000, checkSource: "a test figure"}}
          stadt: {name: Stadt, budget: 100, kinds: [pupil, teacher], rule: any, ownMoney: true, split: authorities}
        need:
          gradesInScope: [2, 13]
          schoolForms: {Grundschule: [1, 4], Gesamtschule: [5, 13], Gymnasium: [5, 13], Realschule: [5, 10], Förderschule: [1, 10]}
          pupilShareByLevel: {1: 0.05, 2: 0.10, 3: 0.15, 4: 0.20, 5: 0.25, 6: 0.30, 7: 0.35, 8: 0.40, 9: 0.45}
          priorityWeightByLevel: {1: 1, 2: 1.1, 3: 1.2, 4: 1.3, 5: 1.4, 6: 1.5, 7: 1.6, 8: 1.7, 9: 1.8}
          withoutLevel: {Förderschule: 9}
        objective: maximin
        solver: {relativeGap: 0.0001, timeLimitSeconds: 10}
        """)
    }
}
