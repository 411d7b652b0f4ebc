import Foundation
import Testing
@testable import PlannerService
@testable import Reports
import ScenarioFiles
import TestSupport

/// Issue 15: the planner's messages in German by default (`lang`), the command line's English
/// text byte for byte with `lang: en`.
@Suite(.serialized) struct GermanMessageTests {
    /// Words of the English message frames; none may remain in a German message.
    static let englishWords: Set<String> = ["found", "expected", "allowed", "unknown", "missing", "infeasible", "cannot", "raise", "lower",
                                            "euros", "amount", "share", "between", "floors", "devices", "device", "exists", "save", "empty",
                                            "enter", "value", "number", "the", "or", "and", "at", "most", "key", "here", "above", "by", "to"]

    /// English words left in a German message, ignoring key paths, file paths and quoted values.
    static func english(in message: String) -> [String] {
        message.split(separator: " ")
            .filter { !$0.contains(".") && !$0.contains("/") && !$0.hasPrefix("„") && !$0.hasPrefix("--") && !$0.contains("=") }
            .flatMap { $0.split { !$0.isLetter } }.map(String.init).filter(englishWords.contains)
    }

    /// Every value the planner's own fields can send that the scenario refuses: out of range,
    /// not a number, an unknown key, a rule on the parent broken, and floors no pool can pay.
    static let refused: [(key: String, value: String)] = [
        ("pools.sofort.budget", "-1"), ("pools.sofort.budget", "abc"), ("pools.sofort.budget", "5.555"), ("pools.sofort.budget", "1e40"),
        ("pools.sofort.budget", "1e-99999"),
        ("pools.sofort.fundingRate", "1.5"), ("pools.sofort.fundingRate", "0"), ("pools.sofort.fundingRate", "x"),
        ("pools.sofort.fundingRate", "0.00001"), ("pools.sofort.capPerDevice", "0"),
        ("deviceKinds.pupil.unitPrice", "-5"), ("deviceKinds.pupil.unitPrice", "0.01"),
        ("deviceKinds.pupil.coverageFloor", "1.2"), ("deviceKinds.pupil.coverageFloor", "nan"),
        ("deviceKinds.teacher.priorityWeight", "2000"), ("need.priorityWeightByLevel.3", "-1"), ("need.priorityWeightByLevel.3", "x"),
        ("objective", "fairest"), ("deviceKinds.pupil.foo", "3"), ("deviceKinds.pupil.unitprice", "3"),
        ("deviceKinds.pupil.coverageFloor", "0.99"), ("deviceKinds.pupil.coverageFloor", "1"),
    ]

    @Test(arguments: refused)
    func aRefusedValueIsExplainedInGermanBesideItsField(_ key: String, _ value: String) throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let request = "\"overrides\": {\"\(key)\": \"\(value)\"}"
        let german = try errorOf(service.handle("compare", body: body("{\(request)}")))
        let english = try errorOf(service.handle("compare", body: body("{\(request), \"lang\": \"en\"}")))
        let de = try #require(german["message"] as? String), en = try #require(english["message"] as? String)
        #expect(de != en, "\(key)=\(value): no German message: \(de)")
        #expect(Self.english(in: de).isEmpty, "\(key)=\(value): English left in \(de) — \(Self.english(in: de))")
        #expect(german["field"] as? String == english["field"] as? String && german["kind"] as? String == english["kind"] as? String)
        // The English text is the command line's, byte for byte.
        var cli = ""
        do { _ = try ScenarioLoader.load(path: copy.path + "/dortmund-2020.yaml", overrides: ["\(key)=\(value)"]) } catch { cli = error.description }
        if !cli.isEmpty { #expect(en == cli) }
        // German numbers: a decimal comma and a no-break space before € and %.
        #expect(!de.contains(" €") && !de.contains(" %"), "\(de)")
        if !value.contains("."), !value.contains("e"), value != "nan" { #expect(de.contains(value), "\(de) should quote \(value)") }
    }

    @Test func theInfeasibilityAdviceIsGermanWithGermanNumbers() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let r = try copy.service().handle("compare", body: body(#"{"overrides": {"deviceKinds.pupil.coverageFloor": "0.99"}}"#))
        let message = try #require(try errorOf(r)["message"] as? String)
        #expect(r.status == 422)
        #expect(message.hasPrefix("nicht lösbar: die Regel „Mindestabdeckung“ kann nicht eingehalten werden. Die Mindestabdeckungen Leihgerät für Schülerinnen und Schüler 99\u{a0}% (20.014 Geräte)"), "\(message)")
        #expect(message.contains("Jede einzelne dieser Änderungen genügt: ") && message.contains("(pools.sofort.budget) um 150.372,20\u{a0}€ auf 6.250.372,20\u{a0}€ erhöhen"), "\(message)")
        #expect(message.contains("die Mindestabdeckung für Leihgerät für Schülerinnen und Schüler (deviceKinds.pupil.coverageFloor) von 99\u{a0}% auf 96,5\u{a0}% senken"), "\(message)")
    }

    /// The request's own refusals (bad body, bad names) in both languages.
    @Test(arguments: [
        #"{"overrides": [1]}"#, #"{"overides": {}}"#, "not json", #"{"overrides": {"pools..budget": "1"}}"#,
        #"{"overrides": {"extends": "x"}}"#, #"{"overrides": {"pools.sofort.budget": ""}}"#, #"{"overrides": {"pools.sofort.budget": "{a: 1}"}}"#,
        #"{"overrides": {"pools.sofort.budget": 1e-99999999}}"#, #"{"title": "a\nb"}"#, #"{"lang": "fr"}"#, #"{"step": 0}"#,
        #"{"file": "../x"}"#, #"{"scenario": "../x.yaml"}"#,
    ])
    func malformedRequestsAreRefusedInGerman(_ text: String) throws {
        do {
            _ = try PlannerRequest.decode(body(text))
            Issue.record("\(text) should be refused")
        } catch {
            let german = try #require(error.german, "\(text): no German message for \(error.message)")
            #expect(german != error.message && error.message(.en) == error.message && error.message(.de) == german)
            #expect(Self.english(in: german).isEmpty, "\(text): English left in \(german)")
        }
    }

    @Test func theAnswerIsInTheLanguageAskedFor() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        // A body that cannot be decoded still answers in the language it names.
        let bad = #"{"lang": "en", "overrides": [1]}"#, badDe = #"{"lang": "de", "overrides": [1]}"#
        #expect(try errorOf(service.handle("compare", body: body(bad)))["message"] as? String == "overrides: expected an object of key path to value, e.g. {\"pools.sofort.budget\": \"5490000\"}")
        #expect((try errorOf(service.handle("compare", body: body(badDe)))["message"] as? String)?.hasPrefix("overrides: erwartet wird") == true)
        #expect((try errorOf(service.handle("compare", body: body(#"{"overrides": [1]}"#)))["message"] as? String)?.hasPrefix("overrides: erwartet wird") == true)
        // lang and its older name language agree or are refused.
        #expect(try PlannerRequest.decode(body(#"{"lang": "en", "language": "en"}"#)).lang == .en)
        #expect(try PlannerRequest.decode(body(#"{"language": "en"}"#)).lang == .en)
        #expect(try PlannerRequest.decode(body("{}")).lang == .de)
        #expect(throws: PlannerError.self) { try PlannerRequest.decode(body(#"{"lang": "en", "language": "de"}"#)) }
        // The comparison's definition follows lang.
        let compare = try object(service.handle("compare", body: body(#"{"lang": "en"}"#)))
        #expect(compare["definition"] as? String == Comparison.definition(.en))
        #expect(try object(service.handle("compare", body: Data()))["definition"] as? String == Comparison.definition(.de))
    }

    @Test func saveConflictsAreGerman() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let save = #"{"file": "twice", "overrides": {"pools.sofort.budget": "5490000"}}"#
        #expect(service.handle("save", body: body(save)).status == 201)
        let again = service.handle("save", body: body(save))
        #expect(again.status == 409)
        let message = try #require(try errorOf(again)["message"] as? String)
        #expect(message.hasSuffix("twice.yaml gibt es schon; bitte unter einem anderen Namen speichern oder die Datei ersetzen"), "\(message)")
        let english = try errorOf(service.handle("save", body: body(#"{"lang": "en", "file": "twice"}"#)))["message"] as? String
        #expect(english?.hasSuffix("twice.yaml exists; save under another name or replace it") == true)
    }

    @Test func sizeLimitsAreGerman() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        var limits = PlannerLimits()
        limits.modelCells = 100
        let small = try PlannerService(folder: ScenarioFolder(path: copy.path), defaultScenario: "dortmund-2020.yaml", limits: limits)
        let message = try #require(try errorOf(small.handle("solve", body: Data()))["message"] as? String)
        #expect(message.contains("Schulen × 2 Gerätearten = ") && message.contains("dieser Planer berechnet höchstens 100"), "\(message)")
        let tooLarge = PlannerError.tooLarge(limit: 65536)
        #expect(tooLarge.message(.de) == "die Anfrage hat mehr als 65.536 Bytes; erlaubt sind höchstens 65.536")
        #expect(tooLarge.message(.en) == "the request body has more than 65536 bytes; at most 65536")
        let kinds = (0..<3).map { "\"deviceKinds.k\($0).basis\": \"pupils\", \"deviceKinds.k\($0).unitPrice\": \"300\"" }.joined(separator: ", ")
        let added = try #require(try errorOf(copy.service().handle("solve", body: body("{\"overrides\": {\(kinds)}}")))["message"] as? String)
        #expect(added.contains("die Änderungen fügen den 2 Gerätearten des Szenarios 3 hinzu (k0, k1, k2); der Planer erlaubt höchstens 2 neue Gerätearten je Anfrage"), "\(added)")
    }

    /// Explain on a scenario that splits its pools among authorities: the engine's refusal in German.
    @Test func explainOnASplitScenarioIsRefusedInGerman() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        let request = #"{"scenario": "nrw/state-2020.yaml"}"#
        let r = service.handle("explain", body: body(request))
        let message = try #require(try errorOf(r)["message"] as? String)
        #expect(r.status == 422 && message.hasPrefix("widersprüchliches Szenario: „Erklären“ untersucht ein Budget je Förderprogramm"), "\(message)")
        #expect(Self.english(in: message).isEmpty, "\(message)")
        let english = try errorOf(service.handle("explain", body: body(#"{"scenario": "nrw/state-2020.yaml", "lang": "en"}"#)))["message"] as? String
        #expect(english?.hasPrefix("inconsistent scenario: explain analyses one budget per pool") == true)
    }

    @Test func numbersAreWrittenTheGermanWay() {
        #expect(ErrorWords.germanNumber("150372.20") == "150.372,20")
        #expect(ErrorWords.germanNumber("96.5") == "96,5")
        #expect(ErrorWords.germanNumber("20014") == "20.014")
        #expect(ErrorWords.germanNumber("-5") == "-5")
        #expect(ErrorWords.germanNumber("pools.sofort") == "pools.sofort")
    }
}
