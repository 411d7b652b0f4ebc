import Testing
@testable import Reports

/// Issue 15: `allocate history show` names the recorded audit entries by their labels, as the
/// report's audit does (`ParameterLabel` for the scenario's values, `auditLabel` for the
/// rest), German by default and English with --lang en; the key path beside as a hint.
@Suite struct HistoryAuditLabelTests {
    static let entries: [(section: String, key: String, value: String)] = [
        ("audit", "toolVersion", "0.2.0"),
        ("scenario", "name", "Dortmund 2020"),
        ("scenario", "deviceKinds.pupil.label", "Schülergerät"),
        ("scenario", "deviceKinds.pupil.unitPrice", "347.00"),
        ("scenario", "pools.sofort.name", "Sofortausstattung"),
        ("scenario", "pools.sofort.budget", "5490000.00"),
        ("scenario", "need.pupilShareByLevel.3", "0.1217"),
        ("scenario", "need.withoutLevel.default", "5"),
        ("solverOptions", "solver.relativeGap", "0.0001"),
        ("outcome", "status", "optimal"),
        ("outcome", "stage: tie-break", "optimal, objective 1.5, bound 1.5"),
    ]

    @Test func germanLabels() {
        let lines = StatusWords(.de).auditLines(Self.entries)
        #expect(lines == [
            "Programmversion (toolVersion): 0.2.0",
            "Werte des Szenarios:",
            "  Name (name): Dortmund 2020",
            "  Schülergerät: Bezeichnung (deviceKinds.pupil.label): Schülergerät",
            "  Schülergerät: Stückpreis (deviceKinds.pupil.unitPrice): 347,00",
            "  Sofortausstattung: Name (pools.sofort.name): Sofortausstattung",
            "  Sofortausstattung: Budget (pools.sofort.budget): 5490000,00",
            "  Anteil mit Bedarf, Stufe 3 (need.pupilShareByLevel.3): 0,1217",
            "  Stufe für Schulen ohne Sozialindex (need.withoutLevel.default): 5",
            "Einstellungen des Solvers:",
            "  Relative Toleranz (solver.relativeGap): 0,0001",
            "Ergebnis:",
            "  Status (status): optimal",
            "  Stufe der Optimierung: Gleichstandsregel: optimal, Zielwert 1,5, Schranke 1,5",
        ], "\(lines)")
    }

    @Test func englishLabels() {
        let lines = StatusWords(.en).auditLines(Self.entries)
        #expect(lines.contains("  Sofortausstattung: Budget (pools.sofort.budget): 5490000.00"), "\(lines)")
        #expect(lines.contains("  Schülergerät: Unit price (deviceKinds.pupil.unitPrice): 347.00"), "\(lines)")
        #expect(lines.contains("Scenario values:") && lines.contains("Outcome:"), "\(lines)")
        #expect(lines.contains("  share in need, level 3 (need.pupilShareByLevel.3): 0.1217"), "\(lines)")
        // No key path stands alone as the label of a scenario value.
        #expect(!lines.contains { $0.hasPrefix("  pools.") || $0.hasPrefix("  scenario.") }, "\(lines)")
    }
}
