import Foundation
import Testing
@testable import Allocation

/// The teacher estimate's largest remainder decides floors and the order of fractions by their
/// Doubles where those are far enough apart, else by the exact Decimals (issue 18). Here shares
/// that the Doubles cannot tell apart — exact ties, differences of 10^-25, shares just below or
/// at a whole number, shares beyond 10^5 — give the counts of the plain Decimal computation
/// (`largestRemainder(_:total:)`, ties to the lower id, which here is the earlier member).
@Suite struct LargestRemainderShortcutTests {
    static let tiny = Decimal(string: "0.0000000000000000000000001")!

    /// Shares for one seed: whole numbers plus fractions drawn from a few close values.
    static func shares(seed: Int) -> [Decimal] {
        var g = SplitMix64(seed: UInt64(seed))
        let fractions: [Decimal] = [0, Decimal(string: "0.5")!, Decimal(string: "0.5")! + tiny, Decimal(string: "0.5")! - tiny,
                                    1 - tiny, tiny, Decimal(string: "0.25")!, Decimal(1) / 3, Decimal(2) / 3]
        let big = seed % 5 == 0
        return (0..<Int(g.next() % 40 + 1)).map { _ in
            let whole = Decimal(Int(g.next() % 50) + (big ? 200_000 : 0))
            return whole + fractions[Int(g.next() % UInt64(fractions.count))]
        }
    }

    @Test(arguments: 0..<200)
    func countsAreTheDecimalOnes(seed: Int) {
        var g = SplitMix64(seed: UInt64(seed) &+ 1_000)
        let groups = Self.shares(seed: seed)
        // Members: each group at least once, some twice, in a shuffled order; ids ascending.
        var members = Array(groups.indices) + groups.indices.filter { _ in g.next() % 3 == 0 }
        members.shuffle(using: &g)
        let ids = members.indices.map { String(format: "%05d", $0) }
        let sum = members.reduce(Decimal(0)) { $0 + groups[$1] }
        var floorSum = Decimal()
        var s = sum
        NSDecimalRound(&floorSum, &s, 0, .down)
        let total = NSDecimalNumber(decimal: floorSum).intValue + Int(g.next() % 3)
        let expected = largestRemainder(members.map { groups[$0] }, total: total)
        #expect(largestRemainder(groups: members, shares: groups, total: total, ids: ids) == expected)
    }
}
