import Allocation

/// The weight of one device-week, per school and kind, under the scenario's teacher policy.
///
/// Every device starts with the allocation's weight (pupil devices: the weight of the
/// school's index level; teacher devices: the kind's priority weight). Then:
/// - `mixed` keeps them;
/// - `first` scales the teacher kinds so that the lightest teacher device weighs twice the
///   heaviest pupil device;
/// - `last` scales them so that the heaviest teacher device weighs half the lightest pupil
///   device.
///
/// Why this means "first": if a pupil device went out in a period while a teacher device at
/// a school already imaged waited, handing out the teacher device instead (and the pupil
/// device when the teacher device went, or not at all) keeps every rule and gains device-weeks
/// of a heavier device. So an optimal schedule never does it: on the supply, teacher devices
/// at served schools come before any pupil device (and after, with `last`). Which school is
/// imaged when still weighs both kinds.
enum TeacherWeights {
    static func weights(_ plan: Plan, _ policy: ScheduleRules.TeacherPolicy) throws(ScheduleError) -> [[Double]] {
        var weights: [[Double]]
        do { weights = try NeedTable(plan.scenario).entries.map { $0.map(\.weight.doubleValue) } } catch {
            throw .inconsistentRules(.needTables(error))
        }
        let teacher = plan.kinds.indices.filter { plan.kinds[$0].basis == .teachers }
        let pupil = plan.kinds.indices.filter { plan.kinds[$0].basis == .pupils }
        func used(_ kinds: [Int]) -> [Double] {
            plan.schools.indices.flatMap { s in kinds.filter { plan.schools[s].devices[$0] > 0 }.map { weights[s][$0] } }.filter { $0 > 0 }
        }
        let t = used(teacher), p = used(pupil)
        guard let minT = t.min(), let maxT = t.max(), let minP = p.min(), let maxP = p.max() else { return weights }
        let factor: Double
        switch policy {
        case .mixed: return weights
        case .first: factor = 2 * maxP / minT
        case .last: factor = minP / (2 * maxT)
        }
        for s in weights.indices { for k in teacher { weights[s][k] *= factor } }
        return weights
    }
}
