import Foundation
import Testing
@testable import PlannerService
import Reports

/// Issue 15: the planner server's own refusals at the HTTP level (415, 403 foreign Host, 405,
/// 404, 408, 413) exist in German and English; before the body is read the answer's language
/// is the Accept-Language's (German by default).
@Suite struct HTTPErrorLanguageTests {
    static let refusals: [(String, PlannerError)] = [
        ("415", .notJSON), ("403", .foreignHost), ("405", .methodNotAllowed("DELETE", path: "/api/solve", allowed: "POST")),
        ("404", .noSuchPage("/etc/passwd")), ("408", .bodyTimeout(seconds: 30)), ("408 no limit", .bodyTimeout(seconds: nil)),
        ("413", .tooLarge(limit: 65536)), ("400", .http(400, reason: "Bad Request")), ("500", .http(500, reason: "Internal Server Error")),
    ]

    @Test func everyRefusalIsWordedInBothLanguages() {
        for (name, error) in Self.refusals {
            let de = error.message(.de), en = error.message(.en)
            #expect(error.german != nil && de != en, "\(name): \(de)")
            #expect(GermanMessageTests.english(in: de).isEmpty, "\(name): English left in \(de)")
            #expect(PlannerResponse.error(error, language: .de).status == error.status)
        }
        #expect(PlannerError.noSuchPage("/x").message(.de) == "/x: diese Seite gibt es nicht; der Planer ist unter /")
        #expect(PlannerError.noSuchPage("/x").message(.en) == "/x: no such page; the planner is at /")
        #expect(PlannerError.bodyTimeout(seconds: 30).message(.de) == "der Inhalt der Anfrage ist nicht innerhalb von 30\u{a0}s angekommen")
        #expect(PlannerError.methodNotAllowed("GET", path: "/api/solve", allowed: "POST").message(.en) == "GET /api/solve: not allowed; allowed: POST")
    }

    @Test(arguments: [
        (nil, ReportLanguage.de), ("", .de), ("en", .en), ("en-US,en;q=0.9", .en), ("de-DE,de;q=0.9,en;q=0.8", .de),
        ("fr-FR,fr;q=0.9,en;q=0.8,de;q=0.7", .en), ("fr", .de), ("en;q=0.5,de;q=0.6", .de), ("EN-gb", .en), ("en;q=0", .de),
        ("de;q=0.8,en;q=0.8", .de), ("en;q=abc", .de),
    ])
    func theLanguageBeforeTheBodyIsTheAcceptLanguages(_ header: String?, _ expected: ReportLanguage) {
        #expect(PlannerService.language(acceptLanguage: header) == expected, "\(header ?? "nil")")
    }
}
