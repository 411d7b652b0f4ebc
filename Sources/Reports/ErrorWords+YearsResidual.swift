import Allocation

extension ErrorWords {
    /// The residual income the checks before the solve counted at its most (issue 19), as a
    /// clause of their explanation; empty without residual values.
    static func residualNote(_ income: Money, _ l: ReportLanguage) -> String {
        guard income.cents > 0 else { return "" }
        return l == .de ? ", einschließlich höchstens \(money(income, l)) Restwerterlös" : ", including at most \(money(income, l)) of residual income"
    }
}
