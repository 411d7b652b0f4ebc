import Foundation
import LinearProgramming

extension Run {
    // MARK: the largest share of need the money reaches

    /// The largest share t such that giving each school max(base, round(t × need)) devices is
    /// fundable; exact, because fundability only shrinks as t grows and a school's count only
    /// changes at ratios j/need. First a bisection on a fine grid brackets t, then a bisection
    /// over the few ratios j/need inside the bracket finds it.
    /// Once the deadline has passed the search stops with the largest share proven fundable
    /// so far; `bound` is then the smallest share proven not fundable (else the share itself).
    mutating func largestFundableShare(base: [[Int]], roundUp: Bool, kinds: [Int], from: Ratio = .zero) throws(AllocationError)
        -> (share: Ratio, devices: [[Int]], bound: Ratio, stopped: Bool) {
        // The distinct needs are collected only when there is time to search.
        let anyNeed = self.needs.entries.contains { row in kinds.contains { row[$0].need > 0 } }
        guard anyNeed else { return (from, base, from, false) }
        func devices(_ t: Ratio) -> [[Int]] {
            var out = base
            for (s, row) in self.needs.entries.enumerated() {
                for k in kinds where row[k].need > 0 {
                    out[s][k] = min(row[k].need, max(base[s][k], t.times(row[k].need, roundUp: roundUp)))
                }
            }
            return out
        }
        func fundable(_ t: Ratio) throws(AllocationError) -> Bool { try fund(totals(devices(t))) != nil }
        let one = Ratio(1, 1)
        if timeUp {
            stopped = true
            // At share 0 every school keeps its base (bases never exceed the need).
            return (from, from == .zero ? base : devices(from), one, true)
        }
        var needs = Set<Int>()
        for row in self.needs.entries { for k in kinds where row[k].need > 0 { needs.insert(row[k].need) } }
        if try fundable(one) { return (one, devices(one), one, false) }
        // Bracket: `lo` fundable (at or below `from`), `hi` not, on a grid of 1/2^16.
        let grid = 1 << 16
        var lo = from.numerator * grid / from.denominator, hi = grid
        func candidates(_ lo: Int, _ hi: Int) -> Int {
            needs.reduce(0) { $0 + hi * $1 / grid - lo * $1 / grid }
        }
        while hi - lo > 1 && candidates(lo, hi) > 16 {
            if timeUp {
                stopped = true
                let t = max(from, Ratio(lo, grid))
                return (t, devices(t), Ratio(hi, grid), true)
            }
            let mid = (lo + hi) / 2
            if try fundable(Ratio(mid, grid)) { lo = mid } else { hi = mid }
        }
        // Every ratio j/need in [lo, hi], plus `from`; the largest fundable one is the answer.
        var inside = Set<Ratio>([from])
        for d in needs {
            let first = lo * d / grid, last = hi * d / grid
            if first <= last { for j in first...last { inside.insert(Ratio(j, d)) } }
        }
        let sorted = inside.filter { !($0 < from) }.sorted()
        var a = 0, b = sorted.count  // sorted[a] fundable; sorted[b] (if any) not
        var halted = false
        while b - a > 1 {
            if timeUp { halted = true; stopped = true; break }
            let mid = (a + b) / 2
            if try fundable(sorted[mid]) { a = mid } else { b = mid }
        }
        let bound = halted ? (b < sorted.count ? sorted[b] : Ratio(hi, grid)) : sorted[a]
        return (sorted[a], devices(sorted[a]), bound, halted)
    }
}
