import Allocation
import Calibration
import Testing
@testable import Reports

@Suite struct CalibrationNoteWordsTests {
    /// The calibration note on observations the pools cannot buy: one bracket, for the devices
    /// (it read "die beobachtete Gesamtzahl (Zeile 5) (19.600 Geräte)").
    @Test func theUnaffordableObservationNoteHasOneBracket() {
        let total = CalibrationNote.moreThanAffordable(observed: 19_600, totalLine: 5, rows: 1, kind: .total, affordable: 18_000,
                                                       price: Money(cents: 50_000))
        let rows = CalibrationNote.moreThanAffordable(observed: 900, totalLine: nil, rows: 3, kind: .district, affordable: 800,
                                                      price: Money(cents: 50_000))
        let de = Words(language: .de), en = Words(language: .en)
        #expect(de.calibrationNote(total).hasPrefix("die beobachtete Gesamtzahl in Zeile 5 (19.600 Geräte) ist mehr"))
        #expect(en.calibrationNote(total).hasPrefix("the observed total in line 5 (19,600 devices) is more"))
        #expect(de.calibrationNote(rows).hasPrefix("die 3 beobachteten Zeilen der Art „Stadtbezirk“ (900 Geräte) sind mehr"))
        #expect(en.calibrationNote(rows).hasPrefix("the 3 observed district rows (900 devices) are more"))
        #expect(!de.calibrationNote(total).contains(") (") && !en.calibrationNote(total).contains(") ("))
    }
}
