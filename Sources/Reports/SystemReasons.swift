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
        if let m = match(s, #"^(\S+) returned (-?\d+) with status (\S+)\nGLPK log:\n([\s\S]*)$"#) {
            return "\(m[1]) hat \(m[2]) mit Status \(m[3]) zurückgegeben\nProtokoll von GLPK:\n\(m[4])"
        }
        if let m = match(s, #"^cannot write the (\S+) file ([\s\S]*?): ([\s\S]*)$"#) {
            return "die \(m[1])-Datei \(m[2]) kann nicht geschrieben werden: \(german(m[3]) ?? m[3])"
        }
        if let m = match(s, #"^GLPK returned (-?\d+)$"#) { return "GLPK hat \(m[1]) zurückgegeben" }
        // GLPK's own log line: "Unable to create `x.lp' - Permission denied".
        if let m = match(s, #"^Unable to create `([^']*)' - (.*)$"#) {
            return "„\(m[1])“ kann nicht angelegt werden: \(bare(m[2]).map { "\($0) (\(m[2]))" } ?? m[2])"
        }
        // A system reason without its code ("Permission denied").
        if let word = bare(s) { return "\(word) (\(s))" }
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
