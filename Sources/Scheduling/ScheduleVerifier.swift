import Allocation

/// Re-checks a schedule against its rules, knowing nothing of the model: supply, imaging
/// capacity, images before devices, earliest dates, and no more devices than planned.
/// A finding is an internal error; such a schedule is never printed.
public enum ScheduleVerifier {
    public static func verify(_ r: RolloutPlan) -> [String] {
        var problems: [String] = []
        let rules = r.rules, T = rules.periods.count
        let total = r.kinds.indices.reduce(0) { $0 + r.plan.totalDevices(kind: $1) }
        let supply = rules.cumulativeSupply(total: total)
        var handedOut = 0
        for t in 0..<T {
            handedOut += r.delivered(inPeriod: t)
            if handedOut > supply[t] {
                problems.append("by the end of \(rules.periods[t].label) \(handedOut) devices are out but only \(supply[t]) have arrived")
            }
        }
        for (t, n) in r.imagedPerPeriod.enumerated() where n > rules.imagingCapacity[t] {
            problems.append("\(n) schools imaged in \(rules.periods[t].label), capacity \(rules.imagingCapacity[t])")
        }
        for row in r.rows {
            let a = r.plan.schools[row.index]
            let id = a.school.id
            for k in r.kinds.indices {
                if let bad = row.deliveries[k].first(where: { $0 < 0 }) {
                    problems.append("school \(id): \(bad) \(r.kinds[k].id) devices in one period")
                }
                let sum = row.deliveries[k].reduce(0, +)
                if sum > a.devices[k] { problems.append("school \(id): \(sum) \(r.kinds[k].id) devices handed out, \(a.devices[k]) planned") }
            }
            if let first = row.firstDelivery {
                guard let imaged = row.imagedIn, imaged <= first else {
                    problems.append("school \(id): devices in \(rules.periods[first].label) before its image is ready")
                    continue
                }
            }
            if let imaged = row.imagedIn, let day = rules.earliest[id], rules.periods[imaged].start < day {
                problems.append("school \(id): served in \(rules.periods[imaged].label), before its earliest day \(day)")
            }
        }
        return problems
    }
}
