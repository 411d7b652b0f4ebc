import Foundation
import Testing
@testable import Allocation
@testable import Calibration
import GLPKSolver
import Reports
@testable import ScenarioFiles
import TestSupport

/// A city whose true need model is known: 9 levels × 3 schools with levels in three districts,
/// plus two vocational colleges without a level (treated as level 4, form factor to fit).
/// Pupils are multiples of 100, so every true need is a whole number; the money is ample, so
/// every school gets its whole need and the plan's devices are the need itself.
enum KnownCity {
    static let trueShares: [Decimal] = ["0.05", "0.08", "0.12", "0.15", "0.2", "0.25", "0.3", "0.4", "0.5"].map { Decimal(string: $0)! }
    static let trueFactor = Decimal(string: "0.3")!

    static func scenario(shares: [Decimal] = Array(repeating: Decimal(string: "0.2")!, count: 9), factor: Decimal = 1,
                         budget: Money = Money(cents: 100_000_000_00)) -> Scenario {
        var schools: [School] = []
        let districts = ["Nord", "Mitte", "Süd"]
        for level in 1...9 {
            for k in 0..<3 {
                schools.append(School(id: String(100_000 + level * 10 + k), name: "S\(level)-\(k)", form: "Gesamtschule",
                                      district: districts[(level + k) % 3], pupils: 300 + 100 * ((level * 7 + k * 3) % 9),
                                      socialIndex: level, teachers: 0))
            }
        }
        schools.append(School(id: "200001", name: "BK 1", form: "Berufskolleg", district: "Mitte", pupils: 2000, socialIndex: nil, teachers: 0))
        schools.append(School(id: "200002", name: "BK 2", form: "Berufskolleg", district: "Nord", pupils: 1000, socialIndex: nil, teachers: 0))
        let need = NeedRules(gradesInScope: 1...13, formGrades: ["Gesamtschule": 5...13, "Berufskolleg": 11...13],
                             pupilShareByLevel: Dictionary(uniqueKeysWithValues: (1...9).map { ($0, shares[$0 - 1]) }),
                             priorityWeightByLevel: Dictionary(uniqueKeysWithValues: (1...9).map { ($0, Decimal(1)) }),
                             withoutLevel: ["Berufskolleg": .level(4)], defaultWithoutLevel: nil,
                             formFactor: factor == 1 ? [:] : ["Berufskolleg": factor])
        return Scenario(name: "known city", schools: schools,
                        deviceKinds: [DeviceKind(id: "pupil", label: "P", basis: .pupils, unitPrice: Money(cents: 10_000))],
                        pools: [Pool(id: "money", name: "M", budget: budget, kinds: ["pupil"], rule: .any)],
                        need: need, objective: .maximin)
    }

    /// Counts per school from the true model (optionally with deterministic noise).
    static func perSchool(noise: Double = 0) throws -> [ObservedGroup] {
        let truth = scenario(shares: trueShares, factor: trueFactor)
        let table = try NeedTable(truth)
        return truth.schools.enumerated().map { i, s in
            let wiggle = noise == 0 ? 0 : noise * (i % 3 == 0 ? 1 : i % 3 == 1 ? -1 : 0.5)
            return ObservedGroup(kind: .school, key: s.id, observed: Int((Double(table.entries[i][0].need) * (1 + wiggle)).rounded()))
        }
    }

    static func observations(_ groups: [ObservedGroup]) -> Observations { Observations(file: "known.csv", countColumn: "n", groups: groups) }
}

@Suite struct CalibrationTests {
    let calibrator = Calibrator(solver: GLPKSolver())

    func spec(factor: Bool = true) -> CalibrationSpec {
        var s = CalibrationSpec()
        s.factorForms = factor ? ["Berufskolleg"] : []
        s.leaveOneOut = false
        return s
    }

    @Test func recoversKnownParametersExactlyWithoutNoise() throws {
        let r = try calibrator.calibrate(KnownCity.scenario(), observations: KnownCity.observations(try KnownCity.perSchool()), spec: spec())
        for l in 1...9 { #expect(r.scenario.need.pupilShareByLevel[l] == KnownCity.trueShares[l - 1], "level \(l)") }
        #expect(r.scenario.need.formFactor["Berufskolleg"] == KnownCity.trueFactor)
        #expect(r.converged)
        #expect(r.groups.allSatisfy { $0.after == $0.group.observed })
        #expect(r.mapeAfter == 0)
        #expect(r.mapeBefore! > 0.3)
    }

    /// With ±5 % noise on every count, each fitted share stays within 8 % of the true one
    /// (the L1 fit is a weighted median of the three schools of each level).
    @Test func recoversKnownParametersWithinToleranceWithNoise() throws {
        let r = try calibrator.calibrate(KnownCity.scenario(), observations: KnownCity.observations(try KnownCity.perSchool(noise: 0.05)), spec: spec())
        for l in 1...9 {
            let fitted = double(r.scenario.need.pupilShareByLevel[l]!), truth = double(KnownCity.trueShares[l - 1])
            #expect(abs(fitted - truth) / truth <= 0.08, "level \(l): \(fitted) vs \(truth)")
        }
        let f = double(r.scenario.need.formFactor["Berufskolleg"]!)
        #expect(abs(f - 0.3) / 0.3 <= 0.08)
        #expect(r.mapeAfter! < 0.05)
    }

    @Test func monotonicityAndBoundsHold() throws {
        // Counts from a table that falls from level 5 to 6 and rises above 0.35.
        var shares = KnownCity.trueShares
        shares[4] = Decimal(string: "0.35")!; shares[5] = Decimal(string: "0.1")!; shares[8] = Decimal(string: "0.6")!
        let truth = KnownCity.scenario(shares: shares)
        let table = try NeedTable(truth)
        let groups = truth.schools.enumerated().map { ObservedGroup(kind: .school, key: $1.id, observed: table.entries[$0][0].need) }
        var s = spec()
        s.bounds = ["need.pupilShareByLevel": 0.02...0.4, "need.formFactor.Berufskolleg": 0.5...0.9]
        let r = try calibrator.calibrate(KnownCity.scenario(), observations: KnownCity.observations(groups), spec: s)
        let fitted = (1...9).map { r.scenario.need.pupilShareByLevel[$0]! }
        for l in 0..<8 { #expect(fitted[l] <= fitted[l + 1], "level \(l + 1) above level \(l + 2)") }
        #expect(fitted.allSatisfy { $0 >= Decimal(string: "0.02")! && $0 <= Decimal(string: "0.4")! })
        let f = r.scenario.need.formFactor["Berufskolleg"]!
        #expect(f >= Decimal(string: "0.5")! && f <= Decimal(string: "0.9")!)
        // Without monotonicity the fall is reproduced.
        s.monotone = false
        let free = try calibrator.calibrate(KnownCity.scenario(), observations: KnownCity.observations(groups), spec: s)
        #expect(free.scenario.need.pupilShareByLevel[6]! < free.scenario.need.pupilShareByLevel[5]!)
    }

    @Test func leaveOneOutPredictsUnseenGroups() throws {
        var s = spec()
        s.leaveOneOut = true
        let r = try calibrator.calibrate(KnownCity.scenario(), observations: KnownCity.observations(try KnownCity.perSchool()), spec: s)
        // Two schools of each level remain: every left-out school is predicted from the others.
        for g in r.groups where g.group.key.hasPrefix("1") {
            #expect(abs(g.leaveOneOutRelativeError!) < 0.01, "\(g.group.label): \(g.leaveOneOut!) vs \(g.group.observed)")
        }
        #expect(r.mapeLeaveOneOut! < 0.01)
        #expect(!r.notes.contains { $0.description.contains("free parameters") })

        // Three district counts for ten parameters: said so, and the leave-one-out error is larger.
        let truth = KnownCity.scenario(shares: KnownCity.trueShares, factor: KnownCity.trueFactor)
        let table = try NeedTable(truth)
        let districts = ["Nord", "Mitte", "Süd"].map { d in
            ObservedGroup(kind: .district, key: d, observed: truth.schools.indices.filter { truth.schools[$0].district == d }.reduce(0) { $0 + table.entries[$1][0].need })
        }
        let few = try calibrator.calibrate(KnownCity.scenario(), observations: KnownCity.observations(districts), spec: s)
        #expect(few.notes.contains(.underdetermined(groups: 3, freeParameters: 10)))
        #expect(few.groups.allSatisfy { $0.leaveOneOut != nil })
        #expect(few.mapeAfter! < few.mapeBefore!)
    }

    @Test func coverageBelowOneIsIterated() throws {
        // Money for 60 % of the true need: the plan's devices are need × coverage, and the
        // rounds settle with the plan's total near the observed total.
        let truth = KnownCity.scenario(shares: KnownCity.trueShares, factor: KnownCity.trueFactor)
        let totalNeed = try NeedTable(truth).totalNeed(kind: 0)
        let devices = totalNeed * 6 / 10
        let base = KnownCity.scenario(budget: Money(cents: devices * 10_000))
        let groups = [ObservedGroup(kind: .total, key: "", observed: devices),
                      ObservedGroup(kind: .district, key: "Nord", observed: devices / 3)]
        let r = try calibrator.calibrate(base, observations: KnownCity.observations(groups), spec: spec())
        #expect(r.iterations.count <= 8)
        #expect(abs(r.groups[0].after - devices) <= 2)
        #expect(abs(r.groups[1].relativeError!) < 0.05)
    }

    // MARK: bad input

    func parse(_ text: String) throws(ScenarioError) -> Observations {
        try Observations.parse(text: text, file: "obs.csv", scenario: KnownCity.scenario())
    }

    @Test(arguments: [
        ("stadtbezirk,n\nNord,10\nAtlantis,5\n", "obs.csv:3", "unknown district 'Atlantis'"),
        ("schulnummer,n\n100010,10\n999999,5\n", "obs.csv:3", "unknown school number '999999'"),
        ("schulform,n\nGymnasium,10\n", "obs.csv:2", "unknown school form 'Gymnasium'"),
        ("sozialindex,n\n10,10\n", "obs.csv:2", "expected an index level 1-9"),
        ("stadtbezirk,n\nNord,10\nNord,11\n", "obs.csv:3", "repeats the district 'Nord' of line 2"),
        ("stadtbezirk,n\nNord,-3\n", "obs.csv:2", "found -3, expected a count of devices, 0 or more"),
        ("stadtbezirk,n\nNord,viele\n", "obs.csv:2", "found 'viele', expected a whole number"),
        ("stadtbezirk,n\nNord,1.5\n", "obs.csv:2", "expected a whole number"),
        ("stadtbezirk,n,quelle\nNord,100,x\nSüd,100,x\nStadt (alle Bezirke),150,y\n", "obs.csv:4", "the total 150 is below the sum of its 2 district rows (200"),
        ("stadtbezirk,schulnummer,n\nNord,,10\n,100021,20\n", "obs.csv:2", "below the sum of its"),
        ("stadtbezirk,a,b\nNord,1,2\n", "obs.csv:1", "several columns that could hold the counts"),
        ("n\n5\n", "obs.csv:1", "has no column naming the group"),
        ("stadtbezirk,schulform,n\nNord,Gesamtschule,5\n", "obs.csv:2", "names a group in 2 columns"),
    ])
    func badObservedFilesAreExplained(_ text: String, _ place: String, _ message: String) {
        let error = #expect(throws: ScenarioError.self) { _ = try parse(text) }
        #expect(error?.description.contains(place) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test func readsTheShippedFileShape() throws {
        let obs = try parse("stadtbezirk,leih_ipads_2021,quelle\nNord,20,\"a, b\"\nStadt Dortmund (alle 12 Bezirke),100,\"c\"\n")
        #expect(obs.countColumn == "leih_ipads_2021")
        #expect(obs.groups.map(\.kind) == [.district, .total])
        #expect(obs.groups.map(\.line) == [2, 3])
    }

    @Test func observedDevicesBeyondThePoolsAreInfeasible() throws {
        let base = KnownCity.scenario(budget: Money(cents: 1_000 * 10_000))
        let obs = KnownCity.observations([ObservedGroup(kind: .total, key: "", observed: 1_051, line: 2)])
        let error = #expect(throws: CalibrationError.self) { _ = try calibrator.calibrate(base, observations: obs, spec: spec()) }
        guard case .infeasible = error else { Issue.record("expected infeasible, got \(String(describing: error))"); return }
        #expect(ErrorWords.text(error!, .en).contains("known.csv: the observed total (line 2) add up to 1,051 devices"))
    }

    @Test func boundsThatContradictMonotonicityAreInfeasible() throws {
        var s = spec()
        s.bounds = ["need.pupilShareByLevel.3": 0.5...0.6, "need.pupilShareByLevel.7": 0.1...0.2]
        let error = #expect(throws: CalibrationError.self) {
            _ = try calibrator.calibrate(KnownCity.scenario(), observations: KnownCity.observations(try KnownCity.perSchool()), spec: s)
        }
        guard case .infeasible = error else { Issue.record("expected infeasible"); return }
        #expect(ErrorWords.text(error!, .en).contains("must not fall with the level"))
    }

    @Test func badOptionsAreExplained() {
        let scenario = KnownCity.scenario()
        #expect(throws: CalibrationError.badInput(option: "--fit need.formFactor.Gymnasium", .notASchoolForm("Gymnasium", allowed: ["Berufskolleg", "Gesamtschule"]))) {
            _ = try CalibrationSpec.parse(fit: ["need.formFactor.Gymnasium"], bounds: [], scenario: scenario)
        }
        #expect(throws: CalibrationError.infeasible(.boundsCrossed(option: "--bound need.pupilShareByLevel=0.5:0.2", low: 0.5, high: 0.2))) {
            _ = try CalibrationSpec.parse(fit: [], bounds: ["need.pupilShareByLevel=0.5:0.2"], scenario: scenario)
        }
        let defaults = try? CalibrationSpec.parse(fit: [], bounds: [], scenario: scenario)
        #expect(defaults?.fitShares == true && defaults?.factorForms == ["Berufskolleg"])
    }

    // MARK: need.formFactor

    @Test func formFactorScalesTheNeedOfItsForm() throws {
        let plain = try NeedTable(KnownCity.scenario())
        let scaled = try NeedTable(KnownCity.scenario(factor: Decimal(string: "0.333")!))
        let bk = KnownCity.scenario().schools.firstIndex { $0.id == "200001" }!
        // 2000 pupils × 0.2 = 400; × 0.333 = 133.2 -> 133
        #expect(plain.entries[bk][0].need == 400)
        #expect(scaled.entries[bk][0].need == 133)
        #expect(plain.entries[0][0].need == scaled.entries[0][0].need)
    }

    @Test func whatIfFileExtendsTheScenarioAndLoads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("what-if"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try calibrator.calibrate(KnownCity.scenario(), observations: KnownCity.observations(try KnownCity.perSchool()), spec: spec())
        let text = CalibrationText.whatIf(r, extendsPath: "../base.yaml", language: .en)
        #expect(text.contains("extends: \"../base.yaml\""))
        #expect(text.contains("    9: 0.5"))
        #expect(text.contains("# fitted (was 0.2), bounds 0–1"))
        #expect(text.contains("    Berufskolleg: 0.3  # fitted (was 1), bounds 0–1"))
        #expect(CalibrationReport.relativePath(of: "Scenarios/dortmund-2020.yaml", from: "Scenarios/what-if/x.yaml") == "../dortmund-2020.yaml")
        let json = CalibrationReport.json(r)
        #expect(json.contains("\"mapeAfter\" : 0"))
    }
}

/// The shipped default scenario carries the calibrated need model: its plan reproduces the
/// observed 2021 counts of the three districts within 10 % and still spends the grants.
@Suite struct CalibratedDefaultScenarioTests {
    @Test func districtsWithinTenPercentOfTheObservedCounts() throws {
        let scenario = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        let observed = try Observations.read(
            path: Paths.repository.appendingPathComponent("Scenarios/data/dortmund-loan-devices-2021-observed.csv").path, scenario: scenario)
        let plan = try engine.solve(scenario)
        let districts = observed.groups.filter { $0.kind == .district }
        #expect(districts.map(\.key) == ["Innenstadt-West", "Scharnhorst", "Hombruch"])
        for g in districts {
            let devices = plan.schools.filter { g.contains($0.school) }.reduce(0) { $0 + $1.devices[0] }
            #expect(abs(Double(devices - g.observed)) <= 0.10 * Double(g.observed), "\(g.key): plan \(devices), observed \(g.observed)")
        }
        // The grants are spent as before: about 19,600 pupil devices.
        #expect((19_400...19_600).contains(plan.totalDevices(kind: 0)))
        #expect(plan.pools[0].remaining < Money(cents: 31_230))
    }
}
