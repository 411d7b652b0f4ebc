import Foundation
import Allocation
import LinearProgramming

/// The plain-text summary `allocate solve` prints, in the terminal's language
/// (`ReportLanguage.terminal`): English by default, German with `--lang de` or a German locale.
public enum TerminalSummary {
    /// `timing: false` leaves out the seconds, so that the text is the same on every run.
    public static func render(_ plan: Plan, timing: Bool = true, language: ReportLanguage = .en) -> String {
        let fig = PlanFigures(plan), w = Words(language: language), f = w.f
        var out = "\(plan.scenario.name)\n"
        out += w.objectiveLine(plan.scenario.objective, maximin: plan.scenario.maximin.guarantee, schools: plan.schools.count) + "\n"

        var pools = Table(w.poolsHeader, rightAligned: [1, 2, 3])
        for use in plan.pools {
            pools.add([use.pool.name, f.money(use.pool.budget), f.money(use.spent), f.money(use.remaining)])
        }
        pools.add([w.totalLabel, f.money(plan.pools.sum { $0.pool.budget }), f.money(plan.totalCost),
                   f.money(plan.pools.sum { $0.remaining })])
        out += pools.render() + "\n"
        out += StateSplitReport.terminal(plan, language: language)
        out += w.ownMoneySpent(f.money(plan.ownMoneySpent))

        var kinds = Table(w.kindsHeader, rightAligned: [1, 2, 3, 4])
        for (k, kind) in plan.kinds.enumerated() {
            let planned = plan.totalDevices(kind: k), needed = plan.totalNeed(kind: k)
            kinds.add([w.kindLabel(kind), f.int(planned), f.int(needed), f.share(Share(planned, of: needed)), f.money(kind.unitPrice)])
        }
        out += kinds.render() + "\n"
        out += w.pupilsCoveredLine(f.int(fig.total.pupilDevices), f.int(fig.total.pupilNeed), fig.total.pupilShare.map(f.shareAtLeast) ?? "–")
        out += w.sharesRounded

        out += w.levelTableTitle
        out += groupTable(w.levelColumn, fig.byLevel, w).render() + "\n"
        out += w.districtTableTitle + groupTable(w.districtColumn, fig.byDistrict, w).render() + "\n"

        out += solverText(plan, timing: timing, w)
        return out
    }

    static func groupTable(_ title: String, _ groups: [PlanFigures.Group], _ w: Words) -> Table {
        let f = w.f
        var t = Table([title] + w.groupHeader, rightAligned: [1, 2, 3, 4, 5])
        for g in groups {
            t.add([w.groupKey(g.key), "\(g.schools)", f.int(g.pupilNeed), f.int(g.pupilDevices), f.share(g.pupilShare), f.int(g.teacherDevices)])
        }
        return t
    }

    static func solverText(_ plan: Plan, timing: Bool, _ w: Words) -> String {
        let s = plan.solver, f = w.f
        var out = w.solveSolverLine(s.solverVersion, gap: f.plain(s.relativeGap * 100, 4), limit: f.trimmed(s.timeLimitSeconds, digits: 3))
        for stage in s.stages {
            out += w.stageLine(w.stageName(stage.name, kinds: plan.kinds), f.plain(stage.objective, 4), w.termination(stage.status), f.plain(stage.bestBound, 4), gap: nil)
        }
        let proportional = plan.scenario.objective == .proportional
        if plan.hasKindGuarantees {
            for (k, kind) in plan.kinds.enumerated() {
                guard let c = plan.kindCoverage[k] else { continue }
                out += w.kindGuaranteeLine(w.kindLabel(kind), f.share(Share(c)), exact: Share(c).exactText)
            }
        } else if let c = plan.guaranteedCoverage {
            let share = f.share(Share(c))
            out += proportional ? w.commonShareLine(share) : w.guaranteeLine(share, exact: Share(c).exactText)
        }
        if proportional {
            out += w.statusProportional
        } else if s.stoppedAtTimeLimit {
            out += w.statusStopped(s.gapDevices)
        } else if s.status == .optimal {
            out += w.statusOptimal(s.gapDevices)
        } else {
            out += w.statusOther(w.termination(s.status), s.gapDevices)
        }
        out += w.solveVerified
        if timing { out += w.solvedIn(f.plain(s.seconds, 3)) }
        return out
    }

    static func statusText(_ status: TerminationStatus, _ language: ReportLanguage = .en) -> String {
        Words(language: language).termination(status)
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
