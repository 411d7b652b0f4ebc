import Foundation
import Testing
@testable import Allocation

/// The package's one seeded generator, as the standard library's random functions take it.
extension SplitMix64: RandomNumberGenerator {}
private typealias Seeded = SplitMix64

/// The loader's quick grouping (issue 14, 1,000,000 rows): the authority key from pupils summed
/// per level (`AuthorityGroups`) and the teacher estimate with its ties sorted only at the cut,
/// each against the former school-by-school computation, kept here as the reference.
@Suite struct LoadGroupingTests {
    // MARK: The former computations

    private static func formerWeight(_ key: AuthorityKey, _ schools: [School]) -> Decimal {
        var byLevel = [Int](repeating: 0, count: 10), seen = [Bool](repeating: false, count: 10), without = 0
        let known = (0..<10).map { key.pupilWeightByLevel[$0] != nil }
        for s in schools {
            if let level = s.socialIndex, (0..<10).contains(level), known[level] { byLevel[level] += s.pupils; seen[level] = true }
            else if let level = s.socialIndex, key.pupilWeightByLevel[level] != nil { return formerSlowWeight(key, schools) }
            else { without += s.pupils }
        }
        var sum = Decimal(without) * key.withoutLevel
        for level in 0..<10 where seen[level] { sum += Decimal(byLevel[level]) * key.pupilWeightByLevel[level]! }
        return sum
    }

    private static func formerSlowWeight(_ key: AuthorityKey, _ schools: [School]) -> Decimal {
        var byLevel: [Int: Int] = [:], without = 0
        for s in schools {
            if let level = s.socialIndex, key.pupilWeightByLevel[level] != nil { byLevel[level, default: 0] += s.pupils }
            else { without += s.pupils }
        }
        var sum = Decimal(without) * key.withoutLevel
        for level in byLevel.keys.sorted() { sum += Decimal(byLevel[level]!) * key.pupilWeightByLevel[level]! }
        return sum
    }

    private static func formerExact(_ key: AuthorityKey, _ byAuthority: [String: [School]]) -> ExactWeights? {
        guard let w0 = ExactWeights.scaled(key.withoutLevel) else { return nil }
        var levels: [(level: Int, value: Int, places: Int)] = []
        for (level, w) in key.pupilWeightByLevel {
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
        var values = [String: Int]()
        for (k, schools) in byAuthority {
            var sum = 0
            for s in schools {
                let w: Int
                if let level = s.socialIndex { w = ((0..<10).contains(level) ? small[level] : other[level]) ?? without } else { w = without }
                let (p, o1) = s.pupils.multipliedReportingOverflow(by: w)
                let (t, o2) = sum.addingReportingOverflow(p)
                if o1 || o2 || s.pupils < 0 { return nil }
                sum = t
            }
            values[k] = sum
        }
        return ExactWeights(places: places, values: values)
    }

    private static func formerEstimate(pupils: [Int], forms: [String], ids: [String], ratios: [String: Decimal],
                                       total: Int?) -> [Int]? {
        struct Group: Hashable { var pupils: Int; var form: String }
        var groupOf: [Group: Int] = [:]
        var groupRaw: [Decimal] = []
        var schoolGroup: [Int] = []
        for (p, f) in zip(pupils, forms) {
            let key = Group(pupils: p, form: f)
            if let g = groupOf[key] { schoolGroup.append(g); continue }
            guard let r = ratios[f] else { return nil }
            groupOf[key] = groupRaw.count
            schoolGroup.append(groupRaw.count)
            groupRaw.append(Decimal(p) * r)
        }
        guard let total else { return schoolGroup.map { groupRaw[$0].roundedHalfUp().intValue } }
        var sum = Decimal(0)
        for g in schoolGroup { sum += groupRaw[g] }
        guard sum > 0 else { return schoolGroup.map { _ in 0 } }
        let scaled = groupRaw.map { $0 * Decimal(total) / sum }
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        let counts = largestRemainder(order.map { scaled[schoolGroup[$0]] }, total: total)
        var result = [Int](repeating: 0, count: ids.count)
        for (position, i) in order.enumerated() { result[i] = counts[position] }
        return result
    }

    private static func bits(_ d: Decimal) -> [UInt8] { var d = d; return withUnsafeBytes(of: &d) { Array($0) } }

    // MARK: Tests

    @Test(arguments: 0..<40)
    func authorityKeyFromLevelSumsIsTheFormerOne(seed: Int) {
        var g = Seeded(seed: UInt64(seed))
        var table: [Int: Decimal] = [:]
        for level in 1...9 where Int.random(in: 0..<5, using: &g) > 0 { table[level] = Decimal(Int.random(in: 5...25, using: &g)) / 10 }
        if seed % 4 == 0 { table[-3] = 2; table[12] = Decimal(string: "0.37")! }   // levels no loader gives
        if seed % 5 == 0 { table[0] = Decimal(string: "1.234")! }
        let key = AuthorityKey(pupilWeightByLevel: table, withoutLevel: Decimal(Int.random(in: 5...20, using: &g)) / 10)
        let authorities = (0..<Int.random(in: 1...30, using: &g)).map { "a\($0)" }
        var schools: [School] = []
        for i in 0..<Int.random(in: 1...600, using: &g) {
            let r = Int.random(in: 0..<20, using: &g)
            let level: Int? = r < 3 ? nil : r < 5 ? [-3, 0, 10, 12][r % 4] : Int.random(in: 1...9, using: &g)
            schools.append(School(id: "s\(i)", name: "", form: "F", district: "", pupils: Int.random(in: 0...1500, using: &g),
                                  socialIndex: seed % 3 == 0 || r >= 5 ? level : level.map { min(max($0, 1), 9) },
                                  teachers: Int.random(in: 0...90, using: &g),
                                  authority: authorities[Int.random(in: 0..<authorities.count, using: &g)]))
            if Int.random(in: 0..<3, using: &g) == 0 { schools.append(schools.last!); schools[schools.count - 1].id += "b" }
        }
        let groups = AuthorityGroups(schools)
        let byAuthority = Dictionary(grouping: schools, by: \.authority)
        #expect(Set(groups.names) == Set(byAuthority.keys))
        for (name, members) in byAuthority {
            let sums = groups.sums(of: name)!
            #expect(Self.bits(key.weight(of: sums)) == Self.bits(Self.formerWeight(key, members)))
            #expect(Self.bits(key.weight(of: members)) == Self.bits(Self.formerWeight(key, members)))
            #expect(sums.count(of: .pupils) == members.count(of: .pupils))
            #expect(sums.count(of: .teachers) == members.count(of: .teachers))
        }
        #expect(key.exactWeights(groups) == Self.formerExact(key, byAuthority))
    }

    @Test func negativePupilsGiveNoWholeNumberWeights() {
        let key = AuthorityKey(pupilWeightByLevel: [1: 1], withoutLevel: 1)
        let schools = [School(id: "1", name: "", form: "F", district: "", pupils: -5, socialIndex: 1, teachers: 0, authority: "a")]
        #expect(key.exactWeights(AuthorityGroups(schools)) == nil)
        #expect(Self.formerExact(key, ["a": schools]) == nil)
    }

    @Test(arguments: 0..<60)
    func teacherEstimateIsTheFormerOne(seed: Int) throws {
        var g = Seeded(seed: UInt64(seed) &+ 1000)
        let forms = ["Grundschule", "Gymnasium", "Hauptschule", "Förderschule Berufskolleg"]
        var ratios: [String: Decimal] = [:]
        for f in forms { ratios[f] = Decimal(Int.random(in: 1_000...9_000, using: &g)) / Decimal(Int.random(in: 40_000...90_000, using: &g)) }
        let n = Int.random(in: 1...3_000, using: &g)
        // Few distinct pupil counts: many schools share a share, so ties at the cut are common.
        let pupilChoices = (0..<Int.random(in: 1...12, using: &g)).map { _ in Int.random(in: 0...(seed % 7 == 0 ? 6_000_000 : 900), using: &g) }
        var pupils: [Int] = [], schoolForms: [String] = [], ids: [String] = []
        var used = Set<String>()
        for _ in 0..<n {
            pupils.append(pupilChoices[Int.random(in: 0..<pupilChoices.count, using: &g)])
            schoolForms.append(forms[Int.random(in: 0..<(seed % 2 == 0 ? 2 : forms.count), using: &g)])
            var id: String
            repeat { id = String(Int.random(in: 1...(seed % 5 == 0 ? 99 : 999_999), using: &g)) + (seed % 3 == 0 ? "x" : "") } while used.contains(id) && used.count < 99
            used.insert(id)
            ids.append(id)   // duplicates when the numbers run out: ties by position
        }
        let raw = zip(pupils, schoolForms).reduce(Decimal(0)) { $0 + Decimal($1.0) * ratios[$1.1]! }
        for total in [nil, 0, 1, Int.random(in: 0...max(1, NSDecimalNumber(decimal: raw).intValue * 2), using: &g)] as [Int?] {
            let new = try TeacherEstimate.estimate(pupils: pupils, forms: schoolForms, ids: ids, ratios: ratios, scaleToTotal: total)
            #expect(new == Self.formerEstimate(pupils: pupils, forms: schoolForms, ids: ids, ratios: ratios, total: total))
            if let total, raw > 0 { #expect(new.reduce(0, +) == total) }
        }
    }

    @Test func aFormWithoutARatioIsNamed() {
        #expect(throws: ScenarioIssue.self) {
            try TeacherEstimate.estimate(pupils: [1, 2], forms: ["A", "B"], ids: ["1", "2"], ratios: ["A": 1], scaleToTotal: nil)
        }
    }
}
