import Foundation
import Allocation
import Reports

/// A failed run's message as the history keeps it, in German and in English, so that
/// `allocate history show`, `history list --json` and the planner's history panel say it in
/// their own language whatever the language of the run (issue 15).
///
/// Kept in the one column `run.errorMessage` (schema v3) as a JSON object
/// `{"de": "…", "en": "…"}`: no new column, so histories written before read as they are. A
/// message recorded before (plain text, the English one) is shown as it is in both languages.
public struct RecordedError: Sendable, Equatable {
    public var de: String
    public var en: String

    /// Each language's message is kept whole up to this many characters (a long list of
    /// findings is cut there), as `RunRecord(failed:)` cuts a single message.
    public static let limit = 4000

    public init(de: String, en: String) {
        self.de = Self.cut(de)
        self.en = Self.cut(en)
    }

    /// An error worded in both languages by the language layer (`ErrorWords`).
    public init(_ error: any Error) {
        self.init(de: ErrorWords.text(error, .de), en: ErrorWords.text(error, .en))
    }

    /// The message as the column holds it (a new record): the JSON object of both languages.
    public var stored: String {
        JSONValue.object([("de", .string(de)), ("en", .string(en))]).render()
    }

    /// The message of a column: both languages of a record written with them; the text
    /// itself in both for a record written before (one language only: English).
    public init(stored text: String) {
        if text.hasPrefix("{"), let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
           let de = object["de"] as? String, let en = object["en"] as? String {
            self.de = de; self.en = en
        } else {
            de = text; en = text
        }
    }

    /// The message in a language.
    public func text(_ language: ReportLanguage) -> String { language == .de ? de : en }

    static func cut(_ s: String) -> String { s.count > limit ? String(s.prefix(limit - 1)) + "…" : s }
}

extension RunRecord {
    /// A run that failed with `error` in both languages (status `failed`, the error's class).
    public init(failed command: String, arguments: [String], client: String? = nil, errorClass: String, error: RecordedError,
                plans: [PlanRecord], recordedAt: Date = Date(), uuid: String = RunRecord.newID()) {
        self.init(failed: command, arguments: arguments, client: client, errorClass: errorClass, message: "", plans: plans,
                  recordedAt: recordedAt, uuid: uuid)
        errorMessage = error.stored
    }
}

extension StoredRun {
    /// A failed run's message in a language (nil for a run that succeeded).
    public func errorMessage(_ language: ReportLanguage) -> String? {
        errorMessage.map { RecordedError(stored: $0).text(language) }
    }
}

extension InputProblem.UnpackFailure {
    /// Why a stored part did not unpack, as facts: the inflater's failure (ZIPFoundation's
    /// `corruptedData`/`invalidStream`, zlib's), the JSON decoder's (which value), else the
    /// error's own words.
    static func of(_ error: any Error) -> Self {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context): return .missing(path(context.codingPath + [key]))
        case DecodingError.valueNotFound(_, let context): return .missing(path(context.codingPath))
        case DecodingError.typeMismatch(_, let context): return .invalid(path(context.codingPath))
        case DecodingError.dataCorrupted(let context): return context.codingPath.isEmpty ? .notJSON : .invalid(path(context.codingPath))
        case is Deflate.Failed: return .damaged
        default:
            // ZIPFoundation's inflater errors are internal to it: known by their names.
            let name = String(describing: error)
            return name == "corruptedData" || name == "invalidStream" ? .damaged : .other(name)
        }
    }
}
