import Foundation
import Allocation

/// What a fit found that a reader should know, as facts (Reports words them in German and
/// English; `description` is the English text the JSON and the what-if file carry).
public enum CalibrationNote: Sendable, Equatable, CustomStringConvertible {
    /// The rounds returned to earlier values; the last round is kept.
    case cycle
    /// The fit did not settle within `rounds` fit → solve rounds (`lastChange`: the last round's largest change).
    case notSettled(rounds: Int, lastChange: Double)
    /// Fewer observed groups than free parameters: the data alone do not determine the fit.
    case underdetermined(groups: Int, freeParameters: Int)
    /// The observed devices (`totalLine`: the total's line, else `rows` rows of `kind`) are more
    /// than the pools can buy (`affordable` at `price`); the plan stays below them.
    case moreThanAffordable(observed: Int, totalLine: Int?, rows: Int, kind: ObservedGroup.Kind, affordable: Int, price: Money)

    public var description: String {
        switch self {
        case .cycle: return "the rounds returned to earlier values (a cycle); the last round is kept"
        case let .notSettled(rounds, change):
            return "the fit did not settle within \(rounds) fit → solve rounds (last change \(String(format: "%.4f", change))); raise --max-iterations or narrow the bounds"
        case let .underdetermined(groups, free):
            return "\(groups) observed groups for \(free) free parameters: the data alone do not determine the fit; the monotonicity, the bounds, the smoothness term and the pull towards the scenario's values decide the rest"
        case let .moreThanAffordable(observed, line, rows, kind, affordable, price):
            let what = line.map { "the observed total in line \($0)" } ?? "the \(rows) observed \(kind.rawValue) rows"
            return "\(what) (\(groupDigits(observed, separator: ",")) devices) is more than the pools can buy (\(groupDigits(affordable, separator: ",")) at \(price)); the plan stays below it (taken as a rounded figure)"
        }
    }
}
