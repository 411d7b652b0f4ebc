import Foundation

/// The words of the multi-year plan's report section, charts, coverage tables and sheets
/// (YearsReport, YearsCharts), German and English side by side like the rest of `Words`.
extension Words {
    /// "Haushaltsjahre 2026–2030": the report section's title and the workbook sheet's name.
    func yearsTitle(_ years: ClosedRange<Int>) -> String {
        t("Haushaltsjahre", "Budget years") + " \(years.lowerBound)–\(years.upperBound)"
    }
    var yearsContents: String { t("Haushaltsjahre", "Budget years") }
    var year: String { t("Jahr", "Year") }
    var investment: String { t("Investition", "investment") }
    var operatingCost: String { t("Betrieb", "operating cost") }
    var inService: String { t("im Einsatz", "in service") }
    var bought: String { t("gekauft", "bought") }
    var retired: String { t("ausgeschieden", "retired") }
    var carriedIn: String { t("Übertrag aus Vorjahr", "carried in") }
    var available: String { t("verfügbar", "available") }
    var carriedOut: String { t("übertragen", "carried out") }
    var lapsed: String { t("verfallen", "lapsed") }
    var deviceKind: String { t("Geräteart", "Device kind") }
    var smallestCoverage: String { t("kleinste Deckung", "smallest coverage") }
    var yearCoverage: String { t("Deckung", "coverage") }
    var allPools: String { t("alle Töpfe", "all pools") }
    var poolOfYears: String { t("Topf", "Pool") }

    // Charts.
    var yearsMoneyChart: String { t("Ausgaben je Jahr nach Topf, Investition und Betrieb", "Spending per year by pool, investment and operating cost") }
    var yearsDevicesChart: String { t("Geräte im Einsatz und Bedarf je Jahr und Geräteart", "Devices in service and need per year and device kind") }
    var euroMillions: String { t("Mio. €", "€ million") }
    var euroThousands: String { t("Tsd. €", "€ thousand") }
    var devicesAxis: String { t("Geräte", "Devices") }
    var needMark: String { t("Bedarf", "need") }
    /// The money chart's note: what the bars are and how the stacks read.
    var yearsMoneyNote: String {
        t("Säule: im Jahr ausgegebenes Geld, je Topf gestapelt; voll: Investition (Gerätekauf), schraffiert: Betrieb (laufende Kosten). Über der Säule die Summe.",
          "Bar: money spent in the year, stacked by pool; solid: investment (devices bought), hatched: operating cost (running cost). The sum above the bar.")
    }

    // Coverage per group.
    var coverageByForm: String { t("Bedarfsdeckung je Schulform und Jahr", "Coverage per school form and year") }
    var coverageByDistrict: String { t("Bedarfsdeckung je Stadtbezirk und Jahr", "Coverage per district and year") }
    var coverageByLevel: String { t("Bedarfsdeckung je Sozialindex-Stufe und Jahr", "Coverage per social-index level and year") }
    var socialIndexLevel: String { t("Sozialindex-Stufe", "Social-index level") }
    var groupingColumn: String { t("Gliederung", "Grouping") }
    var groupColumn: String { t("Gruppe", "Group") }
    var coveredNeed: String { t("gedeckter Bedarf", "need covered") }
    var noGroup: String { t("ohne Angabe", "not given") }
    var sheetYearsCoverage: String { t("Deckung je Jahr", "Coverage per year") }
    var sheetYearsSchools: String { t("Schulen je Jahr", "Schools per year") }
    var smallestShort: String { t("min.", "min.") }
    var groupCoverageNote: String {
        t("Deckung: der Bedarf, den Geräte im Einsatz decken (je Schule höchstens ihr Bedarf), als Anteil des Bedarfs der Gruppe; darunter „min.“: die kleinste Deckung einer Schule der Gruppe. Anteile auf 0,1\u{00A0}% abgerundet.",
          "Coverage: the need that devices in service cover (at most each school's need), as a share of the group's need; below it “min.”: the smallest coverage of a school of the group. Shares rounded down to 0.1\u{00A0}%.")
    }
    func grouping(_ g: YearsFigures.GroupYear.Grouping) -> String {
        switch g {
        case .form: return form
        case .district: return district
        case .level: return socialIndexLevel
        }
    }
    /// A group as shown: the form or district as the table spells it, a level's number ("ohne"
    /// where the scenario gives none), "ohne Angabe" where the table gives nothing.
    func groupName(_ g: YearsFigures.GroupYear) -> String {
        if g.grouping == .level && g.group == "none" { return noLevel }
        return g.group.isEmpty ? noGroup : g.group
    }
    func groupTitle(_ g: YearsFigures.GroupYear.Grouping) -> String {
        switch g {
        case .form: return coverageByForm
        case .district: return coverageByDistrict
        case .level: return coverageByLevel
        }
    }

    /// The short labels of this file, for the label table (`Words.labels`).
    static var yearsLabels: [KeyPath<Words, String>] { [
        \.yearsContents, \.year, \.investment, \.operatingCost, \.inService, \.bought, \.retired, \.carriedIn, \.available,
        \.carriedOut, \.lapsed, \.deviceKind, \.smallestCoverage, \.yearCoverage, \.allPools, \.poolOfYears, \.yearsMoneyChart,
        \.yearsDevicesChart, \.euroMillions, \.euroThousands, \.devicesAxis, \.needMark, \.coverageByForm, \.coverageByDistrict, \.coverageByLevel, \.socialIndexLevel,
        \.groupingColumn, \.groupColumn, \.coveredNeed, \.noGroup, \.sheetYearsCoverage, \.sheetYearsSchools,
        \.residualIncome, \.ofItResidualIncome, \.yearsResidualIncomeTotal,
    ] }
}
