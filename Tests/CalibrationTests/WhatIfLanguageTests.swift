import Foundation
import Testing
import Allocation
import Calibration
import GLPKSolver
import Reports
import TestSupport

/// Issue 15: the what-if file `allocate calibrate --out` writes is for the user: its comments
/// in the command's language (German for a German run, English with --lang en); the YAML it
/// sets is the same in both.
@Suite struct WhatIfLanguageTests {
    static func fit() throws -> CalibrationResult {
        var spec = CalibrationSpec()
        spec.factorForms = ["Berufskolleg"]
        spec.leaveOneOut = false
        return try Calibrator(solver: GLPKSolver()).calibrate(KnownCity.scenario(), observations: KnownCity.observations(try KnownCity.perSchool()), spec: spec)
    }

    /// The file without its comments: what a loader reads.
    static func yaml(_ text: String) -> [String] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: "#", maxSplits: 1)[0]).trimmingCharacters(in: .whitespaces) }
    }

    @Test func commentsInTheCommandsLanguage() throws {
        let r = try Self.fit()
        let de = CalibrationText.whatIf(r, extendsPath: "../base.yaml", language: .de)
        let en = CalibrationText.whatIf(r, extendsPath: "../base.yaml", language: .en)
        #expect(de.hasPrefix("# Angepasst von `allocate calibrate` an known.csv (Spalte n, 29 beobachtete Gruppen,\n# relative L1-Anpassung"), "\(de)")
        #expect(de.contains("# Mittlere absolute prozentuale Abweichung: vorher "))
        #expect(de.contains("#   Schule 100010: beobachtet "))
        #expect(de.contains("    9: 0.5        # angepasst (vorher 0,2), Grenzen 0–1\n"), "\(de)")
        #expect(de.contains("    Berufskolleg: 0.3  # angepasst (vorher 1), Grenzen 0–1\n"), "\(de)")
        #expect(de.contains("name: \"known city (kalibriert)\""))
        for english in ["Fitted", "fitted", "was ", "bounds", "observed", "before", "after", "Mean absolute", "leave-one-out", "column", "Note"] {
            #expect(!de.contains(english), "German what-if file says '\(english)':\n\(de)")
        }
        #expect(en.hasPrefix("# Fitted by `allocate calibrate` on known.csv (column n, 29 observed groups,\n# relative L1 fit"), "\(en)")
        #expect(en.contains("    9: 0.5        # fitted (was 0.2), bounds 0–1\n"))
        #expect(en.contains("name: \"known city (calibrated)\""))
        for german in ["angepasst", "vorher", "Grenzen", "beobachtet", "Spalte", "kalibriert"] {
            #expect(!en.contains(german), "English what-if file says '\(german)':\n\(en)")
        }
        // The values are the same, to the digit, whatever the language of the comments.
        #expect(Self.yaml(de).filter { !$0.hasPrefix("name:") } == Self.yaml(en).filter { !$0.hasPrefix("name:") })
    }
}
