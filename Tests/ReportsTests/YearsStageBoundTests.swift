import Testing
import Allocation
import LinearProgramming
import Reports

/// Issue 19: a stage's bound is shown in the unit of its verified figure, rounded to the side no
/// plan passes, never on the wrong side of the value, and a bound that proves nothing (0 for a
/// count or a sum of money) is called trivial in both languages.
@Suite struct YearsStageBoundTests {
    typealias F = YearsFigures.StageFigure
    static func stage(_ name: String, _ objective: Double, _ bound: Double) -> Lexicographic.Stage {
        Lexicographic.Stage(name: name, status: .feasible, objective: objective, bestBound: bound, seconds: 1)
    }

    @Test func boundsOnTheRightSideInTheFiguresUnit() {
        // A negative model bound for a count: clamped at the trivial bound 0 and said so.
        let changes = F(Self.stage("changes", 18_802, -4_160), quantity: .changes, value: 47_850)
        #expect(changes.bound == 0 && changes.isTrivial)
        // A fractional bound of a count rounds up (no plan has fewer), never above the value.
        #expect(F(Self.stage("changes", 47_850, 21_451.2), quantity: .changes, value: 47_850).bound == 21_452)
        #expect(F(Self.stage("changes", 40, 41), quantity: .changes, value: 40).bound == 40)
        // Device-years: a whole number, rounded down (no plan has more), never below the value.
        let years = F(Self.stage("need-weighted device-years", 88_754, 115_304.73), quantity: .deviceYears, value: 88_754)
        #expect(years.bound == 115_304 && !years.isTrivial)
        #expect(F(Self.stage("need-weighted device-years", 90, 88.5), quantity: .deviceYears, value: 90).bound == 90)
        // Own money: cents rounded down, never above the value, never negative.
        #expect(F(Self.stage("own money", 8_501_800, 3_790_253.837), quantity: .money, value: 8_501_800).bound == 3_790_253.83)
        #expect(F(Self.stage("own money", 100, -5), quantity: .money, value: 100).isTrivial)
        // The share: rounded up to 0.1 %, within [value, 1].
        let share = F(Self.stage("smallest coverage", 0.365, 0.65612), quantity: .share, value: 0.365, share: Ratio(73, 200))
        #expect(abs(share.bound - 0.657) < 1e-12)
    }

    @Test func statusLineSaysTrivialInBothLanguages() {
        let stages = [
            F(Lexicographic.Stage(name: "smallest coverage", status: .optimal, objective: 0.5, bestBound: 0.5, seconds: 1),
              quantity: .share, value: 0.5, share: Ratio(1, 2)),
            F(Self.stage("need-weighted device-years", 88_754, 115_304), quantity: .deviceYears, value: 88_754),
            F(Self.stage("changes", 18_802, -4_160), quantity: .changes, value: 47_850),
        ]
        let en = YearsReport.status(stages: stages, .en)
        #expect(en.contains("stage 'changes': 47,850, proven bound 0 (trivial: no better bound proven)"), "\(en)")
        #expect(en.contains("stage 'need-weighted device-years': 88,754, proven bound 115,304;"), "\(en)")
        #expect(!en.contains("-4"))
        let de = YearsReport.status(stages: stages, .de)
        #expect(de.contains("Stufe „Änderungen“: 47.850, bewiesene Schranke 0 (trivial: keine bessere Schranke bewiesen)"), "\(de)")
        #expect(de.contains("Stufe „bedarfsgewichtete Gerätejahre“: 88.754, bewiesene Schranke 115.304;"), "\(de)")
    }
}
