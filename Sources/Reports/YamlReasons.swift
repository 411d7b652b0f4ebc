import Allocation

/// The YAML reader's reasons (libyaml's problem and context strings, through Yams) in the
/// user's language: in German by the tables below, in English as libyaml says them. Each
/// message names what the reader expected (the problem), where (the place is the message's
/// file:line:column, the context's start in brackets), what stands there and what is allowed.
/// A problem not in the table keeps libyaml's words in both languages (the test
/// `YamlReasonsTests` checks the table against the vendored libyaml sources).
extension ErrorWords {
    public static func text(_ s: YAMLSyntax, _ l: ReportLanguage) -> String {
        let de = l == .de
        var entry = YamlReasons.problems[s.problem]
        // A tab where a token should start is a tab in the indentation: said so.
        if s.problem == "found character that cannot start any token", case .text(let t)? = s.found, t.hasPrefix("\\u{9}") {
            entry = YamlReasons.problems["found a tab character that violates indentation"]
        }
        var out = de ? "fehlerhaftes YAML: " + (entry?.de ?? "der YAML-Leser meldet „\(s.problem)“") : "malformed YAML: " + s.problem
        if let context = s.context {
            let place = s.contextLine.map { line in
                de ? " ab Zeile \(line)" + (s.contextColumn.map { ", Spalte \($0)" } ?? "")
                   : " at line \(line)" + (s.contextColumn.map { ", column \($0)" } ?? "")
            } ?? ""
            let words = de ? YamlReasons.contexts[context].map { $0 + place } ?? "„\(context)“\(place)" : context + place
            out += " (\(words))"
        }
        switch s.found {
        case .text(let t)?:
            // A tab (shown as \u{9} by the excerpt) by its name: the reason of most such errors.
            let shown = t.replacingOccurrences(of: "\\u{9}", with: de ? "[Tabulator]" : "[tab]")
            out += de ? "; gefunden: „\(shown)“" : "; found '\(shown)'"
        case .endOfLine?: out += de ? "; gefunden: das Zeilenende" : "; found the end of the line"
        case .endOfFile?: out += de ? "; gefunden: das Dateiende" : "; found the end of the file"
        case .endOfValue?: out += de ? "; gefunden: das Ende des Werts" : "; found the end of the value"
        case nil: break
        }
        if let hint = de ? entry?.hintDe : entry?.hintEn { out += "; " + hint }
        return out
    }
}

enum YamlReasons {
    /// The YAML library's rare reasons that are not libyaml's problem strings (`notYAML`,
    /// `malformed`: Yams' own descriptions, another error's description), in the language:
    /// English as the library says it; German in German words where known, the original in
    /// parentheses, else "der YAML-Leser meldet „…“" (never the bare English sentence).
    static func library(_ why: String, _ l: ReportLanguage) -> String {
        guard l == .de else { return why }
        let text = why.trimmingCharacters(in: .whitespacesAndNewlines)
        if text == "Memory error" { return "dem YAML-Leser fehlt Arbeitsspeicher (\(text))" }
        if text == "No error is produced" { return "der YAML-Leser hat einen Fehler ohne Grund gemeldet (\(text))" }
        if let m = SystemReasons.match(text, #"^String could not be decoded from data using '(.*)' encoding$"#) {
            return "der Text lässt sich nicht in der Kodierung \(m[1]) lesen; \(utf8.0) (\(text))"
        }
        if let german = SystemReasons.german(text) { return german }
        return "der YAML-Leser meldet „\(text)“"
    }

    struct Problem {
        /// What went wrong, in German.
        let de: String
        /// What is allowed, what to write instead (German, English); nil: the problem says it.
        let hintDe: String?
        let hintEn: String?
    }

    static func p(_ de: String, _ hintDe: String? = nil, _ hintEn: String? = nil) -> Problem { Problem(de: de, hintDe: hintDe, hintEn: hintEn) }

    private static let indent = ("Einrückung nur mit Leerzeichen, nie mit Tabulatoren; Schlüssel derselben Ebene gleich weit einrücken",
                                 "indent with spaces only, never with tabs; keys of one level at the same indentation")
    private static let quote = ("einen Text mit Sonderzeichen (: # @ ` ! & * [ ] { } , | > % ') in Anführungszeichen setzen, etwa name: \"a: b\"",
                                "put a text with special characters (: # @ ` ! & * [ ] { } , | > % ') in quotes, e.g. name: \"a: b\"")
    private static let utf8 = ("die Datei als UTF-8 speichern", "save the file as UTF-8")
    private static let directive = ("Zeilen, die mit % beginnen, sind YAML-Direktiven; ein Szenario braucht keine: die Zeile löschen oder den Text in Anführungszeichen setzen",
                                    "lines beginning with % are YAML directives; a scenario needs none: delete the line or quote the text")
    private static let tag = ("Typ-Kennzeichen mit ! braucht ein Szenario nicht: das ! löschen oder den Text in Anführungszeichen setzen",
                              "a scenario needs no tags with !: delete the ! or quote the text")

    /// libyaml's problem strings (scanner, parser, reader) and Yams' composer's, by their text.
    static let problems: [String: Problem] = [
        // The ones a scenario's author meets: indentation, colons, quotes, brackets, tabs.
        "did not find expected key":
            p("hier wird ein Schlüssel der Zuordnung erwartet",
              "die Zeile ist anders eingerückt als die Schlüssel ihrer Ebene, oder eine Liste („- “) steht zwischen Schlüsseln: \(indent.0)",
              "the line is indented differently from the keys of its level, or a list item ('- ') stands among keys: \(indent.1)"),
        "mapping values are not allowed in this context":
            p("ein Doppelpunkt mit Leerzeichen („: “) ist an dieser Stelle nicht erlaubt",
              "ein neuer Schlüssel gehört auf eine eigene Zeile; \(quote.0)", "a new key belongs on a line of its own; \(quote.1)"),
        "found character that cannot start any token":
            p("ein Zeichen, mit dem in YAML nichts beginnen darf (etwa @, ` oder ein Tabulator)",
              "\(quote.0); \(indent.0)", "\(quote.1); \(indent.1)"),
        "could not find expected ':'":
            p("der Doppelpunkt nach dem Schlüssel fehlt",
              "Schlüssel und Wert als „Schlüssel: Wert“ schreiben, mit einem Leerzeichen nach dem Doppelpunkt; ein Text über mehrere Zeilen gehört in Anführungszeichen",
              "write key and value as 'key: value', with a space after the colon; a text over several lines belongs in quotes"),
        "found a tab character that violates indentation":
            p("ein Tabulator in der Einrückung", indent.0, indent.1),
        "found a tab character where an indentation space is expected":
            p("ein Tabulator, wo ein Leerzeichen zum Einrücken erwartet wird", indent.0, indent.1),
        "found unexpected end of stream":
            p("die Datei endet, bevor der Text in Anführungszeichen geschlossen ist",
              "jedes \" und ' schließen; ein Anführungszeichen im Text verdoppeln ('') oder mit \\\" schreiben",
              "close every \" and '; double a quote inside the text ('') or write it as \\\""),
        "found unexpected document indicator":
            p("„---“ oder „...“ am Zeilenanfang innerhalb eines Texts in Anführungszeichen",
              "das Anführungszeichen davor schließen; eine Zeile „---“ beginnt ein neues Dokument",
              "close the quote before it; a line '---' starts a new document"),
        "did not find expected ',' or ']'":
            p("erwartet: „,“ oder „]“",
              "die Einträge mit Kommas trennen und die Liste mit „]“ schließen, etwa [pupil, teacher]",
              "separate the items with commas and close the list with ']', e.g. [pupil, teacher]"),
        "did not find expected ',' or '}'":
            p("erwartet: „,“ oder „}“",
              "die Paare mit Kommas trennen und mit „}“ schließen, etwa {a: 1, b: 2}", "separate the pairs with commas and close with '}', e.g. {a: 1, b: 2}"),
        "did not find expected node content":
            p("hier fehlt ein Wert",
              "nach „- “ oder „Schlüssel: “ einen Wert schreiben; ein Text, der mit einem Sonderzeichen beginnt, gehört in Anführungszeichen",
              "write a value after '- ' or 'key: '; a text that begins with a special character belongs in quotes"),
        "did not find expected '-' indicator":
            p("erwartet: ein Listeneintrag „- “",
              "alle Einträge einer Liste gleich weit einrücken, jeden mit „- “ am Anfang", "indent all items of a list alike, each beginning with '- '"),
        "block sequence entries are not allowed in this context":
            p("ein Listeneintrag („- “) ist an dieser Stelle nicht erlaubt",
              "eine Liste beginnt auf einer neuen Zeile unter ihrem Schlüssel, nicht hinter „Schlüssel: “; oder [a, b] schreiben",
              "a list begins on a new line below its key, not after 'key: '; or write [a, b]"),
        "mapping keys are not allowed in this context":
            p("ein Schlüssel mit „? “ ist an dieser Stelle nicht erlaubt", "Schlüssel als „Schlüssel: Wert“ schreiben", "write keys as 'key: value'"),
        "found unexpected ':'":
            p("ein Doppelpunkt an einer Stelle, an der er nicht stehen darf", quote.0, quote.1),
        "but found another document":
            p("eine zweite YAML-Datei in derselben Datei (eine Zeile „---“)",
              "ein Szenario ist ein einziges Dokument: die Zeile „---“ und was folgt in eine eigene Datei", "a scenario is one document: move the '---' line and what follows to a file of its own"),
        "found undefined alias":
            p("ein Alias (*name) ohne Anker (&name) davor", "den Wert ausschreiben oder in Anführungszeichen setzen, wenn * zum Text gehört",
              "write the value out, or quote it if the * belongs to the text"),
        "did not find expected <document start>":
            p("erwartet: der Anfang eines Dokuments („---“)", directive.0, directive.1),
        "did not find expected <stream-start>":
            p("der Anfang der Datei fehlt (interner Fehler des YAML-Lesers)", nil, nil),
        "Maximum nesting level reached, set with yaml_set_max_nest_level())":
            p("zu tief verschachtelt (zu viele Ebenen von Listen und Zuordnungen)", "ein Szenario braucht nur wenige Ebenen", "a scenario needs only a few levels"),
        // Quoted texts and escapes.
        "found unknown escape character":
            p("ein unbekanntes Escape-Zeichen nach „\\“ in doppelten Anführungszeichen",
              "einen Backslash als \\\\ schreiben oder einfache Anführungszeichen verwenden ('C:\\Daten')",
              "write a backslash as \\\\ or use single quotes ('C:\\data')"),
        "did not find expected hexdecimal number":
            p("nach \\x, \\u oder \\U fehlen Hexadezimalziffern", "\\u00e4 schreibt ä; oder das Zeichen selbst schreiben", "\\u00e4 writes ä; or write the character itself"),
        "found invalid Unicode character escape code":
            p("ein \\u- oder \\U-Escape nennt kein gültiges Unicode-Zeichen", "das Zeichen selbst schreiben", "write the character itself"),
        // Block texts (| and >).
        "found an indentation indicator equal to 0":
            p("die Einrückungsangabe nach | oder > ist 0", "eine Ziffer von 1 bis 9 angeben oder sie weglassen", "give a digit from 1 to 9 or leave it out"),
        "did not find expected comment or line break":
            p("nach | oder > darf nur ein Kommentar oder das Zeilenende folgen", "der Text beginnt auf der nächsten Zeile, eingerückt", "the text begins on the next line, indented"),
        // Anchors, aliases, tags.
        "did not find expected alphabetic or numeric character":
            p("nach & oder * fehlt ein Name aus Buchstaben oder Ziffern", "den Text in Anführungszeichen setzen, wenn & oder * zu ihm gehört", "quote the text if the & or * belongs to it"),
        "did not find expected whitespace or line break":
            p("erwartet: ein Leerzeichen oder das Zeilenende", quote.0, quote.1),
        "did not find expected whitespace":
            p("erwartet: ein Leerzeichen", quote.0, quote.1),
        "did not find expected '!'": p("erwartet: „!“ im Typ-Kennzeichen", tag.0, tag.1),
        "did not find expected tag URI": p("das Typ-Kennzeichen nach ! fehlt", tag.0, tag.1),
        "did not find URI escaped octet": p("nach % fehlt im Typ-Kennzeichen ein Hexadezimalwert", tag.0, tag.1),
        "found an incorrect leading UTF-8 octet": p("ein ungültiges UTF-8-Zeichen im Typ-Kennzeichen", tag.0, tag.1),
        "found an incorrect trailing UTF-8 octet": p("ein ungültiges UTF-8-Zeichen im Typ-Kennzeichen", tag.0, tag.1),
        "found undefined tag handle": p("ein unbekanntes Typ-Kennzeichen (!name!)", tag.0, tag.1),
        "did not find the expected '>'": p("das Typ-Kennzeichen !<…> wird nicht mit „>“ geschlossen", tag.0, tag.1),
        // Directives (% at the start of a line).
        "found unknown directive name": p("eine unbekannte Direktive (%)", directive.0, directive.1),
        "could not find expected directive name": p("nach % fehlt der Name der Direktive", directive.0, directive.1),
        "found unexpected non-alphabetical character": p("im Namen der Direktive steht ein Zeichen, das kein Buchstabe ist", directive.0, directive.1),
        "did not find expected version number": p("die Versionsnummer der %YAML-Direktive fehlt", directive.0, directive.1),
        "did not find expected digit or '.' character": p("in der Versionsnummer der %YAML-Direktive wird eine Ziffer oder „.“ erwartet", directive.0, directive.1),
        "found extremely long version number": p("die Versionsnummer der %YAML-Direktive ist zu lang", directive.0, directive.1),
        "found duplicate %YAML directive": p("die %YAML-Direktive steht zweimal", directive.0, directive.1),
        "found incompatible YAML document": p("die %YAML-Direktive nennt eine Version, die der Leser nicht kennt (nur 1.x)", directive.0, directive.1),
        "found duplicate %TAG directive": p("die %TAG-Direktive steht zweimal für dasselbe Kürzel", directive.0, directive.1),
        // The reader: characters and encodings (the file is checked as UTF-8 before, so rare).
        "control characters are not allowed":
            p("ein Steuerzeichen (unsichtbar, etwa aus einer kopierten Tabelle) ist in YAML nicht erlaubt",
              "das Zeichen löschen; Tabulatoren nur innerhalb von Texten in Anführungszeichen", "delete the character; tabs only inside quoted texts"),
        "invalid leading UTF-8 octet": p("ein ungültiges UTF-8-Byte", utf8.0, utf8.1),
        "invalid trailing UTF-8 octet": p("ein ungültiges UTF-8-Byte", utf8.0, utf8.1),
        "invalid length of a UTF-8 sequence": p("eine ungültige UTF-8-Bytefolge", utf8.0, utf8.1),
        "incomplete UTF-8 octet sequence": p("eine unvollständige UTF-8-Bytefolge am Dateiende", utf8.0, utf8.1),
        "invalid Unicode character": p("ein ungültiges Unicode-Zeichen", utf8.0, utf8.1),
        "incomplete UTF-16 character": p("ein unvollständiges UTF-16-Zeichen", utf8.0, utf8.1),
        "incomplete UTF-16 surrogate pair": p("ein unvollständiges UTF-16-Ersatzzeichenpaar", utf8.0, utf8.1),
        "unexpected low surrogate area": p("ein ungültiges UTF-16-Ersatzzeichen", utf8.0, utf8.1),
        "expected low surrogate area": p("ein ungültiges UTF-16-Ersatzzeichen", utf8.0, utf8.1),
        "input is too long": p("die Eingabe ist zu lang für den YAML-Leser", nil, nil),
        "input error": p("die Eingabe kann nicht gelesen werden", nil, nil),
    ]

    /// libyaml's context strings ("while parsing a block mapping"), in German; the place
    /// ("ab Zeile 2, Spalte 3") follows.
    static let contexts: [String: String] = [
        "while parsing a block mapping": "in der Zuordnung",
        "while parsing a flow mapping": "in der Zuordnung in geschweiften Klammern",
        "while parsing a block collection": "in der Liste",
        "while parsing a flow sequence": "in der Liste in eckigen Klammern",
        "while parsing a block node": "beim Lesen eines Werts",
        "while parsing a flow node": "beim Lesen eines Werts in Klammern",
        "while parsing a node": "beim Lesen eines Werts",
        "while parsing": "beim Lesen",
        "while scanning for the next token": "beim Lesen",
        "while scanning a simple key": "im Schlüssel",
        "while scanning a quoted scalar": "im Text in Anführungszeichen",
        "while parsing a quoted scalar": "im Text in Anführungszeichen",
        "while scanning a plain scalar": "im Text",
        "while scanning a block scalar": "im mehrzeiligen Text (| oder >)",
        "while scanning an anchor": "im Anker (&)",
        "while scanning an alias": "im Alias (*)",
        "while scanning a tag": "im Typ-Kennzeichen (!)",
        "while parsing a tag": "im Typ-Kennzeichen (!)",
        "while scanning a directive": "in der Direktive (%)",
        "while scanning a %YAML directive": "in der %YAML-Direktive",
        "while scanning a %TAG directive": "in der %TAG-Direktive",
        "while parsing a %TAG directive": "in der %TAG-Direktive",
        "while scanning a tag directive": "in der %TAG-Direktive",
        "while parsing a tag directive": "in der %TAG-Direktive",
        "expected a single document in the stream": "nach dem ersten YAML-Dokument der Datei",
    ]
}
