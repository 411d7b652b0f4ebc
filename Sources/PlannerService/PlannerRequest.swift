import Foundation
import Reports
import ScenarioFiles

/// A failed request: the HTTP status, the message a user reads (for scenario values the same
/// text as the command line prints) and, where one value is to blame, the field it belongs to.
/// The message exists in English (`message`, the command line's text) and German (`german`);
/// the answer carries the one the request's `lang` asks for (German by default).
public struct PlannerError: Error, Equatable, Sendable, CustomStringConvertible {
    public var status: Int
    /// A short machine-readable kind: bad-request, invalid-value, not-found, infeasible, conflict, too-large, internal.
    public var kind: String
    /// The English message, byte for byte what the command line says.
    public var message: String
    /// The same message in German; nil where there is none yet (the English one is shown).
    public var german: String?
    /// The scenario key path ("pools.sofort.budget") or request field ("title") at fault.
    public var field: String?

    public init(_ status: Int, _ kind: String, _ message: String, german: String? = nil, field: String? = nil) {
        self.status = status; self.kind = kind; self.message = message; self.german = german; self.field = field
    }
    /// A message of the language layer (`PlannerWords`), in English and German.
    public init(_ status: Int, _ kind: String, _ words: PlannerWords.Pair, field: String? = nil) {
        self.init(status, kind, words.en, german: words.de, field: field)
    }
    public var description: String { message }

    /// The message in a language: German where it has one, else the English text.
    public func message(_ language: ReportLanguage) -> String { language == .de ? german ?? message : message }

    static func badRequest(_ message: String, _ german: String, field: String? = nil) -> PlannerError {
        PlannerError(400, "bad-request", message, german: german, field: field)
    }

    /// The client closed its connection before its answer was ready (nginx's 499; never read).
    static let clientGone = PlannerError(499, "cancelled", "the client closed the connection; the request was dropped",
                                         german: "der Browser hat die Verbindung geschlossen; die Anfrage wurde verworfen")
    /// Internal: a request in the light lane found its scenario heavy (never answered).
    static let moveToHeavyLane = PlannerError(599, "internal", "moved to the heavy lane")

    /// A request body above the limit (checked by the service, and by the server while reading).
    public static func tooLarge(limit: Int) -> PlannerError {
        PlannerError(413, "too-large", "the request body has more than \(limit) bytes; at most \(limit)",
                     german: "die Anfrage hat mehr als \(NumberStyle(.de).int(limit)) Bytes; erlaubt sind höchstens \(NumberStyle(.de).int(limit))")
    }
}

/// What every planner API call sends: a scenario under the scenarios folder and the values
/// changed on screen, as `--set` overrides ("pools.sofort.budget" -> "5490000").
public struct PlannerRequest: Sendable, Equatable {
    /// The scenario file, relative to the scenarios folder; nil: the one the server started with.
    public var scenario: String?
    /// The scenario the changes are measured against; nil: the one the server started with.
    public var baseline: String?
    /// Key path -> value, applied like `--set key.path=value`, in key order.
    public var overrides: [String: String]
    /// A title for what is on screen (the report's heading, the saved file's `name`).
    public var title: String?
    /// The language of every text the answer carries (messages, form labels, the report,
    /// workbook and CSV downloaded): de (default) or en. Sent as `lang` (or, as before, `language`).
    public var language: String?
    /// explain: the step in euros.
    public var step: Int?
    /// save: the file name (letters, digits, '-' and '_'), saved under `saved/`.
    public var file: String?
    /// save: replace a file of that name.
    public var overwrite: Bool
    /// A past run of the history (its number or the start of its id) to compare against
    /// instead of the baseline scenario (compare, report.html, report.xlsx).
    public var baselineRun: String?
    /// A token of the page's choosing under which the request's progress can be read
    /// (`GET /api/progress?id=TOKEN`) while it runs.
    public var progress: String?

    public init(scenario: String? = nil, baseline: String? = nil, overrides: [String: String] = [:], title: String? = nil,
                language: String? = nil, step: Int? = nil, file: String? = nil, overwrite: Bool = false) {
        self.scenario = scenario; self.baseline = baseline; self.overrides = overrides; self.title = title
        self.language = language; self.step = step; self.file = file; self.overwrite = overwrite
    }

    /// The language asked for; German unless the request says en.
    public var lang: ReportLanguage { language == "en" ? .en : .de }

    /// The language a body asks for, read leniently (for the message of a body that cannot be
    /// decoded): `lang` or `language` "en" in a JSON object; German otherwise.
    public static func language(of body: Data) -> ReportLanguage {
        guard body.count <= 1 << 20, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return .de }
        return (object["lang"] as? String ?? object["language"] as? String) == "en" ? .en : .de
    }

    /// The overrides as `--set` arguments, sorted by key so that the same request gives the same plan.
    public var overrideArguments: [String] { overrides.keys.sorted().map { "\($0)=\(overrides[$0]!)" } }

    static let maxOverrides = 200
    static let maxKeyLength = 120
    static let maxValueLength = 64
    static let maxTitleLength = 200

    /// Decodes and checks a request body (JSON). An empty body is a request with no changes.
    /// Untrusted input: every failure is a `PlannerError`, never a crash (fuzzed: Fuzz/).
    public static func decode(_ body: Data) throws(PlannerError) -> PlannerRequest {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return PlannerRequest() }
        let decoder = JSONDecoder()
        decoder.userInfo[Wire.bodyKey] = body
        do { return try decoder.decode(Wire.self, from: body).request } catch let e as PlannerError { throw e } catch {
            throw .badRequest(describe(error, .en), describe(error, .de))
        }
    }

    /// The JSON form, decoded field by field so that each mistake names its field.
    struct Wire: Decodable {
        var request = PlannerRequest()

        struct Key: CodingKey {
            var stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        static let bodyKey = CodingUserInfoKey(rawValue: "allocate.body")!
        static let allowed = ["scenario", "baseline", "overrides", "title", "language", "lang", "step", "file", "overwrite", "baselineRun", "progress"]

        init(from decoder: any Decoder) throws {
            let c: KeyedDecodingContainer<Key>
            do { c = try decoder.container(keyedBy: Key.self) } catch {
                throw PlannerError.badRequest("the request body must be a JSON object such as {\"overrides\": {\"pools.sofort.budget\": \"5490000\"}}",
                                              "die Anfrage muss ein JSON-Objekt sein, z. B. {\"overrides\": {\"pools.sofort.budget\": \"5490000\"}}")
            }
            for key in c.allKeys.map(\.stringValue).sorted() where !Self.allowed.contains(key) {
                throw PlannerError.badRequest("unknown field '\(key.prefix(40))'; allowed: \(Self.allowed.joined(separator: ", "))",
                                              "unbekanntes Feld „\(key.prefix(40))“; erlaubt: \(Self.allowed.joined(separator: ", "))")
            }
            func string(_ name: String, max: Int) throws -> String? {
                let k = Key(stringValue: name)
                guard c.contains(k), try !c.decodeNil(forKey: k) else { return nil }
                guard let s = try? c.decode(String.self, forKey: k) else {
                    throw PlannerError.badRequest("\(name): expected a string", "\(name): erwartet wird ein Text", field: name)
                }
                // Unicode scalars, not characters: a letter with 20,000 combining marks is one character.
                guard s.unicodeScalars.count <= max else {
                    throw PlannerError.badRequest("\(name): \(s.unicodeScalars.count) characters; at most \(max)",
                                                  "\(name): \(NumberStyle(.de).int(s.unicodeScalars.count)) Zeichen; erlaubt sind höchstens \(max)", field: name)
                }
                return s
            }
            var r = PlannerRequest()
            r.scenario = try string("scenario", max: 200)
            r.baseline = try string("baseline", max: 200)
            for (field, name) in [("scenario", r.scenario), ("baseline", r.baseline)] {
                if let name, !ScenarioFolder.isScenarioName(name) {
                    throw PlannerError.badRequest("\(field): found '\(name.prefix(80))', allowed: a .yaml file in the scenarios folder, named with letters, digits, '-', '_', '.' and '/' (no '..')",
                                                  "\(field): „\(name.prefix(80))“ gefunden; erlaubt ist eine .yaml-Datei im Szenarienordner, benannt mit Buchstaben, Ziffern, „-“, „_“, „.“ und „/“ (kein „..“)", field: field)
                }
            }
            r.title = try string("title", max: PlannerRequest.maxTitleLength)
            if let t = r.title, t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw PlannerError.badRequest("title: control characters (line breaks, tabs) are not allowed",
                                              "Titel: Steuerzeichen (Zeilenumbrüche, Tabulatoren) sind nicht erlaubt", field: "title")
            }
            // `lang` is the language of the whole answer; `language` its older name (downloads).
            for name in ["lang", "language"] {
                guard let l = try string(name, max: 10) else { continue }
                guard ["de", "en"].contains(l) else {
                    throw PlannerError.badRequest("\(name): found '\(l)', allowed: de, en", "\(name): „\(l)“ gefunden; erlaubt: de, en", field: name)
                }
                if let other = r.language, other != l {
                    throw PlannerError.badRequest("lang: found '\(other)', language: found '\(l)'; give one language (lang)",
                                                  "lang: „\(other)“, language: „\(l)“; bitte eine Sprache angeben (lang)", field: name)
                }
                r.language = l
            }
            r.baselineRun = try string("baselineRun", max: 36)
            if let run = r.baselineRun, run.isEmpty || !run.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) || $0 == "-" }) {
                throw PlannerError.badRequest("baselineRun: found '\(run.prefix(40))', allowed: a run number or the start of a run id (digits, a-f, '-')",
                                              "baselineRun: „\(run.prefix(40))“ gefunden; erlaubt ist eine Laufnummer oder der Anfang einer Lauf-ID (Ziffern, a–f, „-“)", field: "baselineRun")
            }
            r.progress = try string("progress", max: 64)
            if let token = r.progress, !ProgressBoard.isToken(token) {
                throw PlannerError.badRequest("progress: found '\(token.prefix(40))', allowed: 8 to 64 letters, digits, '-' and '_'",
                                              "progress: „\(token.prefix(40))“ gefunden; erlaubt sind 8 bis 64 Buchstaben, Ziffern, „-“ und „_“", field: "progress")
            }
            r.file = try string("file", max: 80)
            if let file = r.file, !ScenarioFolder.isFileName(file) { throw PlannerRequest.badFileName(file) }
            let stepKey = Key(stringValue: "step")
            if c.contains(stepKey), try !c.decodeNil(forKey: stepKey) {
                guard let step = try? c.decode(Int.self, forKey: stepKey), (1...1_000_000_000).contains(step) else {
                    throw PlannerError.badRequest("step: expected a whole number of euros from 1 to 1000000000",
                                                  "step: erwartet wird ein ganzer Euro-Betrag von 1 bis 1.000.000.000", field: "step")
                }
                r.step = step
            }
            let overwriteKey = Key(stringValue: "overwrite")
            if c.contains(overwriteKey), try !c.decodeNil(forKey: overwriteKey) {
                guard let b = try? c.decode(Bool.self, forKey: overwriteKey) else {
                    throw PlannerError.badRequest("overwrite: expected true or false", "overwrite: erwartet wird true oder false", field: "overwrite")
                }
                r.overwrite = b
            }
            let overridesKey = Key(stringValue: "overrides")
            if c.contains(overridesKey), try !c.decodeNil(forKey: overridesKey) {
                guard let values = try? c.nestedContainer(keyedBy: Key.self, forKey: overridesKey) else {
                    throw PlannerError.badRequest("overrides: expected an object of key path to value, e.g. {\"pools.sofort.budget\": \"5490000\"}",
                                                  "overrides: erwartet wird ein Objekt aus Schlüsselpfad und Wert, z. B. {\"pools.sofort.budget\": \"5490000\"}", field: "overrides")
                }
                let keys = values.allKeys.map(\.stringValue).sorted()
                if keys.count > PlannerRequest.maxOverrides {
                    throw PlannerError.badRequest("overrides: \(keys.count) values; at most \(PlannerRequest.maxOverrides)",
                                                  "overrides: \(NumberStyle(.de).int(keys.count)) Werte; erlaubt sind höchstens \(PlannerRequest.maxOverrides)", field: "overrides")
                }
                for key in keys {
                    try PlannerRequest.checkKey(key)
                    let k = Key(stringValue: key)
                    let text: String
                    if let s = try? values.decode(String.self, forKey: k) { text = s } else if (try? values.decode(Bool.self, forKey: k)) == nil,
                       let d = try? values.decode(Decimal.self, forKey: k) {
                        guard d.magnitude <= Decimal(string: "1e38")! else {
                            throw PlannerError.badRequest("\(key): found \(d), a number beyond ±1e38, which is out of any range here",
                                                          "\(key): \(d) gefunden, eine Zahl jenseits von ±1e38, die hier in keinem Bereich liegt", field: key)
                        }
                        text = "\(d)"
                    } else {
                        // A JSON number the decoder cannot hold (1e-99999999, 1e400): say why, as the command line does.
                        let raw = PlannerRequest.rawNumber(of: key, in: decoder.userInfo[Self.bodyKey] as? Data)
                        if let raw, let problem = scientificProblem(raw) {
                            if let d = Double(raw), d.isFinite, d.magnitude > 1e38 {
                                throw PlannerError.badRequest("\(key): found \(raw.prefix(40)), a number beyond ±1e38, which is out of any range here",
                                                              "\(key): \(raw.prefix(40)) gefunden, eine Zahl jenseits von ±1e38, die hier in keinem Bereich liegt", field: key)
                            }
                            throw PlannerError.badRequest("\(key): found \(raw.prefix(40)): \(ErrorWords.text(problem, .en))",
                                                          "\(key): \(raw.prefix(40)) gefunden: \(ErrorWords.text(problem, .de))", field: key)
                        }
                        throw PlannerError.badRequest("\(key): expected a number or a word (a number beyond ±1e38 is out of any range here)",
                                                      "\(key): erwartet wird eine Zahl oder ein Wort (eine Zahl jenseits von ±1e38 liegt hier in keinem Bereich)", field: key)
                    }
                    r.overrides[key] = try PlannerRequest.overrideValue(text, key: key)
                }
            }
            request = r
        }
    }

    /// The text of the JSON number given for `key` in the body ("1e-99999999"), if it can be
    /// found: keys are plain characters, so the key's quoted name, a colon and the number.
    static func rawNumber(of key: String, in body: Data?) -> String? {
        guard let body else { return nil }
        let text = String(decoding: body, as: UTF8.self)
        var from = text.startIndex
        while let r = text.range(of: "\"\(key)\"", range: from..<text.endIndex) {
            from = r.upperBound
            var rest = text[r.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
            guard rest.first == ":" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
            let number = rest.prefix { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
            return number.isEmpty ? nil : String(number.prefix(200))
        }
        return nil
    }

    static func badFileName(_ file: String) -> PlannerError {
        .badRequest("file: found '\(file.prefix(80))', allowed: a name of letters, digits, '-' and '_' (no extension)",
                    "Datei: „\(file.prefix(80))“ gefunden; erlaubt ist ein Name aus Buchstaben, Ziffern, „-“ und „_“ (ohne Endung)", field: "file")
    }

    static func describe(_ error: any Error, _ language: ReportLanguage) -> String {
        switch (error, language) {
        case (DecodingError.dataCorrupted(let context), .en) where context.codingPath.isEmpty:
            return "the request body is not JSON; expected an object such as {\"overrides\": {\"pools.sofort.budget\": \"5490000\"}}"
        case (DecodingError.dataCorrupted(let context), .de) where context.codingPath.isEmpty:
            return "die Anfrage ist kein JSON; erwartet wird ein Objekt wie {\"overrides\": {\"pools.sofort.budget\": \"5490000\"}}"
        case (_, .en):
            return "the request body cannot be read: it must be a JSON object with the fields scenario, baseline, overrides, title, language, step, file, overwrite, baselineRun, progress"
        case (_, .de):
            return "die Anfrage ist nicht lesbar: sie muss ein JSON-Objekt mit den Feldern scenario, baseline, overrides, title, lang, step, file, overwrite, baselineRun, progress sein"
        }
    }

    /// Key paths as in `--set`: dot-separated parts of letters, digits, '_' and '-'.
    static func checkKey(_ key: String) throws(PlannerError) {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard key.utf8.count <= maxKeyLength, !parts.isEmpty,
              parts.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isKeyCharacter) }) else {
            throw .badRequest("overrides: the key '\(key.prefix(60))' is not a key path; write it like pools.sofort.budget (letters, digits, '_', '-', parts joined by '.')",
                              "overrides: „\(key.prefix(60))“ ist kein Schlüsselpfad; schreiben Sie ihn wie pools.sofort.budget (Buchstaben, Ziffern, „_“, „-“, Teile mit „.“ verbunden)",
                              field: String(key.prefix(maxKeyLength)))
        }
        switch ScenarioKeys.plannerFixedSection(of: parts.map(String.init)) {
        case nil: break
        case let section? where !section.contains("."):
            throw .badRequest("overrides: '\(parts[0])' cannot be changed in the planner (it names files, the title or the solver's limits; use 'title' for the name)",
                              "overrides: „\(parts[0])“ kann im Planer nicht geändert werden (es nennt Dateien, den Titel oder die Grenzen der Berechnung; für den Namen gibt es „title“)", field: key)
        default:
            throw .badRequest("overrides: '\(key.prefix(60))' cannot be changed in the planner (it names a file)",
                              "overrides: „\(key.prefix(60))“ kann im Planer nicht geändert werden (es nennt eine Datei)", field: key)
        }
    }

    /// A value as it would follow `=` in `--set`: a number or a word. Anything that would be
    /// YAML structure (lists, maps, quotes) is refused, so that a saved file holds exactly what
    /// was validated.
    static func overrideValue(_ raw: String, key: String) throws(PlannerError) -> String {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw PlannerError(422, "invalid-value", "\(key): empty; enter a value", german: "\(key): leer; bitte einen Wert eingeben", field: key) }
        // A word or a number: starts with a letter or digit, or a sign or point before a digit
        // ("---" and "..." would be YAML document markers, not values).
        let scalars = Array(text.unicodeScalars)
        let startsWell = isKeyCharacter(scalars[0]) && scalars[0] != "-"
            || (scalars.count > 1 && "+-.".unicodeScalars.contains(scalars[0]) && ("0"..."9").contains(scalars[1]))
        guard text.utf8.count <= maxValueLength, text.unicodeScalars.allSatisfy(isValueCharacter), startsWell else {
            throw PlannerError(422, "invalid-value", "\(key): found '\(text.prefix(40))', allowed: a number (e.g. 5490000 or 0.9) or a word such as maximin",
                               german: "\(key): „\(text.prefix(40))“ gefunden; erlaubt ist eine Zahl (z. B. 5490000 oder 0.9) oder ein Wort wie maximin", field: key)
        }
        return text
    }

    static func isKeyCharacter(_ u: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(u) || ("A"..."Z").contains(u) || ("0"..."9").contains(u) || u == "_" || u == "-"
    }
    static func isValueCharacter(_ u: Unicode.Scalar) -> Bool { isKeyCharacter(u) || u == "." || u == "+" }
}
