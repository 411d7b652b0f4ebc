import Foundation

/// The words of the run history's own texts: the labels of a multi-year run's headline
/// figures (kept in German with the run, said in English from their key) and what `history
/// rerun` and a past run opened as the planner's baseline find changed since the run was
/// recorded, each in German and English side by side.
public enum HistoryFigureWords {
    /// A headline figure of a multi-year run: what it counts.
    public enum Part: String, Sendable, CaseIterable {
        case granted, spent, left, inService, need, share, residualIncome
        case totalSpent, ownMoney, totalResidualIncome, changes, smallestCoverage
    }

    /// The label: `owner` ("Stadt 2027", "Leihgeräte 2028", "2029") before the part's word;
    /// the totals have none.
    public static func label(_ part: Part, owner: String = "", _ l: ReportLanguage) -> String {
        let w = Words(language: l)
        func of(_ de: String, _ en: String) -> String { "\(owner): " + w.t(de, en) }
        switch part {
        case .granted: return of("bewilligt", "granted")
        case .spent: return of("ausgegeben", "spent")
        case .left: return of("übrig", "left")
        case .inService: return of("im Einsatz", "in service")
        case .need: return of("Bedarf", "need")
        case .share: return of("Bedarfsdeckung", "coverage")
        case .residualIncome: return of("Restwerterlös", "residual income")
        case .totalSpent: return w.t("Ausgegeben gesamt", "Spent in all")
        case .ownMoney: return w.t("Eigenmittel", "Own money")
        case .totalResidualIncome: return w.t("Restwerterlös gesamt", "Residual income in all")
        case .changes: return w.t("Änderungen (gekauft + ausgeschieden)", "Changes (bought + retired)")
        case .smallestCoverage: return w.t("Kleinste Bedarfsdeckung über alle Jahre", "Smallest coverage over all years")
        }
    }

    /// The part a figure's key names ("pool.stadt.2027.granted", "total.changes"); nil for a key
    /// that is not a multi-year figure.
    public static func part(key: String) -> Part? {
        let parts = key.split(separator: ".").map(String.init)
        switch (parts.first ?? "", parts.last ?? "") {
        case ("pool", "granted"): return .granted
        case ("pool", "spent"): return .spent
        case ("pool", "left"): return .left
        case ("kind", "inService"): return .inService
        case ("kind", "need"): return .need
        case ("kind", "share"): return .share
        case ("year", "residualIncome"): return .residualIncome
        case ("total", "spent"): return .totalSpent
        case ("total", "ownMoney"): return .ownMoney
        case ("total", "residualIncome"): return .totalResidualIncome
        case ("total", "changes"): return .changes
        case ("total", "smallestCoverage"): return .smallestCoverage
        default: return nil
        }
    }

    // MARK: - what changed since a run was recorded (German, English)

    public static func toolVersion(then: String, now: String) -> (de: String, en: String) {
        ("Programmversion: damals \(then), jetzt \(now)", "tool version: then \(then), now \(now)")
    }
    public static func glpk(then: String, now: String) -> (de: String, en: String) {
        ("GLPK: damals \(then), jetzt \(now)", "GLPK: then \(then), now \(now)")
    }
    public static func inputRemoved(_ path: String) -> (de: String, en: String) {
        ("Eingabedatei \(path): seither entfernt (neu gerechnet mit der aufbewahrten Fassung)",
         "input file \(path): removed since (re-solved with the kept copy)")
    }
    /// `then`, `now`: the start of the file's SHA-256 then and now.
    public static func inputChanged(_ path: String, then: String, now: String) -> (de: String, en: String) {
        ("Eingabedatei \(path): seither geändert (SHA-256 damals \(then)…, jetzt \(now)…; neu gerechnet mit der aufbewahrten Fassung)",
         "input file \(path): changed since (SHA-256 then \(then)…, now \(now)…; re-solved with the kept copy)")
    }
    /// A headline figure that differs: German by its label, English by its key.
    public static func figure(label: String, key: String, then: Comparison.Value?, now: Comparison.Value?) -> (de: String, en: String) {
        ("\(label): damals \(Comparison.text(then, NumberStyle(.de))), jetzt \(Comparison.text(now, NumberStyle(.de)))",
         "\(key): then \(Comparison.text(then, NumberStyle(.en))), now \(Comparison.text(now, NumberStyle(.en)))")
    }
}
