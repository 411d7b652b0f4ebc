import ArgumentParser
import Foundation
import Allocation
import GLPKSolver
import History
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles

/// `allocate history` for multi-year plans (`allocate years` runs, issue 20): rerun solves the
/// kept inputs again and compares the years document byte for byte; export makes the years
/// files again from the stored plan (no solve); diff compares two years runs as `compare`
/// compares two years scenarios (`YearsComparison`, from the stored plans, no solve).
extension HistoryCommand {
    /// The files `allocate years --out` writes, made again from a stored multi-year plan:
    /// years.csv, years-pools.csv, years.json (the stored document, byte for byte), years.html,
    /// years.xlsx (dated with the run's time). Returns the file names written.
    static func exportYears(_ plan: StoredPlan, of run: StoredRun, in history: HistoryStore, store: StoreOptions,
                            dialect: CSVDialect, into folder: String) throws -> [String] {
        let made = try yearsFiles(plan, of: run, in: history, store: store, dialect: dialect)
        try write(into: folder, made.texts, data: made.data)
        return made.texts.map(\.name) + made.data.map(\.name)
    }

    /// The years files of a stored multi-year plan and its figures (for `exportYears`, and for a
    /// `report --years` run's export, which adds them to the report's files and section).
    static func yearsFiles(_ plan: StoredPlan, of run: StoredRun, in history: HistoryStore, store: StoreOptions, dialect: CSVDialect)
        throws -> (figures: YearsFigures, texts: [(name: String, text: String)], data: [(name: String, data: Data)]) {
        let figures = try Replay.regenerateYears(plan, run: run, from: history)
        let document = try plan.planJSON() ?? Data()
        let csvLanguage = try store.lang.csv(), report = store.reportLanguage()
        let date = plan.generatedAt.flatMap(AuditRecord.parseISO8601) ?? AuditRecord.parseISO8601(run.recordedAt) ?? Date()
        let workbook: Data
        do { workbook = try YearsReport.workbook(figures, language: report, date: date) } catch {
            throw CommandError(.command(.workbook(systemReason(error))), .solverOrInternal)
        }
        // The same set `allocate years --out` writes (YearsReport.planFiles, the one list).
        let texts = YearsReport.planFiles(figures, json: String(decoding: document, as: UTF8.self), dialect: dialect, language: csvLanguage)
            + [("years.html", YearsReport.html(figures, language: report))]
        return (figures, texts, [("years.xlsx", workbook)])
    }

    /// A figure's label in the terminal's language (a years figure's English label from its key).
    static func figureLabel(_ f: HeadlineFigure, years: Bool, _ words: StatusWords, _ l: ReportLanguage) -> String {
        if years { return l == .de ? f.label : HeadlineFigure.yearsEnglishLabel(key: f.key, german: f.label) ?? f.key }
        return words.figureLabel(key: f.key, german: f.label)
    }

    /// Two years runs compared as `allocate compare` compares their scenarios: each stored
    /// plan made again without solving (`Replay.regenerateYears`: the kept inputs, the plan
    /// checked in cents, its years document byte for byte the stored one), then
    /// `YearsComparison` (the owner of that comparison) with the labels `compare` gives the
    /// scenario files. So the figures, signs and layout are `compare`'s, text and `--json`.
    static func yearsComparison(_ runs: [StoredRun], _ plans: [StoredPlan], in history: HistoryStore) throws -> YearsComparison {
        let figures = try zip(plans, runs).map { try Replay.regenerateYears($0, run: $1, from: history) }
        return YearsComparison(figures, labels: Compare.labels(plans.map(\.replay.scenario)))
    }
}

/// A history command asked to set a multi-year plan beside a one-year plan (`diff`), or to
/// use a multi-year plan where only a one-year plan serves: names the runs and what is allowed.
struct YearsHistoryMismatch: Error, WordedError, ClassifiedError, CustomStringConvertible {
    var runs: [(id: Int64, years: Bool)]
    /// Worded by the language layer (`StatusWords.yearsHistoryMismatch`).
    func text(_ l: ReportLanguage) -> String {
        let words = StatusWords(l)
        return words.yearsHistoryMismatch(runs.map { words.runKind($0.id, years: $0.years) })
    }
    var description: String { text(.en) }
    var errorClass: ErrorClass { .input }
}
