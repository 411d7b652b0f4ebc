import Foundation
import Testing
import Allocation
import ScenarioFiles
import TestSupport

/// The loader's rules for pools split among authorities: table errors and split keys, named
/// by file, line and key. (The split arithmetic and its reports: AllocationTests/StatewideSplitTests.)
@Suite(.serialized) struct SplitLoaderTests {
    @Test func tableErrorsNameFileLineAndWhatIsAllowed() throws {
        let folder = try SplitScenarioFolder()
        let cases: [(String, [String])] = [
            ("authority,amount\nNord,100\nSüd,12.345\nWest,0\nOst,0\n", ["alloc.csv:3: amount", "found '12.345'", "at most 2 decimals"]),
            ("authority,amount\nNord,100\nSüd,-1\nWest,0\nOst,0\n", ["alloc.csv:3: amount", "0 or more"]),
            ("authority,amount\nNord,100\nSüd,1\nNord,2\nWest,0\nOst,0\n", ["alloc.csv:4: authority", "row already (line 2)"]),
            ("authority,amount\nNord,100\nSüd,1\nWest,0\n", ["alloc.csv", "no row for 1 authority", "Ost", "pool gute"]),
            ("authority,betrag\nNord,100\n", ["alloc.csv:1", "no column 'amount'", "split.columns.amount", "authority, betrag"]),
        ]
        for (table, parts) in cases {
            let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: try folder.scenario(table: table)) }
            for part in parts { #expect(error?.description.contains(part) == true, "\(part): \(String(describing: error))") }
        }
        // Other column names, and the semicolon dialect with decimal commas.
        let path = try folder.scenario(table: "Schlüssel;Betrag\nNord;100,50\nSüd;1\nWest;0\nOst;0\n")
        let s = try ScenarioLoader.load(path: path, overrides: ["pools.gute.split.columns.authority=Schlüssel", "pools.gute.split.columns.amount=Betrag"]).scenario
        #expect(s.pools[1].budget == Money(cents: 10_150))
        let missing = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path, overrides: ["pools.gute.split.file=nothing.csv"]) }
        #expect(missing?.description.contains("nothing.csv") == true, "\(String(describing: missing))")
    }

    @Test func splitKeysAreCheckedAndNamed() throws {
        let folder = try SplitScenarioFolder()
        let path = try folder.scenario()
        let cases: [(String, [String])] = [
            ("pools.lehrer.split.stateTotal=5", ["pools.lehrer.split.stateTotal", "is not a key of 'by: perDevice'", "checkAgainst"]),
            ("pools.sofort.budget=5", ["pools.sofort.budget", "not used here", "split: none"]),
            ("pools.sofort.split.by=shares", ["pools.sofort.split.by", "found 'shares'", "allowed: key", "perDevice", "table"]),
            ("pools.sofort.split=halves", ["pools.sofort.split", "found 'halves'", "allowed: none, authorities"]),
            ("pools.gute.split.by=perDevice", ["pools.gute.split.file", "is not a key of 'by: perDevice'"]),
            ("pools.stadt.split=none", ["pools", "are split among authorities but stadt are not"]),
            ("pools.lehrer.split.perDevice=0", ["pools.lehrer.split.perDevice", "above 0"]),
        ]
        for (override, parts) in cases {
            let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path, overrides: [override]) }
            for part in parts { #expect(error?.description.contains(part) == true, "\(override) → \(part): \(String(describing: error))") }
        }
        // perDevice over both kinds needs its basis.
        let both = try folder.scenario(gute: "{by: perDevice, perDevice: 1}")
        let basis = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: both) }
        #expect(basis?.description.contains("pools.gute.split: missing 'basis'") == true, "\(String(describing: basis))")
        let pupils = try ScenarioLoader.load(path: both, overrides: ["pools.gute.split.basis=pupils"]).scenario
        #expect(pupils.pools[1].budget == Money(cents: 282_000))   // 1 € × 2,820 pupils
    }
}
