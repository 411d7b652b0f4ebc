import Foundation
import _CFormat
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers with a fixed count of decimals, locale-free: `FixedPoint.text(29001.5, 2)` is
/// "29001.50" — the bytes `String(format: "%.2f", locale: en_US_POSIX)` gives, for JSON, CSV
/// and audit records.
///
/// Through C's formatter directly: Foundation's `String(format:locale:)` built a locale
/// and a format string each time, about 250,000 instructions a call, 5 % of a whole
/// `allocate solve --out` (issue 18).
public enum FixedPoint {
    public static func text(_ value: Double, _ decimals: Int) -> String {
        let places = min(max(decimals, 0), 40)
        // Foundation keeps at most about 15 to 17 significant digits and spells "INF" and "NaN";
        // C prints every digit. They agree up to 15 significant digits: beyond, and for
        // non-finite values, Foundation's own text (rare: the figures written have fewer).
        let magnitude = abs(value)
        guard value.isFinite, magnitude < 1e15, Self.integerDigits(magnitude) + places <= 15 else {
            return String(format: "%.\(places)f", locale: Locale(identifier: "en_US_POSIX"), value)
        }
        // "%.*f" in C (_CFormat): Swift's variadic `withVaList` boxed the value as a CVarArg,
        // whose first casts searched the binary's conformance records, 2 % of a solve (issue 18).
        var buffer = [CChar](repeating: 0, count: 64)
        var count = Int(allocate_fixed_point(&buffer, buffer.count, Int32(places), value))
        if count >= buffer.count {
            buffer = [CChar](repeating: 0, count: count + 1)
            count = Int(allocate_fixed_point(&buffer, buffer.count, Int32(places), value))
        }
        // The C locale's decimal point is "."; a process whose locale was switched gets it too.
        let bytes = buffer.prefix(max(0, count)).map { $0 == 0x2C ? UInt8(ascii: ".") : UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Digits before the decimal point (1 for values below 1), for values below 10^15.
    static func integerDigits(_ magnitude: Double) -> Int {
        var n = Int(magnitude), digits = 1
        while n >= 10 { n /= 10; digits += 1 }
        return digits
    }
}
