/// A linear or mixed-integer program in plain Swift values. It knows no solver: any
/// `LinearSolver` can take it, and `validate()` rejects everything a C solver would choke on.
public struct LinearProgram: Sendable, Equatable {
    public enum Direction: String, Sendable, Equatable { case minimize, maximize }

    public struct Variable: Sendable, Equatable {
        public var name: String
        public var lower: Double   // -infinity for none
        public var upper: Double   // +infinity for none
        public var isInteger: Bool
        public init(name: String, lower: Double = 0, upper: Double = .infinity, isInteger: Bool = false) {
            self.name = name; self.lower = lower; self.upper = upper; self.isInteger = isInteger
        }
    }

    public struct Term: Sendable, Equatable {
        public var variable: Int
        public var coefficient: Double
        public init(_ variable: Int, _ coefficient: Double) {
            self.variable = variable; self.coefficient = coefficient
        }
    }

    /// lower <= sum(terms) <= upper; use -infinity / +infinity for a one-sided row.
    public struct Constraint: Sendable, Equatable {
        public var name: String
        public var terms: [Term]
        public var lower: Double
        public var upper: Double
        public init(name: String, terms: [Term], lower: Double = -.infinity, upper: Double = .infinity) {
            self.name = name; self.terms = terms; self.lower = lower; self.upper = upper
        }
    }

    public struct Objective: Sendable, Equatable {
        public var direction: Direction
        public var terms: [Term]
        public var constant: Double
        public init(_ direction: Direction, _ terms: [Term], constant: Double = 0) {
            self.direction = direction; self.terms = terms; self.constant = constant
        }
    }

    public var name: String
    public var variables: [Variable] = []
    public var constraints: [Constraint] = []
    public var objective: Objective = Objective(.maximize, [])

    public init(name: String) { self.name = name }

    public var hasIntegers: Bool { variables.contains { $0.isInteger } }

    @discardableResult
    public mutating func addVariable(_ name: String, lower: Double = 0, upper: Double = .infinity,
                                     integer: Bool = false) -> Int {
        variables.append(Variable(name: name, lower: lower, upper: upper, isInteger: integer))
        return variables.count - 1
    }

    @discardableResult
    public mutating func addConstraint(_ name: String, _ terms: [Term], lower: Double = -.infinity,
                                       upper: Double = .infinity) -> Int {
        constraints.append(Constraint(name: name, terms: terms, lower: lower, upper: upper))
        return constraints.count - 1
    }

    /// Value of the objective (including its constant) for a vector of variable values.
    public func objectiveValue(_ values: [Double]) -> Double {
        objective.terms.reduce(objective.constant) { $0 + $1.coefficient * values[$1.variable] }
    }
}

/// Why a program cannot be handed to a solver. Every case names the row or column.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    case nonFinite(what: String, value: Double)
    case invertedBounds(what: String, lower: Double, upper: Double)
    case fractionalIntegerBound(variable: String, value: Double)
    case unknownVariable(row: String, index: Int)
    case duplicateVariable(row: String, variable: String)
    case badName(String, reason: String)

    public var description: String {
        switch self {
        case let .nonFinite(what, value): return "\(what) is \(value); only finite numbers are allowed"
        case let .invertedBounds(what, lower, upper): return "\(what) has lower bound \(lower) above upper bound \(upper)"
        case let .fractionalIntegerBound(variable, value): return "integer variable \(variable) has fractional bound \(value)"
        case let .unknownVariable(row, index): return "row \(row) refers to variable #\(index), which does not exist"
        case let .duplicateVariable(row, variable): return "row \(row) names variable \(variable) twice"
        case let .badName(name, reason): return "name '\(name.prefix(40))' is not allowed: \(reason)"
        }
    }
}

extension LinearProgram {
    /// Checks everything GLPK would abort the process on (docs/ARCHITECTURE.md, GLPK rule 1).
    /// `names: false` skips the names (already checked for a program with the same ones);
    /// `rows: false` skips the rows' terms (already checked for a program with the same matrix).
    public func validate(names: Bool = true, rows: Bool = true) throws(ModelError) {
        func checkName(_ n: String) throws(ModelError) {
            if !names { return }
            // The common case over the contiguous bytes in one tight loop (a name per column and
            // row of every solve); any finding is worded by the checks below.
            let fine = n.utf8.withContiguousStorageIfAvailable { bytes in
                !bytes.isEmpty && bytes.count <= 255 && !bytes.contains { $0 >= 0x80 || $0 <= 0x20 || $0 == 0x7F }
            }
            if fine == true { return }
            if n.isEmpty { throw .badName(n, reason: "empty") }
            if n.utf8.count > 255 { throw .badName(n, reason: "longer than 255 bytes") }
            // Bytes, not Characters: this runs for every name of every solve.
            for b in n.utf8 where b >= 0x80 || b <= 0x20 || b == 0x7F {
                throw .badName(n, reason: "only ASCII without spaces round-trips through LP files")
            }
        }
        try checkName(name)
        for v in variables {
            try checkName(v.name)
            if v.lower.isNaN || v.lower == .infinity { throw .nonFinite(what: "lower bound of \(v.name)", value: v.lower) }
            if v.upper.isNaN || v.upper == -.infinity { throw .nonFinite(what: "upper bound of \(v.name)", value: v.upper) }
            if v.lower > v.upper { throw .invertedBounds(what: v.name, lower: v.lower, upper: v.upper) }
            if v.isInteger {
                if v.lower.isFinite && v.lower.rounded() != v.lower { throw .fractionalIntegerBound(variable: v.name, value: v.lower) }
                if v.upper.isFinite && v.upper.rounded() != v.upper { throw .fractionalIntegerBound(variable: v.name, value: v.upper) }
            }
        }
        // Which row last used each column: a duplicate in a row is a mark already set by that row
        // (one array for all rows, no set per row).
        var lastRow = [Int](repeating: -1, count: variables.count)
        for (i, c) in constraints.enumerated() {
            try checkName(c.name)
            if c.lower.isNaN || c.lower == .infinity { throw .nonFinite(what: "lower bound of \(c.name)", value: c.lower) }
            if c.upper.isNaN || c.upper == -.infinity { throw .nonFinite(what: "upper bound of \(c.name)", value: c.upper) }
            if c.lower > c.upper { throw .invertedBounds(what: c.name, lower: c.lower, upper: c.upper) }
            if rows { try checkTerms(c.terms, row: c.name, index: i, lastRow: &lastRow) }
        }
        try checkTerms(objective.terms, row: "objective", index: constraints.count, lastRow: &lastRow)
        if !objective.constant.isFinite { throw .nonFinite(what: "objective constant", value: objective.constant) }
    }

    private func checkTerms(_ terms: [Term], row: String, index: Int, lastRow: inout [Int]) throws(ModelError) {
        for t in terms {
            guard t.variable >= 0 && t.variable < variables.count else { throw .unknownVariable(row: row, index: t.variable) }
            if !t.coefficient.isFinite { throw .nonFinite(what: "coefficient of \(variables[t.variable].name) in \(row)", value: t.coefficient) }
            if lastRow[t.variable] == index { throw .duplicateVariable(row: row, variable: variables[t.variable].name) }
            lastRow[t.variable] = index
        }
    }
}

extension LinearProgram {
    /// The largest violation of any bound, row or integrality by a point (0: feasible).
    public func maxViolation(_ values: [Double]) -> Double {
        guard values.count == variables.count else { return .infinity }
        var worst = 0.0
        for (v, x) in zip(variables, values) {
            guard x.isFinite else { return .infinity }
            worst = max(worst, v.lower - x, x - v.upper)
            if v.isInteger { worst = max(worst, abs(x - x.rounded())) }
        }
        for c in constraints {
            let a = c.terms.reduce(0.0) { $0 + $1.coefficient * values[$1.variable] }
            worst = max(worst, c.lower - a, a - c.upper)
        }
        return worst
    }

    /// A bound on the objective that needs no solve: every term at the column bound that is
    /// best for it (upper for a gain when maximising, …). Infinite when a column that counts
    /// has no such bound.
    public var columnBound: Double {
        let maximize = objective.direction == .maximize
        return objective.terms.reduce(objective.constant) { sum, term in
            let v = variables[term.variable]
            let up = maximize == (term.coefficient > 0)
            return term.coefficient == 0 ? sum : sum + term.coefficient * (up ? v.upper : v.lower)
        }
    }

    /// Whether a point is whole in every integer column within `tolerance` (1e-9: GLPK's
    /// integrality tolerance of glp_intopt, set in the guard): then the point of an LP
    /// relaxation is where an integer search would end, at its root.
    public func isWholeWhereInteger(_ values: [Double], tolerance: Double = 1e-9) -> Bool {
        guard values.count == variables.count else { return false }
        for (j, v) in variables.enumerated() where v.isInteger {
            if !(abs(values[j] - values[j].rounded()) <= tolerance) { return false }
        }
        return true
    }

    /// The same program with every integer requirement dropped.
    public var relaxed: LinearProgram {
        var copy = self
        for i in copy.variables.indices { copy.variables[i].isInteger = false }
        return copy
    }
}

extension LinearProgram {
    /// Adds another program beside this one, as a block of its own: its variables and rows with
    /// `prefix` before their names, its objective terms added to this objective (the two must
    /// have the same direction, unless this one is still empty).
    public mutating func append(_ other: LinearProgram, prefix: String) {
        let offset = variables.count
        if variables.isEmpty && objective.terms.isEmpty { objective.direction = other.objective.direction }
        variables += other.variables.map { var v = $0; v.name = prefix + v.name; return v }
        constraints += other.constraints.map { c in
            Constraint(name: prefix + c.name, terms: c.terms.map { Term($0.variable + offset, $0.coefficient) }, lower: c.lower, upper: c.upper)
        }
        objective.terms += other.objective.terms.map { Term($0.variable + offset, $0.coefficient) }
        objective.constant += other.objective.constant
    }
}
