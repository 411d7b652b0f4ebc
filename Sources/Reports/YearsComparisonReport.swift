import Foundation
import Allocation

/// The years comparison (`YearsComparison`, the figures and signs of `allocate compare` on
/// years scenarios) in the council report: a section of `report.html` and a sheet of
/// `report.xlsx` for `allocate report --years --compare` (issue 19). Every value and Δ is the
/// comparison's line, as the terminal, JSON and CSV print them.
public enum YearsComparisonReport {
    /// The section: the plans (baseline first), the definition of Δ, one table per section
    /// (whole plan, money per pool and year, devices per kind and year, smallest coverage per
    /// year) with a Δ column per compared plan.
    public static func htmlSection(_ c: YearsComparison, language l: ReportLanguage = .de) -> String {
        let w = Words(language: l), f = NumberStyle(l, nonBreaking: true), e = Markup.escape
        let n = c.figures.count, titles = c.titles
        var h = "<section class=\"comparison years-comparison\">\n<h2>\(e(w.yearsComparisonTitle))</h2>\n<ol class=\"scenarios\">"
        for (i, col) in c.columns.enumerated() {
            let fig = c.figures[i]
            h += "<li><strong>\(e(titles[i]))</strong> <span class=\"file\">(\(e(w.file)): \(e(col.label)))</span> "
                + "\(fig.years.lowerBound)–\(fig.years.upperBound)\(i == 0 ? " — " + e(w.baseline) : "")</li>"
        }
        h += "</ol>\n<p class=\"note\">\(e(Comparison.definition(l)))</p>\n"
        for (section, lines) in c.sections {
            h += "<h3>\(e(YearsComparison.heading(section, l)))</h3>\n<table class=\"num compare\"><thead><tr><th></th>"
            for (i, col) in c.columns.enumerated() {
                h += "<th data-plan=\"\(i)\">\(e(titles[i]))<br><span class=\"file\">\(e(col.label))</span></th>"
            }
            for i in 1..<max(n, 1) {
                h += "<th data-delta=\"\(i)\">Δ \(e(titles[i]))<br><span class=\"file\">\(e(c.columns[i].label)) − \(e(c.columns[0].label))</span></th>"
            }
            h += "</tr></thead><tbody>\n"
            for line in lines {
                h += "<tr data-figure=\"\(e(line.id))\"><td>\(e(line.label(l)))</td>"
                h += line.values.map { "<td>\(e(Comparison.text($0, f)))</td>" }.joined()
                h += line.deltas.map { d in "<td class=\"\(HTMLReport.deltaClass(d))\">\(e(Comparison.text(d, f)))</td>" }.joined()
                h += "</tr>\n"
            }
            h += "</tbody></table>\n"
        }
        return h + "</section>\n"
    }

    /// Adds the sheet after the multi-year plan's sheet "Haushaltsjahre …" (at the end without one).
    public static func add(_ c: YearsComparison, to book: inout Workbook, language l: ReportLanguage = .de) {
        let title = Words(language: l).yearsTitle(c.figures[0].years)
        let at = book.sheets.firstIndex { $0.name == title }.map { $0 + 1 } ?? book.sheets.count
        book.sheets.insert(sheet(c, language: l), at: at)
    }

    /// The sheet: a row per figure (its id, label, each plan's value, each Δ), then the definition.
    public static func sheet(_ c: YearsComparison, language l: ReportLanguage = .de) -> Workbook.Sheet {
        let w = Words(language: l), n = c.figures.count, titles = c.titles, labels = c.columns.map(\.label)
        var rows: [[Workbook.Cell]] = c.lines.map { line in
            [.text(line.id), .text(line.label(l))] + line.values.map(PlanWorkbook.cell) + line.deltas.map(PlanWorkbook.cell)
        }
        rows.append([])
        rows.append([.text(Comparison.definition(l))])
        let header = [w.poolID, w.figure] + titles.enumerated().map { "\($1) (\(labels[$0]))" }
            + (1..<max(n, 1)).map { "Δ \(titles[$0]) (\(labels[$0]) − \(labels[0]))" }
        return Workbook.Sheet(name: w.sheetYearsComparison, header: header,
                              widths: [28, 44] + Array(repeating: 20.0, count: n + n - 1), rows: rows)
    }
}

extension Words {
    var yearsComparisonTitle: String { t("Vergleich der Mehrjahrespläne", "Comparison of the multi-year plans") }
    /// At most 31 characters (a sheet name).
    var sheetYearsComparison: String { t("Vergleich Haushaltsjahre", "Comparison budget years") }
}
