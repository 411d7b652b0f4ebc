import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reasons a library or the system gives (errno, SQLite, GLPK) inside a message: English
/// as the library says them; in German the common ones in German words, the original kept in
/// parentheses for support ("Zugriff verweigert (Permission denied, errno 13)"). A reason not
/// in the tables stays as it is.
extension ErrorWords {
    public static func reason(_ s: String, _ l: ReportLanguage) -> String {
        guard l == .de else { return s }
        return SystemReasons.german(s) ?? s
    }
}

enum SystemReasons {
    /// German words for the errno codes a user meets (reading, writing, serving), by code.
    static let errno: [Int32: String] = [
        EPERM: "Vorgang nicht erlaubt",
        ENOENT: "Datei oder Ordner nicht gefunden",
        EINTR: "unterbrochen",
        EIO: "Ein-/Ausgabefehler",
        EBADF: "ungültiger Dateideskriptor",
        EAGAIN: "vorübergehend nicht verfügbar, bitte erneut versuchen",
        ENOMEM: "nicht genug Arbeitsspeicher",
        EACCES: "Zugriff verweigert",
        EBUSY: "Gerät oder Datei wird gerade benutzt",
        EEXIST: "die Datei existiert bereits",
        EXDEV: "Verschieben zwischen Dateisystemen nicht möglich",
        ENOTDIR: "ein Teil des Pfads ist kein Ordner",
        EISDIR: "ist ein Ordner",
        EINVAL: "ungültiges Argument",
        ENFILE: "zu viele offene Dateien im System",
        EMFILE: "zu viele offene Dateien",
        ETXTBSY: "die Datei wird gerade ausgeführt",
        EFBIG: "die Datei ist zu groß",
        ENOSPC: "kein Speicherplatz mehr auf dem Gerät",
        EROFS: "das Dateisystem ist nur lesbar",
        EMLINK: "zu viele Verweise",
        EPIPE: "die Verbindung wurde unterbrochen (Pipe)",
        ENAMETOOLONG: "der Dateiname ist zu lang",
        ENOTEMPTY: "der Ordner ist nicht leer",
        ELOOP: "zu viele Ebenen symbolischer Verweise",
        EDQUOT: "das Speicherkontingent ist überschritten",
        EADDRINUSE: "die Adresse wird bereits verwendet",
        EADDRNOTAVAIL: "die Adresse ist auf diesem Rechner nicht verfügbar",
        ECONNREFUSED: "Verbindung abgelehnt",
        ECONNRESET: "die Verbindung wurde von der Gegenseite zurückgesetzt",
        ETIMEDOUT: "Zeitüberschreitung der Verbindung",
        ENETUNREACH: "das Netzwerk ist nicht erreichbar",
    ]

    /// German words for SQLite's primary result codes (the extended code's low byte).
    static let sqlite: [Int: String] = [
        1: "SQL-Fehler oder fehlende Datenbank",
        2: "interner Fehler von SQLite",
        3: "Zugriff verweigert",
        4: "der Vorgang wurde abgebrochen",
        5: "die Datenbank ist gesperrt (ein anderer Vorgang schreibt gerade)",
        6: "eine Tabelle der Datenbank ist gesperrt",
        7: "nicht genug Arbeitsspeicher",
        8: "die Datenbank ist nur lesbar",
        9: "der Vorgang wurde unterbrochen",
        10: "Ein-/Ausgabefehler beim Zugriff auf die Datenbank",
        11: "die Datenbankdatei ist beschädigt",
        13: "die Datenbank oder der Datenträger ist voll",
        14: "die Datenbankdatei kann nicht geöffnet werden",
        15: "die Datenbank ist von einem anderen Vorgang gesperrt",
        17: "das Schema der Datenbank hat sich geändert",
        18: "ein Wert ist zu groß für die Datenbank",
        19: "eine Bedingung der Datenbank ist verletzt",
        20: "ein Wert hat nicht den Typ, den die Datenbank erwartet",
        21: "die Datenbank wurde falsch benutzt",
        23: "keine Berechtigung",
        26: "die Datei ist keine Datenbank",
    ]

    /// The German text of `s`, or nil when no table knows it.
    static func german(_ s: String) -> String? {
        // OutputFiles' staging folder.
        if let m = match(s, #"^cannot make a staging folder: ([\s\S]*)$"#) {
            return "ein Zwischenordner kann nicht angelegt werden: \(german(m[1]) ?? m[1])"
        }
        // "<reason> (errno 13)" (errnoText) or "… (errno: 98)" (NIO's socket errors).
        if let m = match(s, #"^([\s\S]*?):? ?([^:()]*) \(errno:? (\d+)\)$"#), let code = Int32(m[3]), let word = errno[code] {
            let lead = m[1].isEmpty ? "" : leadIn(m[1])
            return "\(lead)\(word) (\(m[2]), errno \(code))"
        }
        // "<message> (SQLite 11)" (HistoryStore).
        if let m = match(s, #"^([\s\S]*) \(SQLite (\d+)\)$"#), let code = Int(m[2]) {
            let word = sqlite[code & 0xff] ?? "Fehler der Datenbank SQLite"
            return "\(word) (\(m[1]), SQLite \(code))"
        }
        // The GLPK adapter's own failures (GLPKSolver, GuardedProblem).
        if let m = match(s, #"^GLPK reported an error \(recovered\): ([\s\S]*)$"#) {
            return "GLPK hat einen Fehler gemeldet (abgefangen): \(m[1])"
        }
        if let m = match(s, #"^model too large for GLPK \(more than 2\^31 (rows or columns|nonzeros)\)$"#) {
            return "das Modell ist zu groß für GLPK (mehr als 2^31 \(m[1] == "nonzeros" ? "Nichtnull-Einträge" : "Zeilen oder Spalten"); \(s))"
        }
        if let m = match(s, #"^(\S+) returned a non-finite solution \(objective ([^)]*)\)$"#) {
            return "\(m[1]) hat eine nicht endliche Lösung geliefert (Zielwert \(m[2]))"
        }
        // GLPKSolver's unexpected return: the code and status by their names (GLPKCodes.swift),
        // each with its meaning; GLPK's log lines with German words where GLPK says a result.
        if let m = match(s, #"^(\S+) returned (\S+) with status (\S+)\nGLPK log:\n([\s\S]*)$"#) {
            let code = glpkCodes[m[2]].map { "\(m[2]) (\($0))" } ?? m[2]
            let status = glpkStatus[m[3]].map { "\(m[3]) (\($0))" } ?? m[3]
            return "\(m[1]) hat \(code) mit Status \(status) zurückgegeben\nProtokoll von GLPK:\n\(glpkLog(m[4]))"
        }
        if let m = match(s, #"^cannot write the (\S+) file ([\s\S]*?): ([\s\S]*)$"#) {
            return "die \(m[1])-Datei \(m[2]) kann nicht geschrieben werden: \(german(m[3]) ?? m[3])"
        }
        if let m = match(s, #"^GLPK returned (-?\d+)$"#) { return "GLPK hat \(m[1]) zurückgegeben" }
        // GLPK's own log line: "Unable to create `x.lp' - Permission denied".
        if let m = match(s, #"^Unable to create `([^']*)' - (.*)$"#) {
            return "„\(m[1])“ kann nicht angelegt werden: \(bare(m[2]).map { "\($0) (\(m[2]))" } ?? m[2])"
        }
        // Foundation's sentences (an error's localizedDescription).
        if let german = foundation(s) { return german }
        // A system reason without its code ("Permission denied").
        if let word = bare(s) { return "\(word) (\(s))" }
        return nil
    }

    /// What glp_simplex / glp_intopt return (GLPKReturnCode's names), in German.
    static let glpkCodes: [String: String] = [
        "GLP_EBADB": "die Startbasis ist ungültig", "GLP_ESING": "die Basismatrix ist singulär",
        "GLP_ECOND": "die Basismatrix ist schlecht konditioniert", "GLP_EBOUND": "eine Variable hat ungültige Schranken",
        "GLP_EFAIL": "der Solver ist gescheitert", "GLP_EOBJLL": "der Zielwert hat seine untere Grenze erreicht",
        "GLP_EOBJUL": "der Zielwert hat seine obere Grenze erreicht", "GLP_EITLIM": "die Grenze der Iterationen ist erreicht",
        "GLP_ETMLIM": "das Zeitlimit ist erreicht", "GLP_ENOPFS": "keine zulässige Lösung",
        "GLP_ENODFS": "keine dual zulässige Lösung", "GLP_EROOT": "die LP-Relaxation der Wurzel ist nicht optimal gelöst",
        "GLP_ESTOP": "die Suche wurde abgebrochen", "GLP_EMIPGAP": "die relative Toleranz ist erreicht",
    ]

    /// glp_get_status / glp_mip_status (GLPKStatus's names), in German.
    static let glpkStatus: [String: String] = [
        "GLP_UNDEF": "keine Lösung", "GLP_FEAS": "zulässig", "GLP_INFEAS": "unzulässig",
        "GLP_NOFEAS": "keine zulässige Lösung", "GLP_OPT": "optimal", "GLP_UNBND": "unbeschränkt",
    ]

    /// GLPK's result and failure lines, in German; its progress lines (iterations, figures)
    /// stay as GLPK prints them.
    static let glpkLines: [String: String] = [
        "OPTIMAL LP SOLUTION FOUND": "optimale LP-Lösung gefunden",
        "INTEGER OPTIMAL SOLUTION FOUND": "optimale ganzzahlige Lösung gefunden",
        "PROBLEM HAS NO PRIMAL FEASIBLE SOLUTION": "das Problem hat keine zulässige Lösung",
        "PROBLEM HAS NO DUAL FEASIBLE SOLUTION": "das Problem hat keine dual zulässige Lösung (unbeschränkt oder unzulässig)",
        "PROBLEM HAS NO INTEGER FEASIBLE SOLUTION": "das Problem hat keine zulässige ganzzahlige Lösung",
        "LP RELAXATION HAS NO PRIMAL FEASIBLE SOLUTION": "die LP-Relaxation hat keine zulässige Lösung",
        "LP RELAXATION HAS NO DUAL FEASIBLE SOLUTION": "die LP-Relaxation hat keine dual zulässige Lösung",
        "TIME LIMIT EXCEEDED; SEARCH TERMINATED": "Zeitlimit überschritten; Suche beendet",
        "ITERATION LIMIT EXCEEDED; SEARCH TERMINATED": "Grenze der Iterationen überschritten; Suche beendet",
        "RELATIVE MIP GAP TOLERANCE REACHED; SEARCH TERMINATED": "relative Toleranz erreicht; Suche beendet",
        "SEARCH TERMINATED BY APPLICATION": "Suche vom Programm beendet",
        "Error: unable to factorize the basis matrix": "Fehler: die Basismatrix lässt sich nicht faktorisieren",
        "Sorry, basis recovery procedure not implemented yet": "die Basis lässt sich nicht wiederherstellen (in GLPK nicht umgesetzt)",
        "glp_intopt: optimal basis to initial LP relaxation not provided": "glp_intopt: keine optimale Basis der ersten LP-Relaxation",
        "glp_simplex: unable to recover undefined or non-optimal solution": "glp_simplex: eine undefinierte oder nicht optimale Lösung lässt sich nicht wiederherstellen",
        "glp_intopt: problem has no rows/columns": "glp_intopt: das Problem hat keine Zeilen oder Spalten",
        "glp_simplex: problem has no rows/columns": "glp_simplex: das Problem hat keine Zeilen oder Spalten",
    ]

    /// GLPK's log with its result lines in German (the original beside them).
    static func glpkLog(_ log: String) -> String {
        log.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return glpkLines[text].map { "\($0) (\(text))" } ?? String(line)
        }.joined(separator: "\n")
    }

    /// Foundation's error sentences (swift-corelibs-foundation's localizedDescription), in
    /// German; quotes and apostrophes typographic or plain.
    static func foundation(_ s: String) -> String? {
        let q = #"[“"']([^”"']*)[”"']"#, a = "[’']"
        let sentences: [(String, ([String]) -> String)] = [
            ("^The file \(q) couldn\(a)t be opened because there is no such file\\.$", { "die Datei „\($0[1])“ kann nicht geöffnet werden: Datei oder Ordner nicht gefunden" }),
            ("^The file \(q) couldn\(a)t be opened because you don\(a)t have permission to view it\\.$", { "die Datei „\($0[1])“ kann nicht geöffnet werden: Zugriff verweigert" }),
            ("^The file \(q) couldn\(a)t be opened because it isn\(a)t in the correct format\\.$", { "die Datei „\($0[1])“ kann nicht geöffnet werden: sie hat nicht das erwartete Format" }),
            ("^The file \(q) couldn\(a)t be opened\\.$", { "die Datei „\($0[1])“ kann nicht geöffnet werden" }),
            ("^You don\(a)t have permission to save the file \(q) in the folder \(q)\\.$", { "keine Berechtigung, die Datei „\($0[1])“ im Ordner „\($0[2])“ zu speichern" }),
            ("^The file \(q) couldn\(a)t be saved in the folder \(q) because a file with the same name already exists\\.$",
             { "die Datei „\($0[1])“ kann im Ordner „\($0[2])“ nicht gespeichert werden: eine Datei mit diesem Namen existiert bereits" }),
            ("^The file \(q) couldn\(a)t be saved because the volume is read only\\.$", { "die Datei „\($0[1])“ kann nicht gespeichert werden: das Dateisystem ist nur lesbar" }),
            ("^The file \(q) couldn\(a)t be saved because there isn\(a)t enough space\\.$", { "die Datei „\($0[1])“ kann nicht gespeichert werden: kein Speicherplatz mehr auf dem Gerät" }),
            ("^The file \(q) couldn\(a)t be saved\\.$", { "die Datei „\($0[1])“ kann nicht gespeichert werden" }),
            ("^The data couldn\(a)t be read because it isn\(a)t in the correct format\\.$", { _ in "die Daten können nicht gelesen werden: sie haben nicht das erwartete Format" }),
            ("^The data couldn\(a)t be read because it is missing\\.$", { _ in "die Daten können nicht gelesen werden: sie fehlen" }),
            ("^The data couldn\(a)t be written because it isn\(a)t in the correct format\\.$", { _ in "die Daten können nicht geschrieben werden: sie haben nicht das erwartete Format" }),
            ("^The operation couldn\(a)t be completed\\. \\(([\\s\\S]*)\\)$", { "der Vorgang kann nicht abgeschlossen werden (\($0[1]))" }),
            // swift-corelibs-foundation: "The operation could not be completed. <why>".
            ("^The operation could not be completed\\. (.+)$", { m in
                let why: [String: String] = [
                    "The data is not in the correct format.": "die Daten haben nicht das erwartete Format",
                    "The file doesn’t exist.": "die Datei existiert nicht", "The file doesn't exist.": "die Datei existiert nicht",
                    "You don’t have permission.": "keine Berechtigung", "You don't have permission.": "keine Berechtigung",
                ]
                return "der Vorgang kann nicht abgeschlossen werden" + (why[m[1]].map { ": \($0)" } ?? " (\(m[1]))")
            }),
            ("^The operation couldn\(a)t be completed\\.$", { _ in "der Vorgang kann nicht abgeschlossen werden" }),
        ]
        for (pattern, word) in sentences { if let m = match(s, pattern) { return word(m) } }
        return nil
    }

    /// The German words of a system reason given without its code (strerror's English text).
    static func bare(_ s: String) -> String? {
        for (code, word) in errno where String(cString: strerror(code)) == s { return word }
        return nil
    }

    /// A lead-in before the reason ("bind(descriptor:ptr:bytes):"), kept as it is.
    static func leadIn(_ s: String) -> String { s.hasSuffix(" ") ? s : s + ": " }

    /// The groups of a whole-string match, or nil.
    static func match(_ s: String, _ pattern: String) -> [String]? {
        guard let re = try? NSRegularExpression(pattern: pattern),
              let m = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { return nil }
        return (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: s).map { String(s[$0]) } ?? "" }
    }
}
