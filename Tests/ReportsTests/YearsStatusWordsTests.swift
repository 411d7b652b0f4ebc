import Testing
import LinearProgramming
import Reports

/// Issue 19: the years status line says why each stage is not proven — stopped at the time
/// limit, or not searched (GLPK's integer search did not run; the bound is LP relaxations') —
/// grouped by why, in German and English (`TerminationStatus.ofStage` decides which).
@Suite struct YearsStatusWordsTests {
    /// The status line groups the unproven stages by why, in German and English.
    @Test func theStatusLineSaysWhyInBothLanguages() {
        func figure(_ name: String, _ status: TerminationStatus, _ value: Double, _ bound: Double) -> YearsFigures.StageFigure {
            YearsFigures.StageFigure(Lexicographic.Stage(name: name, status: status, objective: value, bestBound: bound, seconds: 1),
                                     quantity: name == "changes" ? .changes : .deviceYears, value: value)
        }
        let stages = [figure("need-weighted device-years", .notSearched, 100, 104), figure("changes", .feasible, 50, 40)]
        let en = YearsReport.status(stages: stages, .en)
        #expect(en == "feasible, not proven optimal; not searched (GLPK's integer search did not run, bound from LP relaxations): "
                    + "stage 'need-weighted device-years': 100, proven bound 104 · stopped at the time limit: stage 'changes': 50, proven bound 40", "\(en)")
        let de = YearsReport.status(stages: stages, .de)
        #expect(de == "zulässig, nicht als optimal bewiesen; nicht durchsucht (GLPKs ganzzahlige Suche lief nicht, Schranke aus LP-Relaxationen): "
                    + "Stufe „bedarfsgewichtete Gerätejahre“: 100, bewiesene Schranke 104 · vom Zeitlimit angehalten: Stufe „Änderungen“: 50, bewiesene Schranke 40", "\(de)")
    }

    /// A search that ended at its work limit (a node count, the same on every machine) is said
    /// so, not "stopped at the time limit" (seventh session).
    @Test func aSearchAtItsWorkLimitIsNotATimeLimit() {
        let stage = YearsFigures.StageFigure(Lexicographic.Stage(name: "own money", status: .workLimit, objective: 10, bestBound: 9, seconds: 1),
                                             quantity: .money, value: 10)
        let en = YearsReport.status(stages: [stage], .en), de = YearsReport.status(stages: [stage], .de)
        #expect(en.contains("search ended at its work limit (a fixed number of nodes, the same on every machine): stage"), "\(en)")
        #expect(de.contains("Suche an ihrer Arbeitsgrenze beendet (feste Knotenzahl, auf jedem Rechner gleich): Stufe"), "\(de)")
        #expect(!en.contains("time limit") && !de.contains("Zeitlimit"))
    }
}
