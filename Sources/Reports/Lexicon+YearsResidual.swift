/// The residual income of a multi-year plan (devices that leave service bring their residual
/// value, own money of the first own pool): the column of the money tables (issue 19).
extension Words {
    /// The column in the workbook and `years-pools.csv` (granted + carried in + residual income = available).
    var residualIncome: String { t("Restwerterlös", "residual income") }
    /// The column in the terminal and HTML tables, beside "available" (part of it).
    var ofItResidualIncome: String { t("davon Restwerterlös", "of it residual income") }
    /// The comparison's line of the whole plan (`YearsComparison`, `compare`, `history diff`).
    var yearsResidualIncomeTotal: String { t("Restwerterlös (alle Jahre)", "Residual income (all years)") }
    /// The comparison's line of one year.
    func yearsResidualIncome(_ year: Int) -> String { t("\(year) Restwerterlös", "\(year) residual income") }
}
