import Foundation

/// The web planner's own texts that the service makes (not the page's: `app.js` has its
/// `TEXT` table): refusals of the run history and the multi-year form, the scenarios folder's
/// failures, the labels of past runs and of the plan on screen, the form's label suffixes. Each
/// message in English and German side by side (`Pair`: the service hands `en` to `PlannerError`
/// and `de` as its German); `PlannerWordsTests` checks every one both ways.
public enum PlannerWords {
    /// A message in both languages.
    public struct Pair: Sendable, Equatable {
        public let en: String, de: String
        init(_ de: String, _ en: String) { self.de = de; self.en = en }
        public func text(_ language: ReportLanguage) -> String { language == .de ? de : en }
    }

    static let runsAllowed = Pair("erlaubt ist ein Lauf von solve, compare, report, schedule oder ein Download im Planer",
                                  "allowed: a run of solve, compare, report, schedule or a planner download")

    // MARK: - the run history

    public static func historyUnreadable(_ error: any Error) -> Pair {
        Pair("die Laufhistorie kann nicht gelesen werden: \(ErrorWords.text(error, .de))",
             "the run history cannot be read: \(ErrorWords.text(error, .en))")
    }
    public static let noHistory = Pair("baselineRun: dieser Planer führt keine Laufhistorie (allocate serve --no-history)",
                                       "baselineRun: this planner keeps no run history (allocate serve --no-history)")
    public static func noSuchRun(_ reference: String, in history: String) -> Pair {
        Pair("baselineRun: „\(reference)“ gefunden, kein solcher Lauf in \(history); erlaubt ist eine Laufnummer oder Lauf-ID aus GET /api/history",
             "baselineRun: found '\(reference)', no such run in \(history); allowed: a run number or id from GET /api/history")
    }
    public static func runIsMultiYear(_ id: Int64, command: String) -> Pair {
        Pair("baselineRun: Lauf \(id) (\(command)) ist ein Mehrjahresplan; \(runsAllowed.de)",
             "baselineRun: run \(id) (\(command)) is a multi-year plan; \(runsAllowed.en)")
    }
    public static func runKeptNoPlan(_ id: Int64, command: String, status: String) -> Pair {
        Pair("baselineRun: Lauf \(id) (\(command), \(status)) hat keinen Plan gespeichert; \(runsAllowed.de)",
             "baselineRun: run \(id) (\(command), \(status)) kept no plan; \(runsAllowed.en)")
    }
    public static func runNotReproducible(_ id: Int64, _ error: any Error) -> Pair {
        Pair("baselineRun: Lauf \(id) lässt sich aus den aufbewahrten Eingaben nicht neu berechnen: \(ErrorWords.text(error, .de))",
             "baselineRun: run \(id) cannot be made again from the kept inputs: \(ErrorWords.text(error, .en))")
    }
    /// `changes`: what differs, in each language (empty: the figures as a whole).
    public static func runDiffers(_ id: Int64, changes: Pair) -> Pair {
        Pair("baselineRun: Lauf \(id) weicht neu berechnet vom gespeicherten Plan ab (\(changes.de.isEmpty ? "Zahlen des Plans" : changes.de)); den gespeicherten Plan gibt „allocate history show \(id) --plan-json“ aus",
             "baselineRun: run \(id) solved again differs from its stored plan (\(changes.en.isEmpty ? "the plan's figures" : changes.en)); 'allocate history show \(id) --plan-json' prints the stored plan")
    }
    public static func changes(de: String, en: String) -> Pair { Pair(de, en) }
    /// "Lauf 12 (dortmund-2020)" / "run 12 (dortmund-2020)": a past run in a comparison.
    public static func runLabel(_ id: Int64, scenario: String, _ language: ReportLanguage) -> String {
        (language == .de ? "Lauf \(id)" : "run \(id)") + (scenario.isEmpty ? "" : " (\(scenario))")
    }
    /// The plan on screen in a comparison: "dortmund-2020 (im Planer)".
    public static func onScreen(_ label: String, _ language: ReportLanguage) -> String {
        label + (language == .de ? " (im Planer)" : " (on screen)")
    }

    // MARK: - the multi-year form

    public static func noSuchYearsPool(key: String, pool: String, known: [String]) -> Pair {
        let list = known.joined(separator: ", ")
        return Pair("\(key): der Mehrjahresplan hat keinen Topf „\(pool)“; seine Töpfe: \(list)",
                    "\(key): the multi-year plan has no pool '\(pool)'; its pools: \(list)")
    }
    public static func notAPlanningYear(key: String, year: Int, years: ClosedRange<Int>) -> Pair {
        Pair("\(key): \(year) ist kein Planungsjahr; erlaubt: \(years.lowerBound) bis \(years.upperBound)",
             "\(key): \(year) is not a planning year; allowed: \(years.lowerBound) to \(years.upperBound)")
    }
    /// A pool's carry-over choice: "lapses" or the last year money may be carried into.
    public static func carryOver(_ option: String, _ language: ReportLanguage) -> String {
        let w = Words(language: language)
        return option == "lapses" ? w.t("verfällt am Jahresende (lapses)", "lapses at the end of its year")
                                  : w.t("bis einschließlich \(option)", "up to and including \(option)")
    }

    // MARK: - the one-year form's label suffixes

    public static func referenceAuthority(_ language: ReportLanguage) -> String {
        Words(language: language).t(" des Referenzträgers (die anderen nach dem Schlüssel)", " of the reference authority (the others' by the key)")
    }
    public static func shareByKey(_ language: ReportLanguage) -> String {
        Words(language: language).t(" (Anteil je Träger nach dem Schlüssel)", " (each authority's share by the key)")
    }
    /// A split per device: "(× Lehrkräfte je Träger)"; `teachers`: the basis counts teachers, else pupils.
    public static func perDevice(teachers: Bool, _ language: ReportLanguage) -> String {
        let w = Words(language: language)
        return w.t(" (× \(teachers ? "Lehrkräfte" : "Schülerinnen und Schüler") je Träger)", " (× each authority's \(teachers ? "teachers" : "pupils"))")
    }

    // MARK: - saving a what-if

    /// A saved what-if's name when the planner gives no title: the scenario's, marked.
    public static func savedTitle(_ name: String, _ language: ReportLanguage) -> String {
        name + (language == .de ? " (Planer)" : " (planner)")
    }
    public static func builtOn(_ target: String) -> Pair {
        Pair("auf \(target) beruhen die Werte im Planer; bitte unter einem anderen Namen speichern",
             "\(target) is what the values on screen are built on; save under another name")
    }
    public static let notSavable = Pair("diese Werte lassen sich nicht als Szenariodatei speichern: wieder eingelesen ergeben sie ein anderes Szenario",
                                        "these values cannot be saved as a scenario file: read back, they give another scenario")

    // MARK: - the scenarios folder

    public static func folderNotFound(_ path: String) -> Pair {
        Pair("\(path): Szenarienordner nicht gefunden", "\(path): scenarios folder not found")
    }
    public static func leadsOutside(_ path: String, folder: String) -> Pair {
        Pair("\(path) führt aus \(folder)/ hinaus", "\(path) leads outside \(folder)/")
    }
    /// A folder of saved what-ifs that cannot be opened or locked, a file that cannot be written;
    /// `reason`: the system's (errno text), worded by `ErrorWords.reason`.
    public static func cannotOpen(_ path: String, reason: String) -> Pair {
        Pair("\(path)/ kann nicht geöffnet werden: \(ErrorWords.reason(reason, .de))", "cannot open \(path)/: \(reason)")
    }
    public static func cannotLock(_ path: String, reason: String) -> Pair {
        Pair("\(path)/ kann nicht gesperrt werden: \(ErrorWords.reason(reason, .de))", "cannot lock \(path)/: \(reason)")
    }
    public static func cannotWrite(_ path: String, reason: String) -> Pair {
        Pair("\(path) kann nicht geschrieben werden: \(ErrorWords.reason(reason, .de))", "cannot write \(path): \(reason)")
    }
}
