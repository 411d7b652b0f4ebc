import Allocation
import Reports

/// A comparison that would set a multi-year plan beside a one-year plan (issue 19): `allocate
/// compare` with scenarios of which some have a `years:` section and some not, or `allocate
/// report --years --compare` with a scenario without one. Before, `compare` silently compared
/// the one-year plans of all of them. Names each file, what it has and what is allowed.
struct YearsCompareMismatch: Error, WordedError, ClassifiedError, CustomStringConvertible {
    /// `compare` or `report --years --compare`.
    var command: String
    /// Each scenario file and whether it has a `years:` section (with `--set`).
    var files: [(path: String, years: Bool)]

    /// Worded by the language layer (`StatusWords.yearsCompareMismatch`).
    func text(_ l: ReportLanguage) -> String { StatusWords(l).yearsCompareMismatch(command: command, files: files) }
    var description: String { text(.en) }
    var errorClass: ErrorClass { .input }
}
