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

    func text(_ l: ReportLanguage) -> String {
        let de = l == .de
        let found = files.map { f in
            de ? "\(f.path): \(f.years ? "mit Abschnitt „years“ (Mehrjahresplan)" : "ohne Abschnitt „years“ (Einjahresplan)")"
               : "\(f.path): \(f.years ? "with a 'years' section (multi-year plan)" : "without a 'years' section (one-year plan)")"
        }.joined(separator: ", ")
        if command == "compare" {
            return de ? "compare: \(found); erlaubt: alle Szenarien mit einem Abschnitt „years“ (ihre Mehrjahrespläne werden verglichen) oder keines (die Einjahrespläne)"
                      : "compare: \(found); allowed: every scenario with a 'years' section (their multi-year plans are compared) or none (the one-year plans)"
        }
        return de ? "\(command): \(found); erlaubt: mit --years nur Szenarien mit einem Abschnitt „years“ (ihre Mehrjahrespläne werden verglichen); ohne --years vergleicht der Bericht die Einjahrespläne"
                  : "\(command): \(found); allowed: with --years only scenarios with a 'years' section (their multi-year plans are compared); without --years the report compares the one-year plans"
    }
    var description: String { text(.en) }
    var errorClass: ErrorClass { .input }
}
