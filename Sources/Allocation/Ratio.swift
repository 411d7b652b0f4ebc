/// A non-negative rational number (a share of need), compared exactly.
public struct Ratio: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let numerator: Int, denominator: Int
    public static let zero = Ratio(0, 1)
    public init(_ numerator: Int, _ denominator: Int) {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let g = max(1, gcd(numerator, denominator))
        self.numerator = numerator / g; self.denominator = denominator / g
    }
    public static func < (a: Ratio, b: Ratio) -> Bool { a.numerator * b.denominator < b.numerator * a.denominator }
    /// self × n rounded up or down, exactly.
    public func times(_ n: Int, roundUp: Bool) -> Int {
        let p = numerator * n
        return roundUp ? (p + denominator - 1) / denominator : p / denominator
    }
    /// Whether count / need reaches this ratio, exactly.
    public func isReached(by count: Int, of need: Int) -> Bool { count * denominator >= numerator * need }
    public var double: Double { Double(numerator) / Double(denominator) }
    public var description: String { "\(numerator)/\(denominator)" }
}
