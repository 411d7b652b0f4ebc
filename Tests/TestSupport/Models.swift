import LinearProgramming

/// Small hand-built programs with known answers, shared by the conformance tests.
public enum Models {
    /// max 3x + 2y + 1  s.t.  x + y <= 4,  x + 3y <= 6,  0 <= x <= 3,  y >= 0.
    /// Optimum x = 3, y = 1, objective 12.
    public static var lp: LinearProgram {
        var p = LinearProgram(name: "lp")
        let x = p.addVariable("x", upper: 3)
        let y = p.addVariable("y")
        p.addConstraint("c1", [.init(x, 1), .init(y, 1)], upper: 4)
        p.addConstraint("c2", [.init(x, 1), .init(y, 3)], upper: 6)
        p.objective = .init(.maximize, [.init(x, 3), .init(y, 2)], constant: 1)
        return p
    }

    /// x + y >= 3 with x, y in [0, 1].
    public static var infeasibleLP: LinearProgram {
        var p = LinearProgram(name: "infeasible")
        let x = p.addVariable("x", upper: 1)
        let y = p.addVariable("y", upper: 1)
        p.addConstraint("need", [.init(x, 1), .init(y, 1)], lower: 3)
        p.objective = .init(.minimize, [.init(x, 1), .init(y, 1)])
        return p
    }

    /// max x + y  s.t.  x - y <= 1,  x, y >= 0.
    public static var unboundedLP: LinearProgram {
        var p = LinearProgram(name: "unbounded")
        let x = p.addVariable("x")
        let y = p.addVariable("y")
        p.addConstraint("diff", [.init(x, 1), .init(y, -1)], upper: 1)
        p.objective = .init(.maximize, [.init(x, 1), .init(y, 1)])
        return p
    }

    /// Infeasible rows (y >= 1 and y <= 0) and an unbounded ray in x at the same time.
    public static func infeasibleAndUnbounded(integer: Bool) -> LinearProgram {
        var p = LinearProgram(name: "both")
        let x = p.addVariable("x", integer: integer)
        let y = p.addVariable("y", integer: integer)
        p.addConstraint("low", [.init(y, 1)], lower: 1)
        p.addConstraint("high", [.init(y, 1)], upper: 0)
        p.objective = .init(.maximize, [.init(x, 1)])
        return p
    }

    /// Values and weights with capacity 14: the integer optimum takes items 1, 2, 3 (value 28);
    /// the LP relaxation is 29.14 (item 1 at 6/7).
    public static let knapsackValues: [Double] = [10, 13, 7, 8]
    public static let knapsackWeights: [Double] = [5, 7, 4, 3]
    public static var knapsack: LinearProgram { knapsack(values: knapsackValues, weights: knapsackWeights, capacity: 14) }

    public static func knapsack(values: [Double], weights: [Double], capacity: Double) -> LinearProgram {
        var p = LinearProgram(name: "knapsack")
        let items = values.indices.map { p.addVariable("take_\($0)", upper: 1, integer: true) }
        p.addConstraint("capacity", items.map { .init($0, weights[$0]) }, upper: capacity)
        p.objective = .init(.maximize, items.map { .init($0, values[$0]) })
        return p
    }

    /// A strongly correlated 40-item knapsack (value = weight + 10): hard to prove optimal.
    /// max Σ c·x subject to A·x ≤ b, x ≥ 0, with a dense pseudo-random A (size × size): a
    /// linear program whose simplex takes a while.
    public static func denseLP(size n: Int) -> LinearProgram {
        var state: UInt64 = 987654321
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double((state >> 33) % 1000 + 1) / 100
        }
        var p = LinearProgram(name: "dense")
        let x = (0..<n).map { p.addVariable("x\($0)") }
        p.objective = .init(.maximize, x.map { .init($0, next()) })
        for i in 0..<n {
            p.addConstraint("r\(i)", x.map { .init($0, next()) }, upper: 100 * next())
        }
        return p
    }

    public static var hardKnapsack: LinearProgram {
        var state: UInt64 = 12345
        func next() -> Double {  // a fixed LCG, so the model is the same on every run
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double((state >> 33) % 91 + 10)
        }
        let weights = (0..<40).map { _ in next() }
        let values = weights.map { $0 + 10 }
        return knapsack(values: values, weights: weights, capacity: (weights.reduce(0, +) / 2).rounded(.down) + 0.5)
    }

    /// 2x = 1 with x integer in [0, 10]: the LP relaxation is feasible (x = 0.5), no integer is.
    public static var integerInfeasible: LinearProgram {
        var p = LinearProgram(name: "parity")
        let x = p.addVariable("x", upper: 10, integer: true)
        p.addConstraint("half", [.init(x, 2)], lower: 1, upper: 1)
        p.objective = .init(.minimize, [.init(x, 1)])
        return p
    }

    /// min x + y + z  s.t.  x + y + z >= 5, x fixed at 2, z fixed integer 1, y in [0, 10].
    public static var fixed: LinearProgram {
        var p = LinearProgram(name: "fixed")
        let x = p.addVariable("x", lower: 2, upper: 2)
        let y = p.addVariable("y", upper: 10)
        let z = p.addVariable("z", lower: 1, upper: 1, integer: true)
        p.addConstraint("sum", [.init(x, 1), .init(y, 1), .init(z, 1)], lower: 5)
        p.objective = .init(.minimize, [.init(x, 1), .init(y, 1), .init(z, 1)])
        return p
    }

    /// Free variable, equality and ranged rows, minimize: min x - y  s.t.  x + y = 2,
    /// -1 <= x - 2y <= 1, a free row, x free, y <= 5. With x = 2 - y the range row gives
    /// 1/3 <= y <= 1, so the optimum is y = 1, x = 1, objective 0.
    public static var mixedRows: LinearProgram {
        var p = LinearProgram(name: "rows")
        let x = p.addVariable("x", lower: -.infinity)
        let y = p.addVariable("y", upper: 5)
        p.addConstraint("eq", [.init(x, 1), .init(y, 1)], lower: 2, upper: 2)
        p.addConstraint("range", [.init(x, 1), .init(y, -2)], lower: -1, upper: 1)
        p.addConstraint("free", [.init(x, 1)])
        p.objective = .init(.minimize, [.init(x, 1), .init(y, -1)])
        return p
    }

    /// Eight items, at most 3 of each, under one capacity row (and `extra` rows x_r <= 2).
    public static func boundedKnapsack(capacity: Double, rows extra: Int = 0) -> LinearProgram {
        var lp = LinearProgram(name: "knap")
        let weights: [Double] = [12, 7, 11, 8, 9, 6, 5, 14]
        let values: [Double] = [24, 13, 23, 15, 16, 11, 9, 26]
        for i in weights.indices { lp.addVariable("x\(i)", upper: 3, integer: true) }
        lp.addConstraint("cap", weights.enumerated().map { .init($0.offset, $0.element) }, upper: capacity)
        for r in 0..<extra { lp.addConstraint("extra\(r)", [.init(r, 1)], upper: 2) }
        lp.objective = .init(.maximize, values.enumerated().map { .init($0.offset, $0.element) })
        return lp
    }
}
