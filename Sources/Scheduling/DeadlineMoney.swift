import Allocation

/// Each pool's money against its deadline, in exact cents.
///
/// Rule: every device handed out carries its share of what each pool pays for that school's
/// devices of its kind (the allocation's funding, split evenly over the devices). A pool has
/// spent, by its deadline, the shares of the devices handed out in periods that end on or
/// before that day (rounded down to the cent per school and kind); the rest of its planned
/// money is lost when the deadline falls within the schedule, and open when it falls later
/// (the schedule does not say when devices it leaves out arrive).
enum DeadlineMoney {
    static func pools(_ r: RolloutPlan) -> [RolloutPlan.PoolDeadline] {
        let end = r.rules.horizon!.upperBound
        let last = r.periods.count - 1
        return r.plan.pools.enumerated().map { p, use in
            let deadline = r.rules.deadlines[use.pool.id]
            let within = deadline.map { $0 < end } ?? false
            let t = deadline.map { within ? r.rules.lastPeriod(endingBy: $0) : last } ?? last
            var spent = 0, lateSchools: [Int] = [], lateDevices = 0
            for row in r.rows {
                let a = r.plan.schools[row.index]
                var late = false
                for k in r.kinds.indices where a.devices[k] > 0 && a.funding[k][p] > .zero {
                    let out = row.delivered(kind: k, through: t)
                    spent += a.funding[k][p].cents * out / a.devices[k]
                    if out < a.devices[k] { late = true; lateDevices += a.devices[k] - out }
                }
                if late { lateSchools.append(row.index) }
            }
            let missing = use.spent - Money(cents: spent)
            let status: RolloutPlan.PoolDeadline.Status
            if deadline == nil { status = .noDeadline } else if missing == .zero { status = .met } else { status = within ? .lost : .open }
            return RolloutPlan.PoolDeadline(
                poolIndex: p, deadline: deadline, planned: use.spent, spentInTime: Money(cents: spent),
                lost: within ? missing : .zero, open: within ? .zero : missing, status: status,
                lateSchools: lateSchools, lateDevices: lateDevices)
        }
    }
}
