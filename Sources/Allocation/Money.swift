import Foundation

/// An amount of euros held in integer cents. Money is never accumulated in `Double`;
/// the linear program sees euros as `Double`, and its answer is turned back into cents
/// and re-checked by the `PlanVerifier`.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var cents: Int

    public init(cents: Int) { self.cents = cents }
    public static let zero = Money(cents: 0)

    /// Exact conversion; returns nil if the amount has fractions of a cent or does not fit.
    public init?(euros: Decimal) {
        var scaled = euros * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled, abs(rounded) < Decimal(Int64.max / 4) else { return nil }
        self.cents = NSDecimalNumber(decimal: rounded).intValue
    }

    public var euros: Decimal { Decimal(cents) / 100 }
    public var eurosDouble: Double { Double(cents) / 100 }

    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    public static func * (a: Money, n: Int) -> Money { Money(cents: a.cents * n) }
    public static func += (a: inout Money, b: Money) { a.cents += b.cents }
    public static func -= (a: inout Money, b: Money) { a.cents -= b.cents }
    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    /// "6100000.00": plain, locale-free, for CSV and JSON.
    /// Written digit by digit into a small buffer (a plan.json holds thousands of amounts;
    /// string interpolation took about 900 instructions a call); up to 15 bytes are a small
    /// string, without an allocation.
    public var plain: String {
        var a = cents.magnitude
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var i = 24
            func put(_ byte: UInt8) { i -= 1; buffer[i] = byte }
            put(UInt8(ascii: "0") &+ UInt8(a % 10)); a /= 10
            put(UInt8(ascii: "0") &+ UInt8(a % 10)); a /= 10
            put(UInt8(ascii: "."))
            repeat { put(UInt8(ascii: "0") &+ UInt8(a % 10)); a /= 10 } while a > 0
            if cents < 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[i...]), as: UTF8.self)
        }
    }

    /// "6,100,000.00 €" (English grouping) for the terminal.
    public var formatted: String {
        let sign = cents < 0 ? "-" : ""
        let a = abs(cents)
        let frac = a % 100
        return "\(sign)\(groupDigits(a / 100, separator: ",")).\(frac < 10 ? "0" : "")\(frac) €"
    }

    public var description: String { formatted }
}

public extension Sequence {
    func sum(_ money: (Element) -> Money) -> Money { reduce(.zero) { $0 + money($1) } }
}

/// 6100000 -> "6,100,000".
public func groupDigits(_ value: Int, separator: String) -> String {
    let digits = String(abs(value))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += separator }
        out.append(ch)
    }
    return (value < 0 ? "-" : "") + out
}

extension Decimal {
    /// Rounds towards minus infinity to a whole number.
    public func floored() -> Decimal {
        var v = self, r = Decimal()
        NSDecimalRound(&r, &v, 0, .down)
        return r
    }
    /// Rounds half away from zero to a whole number.
    func roundedHalfUp() -> Decimal {
        var v = self, r = Decimal()
        NSDecimalRound(&r, &v, 0, .plain)
        return r
    }
    var intValue: Int { NSDecimalNumber(decimal: self).intValue }
    public var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue }
}
