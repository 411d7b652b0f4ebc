import Foundation
import Allocation
import LinearProgramming

/// The plain-text summary `allocate solve` prints.
public enum TerminalSummary {
    /// `timing: false` leaves out the seconds, so that the text is the same on every run.
    public static func render(_ plan: Plan, timing: Bool = true) -> String {
        let fig = PlanFigures(plan)
        var out = "\(plan.scenario.name)\n"
        out += "Objective: \(plan.scenario.objective.rawValue) · \(plan.schools.count) schools\n\n"

        var pools = Table(["Pool", "Granted", "Spent", "Left"], rightAligned: [1, 2, 3])
        for use in plan.pools {
            pools.add([use.pool.name, use.pool.budget.formatted, use.spent.formatted, use.remaining.formatted])
        }
        pools.add(["Total", plan.pools.sum { $0.pool.budget }.formatted, plan.totalCost.formatted,
                   plan.pools.sum { $0.remaining }.formatted])
        out += pools.render() + "\n"
        out += StateSplitReport.terminal(plan)
        out += "The city's own money spent: \(plan.ownMoneySpent.formatted)\n\n"

        var kinds = Table(["Devices", "Planned", "Needed", "Coverage", "Unit price"], rightAligned: [1, 2, 3, 4])
        for (k, kind) in plan.kinds.enumerated() {
            let planned = plan.totalDevices(kind: k), needed = plan.totalNeed(kind: k)
            kinds.add([kind.label, groupDigits(planned, separator: ","), groupDigits(needed, separator: ","),
                       percentText(Share(planned, of: needed)), kind.unitPrice.formatted])
        }
        out += kinds.render() + "\n"
        out += "Pupils covered: \(groupDigits(fig.total.pupilDevices, separator: ",")) of \(groupDigits(fig.total.pupilNeed, separator: ",")) in need (\(fig.total.pupilShare.map(NumberStyle(.en).shareAtLeast) ?? "–"))\n"
        out += "Shares are rounded down to 0.1 % (never 100.0 % for less than all).\n\n"

        out += "Pupil devices by social index level (schools without one at the level the scenario gives them; none: no level)\n"
        out += groupTable("Level", fig.byLevel).render() + "\n"
        out += "Pupil devices by district\n" + groupTable("District", fig.byDistrict).render() + "\n"

        out += solverText(plan, timing: timing)
        return out
    }

    static func groupTable(_ title: String, _ groups: [PlanFigures.Group]) -> Table {
        var t = Table([title, "Schools", "Pupil need", "Pupil devices", "Coverage", "Teacher devices"], rightAligned: [1, 2, 3, 4, 5])
        for g in groups {
            t.add([g.key, "\(g.schools)", groupDigits(g.pupilNeed, separator: ","), groupDigits(g.pupilDevices, separator: ","),
                   percentText(g.pupilShare), groupDigits(g.teacherDevices, separator: ",")])
        }
        return t
    }

    static func solverText(_ plan: Plan, timing: Bool) -> String {
        let s = plan.solver
        var out = "Solver: \(s.solverVersion), relative gap \(fixed(s.relativeGap * 100, 4)) %, time limit \(fixed(s.timeLimitSeconds, 0)) s for the whole solve\n"
        for stage in s.stages {
            out += "  \(stage.name): \(fixed(stage.objective, 4)) (\(statusText(stage.status)), best bound \(fixed(stage.bestBound, 4)))\n"
        }
        let proportional = plan.scenario.objective == .proportional
        if plan.hasKindGuarantees {
            for (k, kind) in plan.kinds.enumerated() {
                guard let c = plan.kindCoverage[k] else { continue }
                out += "Guaranteed coverage of \(kind.label): every school with need gets at least \(percentText(Share(c))) of it (exactly \(Share(c).exactText), shown rounded down)\n"
            }
        } else if let c = plan.guaranteedCoverage {
            let share = percentText(Share(c))
            out += proportional
                ? "Common share of need: \(share) (every school gets this share of its need, rounded down; then each kind on its own as far as its money reaches)\n"
                : "Guaranteed coverage: every school with need gets at least \(share) of it (exactly \(Share(c).exactText), shown rounded down)\n"
        }
        if proportional {
            out += "Status: the proportional formula, not an optimisation; its share is the largest the money reaches\n"
        } else if s.stoppedAtTimeLimit {
            out += "Status: stopped at the time limit — the best verified plan so far; at most \(s.gapDevices) device\(s.gapDevices == 1 ? "" : "s") from the best possible plan (proven bound)\n"
        } else if s.status == .optimal {
            out += "Status: optimal (proven within the relative gap); at most \(s.gapDevices) device\(s.gapDevices == 1 ? "" : "s") from the best possible plan\n"
        } else {
            out += "Status: \(statusText(s.status)) — not proven optimal; at most \(s.gapDevices) device\(s.gapDevices == 1 ? "" : "s") from the best possible plan (proven bound)\n"
        }
        out += "Verified: every pool, cap, rate, eligibility rule and need limit re-checked in cents\n"
        if timing { out += "Solved in \(fixed(s.seconds, 3)) s\n" }
        return out
    }

    static func statusText(_ status: TerminationStatus) -> String {
        switch status {
        case .optimal: return "optimal"
        case .feasible: return "feasible, stopped by the time limit"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .noSolutionFound: return "no solution found"
        }
    }
}

/// A small text table with padded columns.
struct Table {
    var header: [String]
    var rightAligned: Set<Int>
    var rows: [[String]] = []
    init(_ header: [String], rightAligned: Set<Int>) { self.header = header; self.rightAligned = rightAligned }
    mutating func add(_ row: [String]) { rows.append(row) }
    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            "  " + row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").trailingSpaceTrimmed
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Without trailing white space (the padding of a table's last column), without a regular
    /// expression: an ICU regex per table line was a visible part of a default `solve`.
    var trailingSpaceTrimmed: String {
        var s = Substring(self)
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
