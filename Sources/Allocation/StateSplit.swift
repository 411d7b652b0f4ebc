import Foundation

/// How one pool's state-wide money is shared among school authorities, as the scenario
/// gives it (`pools.<id>.split`), with the figure the total is checked against.
public struct PoolSplit: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// Pupils weighted by their school's social-index level (`authorities.key`).
        case key
        /// A fixed amount per device times the authority's count of the basis (500 € × teachers).
        case perDevice(amount: Money, basis: DeviceKind.Basis)
        /// Amounts per authority from a table (official allocations), read from `file`.
        case table(file: String)
    }
    public var rule: Rule
    /// The money split among the authorities: exactly the sum of their shares.
    public var stateTotal: Money
    /// How the total came about: given in the scenario (`stateTotal`), derived from the
    /// reference authority's budget by the key, the sum of amount × count, or the table's sum.
    public var totalGiven: Bool
    /// A real state figure the total is compared with (`checkAgainst`), and where it is from.
    public var checkAgainst: Money?
    public var checkSource: String?

    public init(rule: Rule, stateTotal: Money, totalGiven: Bool, checkAgainst: Money? = nil, checkSource: String? = nil) {
        self.rule = rule; self.stateTotal = stateTotal; self.totalGiven = totalGiven
        self.checkAgainst = checkAgainst; self.checkSource = checkSource
    }
}

/// Shares of an amount in whole cents.
public enum Apportionment {
    /// Largest remainder (Hamilton): every authority gets its quota (in cents) rounded down,
    /// and the cents left to reach `total` go one each to the largest remainders (ties: in
    /// key order). The shares add up to `total` exactly when `total` lies between the sum of
    /// the rounded-down quotas and that sum plus the number of authorities; outside that
    /// range nil.
    public static func largestRemainder(total: Money, quotas: [String: Decimal]) -> [String: Money]? {
        var shares: [String: Int] = [:]
        var remainders: [(key: String, rest: Decimal)] = []
        var floors = 0
        for (key, q) in quotas {
            guard q >= 0 else { return nil }
            let f = q.floored()
            shares[key] = f.intValue
            floors += f.intValue
            remainders.append((key, q - f))
        }
        let left = total.cents - floors
        guard left >= 0, left <= quotas.count else { return nil }
        if left > 0 {
            // The exact order, with Decimal compared only where a Double cannot tell (each
            // remainder in [0, 1) as a Double is off by far less than 1e-9): the same order as
            // comparing the Decimals throughout, many times quicker for 70,000 authorities.
            let approx = remainders.map { $0.rest.doubleValue }
            let order = remainders.indices.sorted { a, b in
                if abs(approx[a] - approx[b]) > 1e-9 { return approx[a] > approx[b] }
                let x = remainders[a], y = remainders[b]
                return x.rest != y.rest ? x.rest > y.rest : x.key < y.key
            }
            for i in order.prefix(left) { shares[remainders[i].key]! += 1 }
        }
        return shares.mapValues { Money(cents: $0) }
    }

    /// `total` shared in proportion to `weights` by largest remainder; nil when the weights
    /// add up to 0 but the total does not.
    public static func proportional(total: Money, weights: [String: Decimal]) -> [String: Money]? {
        let sum = weights.values.reduce(Decimal(0), +)
        guard sum > 0 else { return total == .zero ? weights.mapValues { _ in .zero } : nil }
        let t = Decimal(total.cents)
        return largestRemainder(total: total, quotas: weights.mapValues { t * $0 / sum })
    }

    /// The reference authority's `budget` scaled to every authority by the ratio of weights;
    /// the total is the sum of the quotas rounded to the cent (half up), shared by largest
    /// remainder, so the reference keeps its budget exactly. nil when the reference weighs 0.
    public static func scaledFromReference(budget: Money, weights: [String: Decimal], reference: String) -> [String: Money]? {
        guard let r = weights[reference], r > 0 else { return nil }
        // Nothing to share (e.g. the city's own money at 0 €): every share is 0.
        if budget == .zero { return weights.mapValues { _ in .zero } }
        let b = Decimal(budget.cents)
        var quotas = weights.mapValues { b * $0 / r }
        quotas[reference] = b
        let total = Money(cents: quotas.values.reduce(Decimal(0), +).roundedHalfUp().intValue)
        return largestRemainder(total: total, quotas: quotas)
    }
}

extension Array where Element == School {
    /// The count of a device kind's basis across these schools (pupils or teachers).
    public func count(of basis: DeviceKind.Basis) -> Int {
        reduce(0) { $0 + (basis == .pupils ? $1.pupils : $1.teachers) }
    }
}
