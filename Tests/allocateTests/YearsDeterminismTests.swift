import Foundation
import Testing
import TestSupport

/// Same inputs, same bytes (issue 19, docs/MULTIYEAR.md "Seventh session"): no stage of
/// `allocate years` may stop a search at a wall-clock limit of its own, so the plan and every
/// bound are the same on a fast or a slow, an idle or a busy machine, whatever time limit is
/// given as long as it does not cut the solve. Before, GLPK's search over the small fixture's
/// whole program ran until a share of the time left, so a run with another `--time-limit` (or
/// a busier machine) ended at another bound.
@Suite struct YearsDeterminismTests {
    static let arguments = ["years", YearsCommandTests.small, "--json", "--no-history", "--lang", "en"]

    @Test(.enabled(if: AllocateBinary.url != nil)) func theSmallFixtureGivesTheSameBytesAtAnySpeed() async throws {
        let alone = try runAllocate(Self.arguments + ["--time-limit", "30"])
        #expect(alone.code == 0, "\(alone.stderr)")
        // Two at once with another limit that does not cut: each runs slower (they share the
        // cores), and a limit of its own would give each another share of another time.
        async let a = runAllocate(Self.arguments + ["--time-limit", "90"])
        async let b = runAllocate(Self.arguments + ["--time-limit", "90"])
        let (first, second) = try await (a, b)
        #expect(first.code == 0 && second.code == 0, "\(first.stderr) \(second.stderr)")
        #expect(first.stdout == alone.stdout, "a run beside another and with another limit gave other bytes")
        #expect(second.stdout == alone.stdout, "two runs at once gave other bytes")
        // No stage stopped at a clock: the time limit (30 s) is far from reached, so a stage with
        // status "feasible" ("stopped at the time limit") stopped at a wall-clock share of its own
        // (before: stage 3's search ran to its share of the time and said so).
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
        let stages = try #require((doc["solver"] as? [String: Any])?["stages"] as? [[String: Any]])
        #expect(stages.count == 4)
        #expect(!stages.contains { $0["status"] as? String == "feasible" }, "\(stages.map { $0["status"] ?? "" })")
    }
}
