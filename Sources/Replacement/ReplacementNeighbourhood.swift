import LinearProgramming

/// One school's counts solved again with every other school's held at the plan
/// (docs/MULTIYEAR.md, "Sixth session"): the stage's program restricted to that school's count
/// and coverage columns and the money (every other column fixed at the plan's point, its terms
/// moved into the rows' bounds, rows left without a free column dropped), so GLPK's search runs
/// on a few dozen integer columns and a few dozen rows instead of the city's thousands.
struct ReplacementNeighbourhood {
    /// At most this many schools' searches per stage (each ends at the first that finds nothing better).
    static let searches = 4
    /// Each search's work limit in branch-and-bound nodes (`SolveOptions.nodeLimit`). An engine
    /// limit, not a scenario value: it bounds the work of one school's search the same on every
    /// machine, so the plan does not depend on the machine's speed or load (seventh session:
    /// before, a wall-clock second per search). The searches that end on the shipped Dortmund
    /// scenario make 43–769 nodes, on the small fixture 20–100 (3 Dec 2026).
    static let searchNodes = 2_000
    let model: ReplacementModel
    /// Per school (scenario order): its count and `covered` columns.
    let columns: [[Int]]
    /// Per school: the rows holding one of its columns; `shared`: rows holding a column of no
    /// school (money, carry-over), kept in every restriction.
    let rows: [[Int]]
    let shared: [Int]

    init(_ model: ReplacementModel, program: LinearProgram) {
        self.model = model
        let index = Dictionary(model.scenario.schools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var owner = [Int](repeating: -1, count: program.variables.count)
        var columns = [[Int]](repeating: [], count: model.scenario.schools.count)
        for c in model.cohorts {
            guard let s = index[c.school] else { continue }
            for col in c.columns.compactMap({ $0 }) { owner[col] = s; columns[s].append(col) }
        }
        for row in model.coverageRows {
            guard let first = row.inService.first, owner[first] >= 0 else { continue }
            owner[row.covered] = owner[first]; columns[owner[first]].append(row.covered)
        }
        owner[model.smallestCoverage] = -2   // fixed at 0 in the held program: never free
        var rows = [[Int]](repeating: [], count: columns.count), shared: [Int] = []
        for (r, row) in program.constraints.enumerated() {
            var schools = Set<Int>(), global = false
            for t in row.terms {
                if owner[t.variable] >= 0 { schools.insert(owner[t.variable]) } else if owner[t.variable] == -1 { global = true }
            }
            if global { shared.append(r) } else { for s in schools.sorted() { rows[s].append(r) } }
        }
        self.columns = columns.map { $0.sorted() }
        self.rows = rows
        self.shared = shared
        self.owner = owner
    }
    /// Column → school index (-1: money and carry-over, always free; -2: never free).
    let owner: [Int]

    /// `program` restricted to school `s`'s columns and the free money columns at `point`:
    /// the program, and per column of it the column of `program`.
    func restricted(_ program: LinearProgram, school s: Int, at point: [Double]) -> (program: LinearProgram, columns: [Int]) {
        var map = [Int](repeating: -1, count: program.variables.count), back: [Int] = []
        var p = LinearProgram(name: program.name)
        for (j, v) in program.variables.enumerated() where owner[j] == -1 || owner[j] == s {
            map[j] = back.count; back.append(j)
            p.variables.append(v)
        }
        for r in (rows[s] + shared).sorted() {
            let row = program.constraints[r]
            var terms: [LinearProgram.Term] = [], fixed = 0.0
            for t in row.terms {
                if map[t.variable] >= 0 { terms.append(.init(map[t.variable], t.coefficient)) } else { fixed += t.coefficient * point[t.variable] }
            }
            guard !terms.isEmpty else { continue }
            p.constraints.append(.init(name: row.name, terms: terms, lower: row.lower - fixed, upper: row.upper - fixed))
        }
        p.objective = .init(program.objective.direction, program.objective.terms.compactMap { t in map[t.variable] >= 0 ? .init(map[t.variable], t.coefficient) : nil })
        return (p, back)
    }
}
