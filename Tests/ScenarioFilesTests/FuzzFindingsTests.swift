import Foundation
import Testing
@testable import ScenarioFiles
import TestSupport

/// What the fuzz targets (Fuzz/run.sh, README "Reliability") found, each kept as a test.
@Suite struct FuzzFindingsTests {
    /// CPU time of the calling thread: a bound that holds on a machine shared with builds.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// FuzzOverride: a `--set` whose key path has 30,000 parts (60 KB) took 30 s of CPU before
    /// its "unknown key" (the key table's patterns were split again for every part of the path).
    @Test(arguments: ["", "pools.", "schedule.periods.0."])
    func aKeyPathOfThousandsOfPartsIsRefusedAtOnce(_ prefix: String) throws {
        let override = prefix + Array(repeating: "a", count: 30_000).joined(separator: ".") + "=1"
        let start = Self.threadCPUSeconds()
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: [override])
        }
        let seconds = Self.threadCPUSeconds() - start
        #expect(seconds < 1, "\(seconds) s of CPU")
        let message = try #require(error?.description)
        #expect(message.hasPrefix("--set \(prefix)a.a."))
        #expect(message.contains("unknown key"), "\(message.prefix(300))")
        #expect(message.contains("allowed here:"), "\(message.prefix(300))")
        #expect(message.count < 1_000, "\(message.count) characters")
    }

    /// The bound on the search changes no answer: the nearest key and the keys allowed where
    /// the path leaves the table are those of a short path.
    @Test func suggestionsOfLongPathsAreThoseOfShortOnes() {
        let short = ScenarioKeys.suggestion(for: ["pools", "sofort", "budgett"])
        let long = ScenarioKeys.suggestion(for: ["pools", "sofort", "budgett"] + Array(repeating: "x", count: 1_000))
        #expect(short.near == "budget")
        #expect(long.near == short.near && long.allowed == short.allowed)
        #expect(ScenarioKeys.longestPattern >= 3 && ScenarioKeys.longestPattern < 10)
    }
}
