import Testing
@testable import Reports
import Allocation
import ScenarioFiles
import Scheduling
import GLPKSolver
import TestSupport

/// The command-line status lines (issue 15): German with a German terminal, the English
/// lines byte for byte as the tool printed them before.
@Suite struct StatusWordsTests {
    @Test func englishLinesStayAsTheyWere() {
        let en = StatusWords(.en)
        #expect(en.sweepDone(points: 41, seconds: 3.204, infeasible: 0, csv: "out/sweep.csv", svg: "out/sweep.svg")
                == "41 points in 3.20 s; wrote out/sweep.csv and out/sweep.svg")
        #expect(en.sweepDone(points: 9, seconds: 0.5, infeasible: 2, csv: "o/sweep.csv", svg: "o/sweep.svg")
                == "9 points in 0.50 s, 2 infeasible; wrote o/sweep.csv and o/sweep.svg")
        #expect(en.wrote("out/report.html, report.xlsx") == "wrote out/report.html, report.xlsx")
        #expect(en.sweepProgress == "sweep")
    }

    @Test func germanLinesAreGerman() {
        let de = StatusWords(.de)
        let line = de.sweepDone(points: 41, seconds: 3.204, infeasible: 2, csv: "out/sweep.csv", svg: "out/sweep.svg")
        #expect(line == "41 Punkte in 3,20 s, 2 nicht lösbar; out/sweep.csv und out/sweep.svg geschrieben")
        #expect(de.wrote("out/report.html") == "out/report.html geschrieben")
        for english in ["points", "wrote", "infeasible"] { #expect(!line.contains(english)) }
    }
}

/// The schedule's column heads name a device kind by its label in German (issue 15), not by
/// the id a scenario file uses; English by its basis ("Pupil devices"), not by the id.
@Suite struct ScheduleKindHeadTests {
    @Test func germanHeadsUseTheKindsLabel() throws {
        let scheduled = try ScenarioLoader.load(path: Paths.fixture("schedule/small-weekly.yaml"))
        let plan = try AllocationEngine(solver: GLPKSolver()).solve(scheduled.scenario)
        let r = try RolloutScheduler(solver: GLPKSolver()).schedule(plan, rules: try #require(scheduled.schedule))
        let de = ScheduleReport.text(r, timing: false, language: .de), en = ScheduleReport.text(r, timing: false, language: .en)
        for kind in r.kinds where kind.label != kind.id {
            #expect(de.contains("Aus: \(kind.label)"))
            #expect(!de.contains("Aus: \(kind.id)"))
            // English names the kind by its basis ("Pupil devices"), never by its id or the German label.
            let english = Words(language: .en).kindLabel(kind)
            #expect(english == (kind.basis == .pupils ? "Pupil devices" : "Teacher devices"))
            #expect(en.contains("Out: \(english)") && !en.contains("Out: \(kind.id)"))
            // explain's device counts likewise: "+3 Geräte (label)" / "+3 pupil devices".
            #expect(ExplanationWords(language: .de).devices("+3", kind: ExplanationWords(language: .de).kindName(kind)) == "+3 Geräte (\(kind.label))")
            #expect(ExplanationWords(language: .en).devices("+3", kind: ExplanationWords(language: .en).kindName(kind)) == "+3 \(english.lowercased())")
        }
        #expect(r.kinds.contains { $0.label != $0.id })  // else the test above proves nothing
    }
}
