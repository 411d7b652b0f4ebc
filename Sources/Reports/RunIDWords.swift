/// The run id on a report (issue 20): where the run history keeps the run that made it, so a
/// figure in a council paper can be traced back (`allocate history show ID`). German and
/// English side by side, as every word of the reports (`Words`, Lexicon.swift).
extension Words {
    /// The label of the run id (first page, audit section, workbook audit sheet).
    var runID: String { t("Lauf-ID", "Run id") }

    /// How to find the run again.
    func runIDHint(_ id: String) -> String {
        t("in der Laufhistorie: allocate history show \(id.prefix(8))", "in the run history: allocate history show \(id.prefix(8))")
    }
}
