import Foundation
import Allocation
import LinearProgramming
import Replacement

/// `allocate explain` on a scenario with a `years:` section: the value of `step` euros more in
/// each pool-year (`ReplacementExplanation`), as text (German by default, `--lang en`) and JSON.
public enum YearsExplanationReport {
    public static func text(_ e: ReplacementExplanation, scenario: ReplacementScenario, poolNames: [String: String],
                            language: ReportLanguage) -> String {
        let w = Words(language: language), f = w.f
        let step = f.money(e.step, cents: e.step.cents % 100 != 0)
        var out = w.yearsExplainHeadline(step, "\(scenario.years.lowerBound)–\(scenario.years.upperBound)")
        out += w.yearsExplainMethod(step: step, share: f.share(Share(e.heldShare)), relaxed: f.percent(e.relaxedShare, digits: 2),
                                    deviceYears: f.number(e.relaxedDeviceYears, digits: 1), relaxations: e.relaxations) + "\n"
        var t = Table([w.yearsExplainYear, w.yearsExplainPool, w.yearsExplainMoney, w.yearsExplainNoneLapses,
                       w.yearsExplainDeviceYears(step), w.yearsExplainShare(step)],
                      rightAligned: [2, 3, 4, 5])
        for p in e.poolYears {
            t.add(["\(p.year)", poolNames[p.pool] ?? p.pool, f.money(p.money, cents: false),
                   p.noneLapses ? w.yearsExplainYes : w.yearsExplainNo,
                   f.number(p.deviceYearsGain, digits: 2), f.number(p.shareGain * 100, digits: 3)])
        }
        out += t.render()
        out += w.yearsExplainReading + "\n"
        return out
    }

    public static func json(_ e: ReplacementExplanation, scenario: ReplacementScenario, poolNames: [String: String]) -> String {
        JSONValue.object([
            ("firstYear", .int(scenario.years.lowerBound)), ("lastYear", .int(scenario.years.upperBound)),
            ("step", .money(e.step)),
            ("method", .string("measured: each LP relaxation solved as it is and once more per pool-year with that pool-year's money raised by the step; smallest coverage from the first stage's relaxation, need-weighted device-years from the second stage's relaxation with the first stage's verified share held")),
            ("heldShare", .share(Share(e.heldShare))),
            ("relaxedShare", .double(e.relaxedShare)), ("relaxedDeviceYears", .double(e.relaxedDeviceYears)),
            ("relaxations", .int(e.relaxations)),
            ("poolYears", .array(e.poolYears.map { p in
                .object([("pool", .string(p.pool)), ("name", .string(poolNames[p.pool] ?? p.pool)), ("year", .int(p.year)),
                         ("money", .money(p.money)), ("noneLapses", .bool(p.noneLapses)),
                         ("deviceYearsGain", .double(p.deviceYearsGain)),
                         ("smallestCoverageGain", .double(p.shareGain))])
            })),
        ]).render() + "\n"
    }
}

extension ReplacementExplanation.Failure: WordedError, ClassifiedError {
    public func text(_ l: ReportLanguage) -> String {
        switch self {
        case .invalid(let issue): return ErrorWords.text(issue, l)
        case .solver(let e): return ErrorWords.text(e, l)
        case let .noOptimum(stage, status):
            let name = YearsReport.stageName(stage, l)
            return l == .de
                ? "die Relaxation der Stufe „\(name)“ hat kein Optimum (\(status.rawValue)): ohne Optimum gibt es keine Dualwerte; prüfen Sie mit allocate years, ob das Szenario einen Plan hat, oder erhöhen Sie --time-limit"
                : "the relaxation of stage '\(name)' has no optimum (\(status.rawValue)): without an optimum there are no duals; check with allocate years whether the scenario has a plan, or raise --time-limit"
        }
    }
    public var errorClass: ErrorClass {
        switch self {
        case .invalid: return .input
        case .solver(let e): return e.errorClass
        case .noOptimum(_, let status): return status == .infeasible ? .infeasible : .solverOrInternal
        }
    }
}
