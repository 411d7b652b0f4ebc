import Testing
@testable import Allocation

/// `Money.plain` (CSV and JSON amounts) writes its digits by hand (issue 18); the text is that
/// of the former string interpolation, for every sign and size.
@Suite struct MoneyPlainTests {
    /// The former rendering.
    static func interpolated(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let a = abs(cents)
        let frac = a % 100
        return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    @Test func sameTextAsBefore() {
        var values = [0, 1, -1, 5, -5, 9, 10, 99, 100, 101, -100, -101, 999, 1_000, 15_640, 610_000_000, -2_239_960,
                      Int.max / 4, -(Int.max / 4), Int.max, -Int.max]
        var x = 1
        for _ in 0..<18 { values += [x, x - 1, x + 7, -x, -(x - 1)]; x *= 10 }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int(truncatingIfNeeded: seed >> 20) % 10_000_000_000)
        }
        for v in values { #expect(Money(cents: v).plain == Self.interpolated(v), "\(v)") }
    }

    @Test func extremes() {
        #expect(Money(cents: 0).plain == "0.00")
        #expect(Money(cents: -7).plain == "-0.07")
        #expect(Money(cents: 610_000_000).plain == "6100000.00")
        #expect(Money(cents: Int.min).plain == "-92233720368547758.08")
    }
}
