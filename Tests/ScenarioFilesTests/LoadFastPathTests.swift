import Foundation
import Testing
@testable import ScenarioFiles
import Allocation

/// The package's one seeded generator, as the standard library's random functions take it.
extension SplitMix64: RandomNumberGenerator {}
private typealias Seeded = SplitMix64

/// The school table's coordinates read from the bytes (issue 14, a million rows): the same
/// Double, bit for bit, as `Double(text)`, or no answer (then the text path reads the field).
@Suite struct LoadFastPathTests {
    /// Each text as the first field of a record (quoted, so that any text fits), read by `plainDecimal`.
    static func plainDecimals(_ texts: [String]) throws -> [Double?] {
        let table = try CSVTable(text: "x,y\n" + texts.map { "\"" + $0 + "\",1" }.joined(separator: "\n") + "\n", file: "t.csv")
        return table.cells.withBytes { bytes in
            (1..<table.cells.recordCount).map { CSVRecordView(table.cells, record: $0, bytes: bytes).plainDecimal(0) }
        }
    }

    @Test func randomDecimalsAreReadAsDoubleReadsThem() throws {
        var g = Seeded(seed: 14)
        var texts: [String] = []
        for _ in 0..<20_000 {
            let whole = String(UInt64.random(in: 0...999_999_999, using: &g) >> UInt64.random(in: 0...30, using: &g))
            let fraction = String(String(UInt64.random(in: 0...UInt64.max, using: &g)).prefix(Int.random(in: 0...14, using: &g)))
            let sign = Bool.random(using: &g) ? "-" : ""
            switch Int.random(in: 0..<4, using: &g) {
            case 0: texts.append(sign + whole)
            case 1: texts.append(sign + "." + (fraction.isEmpty ? "5" : fraction))
            case 2: texts.append(sign + whole + ".")
            default: texts.append(sign + whole + "." + fraction)
            }
        }
        let read = try Self.plainDecimals(texts)
        var fast = 0
        for (text, d) in zip(texts, read) {
            guard let d else { continue }
            fast += 1
            let expected = try #require(Double(text), "\(text)")
            #expect(d.bitPattern == expected.bitPattern, "\(text): \(d) against \(expected)")
        }
        #expect(fast > 12_000)
    }

    @Test func otherFormsAreLeftToTheTextPath() throws {
        let others = ["", "-", ".", "-.", "1e5", "+5", "1.2.3", "0x10", "inf", "nan", "51,5", "1234567890123456",
                      "-0.1234567890123456", " 5", "5 ", "１"]
        #expect(try Self.plainDecimals(others).allSatisfy { $0 == nil })
        let edges = try Self.plainDecimals(["-0", "0.", "90", "-180.000000", "123456789012345", "51.262907"])
        let expected: [Double] = [-0.0, 0, 90, -180, 123456789012345, 51.262907]
        #expect(edges.map { $0?.bitPattern } == expected.map { $0.bitPattern })
    }
}
