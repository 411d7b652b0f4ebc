import Foundation
import Testing
import TestSupport
import ScenarioFiles
@testable import Reports

/// One quoting rule for every CSV written (`CSVField`), read back by the one CSV reader.
@Suite struct CSVFieldTests {
    @Test func quotesWhatMustBeQuotedAndNothingElse() {
        #expect(CSVField.quoted("Alpha Grundschule", separator: ",") == "Alpha Grundschule")
        #expect(CSVField.quoted("Zeta Realschule, Ost", separator: ",") == "\"Zeta Realschule, Ost\"")
        #expect(CSVField.quoted("Zeta Realschule, Ost", separator: ";") == "Zeta Realschule, Ost")
        #expect(CSVField.quoted("a;b", separator: ";") == "\"a;b\"")
        #expect(CSVField.quoted("Schule \"Am Park\"", separator: ",") == "\"Schule \"\"Am Park\"\"\"")
        // A CRLF is one Character in Swift: it is quoted like a lone LF or CR.
        for lineBreak in ["\n", "\r", "\r\n"] { #expect(CSVField.quoted("a\(lineBreak)b", separator: ",") == "\"a\(lineBreak)b\"") }
    }

    @Test func bothDialectsReadBackAsWritten() throws {
        let texts = ["plain", "Zeta Realschule, Ost", "a;b", "Schule \"Am Park\"", "two\r\nlines"]
        for dialect in [CSVDialect.rfc4180, .excelDE] {
            let csv = dialect.render([["id", "name"].map { .text($0) }] + texts.enumerated().map { [.text(String($0)), .text($1)] })
            let table = try CSVTable(text: csv, file: "t.csv")
            #expect(table.rows.map { $0.fields[1] } == texts, "\(dialect)")
        }
    }
}
