import Foundation
import Testing
import Allocation
import Reports
import ScenarioFiles
import Scheduling
import WhatIf
import GLPKSolver
import TestSupport

/// Issue 15, the small rest: device kinds by their labels (never their ids) in the sweep chart
/// and in the German infeasibility advice; the schedule's column heads in the text's language.
@Suite struct KindLabelLanguageTests {
    static func sweep(_ vary: [String]) throws -> SweepResult {
        let template = try ScenarioTemplate.load(path: Paths.fixture("valid/small.yaml"))
        return try Sweep.run(template: template, axes: try vary.map { try SweepAxis(parsing: $0) }, engine: engine)
    }

    @Test func theSweepChartNamesAKindByItsLabel() throws {
        let line = try Self.sweep(["deviceKinds.pupil.unitPrice=300:500:3"])
        let heat = try Self.sweep(["pools.sofort.budget=0:60000:3", "deviceKinds.pupil.unitPrice=300:500:3"])
        #expect(line.kinds.map(\.id) == ["pupil", "teacher"])
        for chart in [line, heat] {
            // The scenario's label in German ("Pupil device" in this fixture), the English layer's word in English.
            let de = SweepReport.svg(chart, language: .de), en = SweepReport.svg(chart, language: .en)
            #expect(de.contains("Pupil device: Stückpreis"), "\(de)")
            #expect(en.contains("Pupil devices: "), "\(en)")
            for svg in [de, en] { #expect(svg.firstMatch(of: #/\bpupil\b/#) == nil, "the kind's id in \(svg)") }
        }
        // The German CSV heads the axis by the same label; the English CSV keeps the key path (machine-readable).
        #expect(SweepReport.csv(line, language: .de).hasPrefix("Pupil device: Stückpreis,"))
        #expect(SweepReport.csv(line, language: .en).hasPrefix("deviceKinds.pupil.unitPrice,"))
        #expect(SweepReport.plateauText(line, language: .de).map { !$0.contains("pupil") } ?? true)
    }

    @Test func theScheduleHeadsItsSchoolNumberColumnInItsLanguage() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("schedule/small-weekly.yaml"))
        let r = try RolloutScheduler(solver: GLPKSolver()).schedule(try engine.solve(loaded.scenario), rules: try #require(loaded.schedule))
        let en = ScheduleReport.text(r, timing: false, language: .en), de = ScheduleReport.text(r, timing: false, language: .de)
        #expect(en.contains("School number") && !en.contains("Schulnummer"), "\(en)")
        #expect(de.contains("Schulnummer") && !de.contains("School number"), "\(de)")
    }

    @Test func germanInfeasibilityAdviceNamesKindsByLabel() {
        let why = Infeasibility(rule: .coverageFloors,
                                floors: [.init(kind: "pupil", floor: Decimal(string: "0.5")!, devices: 1200, label: "Schülergeräte"),
                                         .init(kind: "teacher", floor: 0, devices: 0, label: "Lehrkräfte-Geräte")],
                                shortfall: Money(cents: 100_000),
                                fixes: [.lowerFloor(kind: "pupil", from: Decimal(string: "0.5")!, to: Decimal(string: "0.45")!)])
        let de = ErrorWords.text(why, .de), en = ErrorWords.text(why, .en)
        #expect(de.hasPrefix("Die Mindestabdeckungen Schülergeräte 50\u{a0}% (1.200 Geräte) kosten"), "\(de)")   // a 0 % floor asks for nothing
        #expect(de.contains("die Mindestabdeckung für Schülergeräte (deviceKinds.pupil.coverageFloor) von 50\u{a0}% auf 45\u{a0}% senken"), "\(de)")
        #expect(!de.contains("pupil 50") && !de.contains("teacher 0"), "\(de)")
        // English: by id where the floor does not say whose need the kind meets (by label where it does: GermanThroughoutWordsTests).
        #expect(en.hasPrefix("The floors pupil 50 % (1,200 devices) cost"), "\(en)")
    }
}
