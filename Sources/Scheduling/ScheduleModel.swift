import Allocation
import LinearProgramming

/// The roll-out as a mixed-integer program over the solved allocation. Columns, for every
/// school r with devices to receive and every period t from its first allowed one:
///
///   z[r][t]    binary   the school's image is ready by period t (it was first served then or before)
///   c[r][k][t] integer  devices of kind k handed out to the school up to and including period t
///
/// Rows (U = the school's planned devices of the kind, S_t = devices arrived by the end of t,
/// cap_t = schools the IT service can image in t):
///
///   zmono:  z[r][t] - z[r][t-1] >= 0                 an image, once made, stays
///   cmono:  c[r][k][t] - c[r][k][t-1] >= 0           devices handed out stay out
///   link:   c[r][k][t] - min(U, S_t) z[r][t] <= 0    no device before the school's image
///   image:  sum_r (z[r][t] - z[r][t-1]) <= cap_t     schools imaged in period t
///   supply: sum_{r,k} c[r][k][t] <= S_t              never more out than has arrived
///
/// and c[r][k][t] <= min(U, S_t) as a bound. Because `c` is cumulative, the device-weeks of a
/// school are sum_t weeks_t × c[r][k][t], and the money a pool has spent by its deadline is a
/// sum over the single period the deadline closes — both linear, no per-delivery columns.
struct ScheduleModel {
    var program: LinearProgram
    /// Plan school index of each model row.
    let schools: [Int]
    /// First period each row may be served in.
    let first: [Int]
    /// Planned devices per row and kind.
    let upper: [[Int]]
    /// z[r][t] (nil before the first allowed period).
    let z: [[Int?]]
    /// c[r][k][t] (nil before the first allowed period or where the school gets no device of k).
    let c: [[[Int?]]]
    let supply: [Int]
    let capacity: [Int]
    let periodWeeks: [Double]

    init(plan: Plan, rules: ScheduleRules, supply: [Int]) {
        var lp = LinearProgram(name: "rollout")
        let T = rules.periods.count
        let K = plan.kinds.count
        var schools: [Int] = [], first: [Int] = [], upper: [[Int]] = []
        var z: [[Int?]] = [], c: [[[Int?]]] = []
        for (s, a) in plan.schools.enumerated() where a.devices.contains(where: { $0 > 0 }) {
            guard let f = rules.firstPeriod(forSchool: a.school.id) else { continue }
            let r = schools.count
            schools.append(s); first.append(f); upper.append(a.devices)
            z.append((0..<T).map { t in t < f ? nil : lp.addVariable("z_\(r)_\(t)", lower: 0, upper: 1, integer: true) })
            c.append((0..<K).map { k in
                (0..<T).map { t in
                    guard t >= f, a.devices[k] > 0 else { return nil }
                    return lp.addVariable("c_\(r)_\(k)_\(t)", lower: 0, upper: Double(min(a.devices[k], supply[t])), integer: true)
                }
            })
        }
        for r in schools.indices {
            for t in (first[r] + 1)..<max(first[r] + 1, T) {
                lp.addConstraint("zmono_\(r)_\(t)", [.init(z[r][t]!, 1), .init(z[r][t - 1]!, -1)], lower: 0)
            }
            for k in 0..<K where upper[r][k] > 0 {
                for t in first[r]..<T {
                    if t > first[r] {
                        lp.addConstraint("cmono_\(r)_\(k)_\(t)", [.init(c[r][k][t]!, 1), .init(c[r][k][t - 1]!, -1)], lower: 0)
                    }
                    let bound = min(upper[r][k], supply[t])
                    if bound > 0 {
                        lp.addConstraint("link_\(r)_\(k)_\(t)", [.init(c[r][k][t]!, 1), .init(z[r][t]!, -Double(bound))], upper: 0)
                    }
                }
            }
        }
        for t in 0..<T {
            var terms: [LinearProgram.Term] = []
            for r in schools.indices {
                if let now = z[r][t] { terms.append(.init(now, 1)) }
                if t > 0, let before = z[r][t - 1] { terms.append(.init(before, -1)) }
            }
            if !terms.isEmpty { lp.addConstraint("image_\(t)", terms, upper: Double(rules.imagingCapacity[t])) }
            let cells = schools.indices.flatMap { r in (0..<K).compactMap { c[r][$0][t] } }
            if !cells.isEmpty { lp.addConstraint("supply_\(t)", cells.map { .init($0, 1) }, upper: Double(supply[t])) }
        }
        program = lp
        self.schools = schools; self.first = first; self.upper = upper; self.z = z; self.c = c
        self.supply = supply; self.capacity = rules.imagingCapacity
        periodWeeks = rules.periods.map(\.weeks)
    }

    var periodCount: Int { periodWeeks.count }
    var kindCount: Int { upper.first?.count ?? 0 }

    // MARK: objectives

    /// sum weight[r][k] × weeks_t × c[r][k][t] over the kinds `weight` gives (nil: left out).
    func deviceWeeksTerms(_ weight: (_ r: Int, _ k: Int) -> Double?) -> [LinearProgram.Term] {
        var terms: [LinearProgram.Term] = []
        for r in schools.indices {
            for k in 0..<kindCount {
                guard let w = weight(r, k), w != 0 else { continue }
                for t in 0..<periodCount { if let col = c[r][k][t] { terms.append(.init(col, w * periodWeeks[t])) } }
            }
        }
        return terms
    }

    /// Euros paid for devices handed out by each deadline: `perDevice[p][r][k]` euros per device
    /// of pool p, counted at the last period `deadlinePeriod[p]` that ends by the deadline.
    func moneyTerms(perDevice: [[[Double]]], deadlinePeriod: [Int?]) -> [LinearProgram.Term] {
        var sum: [Int: Double] = [:]
        for (p, last) in deadlinePeriod.enumerated() {
            guard let t = last, t >= 0 else { continue }
            for r in schools.indices {
                for k in 0..<kindCount where perDevice[p][r][k] > 0 {
                    if let col = c[r][k][t] { sum[col, default: 0] += perDevice[p][r][k] }
                }
            }
        }
        return sum.keys.sorted().map { .init($0, sum[$0]!) }
    }
}
