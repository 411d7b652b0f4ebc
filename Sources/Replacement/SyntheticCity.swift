import Allocation

extension ReplacementScenario {
    /// A made-up city for tests and benchmarks (no real figures): `schools` schools, pupil
    /// tablets bought 2020/21 and teacher laptops bought 2021/22, planning years 2026–2030,
    /// a grant that carries over until 2030 and own money that lapses, scarce enough that not
    /// every need is covered. The same seed gives the same city.
    public static func syntheticCity(schools count: Int, seed: UInt64 = 1,
                                     turbulence: Turbulence = Turbulence(maxFallBasisPoints: 3_000, maxNewDevicesPerYear: 300)) -> ReplacementScenario {
        var rng = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        func next(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
        let years = 2026...2030
        var schools: [School] = [], inventory: [Cohort] = []
        var tablets = 0, laptops = 0
        for i in 0..<count {
            let id = "S\(String(1000 + i).dropFirst())"
            let pupils = next(40...420), teachers = max(4, pupils / next(8...14))
            let growth = next(-2...3)   // per cent a year
            let tabletNeed = (0..<years.count).map { y in max(1, pupils + pupils * growth * y / 100) }
            let laptopNeed = (0..<years.count).map { _ in teachers }
            schools.append(School(id: id, need: ["tablet": tabletNeed, "laptop": laptopNeed]))
            let first = pupils * next(60...100) / 100, firstYear = 2020 + next(0...1)
            inventory.append(Cohort(school: id, kind: "tablet", purchaseYear: firstYear, count: first))
            if pupils - first > 0 { inventory.append(Cohort(school: id, kind: "tablet", purchaseYear: firstYear + 1, count: (pupils - first) / 2)) }
            inventory.append(Cohort(school: id, kind: "laptop", purchaseYear: 2021 + next(0...1), count: teachers))
            tablets += pupils; laptops += teachers
        }
        // Money: about 60 % of one replacement of every device from the grant, the running
        // cost and a little more from own money.
        let replacement = tablets * 450 + laptops * 900
        let grantPerYear = replacement * 60 / 100 / years.count
        let ownPerYear = tablets * 60 + laptops * 120 + replacement * 5 / 100 / years.count
        return ReplacementScenario(
            years: years,
            kinds: [DeviceKind(id: "tablet", lifeYears: 5, earlyYears: 1, lateYears: 2, price: Money(cents: 45_000),
                               priceChangeBasisPoints: 300, operatingCostPerYear: Money(cents: 6_000)),
                    DeviceKind(id: "laptop", lifeYears: 5, earlyYears: 1, lateYears: 1, price: Money(cents: 90_000),
                               priceChangeBasisPoints: 200, operatingCostPerYear: Money(cents: 12_000))],
            schools: schools,
            pools: [Pool(id: "pakt", source: .grant, money: Array(repeating: Money(cents: grantPerYear * 100), count: years.count),
                         carryOver: .until(lastYear: 2030), pays: [.investment]),
                    Pool(id: "city", source: .own, money: Array(repeating: Money(cents: ownPerYear * 100), count: years.count),
                         carryOver: .lapses, pays: [.investment, .operating])],
            inventory: inventory, turbulence: turbulence)
    }
}
