import Foundation
import Testing
import Reports

/// `AuditRecord.iso8601` writes years 1970–9999 through the C library's calendar (issue 18):
/// the same text as the ISO 8601 format style it replaced, fractions of a second cut.
@Suite struct ISO8601ShortcutTests {
    static let seconds: [Double] = [0, 0.999, 1, 59.5, 86_399.99, 951_782_400 /* 2000-02-29 */, 1_769_860_800, 1_769_860_800.75,
                                    1_796_256_553.2, 4_107_542_400 /* 2100-03-01 */, 253_402_300_799.5, 253_402_300_800, -1, -86_400.5]

    @Test(arguments: seconds)
    func sameTextAsTheFormatStyle(_ s: Double) {
        let date = Date(timeIntervalSince1970: s)
        #expect(AuditRecord.iso8601(date) == date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)))
    }

    @Test func aGivenTimeReadsBack() {
        for text in ["2026-01-31T12:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z"] {
            #expect(AuditRecord.parseISO8601(text).map(AuditRecord.iso8601) == text)
        }
    }
}
