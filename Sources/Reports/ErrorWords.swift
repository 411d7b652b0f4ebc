import Foundation
import Allocation
import LinearProgramming
import ScenarioFiles
import Replacement
import Scheduling
import WhatIf
import Calibration

/// Every error a user sees, in German and English: the one place its words live. The errors
/// themselves are facts (`InputProblem`, `Infeasibility`, the cases of `AllocationError`, …);
/// this file words them. English is the command line's text byte for byte (tests and golden
/// files pin it); German says the same with German words and de-DE numbers (a no-break space
/// before € and %, so that a figure never wraps on the planner's page).
///
/// A new error case gets its words here, in both languages (docs/ARCHITECTURE.md, "A
/// user-visible word"). A problem still handed over as English text (`InputProblem.text`) is
/// shown as it is in both languages.
public enum ErrorWords {
    /// Any error in the language: the errors of this package by their words here, any other
    /// by its own description.
    public static func text(_ error: any Error, _ l: ReportLanguage) -> String {
        switch error {
        case let e as ScenarioError: return text(e, l)
        case let e as AllocationError: return text(e, l)
        case let e as ScenarioIssue: return text(e, l)
        case let e as SweepError: return text(e, l)
        case let e as SolverError: return text(e, l)
        case let e as ScheduleError: return text(e, l)
        case let e as OutputError: return text(e, l)
        case let e as CommandError: return text(e, l)
        case let e as CalibrationError: return text(e, l)
        case let e as any WordedError: return e.text(l)
        case let e as ReplacementPlanner.Failure: return text(e, l)
        case let e as ReplacementInfeasibility: return text(e, l)
        default: return String(describing: error)
        }
    }

    /// The `error:` prefix of the command line.
    public static func prefix(_ l: ReportLanguage) -> String { l == .de ? "Fehler" : "error" }

    // MARK: Scenario files

    /// "file:line: key: what is wrong": the place as it is, the problem in the language.
    public static func text(_ e: ScenarioError, _ l: ReportLanguage) -> String {
        var place = e.file
        if let line = e.line { place += ":\(line)" + (e.column.map { ":\($0)" } ?? "") }
        if let key = e.key, !key.isEmpty { place += ": \(key.count > 200 ? excerpt(key, limit: 200) : key)" }
        let message = text(e.problem, l)
        // A safety net under the excerpts each message takes: no message carries a whole input.
        return "\(place): \(message.count > 4000 ? excerpt(message, limit: 4000) : message)"
    }

    /// A broken rule of a scenario built in code: "key: what is wrong".
    public static func text(_ issue: ScenarioIssue, _ l: ReportLanguage) -> String {
        let message = text(issue.problem, l)
        return issue.key.isEmpty ? message : "\(issue.key): \(message)"
    }

    public static func text(_ p: InputProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case let .found(found, expected, range):
            let what = text(expected, l)
            switch found {
            case .notFinite(let s):
                return de ? "„\(s)“ gefunden; NaN und Unendlich sind nicht erlaubt, erwartet: \(what)"
                          : "found '\(s)'; NaN and infinity are not allowed, expected \(what)"
            case let .exponent(s, problem):
                return de ? "„\(s)“ gefunden: \(text(problem, l)); erwartet: \(what)" : "found '\(s)': \(text(problem, l)); expected \(what)"
            case .text(let s):
                return de ? "„\(s)“ gefunden, erwartet: \(what)" : "found '\(s)', expected \(what)"
            case .number(let n):
                guard de else {
                    switch range {
                    case nil: return "found \(n), expected \(what)"
                    case let .between(a, b)?: return "found \(n), expected \(what) between \(a) and \(b)"
                    case let .wholeFromTo(a, b)?: return "found \(n), expected \(what) from \(a) to \(b)"
                    }
                }
                var shown = germanNumber(n)
                if expected.isShare, let d = Decimal(string: n, locale: posix) { shown += " (= \(germanNumber("\(d * 100)"))\u{a0}%)" }
                var out = "\(shown) gefunden, erwartet: \(what)"
                // The range once: "a share of need from 0 to 1" already names it, as every
                // phrase but a plain number does (and a free one that ends with it).
                let bounds: (String, String)?
                switch range {
                case let .between(a, b)?: bounds = ("\(a)", "\(b)")
                case let .wholeFromTo(a, b)?: bounds = ("\(a)", "\(b)")
                case nil: bounds = nil
                }
                if let (a, b) = bounds {
                    let named: Bool
                    switch expected {
                    case .number, .wholeNumber: named = false
                    case .loader(let p): named = namesItsRange(p)
                    case .english(let s), .worded(en: let s, de: _): named = s.hasSuffix("from \(a) to \(b)")
                    default: named = true
                    }
                    if !named { out += " von \(germanNumber(a)) bis \(germanNumber(b))" }
                }
                return out
            }
        case let .notAllowed(found, allowed):
            return de ? "„\(found)“ gefunden; erlaubt: \(allowed)" : "found '\(found)', allowed: \(allowed)"
        case let .unknownKey(suggestion, allowed):
            let list = allowed.joined(separator: ", ")
            if de { return "unbekannter Schlüssel" + (suggestion.map { " (meinten Sie „\($0)“?)" } ?? "") + "; erlaubt sind hier: \(list)" }
            return "unknown key" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") + "; allowed here: \(list)"
        case let .unknownEntry(section, id, suggestion, existing):
            let list = existing.joined(separator: ", ")
            switch (section, de) {
            case (.pools, true): return "unbekanntes Förderprogramm „\(id)“ (meinten Sie „\(suggestion)“?); Förderprogramme sind: \(list)"
            case (.deviceKinds, true): return "unbekannte Geräteart „\(id)“ (meinten Sie „\(suggestion)“?); Gerätearten sind: \(list)"
            case (.pools, false): return "unknown pool '\(id)' (did you mean '\(suggestion)'?); pools are: \(list)"
            case (.deviceKinds, false): return "unknown device kind '\(id)' (did you mean '\(suggestion)'?); device kinds are: \(list)"
            }
        case let .wrongKind(expected, found):
            let shown: String
            switch found {
            case .scalar(let s): shown = de ? "„\(s)“" : "'\(s)'"
            case .mapping: shown = de ? "eine Zuordnung" : "a mapping"
            case .list: shown = de ? "eine Liste" : "a list"
            }
            switch expected {
            case .mapping: return de ? "erwartet: eine Zuordnung (Zeilen „Schlüssel: Wert“), gefunden: \(shown)" : "expected a mapping (key: value lines), found \(shown)"
            case .list: return de ? "erwartet: eine Liste ([a, b] oder Zeilen „- a“), gefunden: \(shown)" : "expected a list ([a, b] or '- a' lines), found \(shown)"
            case .text: return de ? "erwartet: ein Text, gefunden: \(shown)" : "expected text, found \(shown)"
            }
        case let .missing(key, why):
            if de { return "„\(key)“ fehlt" + (why.map { " (\(text($0, l)))" } ?? "") }
            return "missing '\(key)'" + (why.map { " (\(text($0, l)))" } ?? "")
        case .grantPaysNothing(let kind):
            return de ? "zahlt 0,00\u{a0}€ je Gerät „\(kind)“ (fundingRate × min(Preis, capPerDevice) liegt unter einem Cent); fundingRate oder capPerDevice erhöhen"
                      : "pays 0.00 € per \(kind) device (fundingRate × min(price, capPerDevice) is below one cent); raise fundingRate or capPerDevice"
        case .grantNeedsRateAndCap:
            return de ? "ein Zuschuss (grant) braucht „fundingRate“ (der Anteil der förderfähigen Kosten, den er zahlt) und „capPerDevice“ (die Obergrenze der förderfähigen Kosten in Euro)"
                      : "a grant needs 'fundingRate' (share of eligible cost it pays) and 'capPerDevice' (eligible cost cap in euros)"
        case let .tooManyAdded(section, count, names, existing, limit):
            let shownNames = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
            if de {
                let what = section == .pools ? "Förderprogramme" : "Gerätearten"
                return "die Änderungen fügen den \(existing) \(what) des Szenarios \(count) hinzu (\(shownNames)); der Planer erlaubt höchstens \(limit) neue \(what) je Anfrage"
            }
            let what = section == .pools ? "pools" : "device kinds"
            return "the changes add \(count) \(what) (\(shownNames)) to the scenario's \(existing); the planner allows at most \(limit) new \(what) per request"
        case .emptyKeyPathPart(let path):
            return de ? "der Schlüsselpfad „\(path)“ hat einen leeren Teil; schreiben Sie ihn wie need.priorityWeightByLevel.9"
                      : "the key path '\(path)' has an empty part; write it like need.priorityWeightByLevel.9"
        case let .tooManyDecimals(what, value, limit):
            let named = what.map { "\($0) " } ?? ""
            return de ? "\(named)\(germanNumber("\(value)")) hat mehr als \(limit) Nachkommastellen oder liegt außerhalb des Bereichs; höchstens \(limit) Nachkommastellen angeben"
                      : "\(named)\(value) has more than \(limit) decimals or is out of range; give at most \(limit) decimals"
        case .explainNeedsOneAuthority:
            return de ? "„Erklären“ untersucht ein Budget je Förderprogramm; dieses Szenario teilt seine Förderprogramme auf Schulträger auf. Erstellen Sie ein Szenario für einen davon (allocate init --municipality KEY) und lassen Sie dieses erklären"
                      : "explain analyses one budget per pool; this scenario splits its pools among school authorities. Make a scenario for one of them (allocate init --municipality KEY) and explain that"
        case .file(let f):
            return text(f, l)
        case .csv(let c):
            return text(c, l)
        case .schools(let sp):
            return text(sp, l)
        case .scenarioFile(let f):
            return text(f, l)
        case .rule(let r):
            return text(r, l)
        case .schedule(let s):
            return text(s, l)
        case .split(let s):
            return text(s, l)
        case .section(let s):
            return text(s, l)
        // Issue 15, the command errors (ErrorWords+Commands.swift):
        case .observed(let o): return text(o, l)
        case .municipality(let m): return text(m, l)
        case .command(let c): return text(c, l)
        case .history(let h): return text(h, l)
        case .years(let y):
            return text(y, l)
        case let .outside(found, allowed):
            let what = text(allowed, l)
            switch found {
            case .text(let s): return de ? "„\(s)“ gefunden; erlaubt: \(what)" : "found '\(s)', allowed: \(what)"
            case .number(let s), .notFinite(let s), .exponent(let s, _):
                return de ? "\(germanNumber(s)) gefunden; erlaubt: \(what)" : "found \(s), allowed: \(what)"
            }
        case .text(let s):
            return s
        }
    }

    /// Why a file cannot be read as a text file (the message follows the file's name).
    public static func text(_ f: InputProblem.FileProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch f {
        case .notFound: return de ? "Datei nicht gefunden" : "file not found"
        case .danglingLink: return de ? "Datei nicht gefunden (ein Verweis auf eine fehlende Datei)" : "file not found (a link to a missing file)"
        case .unreadable(let why): return (de ? "kann nicht gelesen werden: " : "cannot be read: ") + reason(why, l)
        case .directory: return de ? "ist ein Ordner; erwartet wird eine Datei" : "is a directory, expected a file"
        case .notRegular(let kind):
            let what: String
            switch kind {
            case .fifo?: what = de ? "ist eine FIFO (benannte Pipe), keine gewöhnliche Datei" : "is a FIFO (named pipe), not a regular file"
            case .characterDevice?: what = de ? "ist ein zeichenorientiertes Gerät (wie /dev/zero), keine gewöhnliche Datei" : "is a character device (such as /dev/zero), not a regular file"
            case .blockDevice?: what = de ? "ist ein blockorientiertes Gerät, keine gewöhnliche Datei" : "is a block device, not a regular file"
            case .socket?: what = de ? "ist ein Socket, keine gewöhnliche Datei" : "is a socket, not a regular file"
            case nil: what = de ? "ist keine gewöhnliche Datei" : "is not a regular file"
            }
            return what + (de ? "; bitte den Pfad einer Datei angeben" : "; give the path of a file")
        case let .tooLarge(size, limit):
            return de ? "hat \(NumberStyle(.de).int(size))\u{a0}MiB; Dateien über \(NumberStyle(.de).int(limit))\u{a0}MiB werden abgelehnt"
                      : "is \(size) MiB; files above \(limit) MiB are refused"
        case .grewAbove(let limit):
            return de ? "ist größer als \(NumberStyle(.de).int(limit))\u{a0}MiB; solche Dateien werden abgelehnt" : "is above \(limit) MiB; such files are refused"
        case .binary(let byte):
            return de ? "ist binär, kein Text (ein NUL-Byte bei Byte \(NumberStyle(.de).int(byte))); erwartet wird eine UTF-8-Textdatei (CSV oder YAML)"
                      : "is binary, not text (a NUL byte at byte \(byte)); expected a UTF-8 text file (CSV or YAML)"
        case .notUTF8(let place):
            let at = place.map { de ? " (Zeile \($0.line), Byte \($0.byte) der Zeile)" : " (line \($0.line), byte \($0.byte) of the line)" } ?? ""
            return de ? "ist kein UTF-8-Text\(at); bitte als UTF-8 speichern" : "is not UTF-8 text\(at); save it as UTF-8"
        }
    }

    /// Why a CSV table cannot be read (the message follows the file's name or line).
    public static func text(_ c: InputProblem.CSVProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch c {
        case .quoteNeverClosed: return de ? "ein Feld in Anführungszeichen wird nie geschlossen" : "a quoted field is never closed"
        case .textAfterQuote: return de ? "Text nach einem schließenden Anführungszeichen" : "text after a closing quote"
        case .quoteInsideUnquotedField:
            return de ? "ein Anführungszeichen in einem Feld ohne Anführungszeichen; das ganze Feld in Anführungszeichen setzen und innere Anführungszeichen verdoppeln"
                      : "a quote inside an unquoted field; quote the whole field and double inner quotes"
        case .empty: return de ? "ist leer; erwartet wird eine Kopfzeile" : "is empty; expected a header row"
        case let .fieldCount(found, header, delimiter, choice):
            let how = choice.map { text($0, l) }
                ?? (de ? "gelesen mit „\(delimiter)“ als Trennzeichen, wie in der Kopfzeile" : "read with '\(delimiter)' as the delimiter, as in the header")
            return de ? "hat \(NumberStyle(.de).int(found)) Felder, die Kopfzeile hat \(NumberStyle(.de).int(header)) (\(how))"
                      : "has \(found) fields, the header has \(header) (\(how))"
        case .duplicateColumn(let h):
            return de ? "die Spalte „\(excerpt(h))“ steht zweimal in der Kopfzeile" : "column '\(excerpt(h))' appears twice in the header"
        case let .noColumn(name, use, columns, choice):
            let note = choice.map { " (\(text($0, l)))" } ?? ""
            return (de ? "hat keine Spalte „\(name)“ (\(text(use, l))); Spalten sind: \(listed(columns, l))"
                       : "has no column '\(name)' (\(text(use, l))); columns are: \(listed(columns, l))") + note
        }
    }

    static func text(_ d: InputProblem.DelimiterChoice, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch d {
        case .neitherInHeader:
            return de ? "gelesen mit „,“ als Trennzeichen: die Kopfzeile enthält weder „,“ noch „;“ (eine Spalte)"
                      : "read with ',' as the delimiter: the header has neither ',' nor ';' (one column)"
        case let .moreFrequent(d, commas, semicolons):
            return de ? "gelesen mit „\(d)“ als Trennzeichen: die Kopfzeile enthält \(commas)-mal „,“ und \(semicolons)-mal „;“, das häufigere wurde angenommen"
                      : "read with '\(d)' as the delimiter: the header has \(commas) ',' and \(semicolons) ';', the more frequent was assumed"
        }
    }

    static func text(_ u: InputProblem.ColumnUse, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch u {
        case .key(let k): return k
        case .namedInInclude: return de ? "genannt in schools.include" : "named in schools.include"
        case .schoolForm: return de ? "Schulform" : "school form"
        case .pupils: return de ? "Schülerinnen und Schüler" : "pupils"
        case .teachers: return de ? "Lehrkräfte" : "teachers"
        case .generatorCopies: return de ? "der Generator übernimmt sie" : "the generator copies it"
        case .observedCounts: return de ? "die beobachteten Zahlen, --count-column" : "the observed counts, --count-column"
        case .authorityKey(let pool): return allocationColumn(pool: pool, amount: false, l)
        case .amount(let pool): return allocationColumn(pool: pool, amount: true, l)
        }
    }

    /// Input words for a message: each an excerpt, at most 30 of them.
    static func listed(_ words: [String], _ l: ReportLanguage) -> String {
        let more = words.count - 30
        return words.prefix(30).map { excerpt($0) }.joined(separator: ", ")
            + (more > 0 ? (l == .de ? " und \(NumberStyle(.de).int(more)) weitere" : " and \(more) more") : "")
    }

    /// Why the school table does not give the scenario its schools.
    public static func text(_ p: InputProblem.SchoolProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case .emptyColumnList:
            return de ? "eine leere Liste; bitte eine Spalte oder eine Liste von Spalten angeben" : "an empty list; give a column or a list of columns"
        case let .duplicateSchool(id, first):
            return de ? "Schulnummer \(id) kommt doppelt vor (zuerst in Zeile \(NumberStyle(.de).int(first))); jede Schule darf nur einmal vorkommen"
                      : "duplicate school number \(id) (first on line \(first)); each school must appear once"
        case .noneIncluded(let table):
            return de ? "keine Schulzeile in \(table) passt zu schools.include; ein Szenario braucht mindestens eine Schule"
                      : "no school rows in \(table) match schools.include; a scenario needs at least one school"
        case .teachersUnknown(let column):
            return de ? "die Schultabelle hat keine Spalte „\(column)“, daher muss „teachers“ sagen, wie die Lehrkräfte geschätzt werden (keyFigures, scaleToTotal)"
                      : "the school table has no '\(column)' column, so 'teachers' must say how to estimate them (keyFigures, scaleToTotal)"
        case .noSuchSchool(let id):
            return de ? "keine Schule mit der Nummer \(id) in der Schultabelle (nach schools.include)"
                      : "no school with number \(id) in the school table (after schools.include)"
        case .keyFiguresRow:
            return de ? "erwartet: ganze Zahlen für Schülerinnen und Schüler (> 0) und Lehrkräfte" : "expected whole numbers of pupils (> 0) and teachers"
        case let .notAForm(target, table, forms):
            return de ? "„\(excerpt(target))“ ist keine Schulform in \(table); Schulformen dort: \(listed(forms, l))"
                      : "'\(excerpt(target))' is not a school form in \(table); forms there: \(listed(forms, l))"
        case let .formNotListed(school, form, table):
            return de ? "Schule \(school) hat die Schulform „\(excerpt(form))“, die \(table) nicht aufführt; mit formAliases zuordnen"
                      : "school \(school) has form '\(excerpt(form))', which \(table) does not list; map it with formAliases"
        }
    }

    /// Why a scenario file cannot be read as a scenario.
    public static func text(_ p: InputProblem.ScenarioFileProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case .extendsCycle(let chain):
            let shown = chain.joined(separator: " -> ")
            return de ? "extends bildet einen Kreis: \(shown); ein Szenario kann nicht sich selbst erweitern"
                      : "extends forms a cycle: \(shown); a scenario cannot extend itself"
        case .extendsTooDeep(let limit):
            return de ? "mehr als \(limit) Ebenen von extends; bitte die Kette verkürzen" : "more than \(limit) levels of extends; flatten the chain"
        case .tooLarge(let kib):
            return de ? "hat \(NumberStyle(.de).int(kib))\u{a0}KiB; eine Szenariodatei darf höchstens 1\u{a0}MiB haben (die Schuldaten gehören in eine CSV-Tabelle)"
                      : "is \(kib) KiB; a scenario file may have at most 1 MiB (the school data belongs in a CSV table)"
        case .empty:
            return de ? "ist leer; erwartet wird ein Szenario (siehe README, „Scenario format“)" : "is empty; expected a scenario (see README, 'Scenario format')"
        case .notAScenario:
            return de ? "erwartet wird oben ein Szenario (Zeilen „Schlüssel: Wert“)" : "expected a scenario (key: value lines) at the top"
        case .extendsNotAPath:
            return de ? "erwartet: der Pfad des Szenarios, das dieses erweitert" : "expected the path of the scenario this one extends"
        case .overrideSyntax:
            return de ? "erwartet: schlüssel.pfad=wert, zum Beispiel pools.sofort.budget=5490000" : "expected key.path=value, for example pools.sofort.budget=5490000"
        case .extendsOnCommandLine:
            return de ? "extends kann nicht auf der Kommandozeile gesetzt werden" : "extends cannot be set from the command line"
        case .notYAML(let why):
            return (de ? "kann nicht als YAML gelesen werden: " : "cannot be read as YAML: ") + YamlReasons.library(why, l)
        case .malformed(let why):
            return (de ? "fehlerhaftes YAML: " : "malformed YAML: ") + YamlReasons.library(why, l)
        case .syntax(let s):
            return text(s, l)
        case .duplicateKeys(let keys):
            // The place (file:line:column) is the key's first appearance.
            let shown = keys.map { de ? "„\(excerpt($0))“" : "'\(excerpt($0))'" }.joined(separator: ", ")
            return de ? "fehlerhaftes YAML: der Schlüssel \(shown) steht zweimal in einer Zuordnung (hier zum ersten Mal); jeder Schlüssel darf in einer Zuordnung nur einmal stehen: einen löschen oder umbenennen"
                      : "malformed YAML: key \(shown) appears twice in one mapping (first here); each key may appear once in a mapping: delete or rename one"
        case .missingSection(let key):
            return de ? "fehlt; jedes Szenario braucht „\(key)“" : "missing; every scenario needs '\(key)'"
        case .keyNotText:
            return de ? "Schlüssel müssen einfacher Text sein" : "keys must be plain text"
        case .aliases:
            return de ? "YAML-Aliase werden nicht unterstützt; bitte den Wert ausschreiben" : "YAML aliases are not supported; write the value out"
        case let .aliasesExpand(anchor, limit):
            return aliasesExpand(anchor: anchor, limit: limit, l)
        case .outsideFolder(let folder):
            return de ? "liegt außerhalb des Szenario-Ordners \(folder)/ (Verweise aufgelöst); der Web-Planer liest nur Dateien darin, genannt in extends, schools.file, teachers.keyFigures oder pools.<id>.split.file"
                      : "lies outside the scenarios folder \(folder)/ (links followed); the web planner reads only files in it, named in extends, schools.file, teachers.keyFigures or pools.<id>.split.file"
        }
    }

    /// A broken domain rule of a scenario.
    public static func text(_ r: InputProblem.RuleProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        func n(_ i: Int) -> String { de ? NumberStyle(.de).int(i) : "\(i)" }
        switch r {
        case .noDeviceKinds: return de ? "keine Gerätearten; mindestens eine festlegen" : "no device kinds; define at least one"
        case .noPools: return de ? "keine Förderprogramme; mindestens eines festlegen" : "no pools; define at least one"
        case let .definedTwice(.deviceKinds, id):
            return de ? "die Geräteart „\(id)“ ist doppelt festgelegt; jede Geräteart braucht eine eigene Kennung" : "device kind '\(id)' is defined twice; give each kind one id"
        case let .definedTwice(.pools, id):
            return de ? "das Förderprogramm „\(id)“ ist doppelt festgelegt; jedes Förderprogramm braucht eine eigene Kennung" : "pool '\(id)' is defined twice; give each pool one id"
        case let .unknownKind(k, defined):
            let list = defined.joined(separator: ", ")
            return de ? "unbekannte Geräteart „\(k)“; festgelegt sind: \(list)" : "unknown device kind '\(k)'; defined: \(list)"
        case .grantIsOwnMoney:
            return de ? "ein Zuschuss (grant) kann nicht Eigenmittel der Stadt sein; Eigenmittel bekommen ein eigenes Förderprogramm mit rule „any“ oder „remainder“"
                      : "a grant cannot be the city's own money; give own money its own pool with rule 'any' or 'remainder'"
        case let .partlySplit(split, shared):
            let a = split.joined(separator: ", "), b = shared.joined(separator: ", ")
            return de ? "die Förderprogramme \(a) werden auf Schulträger aufgeteilt, \(b) aber nicht; jedem Förderprogramm ein „split“ geben (siehe README, „Splitting pools among authorities“) oder keinem"
                      : "pools \(a) are split among authorities but \(b) are not; give every pool a 'split' (see README, 'Splitting pools among authorities') or none"
        case .missingLevels(let missing):
            let list = missing.map(String.init).joined(separator: ", ")
            return de ? "Indexstufen \(list) fehlen; alle Stufen 1–9 angeben" : "missing index levels \(list); give all of 1-9"
        case .noSuchLevel(let level):
            return de ? "die Indexstufe \(level) gibt es nicht; Stufen sind 1–9" : "index level \(level) does not exist; levels are 1-9"
        case let .notASchoolForm(form, allowed):
            let list = allowed.joined(separator: ", ")
            return de ? "„\(form)“ ist keine Schulform von need.schoolForms; erlaubt: \(list)" : "'\(form)' is not a school form of need.schoolForms; allowed: \(list)"
        case let .noRuleWithoutLevel(school, form):
            return de ? "Schule \(school) (\(form)) hat keine Sozialindexstufe, und need.withoutLevel hat keine Regel für „\(form)“ und keine Vorgabe (default)"
                      : "school \(school) (\(form)) has no social index level and need.withoutLevel has no rule for '\(form)' and no default"
        case let .schoolIndex(school, level):
            return de ? "Schule \(school): Sozialindex \(level), erwartet: eine Stufe 1–9" : "school \(school): social index \(level), expected a level 1-9"
        case let .schoolCounts(school, pupils, teachers, existing):
            return de ? "Schule \(school): Schülerinnen und Schüler \(n(pupils)), Lehrkräfte \(n(teachers)), vorhandene Geräte \(n(existing)); erwartet: Anzahlen von 0 oder mehr"
                      : "school \(school): pupils \(pupils), teachers \(teachers), existing devices \(existing); expected counts of 0 or more"
        case let .notADeviceKind(found, kinds):
            let list = kinds.joined(separator: ", ")
            return de ? "„\(found)“ gefunden; erlaubt: die Gerätearten \(list)" : "found '\(found)', allowed: the device kinds \(list)"
        case .listedTwice(let id):
            return de ? "die Geräteart „\(id)“ steht doppelt in der Liste; jede Geräteart nur einmal angeben" : "device kind '\(id)' is listed twice; list each kind once"
        case .orderNeedsPerKind:
            return de ? "eine Reihenfolge gilt nur für „guarantee: per-kind“; eine gemeinsame Garantie deckt alle Gerätearten zugleich ab"
                      : "an order applies only to 'guarantee: per-kind'; a joint guarantee covers all kinds at once"
        case let .noNeedEntry(level, school):
            return de ? "die Bedarfstabellen haben keinen Eintrag für die Indexstufe \(level) (Schule \(school))" : "need tables have no entry for index level \(level) (school \(school))"
        case .noTeacherRatio(let form):
            return de ? "kein Verhältnis Lehrkräfte je Schüler für die Schulform „\(form)“" : "no teachers-per-pupil ratio for school form '\(form)'"
        }
    }

    /// What a value must be, or what a key holds.
    public static func text(_ a: Allowed, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch a {
        case .money(let positive):
            return positive ? (de ? "ein Betrag in Euro über 0 (höchstens 2 Nachkommastellen)" : "an amount in euros above 0 (at most 2 decimals)")
                            : (de ? "ein Betrag in Euro, 0 oder mehr (höchstens 2 Nachkommastellen)" : "an amount in euros, 0 or more (at most 2 decimals)")
        case .moneyAtMost(let positive):
            return de ? "ein Betrag in Euro \(positive ? "über 0" : "von 0 oder mehr") und höchstens 1.000.000.000.000"
                      : "an amount in euros \(positive ? "above 0" : "0 or more") and at most 1,000,000,000,000"
        case .fundingRate: return de ? "eine Förderquote über 0 und höchstens 1 (also über 0\u{a0}% bis 100\u{a0}%)" : "a funding rate above 0 and at most 1"
        case .shareOfNeed: return de ? "ein Anteil am Bedarf von 0 bis 1 (0\u{a0}% bis 100\u{a0}%)" : "a share of need from 0 to 1"
        case .share: return de ? "ein Anteil von 0 bis 1 (0\u{a0}% bis 100\u{a0}%)" : "a share from 0 to 1"
        case .weight: return de ? "ein Gewicht von 0 bis 1.000" : "a weight from 0 to 1000"
        case .formFactor:
            return de ? "ein Faktor auf den Bedarfsanteil von 0 bis 10 (1 = wie die Indexstufe sagt)" : "a factor on the need share from 0 to 10 (1 = as the index level says)"
        case .number: return de ? "eine Zahl" : "a number"
        case .wholeNumber: return de ? "eine ganze Zahl" : "a whole number"
        case .trueOrFalse: return de ? "true oder false" : "true or false"
        case .basis: return de ? "pupils oder teachers" : "pupils or teachers"
        case .eurosPerBundle: return de ? "Euro je Gerätepaket" : "euros per device bundle"
        case .poolKinds: return de ? "die Gerätearten, die es bezahlen darf" : "the device kinds it may pay for"
        case .poolRule: return de ? "grant, remainder oder any" : "grant, remainder or any"
        case .euros: return de ? "Euro" : "euros"
        case let .fromTo(a, b): return de ? "\(germanNumber(a)) bis \(germanNumber(b))" : "\(a) to \(b)"
        case let .secondsFromTo(a, b): return de ? "\(germanNumber(a)) bis \(germanNumber(b)) Sekunden" : "\(a) to \(b) seconds"
        case .secondsUpTo(let b): return de ? "Sekunden über 0 und höchstens \(germanNumber(b))" : "seconds above 0 and at most \(b)"
        case .isoTime: return de ? "eine Zeit nach ISO 8601 wie 2026-01-31T12:00:00Z" : "an ISO 8601 time such as 2026-01-31T12:00:00Z"
        case .dayOrTime: return de ? "ein Tag (2026-12-01) oder eine Zeit nach ISO 8601 (2026-12-01T12:00:00Z)" : "a day (2026-12-01) or an ISO 8601 time (2026-12-01T12:00:00Z)"
        case .grades: return de ? "Klassenstufen von 1 bis 13" : "grades from 1 to 13"
        case .levelOrExclude: return de ? "eine Indexstufe 1–9 oder „exclude“" : "an index level 1-9 or 'exclude'"
        case .relativeGap: return de ? "ein relativer Abstand von 0 bis 0,5" : "a relative gap from 0 to 0.5"
        case .seconds: return de ? "Sekunden von 0,001 bis 86.400" : "seconds from 0.001 to 86400"
        case .relativeTolerance: return de ? "eine relative Toleranz von 0 bis 0,5" : "a relative tolerance from 0 to 0.5"
        case .wholeNumberUpTo(let max): return de ? "eine ganze Zahl von 0 bis \(NumberStyle(.de).int(max))" : "a whole number from 0 to \(max)"
        case .schoolNumber: return de ? "eine Schulnummer aus ASCII-Buchstaben und Ziffern" : "a school number of ASCII letters and digits"
        case .indexLevel: return de ? "eine Indexstufe 1–9, leer oder „ohne“ (keine Stufe)" : "an index level 1-9, empty or 'ohne' (no level)"
        case let .coordinate(a, b):
            return de ? "eine Koordinate von \(germanNumber("\(a)")) bis \(germanNumber("\(b)"))" : "a coordinate in \(a)...\(b)"
        case .schoolTableFile:
            return de ? "die Schultabelle, ein CSV-Pfad relativ zum Szenario" : "the school table, a CSV path relative to the scenario"
        case .keyFiguresFile:
            return de ? "CSV mit schulform, schueler_insgesamt, lehrkraefte" : "CSV with schulform, schueler_insgesamt, lehrkraefte"
        case .loader(let p): return text(p, l)
        case .english(let s): return s
        case let .worded(en, german): return de ? german : en
        // Observed counts of a calibration:
        case .wholeDevices: return de ? "eine ganze Zahl von Geräten, 0 oder mehr" : "a whole number of devices, 0 or more"
        case .deviceCount: return de ? "eine Anzahl von Geräten, 0 oder mehr" : "a count of devices, 0 or more"
        case .levelOneToNine: return de ? "eine Indexstufe 1–9" : "an index level 1-9"
        }
    }

    /// Why a number written with an exponent is refused.
    public static func text(_ p: ExponentProblem, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch p {
        case .notWrittenOut: return de ? "eine Zahl mit Exponent; bitte in Ziffern ausschreiben" : "a number with an exponent; write it out in plain digits"
        case .notWrittenOutExample:
            return de ? "eine Zahl mit Exponent; bitte in Ziffern ausschreiben (z. B. 1e6 als 1000000)"
                      : "a number with an exponent; write it out in plain digits (e.g. 1e6 as 1000000)"
        case .underflows:
            return de ? "zu klein: sie wird zu 0 (unter ±1e-308); bitte in Ziffern ausschreiben" : "too small: it underflows to 0 (below ±1e-308); write it out in plain digits"
        case .overflows: return de ? "zu groß: sie läuft über (jenseits von ±1,8e308)" : "too large: it overflows (beyond ±1.8e308)"
        }
    }

    // MARK: The engine

    public static func text(_ e: AllocationError, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch e {
        case .inconsistentScenario(let issue): return (de ? "widersprüchliches Szenario: " : "inconsistent scenario: ") + text(issue, l)
        case .infeasible(let why):
            let rule = ruleName(why.rule, l)
            return (de ? "nicht lösbar: die Regel „\(rule)“ kann nicht eingehalten werden. " : "infeasible: the rule '\(rule)' cannot hold. ") + text(why, l)
        case .solver(let s): return text(s, l)
        case .noPlanFound(let reason):
            switch reason {
            case .fundingCheckTimedOut:
                return de ? "kein Plan gefunden: die Prüfung der Finanzierung hat ihre Zeitgrenze erreicht" : "no plan found: funding check ran out of time"
            }
        case .cancelled: return de ? "die Berechnung wurde abgebrochen" : "the solve was cancelled"
        case .verificationFailed(let v):
            return (de ? "interner Fehler: der Plan hat die Prüfung nicht bestanden (bitte melden Sie das):\n  "
                       : "internal error: the plan failed verification (please report this):\n  ") + v.prefix(20).joined(separator: "\n  ")
        case let .unexpectedStatus(stage, status, why):
            return de ? "interner Fehler: der Solver hat die Stufe „\(stage)“ mit \(status) beendet, obwohl gilt: \(why) (bitte melden Sie das)"
                      : "internal error: the solver ended the stage '\(stage)' \(status) although \(why) (please report this)"
        case .internalError(let s): return de ? "interner Fehler: \(s) (bitte melden Sie das)" : "internal error: \(s) (please report this)"
        }
    }

    static func ruleName(_ rule: Infeasibility.Rule, _ l: ReportLanguage) -> String {
        switch rule {
        case .coverageFloors: return l == .de ? "Mindestabdeckung" : "coverage floors"
        }
    }

    /// The advice for floors the pools cannot pay: the floors, the money missing, each single
    /// change that makes the scenario hold.
    public static func text(_ why: Infeasibility, _ l: ReportLanguage) -> String {
        let de = l == .de
        // A kind is named by its label (the scenario's words) in both languages, its key path
        // beside it where a change is advised; only a floor above 0 asks for devices.
        // English: "pupil devices", as the terminal's other English text names kinds.
        func named(_ id: String) -> String {
            let f = why.floors.first { $0.kind == id }
            guard !de else { return f?.label ?? id }
            guard let basis = f?.basis else { return id }
            let label = Words.englishKindLabel(id: id, basis: basis)
            return label.prefix(1).lowercased() + label.dropFirst()
        }
        let floors = why.floors.filter { $0.floor > 0 }.map { f in
            "\(named(f.kind)) \(percent(f.floor, l)) (\(NumberStyle(l).int(f.devices)) \(de ? "Geräte" : "devices"))"
        }.joined(separator: ", ")
        guard let short = why.shortfall else {
            return de ? "Die Mindestabdeckungen \(floors) kann kein Förderprogramm bezahlen." : "The floors \(floors) cannot be paid by any pool."
        }
        var out = de ? "Die Mindestabdeckungen \(floors) kosten \(money(short, l)) mehr, als die Förderprogramme zahlen können."
                     : "The floors \(floors) cost \(money(short, l)) more than the pools can pay."
        if why.fixes.isEmpty {
            out += de ? " Kein einzelnes Förderprogramm und keine einzelne Mindestabdeckung gleicht das allein aus. Stocken Sie ein Förderprogramm, das alle diese Gerätearten bezahlen darf, um mindestens \(money(short, l)) auf, oder senken Sie die Mindestabdeckungen."
                      : " No single pool or floor can make up for it alone; add at least \(money(short, l)) to a pool that may pay these devices (rule: any), or lower the floors."
            return out
        }
        let fixes = why.fixes.map { fix -> String in
            switch fix {
            case let .raiseBudget(pool, name, by, to):
                return de ? "\(name) (pools.\(pool).budget) um \(money(by, l)) auf \(money(to, l)) erhöhen"
                          : "raise \(name) (pools.\(pool).budget) by \(money(by, l)) to \(money(to, l))"
            case let .lowerFloor(kind, from, to):
                return de ? "die Mindestabdeckung für \(named(kind)) (deviceKinds.\(kind).coverageFloor) von \(percent(from, l)) auf \(percent(to, l)) senken"
                          : "lower the coverage floor of \(named(kind)) (deviceKinds.\(kind).coverageFloor) from \(percent(from, l)) to \(percent(to, l))"
            }
        }.joined(separator: "; ")
        out += (de ? " Jede einzelne dieser Änderungen genügt: " : " Any one of these makes it hold: ") + fixes + "."
        return out
    }

    public static func text(_ e: SolverError, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch e {
        case .invalidModel(let m): return (de ? "ungültiges Modell: " : "invalid model: ") + "\(m)"
        case .invalidOption(let s): return (de ? "ungültige Solver-Option: " : "invalid solver option: ") + s
        case .solverFailure(let s): return (de ? "Fehler des Solvers: " : "solver failure: ") + reason(s, l)
        case .io(let s): return reason(s, l)
        case .cancelled: return de ? "die Berechnung wurde abgebrochen" : "the solve was cancelled"
        }
    }

    // MARK: Sweeps, schedules, outputs

    public static func text(_ e: SweepError, _ l: ReportLanguage) -> String {
        let at = l == .de ? "bei" : "at"
        switch e {
        case let .badAxis(text, why): return "--vary \(text.prefix(80)): \(self.text(why, l))"
        case let .scenario(nil, s): return self.text(s, l)
        case let .scenario(point?, s): return "\(at) \(point): \(self.text(s, l))"
        case let .allocation(point, a): return "\(at) \(point): \(self.text(a, l))"
        }
    }

    /// A schedule's refusal.
    public static func text(_ e: ScheduleError, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch e {
        case .inconsistentRules(let p): return (de ? "widersprüchlicher Zeitplan: " : "inconsistent schedule: ") + text(p, l)
        case .solver(let s): return text(s, l)
        case .noScheduleFound(let r): return (de ? "kein Zeitplan gefunden: " : "no schedule found: ") + text(r, l)
        case .verificationFailed(let v):
            return (de ? "interner Fehler: der Zeitplan hat die Prüfung nicht bestanden (bitte melden Sie das):\n  "
                       : "internal error: the schedule failed verification (please report this):\n  ") + v.prefix(20).joined(separator: "\n  ")
        case let .unexpectedStatus(stage, status):
            return de ? "interner Fehler: der Solver hat die Stufe „\(stage)“ mit \(status) beendet, obwohl nichts auszuliefern immer ein Zeitplan ist (bitte melden Sie das)"
                      : "internal error: the solver ended the stage '\(stage)' \(status), but handing out nothing is always a schedule (please report this)"
        }
    }

    /// A refusal of the command line: "--option: what is wrong".
    public static func text(_ e: CommandError, _ l: ReportLanguage) -> String {
        let message = text(e.problem, l)
        return e.option.map { "\($0): \(message)" } ?? message
    }

    /// A file or standard output that cannot be written: the path, and the system's reason.
    public static func text(_ e: OutputError, _ l: ReportLanguage) -> String {
        l == .de ? "\(e.path == "standard output" ? "die Standardausgabe" : e.path) kann nicht geschrieben werden: \(reason(e.reason, l))" : "cannot write \(e.path): \(e.reason)"
    }

    // MARK: Numbers

    static let posix = Locale(identifier: "en_US_POSIX")

    /// A money amount: "150,372.20 €" (the terminal's English) or "150.372,20 €" with a no-break space.
    static func money(_ m: Money, _ l: ReportLanguage) -> String {
        l == .de ? NumberStyle(.de, nonBreaking: true).money(m) : m.formatted
    }

    /// A share as percent, exact: "99 %", "96.5 %" / "96,5 %" (no-break space in German).
    static func percent(_ d: Decimal, _ l: ReportLanguage) -> String {
        l == .de ? germanNumber("\(d * 100)") + "\u{a0}%" : "\(d * 100) %"
    }

    /// A plain number written the German way: "150372.20" -> "150.372,20", "96.5" -> "96,5",
    /// "20014" -> "20.014"; anything that is not a plain number unchanged.
    static func germanNumber(_ s: String) -> String {
        guard let m = s.wholeMatch(of: #/([+-]?)(\d+)(?:\.(\d+))?/#), let n = Int(m.2) else { return s }
        return String(m.1) + NumberStyle(.de).int(n) + (m.3.map { "," + $0 } ?? "")
    }
}

extension Allowed {
    /// A share (0 to 1): a German message shows a found value in percent too.
    var isShare: Bool { self == .fundingRate || self == .shareOfNeed || self == .share }
}

// The English words are these errors' descriptions, wherever they are printed.
extension AllocationError: CustomStringConvertible {
    public var description: String { ErrorWords.text(self, .en) }
}

extension ScenarioIssue: CustomStringConvertible {
    public var description: String { ErrorWords.text(self, .en) }
    /// The problem in English, without the key.
    public var message: String { ErrorWords.text(problem, .en) }
}

extension ScenarioError: CustomStringConvertible, LocalizedError {
    public var description: String { ErrorWords.text(self, .en) }
    public var errorDescription: String? { description }
    /// The problem in English, without the place.
    public var message: String { ErrorWords.text(problem, .en) }
}

/// A refusal of the command line itself (an option's value, a section a flag needs): the
/// user's input unless said otherwise. `option`: the option it names; `problem`: what is wrong.
public struct CommandError: ClassifiedError, CustomStringConvertible {
    public var option: String?
    public var problem: InputProblem
    public var errorClass: ErrorClass
    /// A refusal not yet handed over as facts: its English words.
    public init(_ message: String, _ errorClass: ErrorClass = .input) { option = nil; problem = .text(message); self.errorClass = errorClass }
    public init(option: String, _ problem: InputProblem, _ errorClass: ErrorClass = .input) {
        self.option = option; self.problem = problem; self.errorClass = errorClass
    }
    public var description: String { ErrorWords.text(self, .en) }
}

extension SweepError: CustomStringConvertible {
    public var description: String { ErrorWords.text(self, .en) }
}

extension ScheduleError: CustomStringConvertible {
    public var description: String { ErrorWords.text(self, .en) }
}

extension SolverError: CustomStringConvertible {
    public var description: String { ErrorWords.text(self, .en) }
}
