import Foundation
import Testing
import TestSupport
@testable import Allocation
@testable import Reports
import LinearProgramming

/// `Explanation` holds facts; `ExplanationReport` words them in German and English.
@Suite struct ExplanationWordsTests {
    /// small.yaml binds a budget, a grant's cap per device (teacher: price 520 €, cap 500 €) and,
    /// at a 5 % floor, the pupil floor.
    func explained() throws -> Explanation {
        var s = try loadFixture("valid/small.yaml")
        s.objective = .weighted
        s.deviceKinds[0].coverageFloor = Decimal(string: "0.05")!
        return try engine.explain(s)
    }

    @Test func theBindingsAreFactsInFigures() throws {
        let e = try explained()
        #expect(e.method == SensitivityMethod(solver: "GLPK", routines: ["glp_analyze_bound", "glp_eval_tab_col", "glp_eval_tab_row"]))
        let cap = try #require(e.bindings.first { $0.rule == .cap })
        guard case let .capBinds(pool, kind, capPerDevice, price, pays, rate, devices) = cap.fact else { Issue.record("\(cap.fact)"); return }
        #expect(pool == "Lehrkräfte" && kind == "teacher" && capPerDevice == Money(cents: 50_000) && price == Money(cents: 52_000))
        #expect(pays == Money(cents: 50_000) && rate == 1 && devices > 0 && devices <= e.plan.totalDevices(kind: 1))
        let floor = try #require(e.bindings.first { $0.rule == .floor })
        #expect(floor.fact == .floorHolds(kind: "pupil", floor: Decimal(string: "0.05")!) && !floor.schools.isEmpty)
        #expect(e.weights.contains { $0.level == nil && $0.kind == "teacher" })
    }

    @Test func germanWordsEveryFactAndNumberTheGermanWay() throws {
        let e = try explained()
        let de = ExplanationReport.text(e, language: .de), en = ExplanationReport.text(e)
        #expect(en == ExplanationReport.text(e, language: .en), "English stays the default")
        for german in ["Zielfunktion:", "mehr oder weniger in jedem Förderprogramm", "Bindende Regeln", "[Höchstbetrag] Lehrkräfte: der Höchstbetrag von 500,00 € je Gerät (Teacher device) greift (Preis 520,00 €)",
                       "[Mindestabdeckung] Pupil device: die Mindestabdeckung von 5 % wird an 4 Schulen genau erreicht", "Budget ausgeschöpft", "Stufe 9",
                       "Wie das berechnet wurde: Grenzwerte und Bereiche stammen aus der Sensitivitätsanalyse von GLPK (glp_analyze_bound"] {
            #expect(de.contains(german), "German text lacks \(german)")
        }
        for english in ["Objective:", "Rules that bind", "budget exhausted", "the cap of", "level 9", "How this was computed", " schools", "pupils covered", "devices per"] {
            #expect(!de.contains(english), "German text holds the English \(english)")
            #expect(en.contains(english), "English text lacks \(english)")
        }
        #expect(en.contains("[cap] Lehrkräfte: the cap of 500.00 € per device (teacher devices) binds (price 520.00 €); it pays 500.00 € (100 % of the cap)"))
        // Numbers: no English money in the German text.
        #expect(de.range(of: #"[0-9],[0-9]{3}\.[0-9]{2} €"#, options: .regularExpression) == nil)
        #expect(de.range(of: #"[0-9]\.[0-9]{2} €"#, options: .regularExpression) == nil)
    }

    @Test func theJSONKeepsItsShapeInBothLanguages() throws {
        let e = try explained()
        for language in ReportLanguage.allCases {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(ExplanationReport.json(e, language: language).utf8)) as? [String: Any])
            let bindings = try #require(json["bindings"] as? [[String: Any]])
            #expect(bindings.map { $0["rule"] as? String } == e.bindings.map(\.rule.rawValue), "rules stay keys, not words")
            let weights = try #require(json["weights"] as? [[String: Any]])
            #expect(weights.contains { $0["group"] as? String == "teacher" && $0["level"] is NSNull })
            #expect((json["basis"] as? String)?.contains("GLPK") == true)
        }
    }

    /// The domain names no solver routine: the adapter says which it calls.
    @Test func theDomainSpeaksNoGLPK() throws {
        let folder = Paths.repository.appendingPathComponent("Sources/Allocation")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("glp_"), "\(file) names a GLPK routine")
        }
    }
}
