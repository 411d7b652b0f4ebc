import Foundation
import Allocation
import ScenarioFiles

/// Error messages in the user's language. The English text is the command line's, byte for
/// byte; the German one says the same with German words and de-DE numbers (a no-break space
/// before € and %).
///
/// The scenario loader (ScenarioFiles) and the engine (Allocation) build their messages in
/// English from a few frames ("found X, expected WHAT", "unknown key; allowed here: …", the
/// coverage-floor advice). The German rendering reads those frames back here, so that neither
/// target needs to know about languages; a frame or phrase this file does not know stays
/// English (PlannerTests/GermanMessageTests renders every message the planner's own fields can
/// cause and fails on an English one).
public enum ErrorMessages {
    /// A scenario error as the command line prints it (`en`) or in German: the place (file,
    /// line, key path) stays as it is, the message is translated.
    public static func text(_ error: ScenarioError, _ language: ReportLanguage) -> String {
        guard language == .de else { return error.description }
        var shown = error
        shown.message = german(scenarioMessage: error.message)
        return shown.description
    }

    /// An allocation error as the command line prints it (`en`) or in German.
    public static func text(_ error: AllocationError, _ language: ReportLanguage) -> String {
        guard language == .de else { return error.description }
        switch error {
        case let .infeasible(rule, explanation):
            return "nicht lösbar: die Regel „\(ruleName(rule))“ kann nicht eingehalten werden. \(german(infeasibility: explanation))"
        case .inconsistentScenario(let s): return "widersprüchliches Szenario: \(german(inconsistency: s))"
        case .noPlanFound(let s):
            return "kein Plan gefunden: " + (s == "funding check ran out of time" ? "die Prüfung der Finanzierung hat ihre Zeitgrenze erreicht" : s)
        case .cancelled: return "die Berechnung wurde abgebrochen"
        default: return error.description
        }
    }

    /// Why a number written with an exponent is refused (`scientificProblem`), in German.
    public static func scientificProblem(_ reason: String, _ language: ReportLanguage) -> String {
        guard language == .de else { return reason }
        switch reason {
        case "a number with an exponent; write it out in plain digits":
            return "eine Zahl mit Exponent; bitte in Ziffern ausschreiben"
        case "too small: it underflows to 0 (below ±1e-308); write it out in plain digits":
            return "zu klein: sie wird zu 0 (unter ±1e-308); bitte in Ziffern ausschreiben"
        case "too large: it overflows (beyond ±1.8e308)":
            return "zu groß: sie läuft über (jenseits von ±1,8e308)"
        case "a number with an exponent; write it out in plain digits (e.g. 1e6 as 1000000)":
            return "eine Zahl mit Exponent; bitte in Ziffern ausschreiben (z. B. 1e6 als 1000000)"
        default: return reason
        }
    }

    // MARK: Scenario messages

    /// What a value must be, as the loader names it ("an amount in euros above 0 …").
    static let expectations: [String: String] = [
        "an amount in euros above 0 (at most 2 decimals)": "ein Betrag in Euro über 0 (höchstens 2 Nachkommastellen)",
        "an amount in euros, 0 or more (at most 2 decimals)": "ein Betrag in Euro, 0 oder mehr (höchstens 2 Nachkommastellen)",
        "a funding rate above 0 and at most 1": "eine Förderquote über 0 und höchstens 1 (also über 0\u{a0}% bis 100\u{a0}%)",
        "a share of need from 0 to 1": "ein Anteil am Bedarf von 0 bis 1 (0\u{a0}% bis 100\u{a0}%)",
        "a weight from 0 to 1000": "ein Gewicht von 0 bis 1.000",
        "a factor on the need share from 0 to 10 (1 = as the index level says)": "ein Faktor auf den Bedarfsanteil von 0 bis 10 (1 = wie die Indexstufe sagt)",
        "a number": "eine Zahl",
        "a whole number": "eine ganze Zahl",
        "true or false": "true oder false",
    ]

    /// Expectations whose values are shares: the German message shows a found value in percent too.
    static let shareExpectations: Set<String> = ["a funding rate above 0 and at most 1", "a share of need from 0 to 1"]

    static func german(scenarioMessage m: String) -> String {
        func what(_ english: Substring) -> String { expectations[String(english)] ?? String(english) }
        func found(_ value: Substring, _ expectation: Substring) -> String {
            let v = String(value)
            guard isPlain(v) else { return "„\(v)“" }
            let shown = deNumber(v)
            if shareExpectations.contains(String(expectation)), let d = Decimal(string: v, locale: Locale(identifier: "en_US_POSIX")) {
                return "\(shown) (= \(deNumber("\(d * 100)"))\u{a0}%)"
            }
            return shown
        }
        if let r = m.wholeMatch(of: #/found '(.*)'; NaN and infinity are not allowed, expected (.*)/#) {
            return "„\(r.1)“ gefunden; NaN und Unendlich sind nicht erlaubt, erwartet: \(what(r.2))"
        }
        if let r = m.wholeMatch(of: #/found '(.*)': (.*); expected (.*)/#) {
            return "„\(r.1)“ gefunden: \(scientificProblem(String(r.2), .de)); erwartet: \(what(r.3))"
        }
        if let r = m.wholeMatch(of: #/found '(.*)', expected (.*)/#) {
            return "„\(r.1)“ gefunden, erwartet: \(what(r.2))"
        }
        if let r = m.wholeMatch(of: #/found ([^'\s]\S*), expected (.*) (?:between|from) (\S+) (?:and|to) (\S+)/#) {
            // "a share of need from 0 to 1 between 0 and 1": the range once.
            let w = what(r.2)
            let range = "von \(deNumber(String(r.3))) bis \(deNumber(String(r.4)))"
            let repeated = r.2.hasSuffix("from \(r.3) to \(r.4)")
            return "\(found(r.1, r.2)) gefunden, erwartet: \(w)\(repeated ? "" : " " + range)"
        }
        if let r = m.wholeMatch(of: #/found ([^'\s]\S*), expected (.*)/#) {
            return "\(found(r.1, r.2)) gefunden, erwartet: \(what(r.2))"
        }
        if let r = m.wholeMatch(of: #/found '(.*)', allowed: (.*)/#) {
            return "„\(r.1)“ gefunden; erlaubt: \(r.2)"
        }
        if let r = m.wholeMatch(of: #/unknown key(?: \(did you mean '(.*)'\?\))?; allowed here: (.*)/#) {
            return "unbekannter Schlüssel" + (r.1.map { " (meinten Sie „\($0)“?)" } ?? "") + "; erlaubt sind hier: \(r.2)"
        }
        let kinds = ["a mapping": "eine Zuordnung", "a list": "eine Liste"]
        for (english, german) in [("a mapping (key: value lines)", "eine Zuordnung (Zeilen „Schlüssel: Wert“)"),
                                  ("a list ([a, b] or '- a' lines)", "eine Liste ([a, b] oder Zeilen „- a“)"), ("text", "ein Text")]
        where m.hasPrefix("expected \(english), found ") {
            let other = String(m.dropFirst("expected \(english), found ".count))
            return "erwartet: \(german), gefunden: \(kinds[other] ?? other)"
        }
        if let r = m.wholeMatch(of: #/missing '(\w+)' \((.*)\)/#) {
            let why = [
                "pupils or teachers": "pupils oder teachers",
                "euros per device bundle": "Euro je Gerätepaket",
                "the device kinds it may pay for": "die Gerätearten, die es bezahlen darf",
                "grant, remainder or any": "grant, remainder oder any",
                "euros": "Euro",
            ][String(r.2)] ?? String(r.2)
            return "„\(r.1)“ fehlt (\(why))"
        }
        if let r = m.wholeMatch(of: #/pays 0\.00 € per (\S+) device \(fundingRate × min\(price, capPerDevice\) is below one cent\); raise fundingRate or capPerDevice/#) {
            return "zahlt 0,00\u{a0}€ je Gerät „\(r.1)“ (fundingRate × min(Preis, capPerDevice) liegt unter einem Cent); fundingRate oder capPerDevice erhöhen"
        }
        if m == "a grant needs 'fundingRate' (share of eligible cost it pays) and 'capPerDevice' (eligible cost cap in euros)" {
            return "ein Zuschuss (grant) braucht „fundingRate“ (der Anteil der förderfähigen Kosten, den er zahlt) und „capPerDevice“ (die Obergrenze der förderfähigen Kosten in Euro)"
        }
        if let r = m.wholeMatch(of: #/the changes add (\d+) (device kinds|pools) \((.*)\) to the scenario's (\d+); the planner allows at most (\d+) new (?:device kinds|pools) per request/#) {
            let what = r.2 == "pools" ? "Förderprogramme" : "Gerätearten"
            return "die Änderungen fügen den \(r.4) \(what) des Szenarios \(r.1) hinzu (\(r.3)); der Planer erlaubt höchstens \(r.5) neue \(what) je Anfrage"
        }
        if let r = m.wholeMatch(of: #/the key path '(.*)' has an empty part; write it like (.*)/#) {
            return "der Schlüsselpfad „\(r.1)“ hat einen leeren Teil; schreiben Sie ihn wie \(r.2)"
        }
        return m
    }

    /// The engine's words for a scenario that contradicts itself, where a planner can meet them.
    static func german(inconsistency s: String) -> String {
        if s == "explain analyses one budget per pool; this scenario splits its pools among school authorities. Make a scenario for one of them (allocate init --municipality KEY) and explain that" {
            return "„Erklären“ untersucht ein Budget je Förderprogramm; dieses Szenario teilt seine Förderprogramme auf Schulträger auf. Erstellen Sie ein Szenario für einen davon (allocate init --municipality KEY) und lassen Sie dieses erklären"
        }
        if let r = s.wholeMatch(of: #/(\S+) (\S+) has more than 6 decimals or is out of range; give at most 6 decimals/#) {
            return "\(r.1) \(deNumber(String(r.2))) hat mehr als 6 Nachkommastellen oder liegt außerhalb des Bereichs; höchstens 6 Nachkommastellen angeben"
        }
        return s
    }

    // MARK: Infeasibility advice

    static func ruleName(_ rule: String) -> String {
        ["coverage floors": "Mindestabdeckung"][rule] ?? rule
    }

    /// The engine's advice for floors the pools cannot pay ("The floors pupil 99 % (20,014
    /// devices) … cost 167,254.00 € more … Any one of these makes it hold: raise …").
    static func german(infeasibility text: String) -> String {
        func floors(_ list: Substring) -> String {
            list.split(separator: ", ", omittingEmptySubsequences: false).map { item -> String in
                guard let f = item.wholeMatch(of: #/(\S+) (\S+) % \((\S+) devices?\)/#) else { return String(item) }
                return "\(f.1) \(deNumber(String(f.2)))\u{a0}% (\(deNumber(String(f.3))) Geräte)"
            }.joined(separator: ", ")
        }
        func fix(_ text: Substring) -> String {
            if let f = text.wholeMatch(of: #/raise (.*) \((pools\.\S+\.budget)\) by (\S+) € to (\S+) €/#) {
                return "\(f.1) (\(f.2)) um \(deNumber(String(f.3)))\u{a0}€ auf \(deNumber(String(f.4)))\u{a0}€ erhöhen"
            }
            if let f = text.wholeMatch(of: #/lower (\S+) from (\S+) % to (\S+) %/#) {
                return "\(f.1) von \(deNumber(String(f.2)))\u{a0}% auf \(deNumber(String(f.3)))\u{a0}% senken"
            }
            return String(text)
        }
        if let r = text.wholeMatch(of: #/The floors (.*) cannot be paid by any pool\./#) {
            return "Die Mindestabdeckungen \(floors(r.1)) kann kein Förderprogramm bezahlen."
        }
        guard let r = text.wholeMatch(of: #/The floors (.*) cost (\S+) € more than the pools can pay\. (.*)/#) else { return text }
        var out = "Die Mindestabdeckungen \(floors(r.1)) kosten \(deNumber(String(r.2)))\u{a0}€ mehr, als die Förderprogramme zahlen können. "
        if let a = r.3.wholeMatch(of: #/Any one of these makes it hold: (.*)\./#) {
            out += "Jede einzelne dieser Änderungen genügt: " + a.1.split(separator: "; ").map(fix).joined(separator: "; ") + "."
        } else if let n = r.3.wholeMatch(of: #/No single pool or floor can make up for it alone; add at least (\S+) € to a pool that may pay these devices \(rule: any\), or lower the floors\./#) {
            out += "Kein einzelnes Förderprogramm und keine einzelne Mindestabdeckung gleicht das allein aus; mindestens \(deNumber(String(n.1)))\u{a0}€ mehr für ein Förderprogramm, das diese Geräte bezahlen darf (rule: any), oder die Mindestabdeckungen senken."
        } else {
            out += r.3
        }
        return out
    }

    // MARK: Numbers

    /// A plain decimal ("-5", "0.00001", "1.5").
    static func isPlain(_ s: String) -> Bool { s.wholeMatch(of: #/[+-]?\d+(\.\d+)?/#) != nil }

    /// An English-written number the German way: "150,372.20" -> "150.372,20", "96.5" -> "96,5",
    /// "20014" -> "20.014"; anything else unchanged.
    static func deNumber(_ s: String) -> String {
        guard let m = s.wholeMatch(of: #/([+-]?)(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))?/#) else { return s }
        let whole = m.2.replacingOccurrences(of: ",", with: "")
        guard let n = Int(whole) else { return s }
        return String(m.1) + NumberStyle(.de).int(n) + (m.3.map { "," + $0 } ?? "")
    }
}
