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

    /// `allocate calibrate`'s fitted values by their labels in the command's language; the key
    /// path (what --fit and --bound take) only in the last column.
    @Test func fittedValuesByTheirLabels() throws {
        let r = try Self.fit()
        let de = CalibrationText.render(r, language: .de), en = CalibrationText.render(r, language: .en)
        func rows(_ text: String, _ first: String) -> [Substring] { text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix(first) } }
        #expect(rows(de, "need.").isEmpty && rows(en, "need.").isEmpty, "a row begins with a key path:\n\(de)\n\(en)")
        #expect(rows(de, "Parameter").first.map { $0.hasSuffix("Schlüssel") } == true, "\(de)")
        #expect(rows(en, "Parameter").first.map { $0.hasSuffix("Key") } == true, "\(en)")
        for l in 1...9 {
            #expect(rows(de, "Anteil mit Bedarf, Stufe \(l) ").first?.hasSuffix(" need.pupilShareByLevel.\(l)") == true, "level \(l):\n\(de)")
            #expect(rows(en, "share in need, level \(l) ").first?.hasSuffix(" need.pupilShareByLevel.\(l)") == true, "level \(l):\n\(en)")
        }
        #expect(rows(de, "Faktor der Schulform: Berufskolleg ").first?.hasSuffix(" need.formFactor.Berufskolleg") == true, "\(de)")
        #expect(rows(en, "factor of the form: Berufskolleg ").first?.hasSuffix(" need.formFactor.Berufskolleg") == true, "\(en)")
        for english in ["share in need", "factor of the form", "Key"] { #expect(!de.contains(english), "German text says '\(english)'") }
        for german in ["Anteil mit Bedarf", "Faktor der Schulform", "Schlüssel"] { #expect(!en.contains(german), "English text says '\(german)'") }
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
