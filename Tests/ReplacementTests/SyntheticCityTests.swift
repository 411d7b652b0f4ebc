import Testing
import Allocation
import Replacement

/// The made-up city for benchmarks is valid, the same for the same seed, and of the size asked.
@Suite struct SyntheticCityTests {
    @Test func validDeterministicAndSized() {
        let a = ReplacementScenario.syntheticCity(schools: 160, seed: 7)
        #expect(a.issues().isEmpty, "\(a.issues().prefix(3))")
        #expect(a.schools.count == 160 && a.kinds.count == 2 && a.years == 2026...2030)
        #expect(a == ReplacementScenario.syntheticCity(schools: 160, seed: 7))
        #expect(a != ReplacementScenario.syntheticCity(schools: 160, seed: 8))
        #expect(a.inventory.allSatisfy { $0.purchaseYear < 2026 && $0.count >= 0 })
    }
}
