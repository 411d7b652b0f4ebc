import LinearProgramming

/// A feasible schedule to start the integer search from (docs/ARCHITECTURE.md, GLPK rule 4), good for
/// every stage at once: stage objectives are compared in order (lexicographically).
///
/// For a fixed imaging order the rest is easy: each period, image as many schools as the
/// capacity allows in that order, then hand out what has arrived to imaged schools, the most
/// valuable device first. A device handed out in period t counts in every cumulative column
/// from t on, so its value for a stage is the sum of those columns' coefficients (device-
/// weeks: weight × weeks left; money: its euros while t is by the deadline). The search is
/// over orders: the better of "by value" and "as the LP relaxation images", then swaps of
/// schools within a small window while they improve. Deterministic: bounded passes; only the
/// whole command's deadline, when it comes first, cuts the search short.
struct StartingPlan {
    let model: ScheduleModel
    let stageCount: Int
    /// Cells (row, kind) with devices, as flat arrays.
    let cellRow: [Int], cellKind: [Int], cellUpper: [Int]
    /// gain[s][i * T + t]: what one device of cell i handed out in period t adds to stage s's
    /// objective (the sum of the cell's column coefficients from t on).
    let gain: [[Double]]
    /// cellOrder[t]: cells by value of a device handed out in period t, most valuable first.
    let cellOrder: [[Int]]
    /// Schools by the value of their devices in the first period (the order without an LP).
    let valueOrder: [Int]

    init(model: ScheduleModel, objectives: [LinearProgram.Objective]) {
        self.model = model
        stageCount = objectives.count
        let T = model.periodCount
        var row: [Int] = [], kind: [Int] = []
        for r in model.schools.indices { for k in 0..<model.kindCount where model.upper[r][k] > 0 { row.append(r); kind.append(k) } }
        cellRow = row; cellKind = kind; cellUpper = zip(row, kind).map { model.upper[$0][$1] }
        let n = row.count
        var coefficient: [[Double]] = []
        for objective in objectives {
            var byColumn = [Double](repeating: 0, count: model.program.variables.count)
            for t in objective.terms { byColumn[t.variable] += t.coefficient }
            var flat = [Double](repeating: 0, count: n * T)
            for i in 0..<n { for t in 0..<T { if let col = model.c[row[i]][kind[i]][t] { flat[i * T + t] = byColumn[col] } } }
            coefficient.append(flat)
        }
        // value[t][i]: per stage, sum of the cell's coefficients from t on.
        var value = Array(repeating: Array(repeating: [Double](repeating: 0, count: objectives.count), count: n), count: T)
        var gain = coefficient
        for i in 0..<n {
            var sums = [Double](repeating: 0, count: objectives.count)
            for t in (0..<T).reversed() {
                for s in sums.indices { sums[s] += coefficient[s][i * T + t]; gain[s][i * T + t] = sums[s] }
                value[t][i] = sums
            }
        }
        self.gain = gain
        cellOrder = (0..<T).map { t in (0..<n).sorted { a, b in Self.before(value[t][a], value[t][b]) ?? (a < b) } }
        // Schools: most valuable device first, then most value in total, then row.
        var best = [[Double]](repeating: [Double](repeating: 0, count: objectives.count), count: model.schools.count)
        var total = best
        for i in 0..<n where T > 0 {
            let v = value[0][i]
            if Self.before(v, best[row[i]]) == true { best[row[i]] = v }
            for s in v.indices { total[row[i]][s] += v[s] * Double(cellUpper[i]) }
        }
        valueOrder = model.schools.indices.sorted { a, b in Self.before(best[a], best[b]) ?? Self.before(total[a], total[b]) ?? (a < b) }
    }

    /// Whether a comes before b in stage order (the first stage that differs decides); nil if equal.
    static func before(_ a: [Double], _ b: [Double]) -> Bool? {
        for (x, y) in zip(a, b) where abs(x - y) > 1e-9 * max(1, abs(x), abs(y)) { return x > y }
        return nil
    }

    /// The order in which a solution of the LP relaxation images the schools: by the sum
    /// over periods of (1 - z), its expected wait, ties by row.
    func relaxationOrder(_ values: [Double]) -> [Int] {
        let wait = model.schools.indices.map { r in
            (0..<model.periodCount).reduce(0.0) { $0 + 1 - (model.z[r][$1].map { values[$0] } ?? 0) }
        }
        return model.schools.indices.sorted { wait[$0] != wait[$1] ? wait[$0] < wait[$1] : $0 < $1 }
    }

    /// The state of a greedy run at the end of each period, to resume a trial from.
    struct Trace {
        var objectives: [Double]
        var imagedIn: [Int]
        /// out[t][cell], handedOut[t], objectivesAt[t][stage]: at the end of period t.
        var out: [[Int]] = []
        var handedOut: [Int] = []
        var objectivesAt: [[Double]] = []
    }

    /// The greedy for an order, from period `start` on (earlier periods as in `base`): each
    /// stage's objective, the period each row is imaged in (T: never) and, if asked, the
    /// state at the end of each period.
    func run(_ order: [Int], from start: Int = 0, base: Trace? = nil, recording: Bool = false) -> Trace {
        let T = model.periodCount, n = cellRow.count
        var imagedIn = [Int](repeating: T, count: model.schools.count)
        var out = [Int](repeating: 0, count: n)
        var handedOut = 0
        var objectives = [Double](repeating: 0, count: stageCount)
        if let base, start > 0 {
            imagedIn = base.imagedIn.map { $0 < start ? $0 : T }
            out = base.out[start - 1]
            handedOut = base.handedOut[start - 1]
            objectives = base.objectivesAt[start - 1]
        }
        var trace = Trace(objectives: [], imagedIn: [])
        if recording, let base, start > 0 {
            trace.out = Array(base.out[..<start]); trace.handedOut = Array(base.handedOut[..<start])
            trace.objectivesAt = Array(base.objectivesAt[..<start])
        }
        for t in start..<max(start, T) {
            var room = model.capacity[t]
            if room > 0 {
                for r in order where imagedIn[r] == T && model.first[r] <= t {
                    imagedIn[r] = t
                    room -= 1
                    if room == 0 { break }
                }
            }
            var available = model.supply[t] - handedOut
            if available > 0 {
                // A device handed out now counts in every later period: its gain from t on.
                for i in cellOrder[t] where imagedIn[cellRow[i]] <= t && out[i] < cellUpper[i] {
                    let give = min(available, cellUpper[i] - out[i])
                    out[i] += give
                    available -= give
                    handedOut += give
                    for s in 0..<stageCount { objectives[s] += gain[s][i * T + t] * Double(give) }
                    if available == 0 { break }
                }
            }
            if recording { trace.out.append(out); trace.handedOut.append(handedOut); trace.objectivesAt.append(objectives) }
        }
        trace.objectives = objectives
        trace.imagedIn = imagedIn
        return trace
    }

    /// Every column's value for the greedy plan of an order.
    func values(_ order: [Int]) -> [Double] {
        let trace = run(order, recording: true)
        let (imagedIn, history) = (trace.imagedIn, trace.out)
        var values = [Double](repeating: 0, count: model.program.variables.count)
        for r in model.schools.indices {
            for t in 0..<model.periodCount { if let col = model.z[r][t] { values[col] = imagedIn[r] <= t ? 1 : 0 } }
        }
        for i in cellRow.indices {
            for t in 0..<model.periodCount {
                if let col = model.c[cellRow[i]][cellKind[i]][t] { values[col] = Double(history[t][i]) }
            }
        }
        return values
    }

    /// The best of the given orders, improved by swapping schools up to `window` places
    /// apart or moving one up to `window` places up, pass after pass, while a pass improves
    /// (at most `passes` passes per window), with each of `windows` in turn (the narrow ones are
    /// cheap and do most of the work). Without earliest dates, a position's period is fixed by the
    /// capacities: a move then changes nothing before the period of its first position (the
    /// trial resumes there), and a move within one period changes nothing at all.
    /// `goal`: the search stops once the first stage's objective reaches it (a proven bound:
    /// nothing better exists). `until`: the search stops there with the best order so far (the
    /// whole command's deadline). `improved` hears of each stage's objective after every pass
    /// that improved it.
    func best(of starts: [[Int]], windows: [Int] = [12, 24, 48], passes: Int = 8, goal: Double? = nil,
              until deadline: ContinuousClock.Instant? = nil, improved: ([Double]) -> Void = { _ in }) -> [Int] {
        var order = starts[0]
        var current = run(order, recording: true)
        for other in starts.dropFirst() {
            let trial = run(other, recording: true)
            if Self.before(trial.objectives, current.objectives) == true { (order, current) = (other, trial) }
        }
        let free = model.first.allSatisfy { $0 == 0 }
        func reached() -> Bool { goal.map { g in current.objectives.first.map { $0 >= g - 1e-9 * max(1, abs(g)) } ?? true } ?? false }
        for window in windows {
            for _ in 0..<passes {
                if reached() { return order }
                var better = false
                for i in order.indices {
                    if let deadline, ContinuousClock.now >= deadline { return order }
                    for j in (i + 1)..<min(order.count, i + 1 + window) {
                        let from = free ? current.imagedIn[order[i]] : 0
                        if free && from == current.imagedIn[order[j]] { continue }
                        // Swap i and j; failing that, move j to i (the rest moves one place down).
                        order.swapAt(i, j)
                        var trial = run(order, from: from, base: current)
                        if Self.before(trial.objectives, current.objectives) != true {
                            order.swapAt(i, j)
                            order.insert(order.remove(at: j), at: i)
                            trial = run(order, from: from, base: current)
                            if Self.before(trial.objectives, current.objectives) != true {
                                order.insert(order.remove(at: i), at: j)
                                continue
                            }
                        }
                        current = run(order, from: from, base: current, recording: true)
                        better = true
                    }
                }
                if !better { break }
                improved(current.objectives)
            }
        }
        return order
    }
}
