import Foundation

/// Weights as whole numbers: each Decimal weight times 10^`places` (exactly).
public struct ExactWeights: Sendable, Equatable {
    public var places: Int
    public var values: [String: Int]
    public init(places: Int, values: [String: Int]) { self.places = places; self.values = values }

    /// A Decimal as a whole number times 10^-places with the fewest places (at most 18), or
    /// nil when it has more places or does not fit in 63 bits.
    public static func scaled(_ d: Decimal) -> (value: Int, places: Int)? {
        guard d >= 0 else { return nil }
        var v = d
        for places in 0...18 {
            if v.floored() == v {
                guard v < Decimal(Int.max), let n = Int("\(v)"), Decimal(n) == v else { return nil }
                return (n, places)
            }
            v *= 10
        }
        return nil
    }
}

extension Apportionment {
    /// `scaledFromReference` computed with whole numbers when `exact` gives the weights as
    /// integers (`exact.values[k]` = `weights[k]` × 10^places): the same cents as the Decimal
    /// computation, or that computation itself where it cannot be shown to agree.
    public static func scaledFromReference(budget: Money, weights: [String: Decimal], reference: String,
                                           exact: ExactWeights?) -> [String: Money]? {
        scaledFromReference(budget: budget, reference: reference, exact: exact, weight: { weights[$0] }, weights: { weights })
    }

    /// The same with the Decimal weights worked out only where they are needed: `weight(k)`
    /// one authority's (equal remainders at the cut), `weights()` all of them (where the whole
    /// numbers cannot show the result, or there are none).
    public static func scaledFromReference(budget: Money, reference: String, exact: ExactWeights?,
                                           weight: (String) -> Decimal?, weights: () -> [String: Decimal]) -> [String: Money]? {
        if let exact, let shares = exactScaledFromReference(budget: budget, weights: exact.values, reference: reference, decimal: weight) {
            return shares
        }
        return scaledFromReference(budget: budget, weights: weights(), reference: reference)
    }

    /// The Decimal computation's result in integers, or nil when it cannot be shown equal.
    ///
    /// The Decimal path computes each quota b × w / r with a 38-digit mantissa, so each quota
    /// is within a relative 10^-36 of the exact b × W / R (and an exact whole quotient comes
    /// out exactly); its sum adds at most 10^-36 of the total per addition. Here the exact
    /// quotas are split into floor + remainder / R. The results agree when (1) no quota lies
    /// closer below a whole number than the Decimal error (the floors agree), (2) the exact
    /// sum's fraction is not within the summed error of one half (the rounded total agrees),
    /// and (3) the smallest remainder that gets a cent exceeds the largest that does not by
    /// more than twice the error (the same authorities get the extra cents). Every margin
    /// used is 1000 times the error bound; where one is not met the answer is nil and the
    /// caller computes with Decimals. Equal remainders across the cut count as not met.
    /// Equal remainders across the cut are accepted only among authorities whose Decimal
    /// weights (`decimals`) are the same bits: the Decimal computation gives them the same
    /// remainder and breaks the tie by key, as here.
    static func exactScaledFromReference(budget: Money, weights: [String: Int], reference: String,
                                         decimals: [String: Decimal]? = nil) -> [String: Money]? {
        exactScaledFromReference(budget: budget, weights: weights, reference: reference, decimal: { decimals?[$0] })
    }

    static func exactScaledFromReference(budget: Money, weights: [String: Int], reference: String,
                                         decimal: (String) -> Decimal?) -> [String: Money]? {
        guard let rw = weights[reference], rw > 0 else { return nil }
        if budget == .zero { return weights.mapValues { _ in .zero } }
        guard budget.cents > 0 else { return nil }
        let n = weights.count
        var keys = [String](), floors = [Int](), rems = [UInt64]()
        keys.reserveCapacity(n); floors.reserveCapacity(n); rems.reserveCapacity(n)
        let b = UInt128(budget.cents), r = UInt128(rw), rD = Double(rw)
        let relative = 1e-33   // 1000 × the Decimal error bound (10^-36)
        var floorSum = 0, remSum: UInt128 = 0, largest = 0
        for (key, w) in weights {
            guard w >= 0 else { return nil }
            let f: Int, rem: UInt64
            if key == reference { f = budget.cents; rem = 0 } else {
                let num = b * UInt128(w)
                let q = num / r
                guard q < UInt128(1 << 53) else { return nil }
                f = Int(q); rem = UInt64(num % r)
                // (1) within the Decimal error below the next whole number
                if rem != 0, Double(UInt64(rw) - rem) <= rD * (Double(f) + 1) * relative * 2 { return nil }
            }
            let (s, o) = floorSum.addingReportingOverflow(f)
            guard !o else { return nil }
            floorSum = s; remSum += UInt128(rem); largest = max(largest, f)
            keys.append(key); floors.append(f); rems.append(rem)
        }
        // Total = Σ floors + Σ remainders / R, rounded half up.
        let whole = remSum / r, frac = remSum % r
        let half = 2 * frac >= r
        let total = UInt128(floorSum) + whole + (half ? 1 : 0)
        // (2) the fraction near one half
        let errorSum = Double(n) * (Double(total) + 1) * relative * 2
        let distance = abs(2 * Double(frac) - rD) / (2 * rD)
        if 2 * frac == r || distance <= errorSum { return nil }
        let left = Int(total - UInt128(floorSum))
        guard left <= n else { return nil }
        var shares = floors
        if left > 0 {
            let order = keys.indices.sorted { a, c in rems[a] != rems[c] ? rems[a] > rems[c] : keys[a] < keys[c] }
            if left < n {
                // (3) the cut between the last remainder getting a cent and the first not
                let a = order[left - 1], c = order[left]
                let margin = rD * (Double(largest) + 1) * relative * 4
                if rems[a] == rems[c] {
                    guard sameBits(rems[a], order: order, rems: rems, keys: keys, decimal: decimal, reference: reference)
                    else { return nil }
                } else if Double(rems[a] - rems[c]) <= margin { return nil }
            }
            for i in order.prefix(left) { shares[i] += 1 }
        }
        var out = [String: Money](minimumCapacity: n)
        for (i, key) in keys.enumerated() { out[key] = Money(cents: shares[i]) }
        return out
    }
}

extension Apportionment {
    /// Whether all authorities with remainder `rem` have bit-identical Decimal weights (and
    /// none is the reference, whose quota is set, not computed).
    static func sameBits(_ rem: UInt64, order: [Int], rems: [UInt64], keys: [String], decimal: (String) -> Decimal?, reference: String) -> Bool {
        var first: Decimal?
        for i in order where rems[i] == rem {
            guard keys[i] != reference, var d = decimal(keys[i]) else { return false }
            if var f = first {
                let same = withUnsafeBytes(of: &f) { x in withUnsafeBytes(of: &d) { y in x.elementsEqual(y) } }
                if !same { return false }
            } else { first = d }
        }
        return true
    }
}

extension AuthorityKey {
    /// Each authority's `weight(of:)` as a whole number times 10^-places, or nil when a level
    /// weight has more than 18 decimal places or a product does not fit in 63 bits.
    public func exactWeights(_ groups: AuthorityGroups) -> ExactWeights? {
        guard let w0 = ExactWeights.scaled(withoutLevel) else { return nil }
        var levels: [(level: Int, value: Int, places: Int)] = []
        for (level, w) in pupilWeightByLevel {
            guard let s = ExactWeights.scaled(w) else { return nil }
            levels.append((level, s.value, s.places))
        }
        let places = levels.reduce(w0.places) { max($0, $1.places) }
        func rescale(_ v: Int, _ p: Int) -> Int? {
            var v = v
            for _ in p..<places {
                let (m, o) = v.multipliedReportingOverflow(by: 10)
                if o { return nil }
                v = m
            }
            return v
        }
        guard let without = rescale(w0.value, w0.places) else { return nil }
        var small = [Int?](repeating: nil, count: 10), other: [Int: Int] = [:]
        for l in levels {
            guard let v = rescale(l.value, l.places) else { return nil }
            if (0..<10).contains(l.level) { small[l.level] = v } else { other[l.level] = v }
        }
        // Σ pupils × w over the schools = Σ over levels of (Σ pupils) × w: all terms are whole
        // and not negative, so the one overflows 63 bits exactly when the other does.
        func weight(_ pupils: Int, _ w: Int, _ sum: inout Int) -> Bool {
            let (p, o1) = pupils.multipliedReportingOverflow(by: w)
            let (t, o2) = sum.addingReportingOverflow(p)
            sum = t
            return !o1 && !o2
        }
        var values = [String: Int](minimumCapacity: groups.names.count)
        for (key, sums) in zip(groups.names, groups.sums) {
            if sums.negative { return nil }
            var sum = 0
            guard weight(sums.none, without, &sum) else { return nil }
            for level in 0..<10 where sums.seen(level) {
                guard weight(sums.byLevel[level], small[level] ?? without, &sum) else { return nil }
            }
            for (level, pupils) in sums.other {
                guard weight(pupils, other[level] ?? without, &sum) else { return nil }
            }
            values[key] = sum
        }
        return ExactWeights(places: places, values: values)
    }
}
