import Allocation
import Reports
import ScenarioFiles

/// The web API's answer to an error of the library: status and kind come from the error's
/// class (`classify`, Sources/Allocation/ErrorClass.swift), the one the command line takes its
/// exit code from; the message is the command line's, and beside it the same in German
/// (`ErrorWords`, Sources/Reports/ErrorWords.swift), which the answer carries unless the
/// request asks for English.
extension PlannerError {
    init(classifying error: any Error, field: String? = nil) {
        let errorClass = classify(error)
        if errorClass == .cancelled { self = .clientGone; return }
        self.init(errorClass.httpStatus, errorClass.httpKind, ErrorWords.text(error, .en), german: ErrorWords.text(error, .de), field: field)
    }
}

/// The planner's own refusals (400, 404, 409, 413, …) are input; 499 is a client that hung up.
extension PlannerError: ClassifiedError {
    public var errorClass: ErrorClass { ErrorClass(httpStatus: status) }
}

/// The planner server's own refusals at the HTTP level, before the request's body is read (so
/// before its `lang` is known): each in English and German; the server answers them in the
/// language of the request's Accept-Language (`language(acceptLanguage:)`, German by default).
extension PlannerError {
    /// 415: the body is not sent as JSON.
    public static let notJSON = PlannerError(415, "bad-request", "send the request body as JSON with Content-Type: application/json",
                                             german: "bitte den Inhalt der Anfrage als JSON senden, mit Content-Type: application/json")

    /// 403: a loopback server asked under a foreign Host name (DNS rebinding).
    public static let foreignHost = PlannerError(403, "forbidden", "this planner answers requests to 127.0.0.1 or localhost only",
                                                 german: "dieser Planer beantwortet nur Anfragen an 127.0.0.1 oder localhost")

    /// 405: a path the planner has, asked with another method.
    public static func methodNotAllowed(_ method: String, path: String, allowed: String) -> PlannerError {
        let asked = "\(method.prefix(20)) \(path.prefix(60))"
        return PlannerError(405, "method-not-allowed", "\(asked): not allowed; allowed: \(allowed)",
                            german: "\(asked): nicht erlaubt; erlaubt ist: \(allowed)")
    }

    /// 404: a path the planner does not have.
    public static func noSuchPage(_ path: String) -> PlannerError {
        PlannerError(404, "not-found", "\(path.prefix(80)): no such page; the planner is at /",
                     german: "\(path.prefix(80)): diese Seite gibt es nicht; der Planer ist unter /")
    }

    /// Any other refusal of the HTTP layer: its status and reason phrase.
    public static func http(_ status: Int, reason: String) -> PlannerError {
        PlannerError(status, status < 500 ? "bad-request" : "internal", reason,
                     german: status < 500 ? "die Anfrage wurde abgelehnt (HTTP \(status) \(reason))" : "interner Fehler des Servers (HTTP \(status) \(reason))")
    }

    /// 408: the request body did not arrive in time (`seconds`: the limit, where known).
    public static func bodyTimeout(seconds: Int?) -> PlannerError {
        guard let seconds else {
            return PlannerError(408, "timeout", "the request body did not arrive", german: "der Inhalt der Anfrage ist nicht angekommen")
        }
        return PlannerError(408, "timeout", "the request body did not arrive within \(seconds) s",
                            german: "der Inhalt der Anfrage ist nicht innerhalb von \(NumberStyle(.de).int(seconds))\u{a0}s angekommen")
    }
}

extension PlannerService {
    /// The language of an answer given before the request's body (and its `lang`) is read: the
    /// one of de and en the Accept-Language header prefers (highest q, the first on a tie);
    /// German when it names neither, or is missing.
    public static func language(acceptLanguage header: String?) -> ReportLanguage {
        var best: (language: ReportLanguage, q: Double)?
        for item in (header ?? "").split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), let primary = tag.split(separator: "-").first,
                  let language = ReportLanguage(rawValue: String(primary)) else { continue }
            var q = 1.0
            for p in parts.dropFirst() where p.lowercased().hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            guard q > 0, q <= 1 else { continue }
            if best == nil || q > best!.q { best = (language, q) }
        }
        return best?.language ?? .de
    }
}
