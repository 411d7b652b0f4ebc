import Foundation
import Testing
import Allocation
import ScenarioFiles
@testable import Reports
import TestSupport

/// The output writers made cheaper for issue 18/20 (one byte buffer for JSON, one string for
/// CSV, C's "%.Nf" for fixed decimals) write exactly the bytes of the forms they replaced,
/// kept here as the reference.
@Suite struct FastWritersTests {
    // MARK: The former forms

    static func referenceJSON(_ v: JSONValue, indent: String = "") -> String {
        switch v {
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + fields.map { inner + referenceQuote($0.0) + ": " + referenceJSON($0.1, indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            let inner = indent + "  "
            return "[\n" + items.map { inner + referenceJSON($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .string(let s): return referenceQuote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    static func referenceQuote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    static func referenceCSV(_ rows: [[CSVDialect.Cell]], _ dialect: CSVDialect) -> String {
        let separator: Character = dialect == .excelDE ? ";" : ","
        let body = rows.map { row in
            row.map { cell -> String in
                switch cell {
                case .number(let n): return dialect == .excelDE ? n.replacingOccurrences(of: ".", with: ",") : n
                case .text(let t):
                    return t.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                        ? "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : t
                }
            }.joined(separator: String(separator))
        }.joined(separator: "\r\n") + "\r\n"
        return dialect == .excelDE ? "\u{FEFF}" + body : body
    }

    // MARK: The same bytes

    static let awkward = ["", "plain", "Grundschule Am Sölder Wald", "quote \" inside", "back\\slash", "line\nbreak", "cr\r\nlf",
                          "tab\there", "bell \u{7}", "nul \u{0}", "semi;colon", "comma, here", "€ 1.234,50", "emoji 🇩🇪", "e\u{301}"]

    @Test func jsonIsByteForByteTheFormerRendering() throws {
        let plan = try engine.solve(try ScenarioLoader.load(path: Paths.defaultScenario).scenario)
        let document = PlanJSON.document(plan)
        #expect(document.render() == Self.referenceJSON(document))
        let odd = JSONValue.object([
            ("empty object", .object([])), ("empty array", .array([])),
            ("strings", .array(Self.awkward.map { .string($0) })),
            ("nested", .array([.array([.object([("a", .null), ("b", .bool(true)), ("c", .number("1.50"))])]), .array([])])),
            ("keys", .object(Self.awkward.map { ($0, .bool(false)) })),
        ])
        #expect(odd.render() == Self.referenceJSON(odd))
        #expect(odd.render(indent: "    ") == Self.referenceJSON(odd, indent: "    "))
        #expect(JSONValue.string("x").render() == "\"x\"")
    }

    @Test(arguments: CSVDialect.allCases) func csvIsByteForByteTheFormerRendering(_ dialect: CSVDialect) throws {
        let rows: [[CSVDialect.Cell]] = [Self.awkward.map { .text($0) }, [.number("6100000.00"), .number("-0.5"), .number("12")], [],
                                         [.text("one")]]
        #expect(dialect.render(rows) == Self.referenceCSV(rows, dialect))
        #expect(dialect.render([]) == Self.referenceCSV([], dialect))
        for text in Self.awkward {
            let separator: Character = dialect == .excelDE ? ";" : ","
            let expected = text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            #expect(CSVField.quoted(text, separator: separator) == expected, "\(text)")
        }
    }

    @Test func fixedDecimalsAreCsFormat() {
        let values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.1 + 0.2, 29001.5, 705_367.25, 1e15 + 0.3, -1e-7, 123456789.987654321,
                                1e300, -1e-300, .pi, .infinity, -.infinity, .nan, 5e-324, .greatestFiniteMagnitude]
        for v in values {
            for d in [0, 1, 2, 3, 4, 6, 8, 12, 17] {
                #expect(FixedPoint.text(v, d) == String(format: "%.\(d)f", locale: Locale(identifier: "en_US_POSIX"), v), "\(v), \(d)")
            }
        }
    }
}
