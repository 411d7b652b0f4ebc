import Foundation
import Allocation
import Replacement

/// Several multi-year plans side by side (`allocate compare` on scenarios with a `years:`
/// section, issue 19), defined as the single-year `Comparison`: the first plan is the
/// baseline, every change is Δ = scenario − baseline, money and counts by their difference, a
/// share by the difference of the shown (rounded-down) figures in percentage points. Each
/// figure is the verified plan's (`YearsFigures`), computed once here for every output.
public struct YearsComparison: Sendable {
    public enum Section: String, Sendable, CaseIterable {
        /// The four stage figures of the whole plan (and the residual income, where a plan has residual values).
        case summary
        /// Money per pool and year: granted, spent, lapsed; investment and operating cost (and
        /// residual income, where a plan has residual values) per year.
        case money
        /// Devices per kind and year: need, bought, in service.
        case devices
        /// The smallest coverage per year.
        case coverage
    }

    public let figures: [YearsFigures]
    public let columns: [Comparison.Column]
    /// The union of the plans' years, pools (in first-seen order) and kinds.
    public let years: [Int]
    public let poolIDs: [String]
    public let kindIDs: [String]
    /// The lines of each section, in `Section.allCases` order.
    public let sections: [(section: Section, lines: [Comparison.Line])]

    public var lines: [Comparison.Line] { sections.flatMap(\.lines) }
    public func line(_ id: String) -> Comparison.Line? { lines.first { $0.id == id } }

    /// Column headings: the titles, made unique with the file name where two are the same.
    public var titles: [String] {
        columns.map { c in columns.filter { $0.title == c.title }.count > 1 ? "\(c.title) (\(c.label))" : c.title }
    }

    /// `labels`: the file names (without folder and extension), one per plan.
    public init(_ figures: [YearsFigures], labels: [String]) {
        precondition(!figures.isEmpty && labels.count == figures.count)
        self.figures = figures
        columns = zip(figures, labels).map { Comparison.Column(title: $0.name, label: $1) }
        years = Array(Set(figures.flatMap { Array($0.years) })).sorted()
        poolIDs = Comparison.union(figures.map { $0.ledger.map(\.pool) })
        kindIDs = Comparison.union(figures.map { $0.kindYears.map(\.kind) })
        let de = Words(language: .de), en = Words(language: .en)
        func line(_ id: String, _ section: Section, group: String, _ label: (Words) -> String, _ values: [Comparison.Value?]) -> Comparison.Line {
            Comparison.Line(id: id, section: section == .money ? .pools : .devices, group: group, de: label(de), en: label(en), values: values)
        }
        var summary: [Comparison.Line] = []
        summary.append(line("smallestCoverage", .summary, group: "", { $0.yearsSmallestCoverage }, figures.map { .share(Share($0.smallestCoverage)) }))
        summary.append(line("deviceYears", .summary, group: "", { $0.yearsDeviceYears }, figures.map { .count($0.coveredDeviceYears) }))
        summary.append(line("ownMoney", .summary, group: "", { $0.yearsOwnMoney }, figures.map { .money($0.ownMoney) }))
        summary.append(line("changes", .summary, group: "", { $0.yearsChanges }, figures.map { .count($0.changes) }))
        // The residual income (devices leaving service bring their residual value, own money)
        // where a plan has residual values: over all years here, per year below.
        let residual = figures.contains(where: \.hasResidualValue)
        if residual {
            summary.append(line("residualIncome", .summary, group: "", { $0.yearsResidualIncomeTotal },
                                figures.map { .money($0.perYear.reduce(Money.zero) { $0 + $1.residualIncome }) }))
        }

        var money: [Comparison.Line] = []
        for year in years {
            for pool in poolIDs {
                let rows = figures.map { f in f.ledger.first { $0.pool == pool && $0.year == year } }
                let name = figures.compactMap { $0.poolNames[pool] }.first ?? pool
                money.append(line("pool.\(pool).\(year).granted", .money, group: "\(year)", { $0.yearsPoolGranted(name, year) },
                                  rows.map { $0.map { .money($0.granted) } }))
                money.append(line("pool.\(pool).\(year).spent", .money, group: "\(year)", { $0.yearsPoolSpent(name, year) },
                                  rows.map { $0.map { .money($0.investment + $0.operating) } }))
                money.append(line("pool.\(pool).\(year).lapsed", .money, group: "\(year)", { $0.yearsPoolLapsed(name, year) },
                                  rows.map { $0.map { .money($0.lapsed) } }))
            }
            let perYear = figures.map { f in f.perYear.first { $0.year == year } }
            money.append(line("year.\(year).investment", .money, group: "\(year)", { $0.yearsInvestment(year) }, perYear.map { $0.map { .money($0.investment) } }))
            money.append(line("year.\(year).operating", .money, group: "\(year)", { $0.yearsOperating(year) }, perYear.map { $0.map { .money($0.operating) } }))
            if residual {
                money.append(line("year.\(year).residualIncome", .money, group: "\(year)", { $0.yearsResidualIncome(year) },
                                  perYear.map { $0.map { .money($0.residualIncome) } }))
            }
        }

        var devices: [Comparison.Line] = []
        for year in years {
            for kind in kindIDs {
                let rows = figures.map { f in f.kindYears.first { $0.kind == kind && $0.year == year } }
                let label = figures.compactMap { $0.kindLabels[kind] }.first ?? kind
                devices.append(line("kind.\(kind).\(year).need", .devices, group: "\(year)", { $0.yearsKindNeed(label, year) }, rows.map { $0.map { .count($0.need) } }))
                devices.append(line("kind.\(kind).\(year).bought", .devices, group: "\(year)", { $0.yearsKindBought(label, year) }, rows.map { $0.map { .count($0.bought) } }))
                devices.append(line("kind.\(kind).\(year).inService", .devices, group: "\(year)", { $0.yearsKindInService(label, year) }, rows.map { $0.map { .count($0.inService) } }))
            }
        }

        let coverage: [Comparison.Line] = years.map { year in
            line("year.\(year).smallestCoverage", .coverage, group: "\(year)", { $0.yearsYearCoverage(year) },
                 figures.map { f in f.perYear.first { $0.year == year }?.smallestCoverage.map { .share(Share($0)) } })
        }
        sections = [(.summary, summary), (.money, money), (.devices, devices), (.coverage, coverage)]
    }

    public static func heading(_ s: Section, _ language: ReportLanguage) -> String {
        let w = Words(language: language)
        switch s {
        case .summary: return w.yearsSummaryHeading
        case .money: return w.yearsMoneyHeading
        case .devices: return w.yearsDevicesHeading
        case .coverage: return w.yearsCoverageHeading
        }
    }
}

/// The years comparison as text for the terminal (German by default, `--lang en`).
public enum YearsComparisonText {
    public static func render(_ c: YearsComparison, language: ReportLanguage = .de) -> String {
        let n = c.figures.count, w = Words(language: language), f = w.f
        var out = w.yearsComparisonHeadline(c.titles[0])
        for (i, col) in c.columns.enumerated() {
            let fig = c.figures[i]
            out += w.yearsComparisonColumn(i + 1, c.titles[i], col.label, "\(fig.years.lowerBound)–\(fig.years.upperBound)",
                                           optimal: fig.isOptimal, baseline: i == 0)
        }
        out += "  " + Comparison.definition(language) + "\n\n"
        let heads = ComparisonText.shortTitles(c.titles).enumerated().map { "[\($0 + 1)] " + ComparisonText.short($1, 24) }
        let deltaHeads = (1..<max(n, 1)).map { "Δ [\($0 + 1)]−[1]" }
        for (section, lines) in c.sections {
            var t = Table([YearsComparison.heading(section, language)] + heads + deltaHeads, rightAligned: Set(1...(n + deltaHeads.count)))
            for line in lines {
                t.add([line.label(language)] + line.values.map { Comparison.text($0, f) } + line.deltas.map { Comparison.text($0, f) })
            }
            out += t.render() + "\n"
        }
        return out
    }
}

/// The years comparison as one JSON document (`compare --json`, `comparison.json`) and as
/// `comparison.csv`: the single-year comparison's figure format (`ComparisonJSON.lines`).
public enum YearsComparisonJSON {
    public static func render(_ c: YearsComparison) -> String {
        JSONValue.object([
            ("definition", .string(Comparison.definition(.en))),
            ("baseline", .int(0)),
            ("scenarios", .array(c.columns.enumerated().map { i, col in
                let f = c.figures[i]
                return .object([("title", .string(c.titles[i])), ("label", .string(col.label)), ("name", .string(f.name)),
                                ("firstYear", .int(f.years.lowerBound)), ("lastYear", .int(f.years.upperBound)),
                                ("status", .string(f.isOptimal ? "optimal" : "feasible")), ("baseline", .bool(i == 0))])
            })),
            ("sections", .array(c.sections.map { section, lines in
                .object([("section", .string(section.rawValue)), ("figures", ComparisonJSON.lines(lines))])
            })),
        ]).render() + "\n"
    }

    public static func figuresCSV(_ c: YearsComparison, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .de) -> String {
        ComparisonJSON.figuresCSV(c.lines, labels: c.columns.map(\.label), dialect: dialect, language: language)
    }
}
