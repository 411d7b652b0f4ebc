import Foundation

/// The words of the multi-year comparison and explanation (`compare` and `explain` on
/// scenarios with a `years:` section), German and English.
extension Words {
    var yearsSummaryHeading: String { t("Ganzer Plan", "Whole plan") }
    var yearsMoneyHeading: String { t("Geld je Topf und Jahr", "Money per pool and year") }
    var yearsDevicesHeading: String { t("Geräte je Art und Jahr", "Devices per kind and year") }
    var yearsCoverageHeading: String { t("Kleinste Deckung je Jahr", "Smallest coverage per year") }
    var yearsSmallestCoverage: String { t("Kleinste Deckung (alle Schulen, Arten, Jahre)", "Smallest coverage (all schools, kinds, years)") }
    var yearsDeviceYears: String { t("Bedarfsgewichtete Gerätejahre", "Need-weighted device-years") }
    var yearsOwnMoney: String { t("Eigenmittel (alle Jahre)", "Own money (all years)") }
    var yearsChanges: String { t("Änderungen (gekauft + ausgeschieden)", "Changes (bought + retired)") }
    func yearsPoolGranted(_ pool: String, _ year: Int) -> String { t("\(year) \(pool): bewilligt", "\(year) \(pool): granted") }
    func yearsPoolSpent(_ pool: String, _ year: Int) -> String { t("\(year) \(pool): ausgegeben", "\(year) \(pool): spent") }
    func yearsPoolLapsed(_ pool: String, _ year: Int) -> String { t("\(year) \(pool): verfallen", "\(year) \(pool): lapsed") }
    func yearsInvestment(_ year: Int) -> String { t("\(year) Investition (alle Töpfe)", "\(year) investment (all pools)") }
    func yearsOperating(_ year: Int) -> String { t("\(year) Betriebskosten (alle Töpfe)", "\(year) operating cost (all pools)") }
    func yearsKindNeed(_ kind: String, _ year: Int) -> String { t("\(year) \(kind): Bedarf", "\(year) \(kind): need") }
    func yearsKindBought(_ kind: String, _ year: Int) -> String { t("\(year) \(kind): gekauft", "\(year) \(kind): bought") }
    func yearsKindInService(_ kind: String, _ year: Int) -> String { t("\(year) \(kind): im Einsatz", "\(year) \(kind): in service") }
    func yearsYearCoverage(_ year: Int) -> String { t("\(year) kleinste Deckung", "\(year) smallest coverage") }
    func yearsComparisonHeadline(_ baseline: String) -> String {
        t("Vergleich der Mehrjahrespläne — Basis: \(baseline)\n", "Comparison of multi-year plans — baseline: \(baseline)\n")
    }
    func yearsComparisonColumn(_ i: Int, _ title: String, _ file: String, _ years: String, optimal: Bool, baseline: Bool) -> String {
        let status = optimal ? t("optimal", "optimal") : t("zulässig, Optimum nicht bewiesen", "feasible, optimum not proven")
        return t("  [\(i)] \(title) (Datei: \(file); Jahre \(years); \(status))\(baseline ? " — Basis" : "")\n",
                 "  [\(i)] \(title) (file: \(file); years \(years); \(status))\(baseline ? " — baseline" : "")\n")
    }
}

extension Words {
    func yearsExplainHeadline(_ step: String, _ years: String) -> String {
        t("Was \(step) mehr in jedem Topf und Jahr bewirkt (Mehrjahresplan \(years))\n",
          "What \(step) more in each pool and year would do (multi-year plan \(years))\n")
    }
    func yearsExplainMethod(step: String, share: String, relaxed: String, deviceYears: String, relaxations: Int) -> String {
        t("""
          Gemessen an zwei LP-Relaxationen (Geräte teilbar), jede einmal wie sie ist und einmal je Topf und
          Jahr mit \(step) mehr in diesem Topfjahr gelöst (\(relaxations) Lösungen):
            Deckung: die Relaxation der ersten Stufe (größte kleinste Deckung, höchstens \(relaxed));
            Gerätejahre: die Relaxation der zweiten Stufe, jede Schule, Art und jedes Jahr auf der
            kleinsten Deckung des geprüften ganzzahligen Plans der ersten Stufe (\(share)) gehalten
            (\(deviceYears) bedarfsgewichtete Gerätejahre).
          """,
          """
          Measured on two LP relaxations (devices divisible), each solved as it is and once more per pool
          and year with \(step) more in that pool-year (\(relaxations) solves):
            coverage: the first stage's relaxation (largest smallest coverage, at most \(relaxed));
            device-years: the second stage's relaxation, every school, kind and year held at the
            smallest coverage of the first stage's verified whole-device plan (\(share))
            (\(deviceYears) need-weighted device-years).
          """)
    }
    var yearsExplainYear: String { t("Jahr", "Year") }
    var yearsExplainPool: String { t("Topf", "Pool") }
    var yearsExplainMoney: String { t("Geld", "Money") }
    var yearsExplainNoneLapses: String { t("nichts verfällt", "none lapses") }
    var yearsExplainYes: String { t("ja", "yes") }
    var yearsExplainNo: String { t("nein", "no") }
    func yearsExplainDeviceYears(_ step: String) -> String { t("+ Gerätejahre je \(step)", "+ device-years per \(step)") }
    func yearsExplainShare(_ step: String) -> String { t("+ kleinste Deckung je \(step) (Pp.)", "+ smallest coverage per \(step) (pp)") }
    var yearsExplainReading: String {
        t("""
            Lesart: „+ Gerätejahre“ sind die bedarfsgewichteten Gerätejahre, die das Geld mehr in diesem Topf
            und Jahr in der Relaxation zusätzlich deckt, die kleinste Deckung gehalten; „+ kleinste Deckung“
            hebt die größte kleinste Deckung der Relaxation. Ganze Geräte kommen in Schritten eines
            Gerätepreises: die Werte sind Durchschnitte. 0 bei „nein“: Geld dieses Topfjahres verfällt schon.
          """,
          """
            Reading: "+ device-years" are the need-weighted device-years the money more in this pool and year
            covers in the relaxation, the smallest coverage held; "+ smallest coverage" raises the
            relaxation's largest smallest coverage. Whole devices come in steps of a device's price: the
            values are averages. 0 for "no": money of this pool-year already lapses.
          """)
    }
}
