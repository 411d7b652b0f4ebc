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
/// files again from the stored plan (no solve); diff sets the headline figures per pool-year of
/// two years runs side by side (a years comparison like `compare`'s does not exist yet).
extension HistoryCommand {
    /// The files `allocate years --out` writes, made again from a stored multi-year plan:
    /// years.csv, years-pools.csv, years.json (the stored document, byte for byte), years.html,
    /// years.xlsx (dated with the run's time). Returns the file names written.
    static func exportYears(_ plan: StoredPlan, of run: StoredRun, in history: HistoryStore, store: StoreOptions,
                            dialect: CSVDialect, into folder: String) throws -> [String] {
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
        try write(into: folder, texts, data: [("years.xlsx", workbook)])
        return texts.map(\.name) + ["years.xlsx"]
    }

    /// A figure's label in the terminal's language (a years figure's English label from its key).
    static func figureLabel(_ f: HeadlineFigure, years: Bool, _ words: StatusWords, _ l: ReportLanguage) -> String {
        if years { return l == .de ? f.label : HeadlineFigure.yearsEnglishLabel(key: f.key, german: f.label) ?? f.key }
        return words.figureLabel(key: f.key, german: f.label)
    }

    /// Two years runs' headline figures side by side: one line per figure (in the first run's
    /// order, then those only the second has), Δ = second − first as `compare` computes it
    /// (money and counts by their difference, shares in points of the shown figures).
    struct YearsDiff {
        struct Line {
            var key: String
            var label: String
            var values: [Comparison.Value?]
            var delta: Comparison.Delta? {
                switch (values[0], values[1]) {
                case let (.count(b)?, .count(v)?): return .count(v - b)
                case let (.money(b)?, .money(v)?): return .money(v - b)
                case let (.share(b)?, .share(v)?): return .points(v.permille - b.permille)
                default: return nil
                }
            }
        }
        var runs: [StoredRun]
        var plans: [StoredPlan]
        var lines: [Line]

        init(_ runs: [StoredRun], _ plans: [StoredPlan]) {
            self.runs = runs; self.plans = plans
            var keys: [String] = [], labels: [String: String] = [:]
            for p in plans { for f in p.figures where labels[f.key] == nil { keys.append(f.key); labels[f.key] = f.label } }
            lines = keys.map { key in
                Line(key: key, label: labels[key]!, values: plans.map { p in p.figures.first { $0.key == key }?.value })
            }
        }

        func text(_ l: ReportLanguage) -> String {
            let de = l == .de, f = NumberStyle(l), words = StatusWords(l)
            let names = runs.map { de ? "Lauf \($0.id)" : "run \($0.id)" }
            var out = (de ? "Mehrjahrespläne im Vergleich: " : "Multi-year plans compared: ")
                + zip(names, plans).map { "\($0) (\($1.scenarioName))" }.joined(separator: de ? " und " : " and ") + "\n"
            out += de ? "Einen Vergleich von Mehrjahresplänen wie „compare“ gibt es noch nicht: die gespeicherten Kennzahlen je Topf und Jahr, Δ = \(names[1]) − \(names[0]).\n\n"
                      : "There is no comparison of multi-year plans like 'compare' yet: the recorded headline figures per pool-year, Δ = \(names[1]) − \(names[0]).\n\n"
            var rows = [[de ? "Kennzahl" : "Figure", names[0], names[1], "Δ"]]
            for line in lines {
                rows.append([HistoryCommand.figureLabel(HeadlineFigure(key: line.key, label: line.label, value: nil), years: true, words, l),
                             Comparison.text(line.values[0], f), Comparison.text(line.values[1], f), Comparison.text(line.delta, f)])
            }
            return out + HistoryCommand.table(rows, rightAligned: [1, 2, 3])
        }

        func json() -> JSONValue {
            func value(_ v: Comparison.Value?) -> JSONValue {
                switch v {
                case .money(let m)?: return .number(m.plain)
                case .count(let n)?: return .number(String(n))
                case .share(let s)?: return .number(s.exactText)
                case nil: return .null
                }
            }
            func delta(_ d: Comparison.Delta?) -> JSONValue {
                switch d {
                case .money(let m)?: return .number(m.plain)
                case .count(let n)?: return .number(String(n))
                case .points(let p)?: return .number((p < 0 ? "-" : "") + "\(abs(p) / 10).\(abs(p) % 10)")
                case nil: return .null
                }
            }
            return .object([
                ("kind", .string("years")),
                ("note", .string("headline figures per pool-year; no years comparison like compare's yet")),
                ("runs", .array(zip(runs, plans).map { r, p in
                    .object([("run", .number(String(r.id))), ("uuid", .string(r.uuid)), ("scenario", .string(p.scenarioName)),
                             ("scenarioPath", .string(p.replay.scenario))])
                })),
                ("lines", .array(lines.map { line in
                    .object([("key", .string(line.key)), ("label", .string(line.label)), ("values", .array(line.values.map(value))),
                             ("delta", delta(line.delta))])
                })),
            ])
        }
    }
}

/// A history command asked to set a multi-year plan beside a one-year plan (`diff`), or to
/// use a multi-year plan where only a one-year plan serves: names the runs and what is allowed.
struct YearsHistoryMismatch: Error, WordedError, ClassifiedError, CustomStringConvertible {
    var runs: [(id: Int64, years: Bool)]
    func text(_ l: ReportLanguage) -> String {
        let found = runs.map { r in
            l == .de ? "Lauf \(r.id): \(r.years ? "Mehrjahresplan (years)" : "Einjahresplan")"
                     : "run \(r.id): \(r.years ? "multi-year plan (years)" : "one-year plan")"
        }.joined(separator: ", ")
        return l == .de ? "history diff: \(found); erlaubt sind zwei Einjahrespläne oder zwei Mehrjahrespläne"
                        : "history diff: \(found); allowed: two one-year plans or two multi-year plans"
    }
    var description: String { text(.en) }
    var errorClass: ErrorClass { .input }
}
