import Testing
import Calibration
import Reports
import Scheduling

/// The progress lines of `schedule` and `calibrate` (issue 18), in German and English.
@Suite struct ProgressWordsTests {
    @Test func aStageLineNamesTheStageTheBestScheduleTheBoundAndTheGapWithItsUnit() {
        let p = ScheduleProgress(step: .stage(index: 0, count: 2, name: "money spent by the deadlines (euros)"),
                                 incumbent: 1_000_000, bound: 1_000_100)
        #expect(ProgressWords(.en).schedule(p)
            == "schedule: stage 1 of 2, money spent by the deadlines (euros); best schedule 1000000.0; bound 1000100.0; gap 0.0100 % (100.0 €)")
        #expect(ProgressWords(.de).schedule(p)
            == "Zeitplan: Stufe 1 von 2, bis zu den Fristen ausgegebenes Geld (Euro); bester Plan 1000000,0; Schranke 1000100,0; Lücke 0,0100 % (100,0 €)")
        let weeks = ScheduleProgress(step: .stage(index: 1, count: 2, name: "weighted device-weeks"), incumbent: 200, bound: 201)
        #expect(ProgressWords(.de).schedule(weeks).hasSuffix("Lücke 0,5000 % (1,0 gewichtete Geräte-Wochen)"))
        #expect(ProgressWords(.en).schedule(.init(step: .relaxation)) == "schedule: upper bound from the linear relaxation")
        #expect(ProgressWords(.de).schedule(.init(step: .done, incumbent: 1, bound: 2)) == "Zeitplan: fertig, wird geprüft")
        #expect(ProgressWords(.de).schedule(.init(step: .startingPlan, bound: 12.5))
            == "Zeitplan: Startplan (Reihenfolge der Schulen, Tauschschritte); Schranke 12,5")
    }

    @Test func aCalibrationLineNamesTheRoundTheChangeAndTheError() {
        let p = CalibrationProgress(step: .round(3), maxRounds: 8, change: 0.0123, meanError: 0.042)
        #expect(ProgressWords(.en).calibration(p) == "calibrate: round 3 of at most 8; change 0.0123; mean absolute percentage error 4.2 %")
        #expect(ProgressWords(.de).calibration(p) == "Kalibrierung: Runde 3 von höchstens 8; Änderung 0,0123; mittlere prozentuale Abweichung 4,2 %")
        #expect(ProgressWords(.de).calibration(.init(step: .round(0), maxRounds: 8, change: nil, meanError: 0.1))
            == "Kalibrierung: Ausgangsplan; mittlere prozentuale Abweichung 10,0 %")
        #expect(ProgressWords(.en).calibration(.init(step: .leaveOneOut(done: 4, of: 30), maxRounds: 8, change: nil, meanError: nil))
            == "calibrate: leave-one-out check 4 of 30")
    }
}
