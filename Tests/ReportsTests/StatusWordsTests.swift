import Testing
@testable import Reports

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
