import Foundation
import Allocation
import LinearProgramming
import Replacement
import ScenarioFiles

/// The figures of a multi-year replacement plan, computed once from the verified plan: every
/// output (terminal, JSON, CSV) prints these values, so one figure has one value everywhere
/// (`Tests/ReportsTests/YearsReportTests.swift`).
public struct YearsFigures: Sendable {
    public struct KindYear: Sendable, Equatable {
        public var kind: String
        public var year: Int
        public var need: Int
        public var bought: Int
        public var retired: Int
        public var inService: Int
    }
    public struct SchoolKindYear: Sendable, Equatable {
        public var school: String
        public var kind: String
        public var year: Int
        public var need: Int
        public var bought: Int
        public var retired: Int
        public var inService: Int
        /// In service / need (capped at 1); nil without need.
        public var coverage: Ratio?
    }
    public struct Year: Sendable, Equatable {
        public var year: Int
        public var investment: Money
        public var operating: Money
        /// The smallest share of need in service over the school-kinds with need that year (capped at 1).
        public var smallestCoverage: Ratio?
    }
    /// One objective stage as every output shows it: the plan's verified figure of the stage's
    /// quantity and the solver's proven bound of the same quantity, rounded to the side no plan
    /// passes and never on the wrong side of the value (issue 19).
    public struct StageFigure: Sendable, Equatable {
        public enum Quantity: String, Sendable, Equatable {
            /// The smallest share of need in service (0…1), maximised.
            case share
            /// Need-weighted device-years (Σ weight × min(in service, need)), maximised.
            case deviceYears
            /// Own money in euros (whole cents), minimised.
            case money
            /// Devices bought plus devices retired, minimised.
            case changes
        }
        public var name: String
        public var status: TerminationStatus
        public var quantity: Quantity?
        /// The verified figure (nil quantity: the solver's objective, a stage this report does not know).
        public var value: Double
        /// The exact share of the share stage (value is its nearest double).
        public var share: Ratio?
        public var bound: Double
        /// The bound proves nothing beyond what holds for every plan (0 for a minimised
        /// count or sum, 100 % for the share).
        public var isTrivial: Bool
        public var maximize: Bool { quantity == .share || quantity == .deviceYears }

        /// `stage`'s bound in the unit of the figure `value` of the same quantity.
        public init(_ stage: Lexicographic.Stage, quantity: Quantity?, value: Double, share: Ratio? = nil) {
            name = stage.name; status = stage.status; self.quantity = quantity; self.value = value; self.share = share
            let b = stage.bestBound
            switch quantity {
            case .share:
                // Rounded up to 0.1 % (no plan is above it), never below the value, at most 1.
                let up = b.isFinite ? (min(1, max(0, b)) * 1000 - 1e-9).rounded(.up) / 1000 : 1
                bound = min(1, max(value, up)); isTrivial = bound >= 1 && value < 1
            case .deviceYears:
                bound = b.isFinite ? max(value, (b + 1e-6).rounded(.down)) : .infinity; isTrivial = !b.isFinite
            case .money:
                // Whole cents, rounded down; never above the value, never below 0.
                let cents = b.isFinite ? (b * 100 + 1e-6).rounded(.down) : 0
                bound = min(value, max(0, cents / 100)); isTrivial = bound <= 0 && value > 0
            case .changes:
                bound = b.isFinite ? min(value, max(0, (b - 1e-6).rounded(.up))) : 0; isTrivial = bound <= 0 && value > 0
            case nil:
                bound = b; isTrivial = false
            }
        }
    }

    public var name: String
    public var years: ClosedRange<Int>
    public var ledger: [ReplacementVerifier.PoolYear]
    public var kindYears: [KindYear]
    public var rows: [SchoolKindYear]
    public var perYear: [Year]
    public var smallestCoverage: Ratio
    public var ownMoney: Money
    public var changes: Int
    public var coveredDeviceYears: Int
    public var stages: [Lexicographic.Stage]
    public var poolNames: [String: String]
    public var kindLabels: [String: String]
    public var schoolNames: [String: String]

    /// Proven optimal only when every stage is.
    public var isOptimal: Bool { !stages.isEmpty && stages.allSatisfy { $0.status == .optimal } }

    /// The stages with the verified figure of each (ReplacementModel's four stages, by name).
    public var stageFigures: [StageFigure] {
        stages.map { st in
            switch st.name {
            case "smallest coverage":
                return StageFigure(st, quantity: .share, value: Double(smallestCoverage.numerator) / Double(smallestCoverage.denominator),
                                   share: smallestCoverage)
            case "need-weighted device-years": return StageFigure(st, quantity: .deviceYears, value: Double(coveredDeviceYears))
            case "own money": return StageFigure(st, quantity: .money, value: Double(ownMoney.cents) / 100)
            case "changes": return StageFigure(st, quantity: .changes, value: Double(changes))
            default: return StageFigure(st, quantity: nil, value: st.objective)
            }
        }
    }

    public init(_ years: LoadedYears, _ outcome: ReplacementPlanner.Outcome) {
        let s = years.scenario, plan = outcome.plan, first = s.years.lowerBound, n = s.yearCount
        name = years.loaded.scenario.name
        self.years = s.years
        let poolOrder = Dictionary(s.pools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        ledger = outcome.check.ledger.sorted { a, b in (a.year, poolOrder[a.pool] ?? 0) < (b.year, poolOrder[b.pool] ?? 0) }
        stages = outcome.stages
        smallestCoverage = outcome.check.smallestCoverage
        ownMoney = outcome.check.ownMoney
        changes = outcome.check.changes
        coveredDeviceYears = outcome.check.coveredDeviceYears
        poolNames = years.poolNames
        kindLabels = years.kindLabels
        schoolNames = years.schools.mapValues(\.name)
        let inventory = Dictionary(s.inventory.map { ("\($0.school)|\($0.kind)|\($0.purchaseYear)", $0.count) }, uniquingKeysWith: +)
        // Per school and kind: bought, retired and in service per year, from the cohorts.
        var bought: [String: [Int]] = [:], retired: [String: [Int]] = [:], service: [String: [Int]] = [:]
        for c in plan.cohorts {
            let key = "\(c.school)|\(c.kind)"
            var b = bought[key] ?? Array(repeating: 0, count: n), r = retired[key] ?? Array(repeating: 0, count: n)
            var v = service[key] ?? Array(repeating: 0, count: n)
            var previous = c.purchaseYear < first ? inventory["\(key)|\(c.purchaseYear)"] ?? 0 : 0
            for i in 0..<n {
                let year = first + i
                if year == c.purchaseYear { b[i] += c.inService[i] }
                else if year > c.purchaseYear { r[i] += max(0, previous - c.inService[i]) }
                v[i] += c.inService[i]
                previous = c.inService[i]
            }
            bought[key] = b; retired[key] = r; service[key] = v
        }
        // Inventory cohorts the plan leaves out (none in service in any planning year) retire in the first year.
        for c in s.inventory where !plan.cohorts.contains(where: { $0.school == c.school && $0.kind == c.kind && $0.purchaseYear == c.purchaseYear }) {
            let key = "\(c.school)|\(c.kind)"
            var r = retired[key] ?? Array(repeating: 0, count: n)
            r[0] += c.count
            retired[key] = r
        }
        var rows: [SchoolKindYear] = []
        for school in s.schools {
            for kind in s.kinds {
                let key = "\(school.id)|\(kind.id)"
                for i in 0..<n {
                    let need = school.need(kind.id, yearIndex: i), inService = service[key]?[i] ?? 0
                    rows.append(.init(school: school.id, kind: kind.id, year: first + i, need: need, bought: bought[key]?[i] ?? 0,
                                      retired: retired[key]?[i] ?? 0, inService: inService,
                                      coverage: need > 0 ? Ratio(min(inService, need), need) : nil))
                }
            }
        }
        self.rows = rows
        kindYears = s.kinds.flatMap { kind in
            (0..<n).map { i in
                let these = rows.filter { $0.kind == kind.id && $0.year == first + i }
                return KindYear(kind: kind.id, year: first + i, need: these.reduce(0) { $0 + $1.need },
                                bought: these.reduce(0) { $0 + $1.bought }, retired: these.reduce(0) { $0 + $1.retired },
                                inService: these.reduce(0) { $0 + $1.inService })
            }
        }
        perYear = (0..<n).map { i in
            Year(year: first + i, investment: outcome.check.investment[i], operating: outcome.check.operating[i],
                 smallestCoverage: rows.filter { $0.year == first + i }.compactMap(\.coverage).min())
        }
    }

    /// The pool-years of a year, in the scenario's pool order.
    public func ledger(year: Int) -> [ReplacementVerifier.PoolYear] { ledger.filter { $0.year == year } }
}

/// `allocate years`: the terminal summary, `--json`, and the CSV per school × kind × year.
public enum YearsReport {
    /// The progress line on a terminal while the stages run (the ticker adds the seconds).
    public static func progress(stages: Int, seconds: Double, _ l: ReportLanguage) -> String {
        let limit = NumberStyle(l).number(seconds, digits: seconds < 10 ? 1 : 0)
        return l == .de ? "Mehrjahresplan: \(stages) Stufen, Zeitgrenze \(limit) s"
                        : "Multi-year plan: \(stages) stages, time limit \(limit) s"
    }

    /// `allocate validate`'s line for a `years:` section.
    public static func validated(_ s: ReplacementScenario, _ l: ReportLanguage) -> String {
        let n = NumberStyle(l), devices = s.inventory.reduce(0) { $0 + $1.count }
        let span = "\(s.years.lowerBound)–\(s.years.upperBound)"
        return l == .de
            ? "Haushaltsjahre \(span): \(s.pools.count) Töpfe, \(s.kinds.count) Gerätearten, Bestand \(n.int(devices)) Geräte"
            : "budget years \(span): \(s.pools.count) pools, \(s.kinds.count) device kinds, inventory of \(n.int(devices)) devices"
    }

    static func poolYearSpent(_ p: ReplacementVerifier.PoolYear) -> Money { p.investment + p.operating }
    static func available(_ p: ReplacementVerifier.PoolYear) -> Money { p.granted + p.carriedIn + p.income }

    /// The status in words: "optimal" only when every stage is proven optimal; else which stage
    /// stopped and the proven bound.
    public static func status(_ f: YearsFigures, _ l: ReportLanguage) -> String { status(stages: f.stageFigures, l) }

    /// The status of these stages (each with its verified figure and bound).
    public static func status(stages: [YearsFigures.StageFigure], _ l: ReportLanguage) -> String {
        let de = l == .de, n = NumberStyle(l)
        if !stages.isEmpty && stages.allSatisfy({ $0.status == .optimal }) {
            return de ? "optimal (alle \(stages.count) Stufen bewiesen)" : "optimal (all \(stages.count) stages proven)"
        }
        var parts: [String] = []
        for st in stages where st.status != .optimal {
            let (found, bound) = stageFigure(st, n)
            let trivial = st.isTrivial ? (de ? " (trivial: keine bessere Schranke bewiesen)" : " (trivial: no better bound proven)") : ""
            parts.append(de ? "Stufe „\(stageName(st.name, l))“ an der Zeitgrenze beendet: \(found), bewiesene Schranke \(bound)\(trivial)"
                            : "stage '\(stageName(st.name, l))' stopped at the time limit: \(found), proven bound \(bound)\(trivial)")
        }
        return (de ? "zulässig, nicht als optimal bewiesen; " : "feasible, not proven optimal; ") + parts.joined(separator: "; ")
    }

    /// A stage's value and bound as the summary prints the quantity: the share rounded down
    /// (value) and up to 0.1 % (bound), the own money in cents, device-years and changes as
    /// whole numbers.
    static func stageFigure(_ st: YearsFigures.StageFigure, _ n: NumberStyle) -> (value: String, bound: String) {
        func whole(_ d: Double) -> String { d.isFinite ? n.int(Int(d.rounded())) : "–" }
        switch st.quantity {
        case .share:
            return (n.share(st.share.map { Share($0) }), n.number(st.bound * 100, digits: 1) + n.space + "%")
        case .deviceYears, .changes: return (whole(st.value), whole(st.bound))
        case .money:
            return (n.money(Money(cents: Int((st.value * 100).rounded()))), n.money(Money(cents: Int((st.bound * 100).rounded()))))
        case nil:
            func grouped(_ d: Double) -> String { d.isFinite ? n.number(d, digits: abs(d - d.rounded()) < 1e-9 ? 0 : 2) : "–" }
            return (grouped(st.value), grouped(st.bound))
        }
    }

    static func stageName(_ name: String, _ l: ReportLanguage) -> String {
        guard l == .de else { return name }
        switch name {
        case "smallest coverage": return "kleinste Bedarfsdeckung"
        case "need-weighted device-years": return "bedarfsgewichtete Gerätejahre"
        case "own money": return "Eigenmittel"
        case "changes": return "Änderungen"
        default: return name
        }
    }

    static func share(_ r: Ratio?, _ n: NumberStyle) -> String { n.share(r.map { Share($0) }) }

    // MARK: Terminal

    public static func text(_ f: YearsFigures, language l: ReportLanguage) -> String {
        let de = l == .de, n = NumberStyle(l)
        let span = "\(f.years.lowerBound)–\(f.years.upperBound)"
        var out = (de ? "Mehrjahresplan \(span): " : "Multi-year plan \(span): ") + f.name + "\n"
        out += (de ? "Status: " : "Status: ") + status(f, l) + "\n"
        out += (de ? "Kleinste Bedarfsdeckung über alle Jahre: " : "Smallest coverage over all years: ") + share(f.smallestCoverage, n) + "\n"
        out += (de ? "Eigenmittel gesamt: " : "Own money in all: ") + n.money(f.ownMoney)
            + (de ? " · Änderungen (gekauft + ausgeschieden): " : " · changes (bought + retired): ") + n.int(f.changes) + "\n\n"

        out += (de ? "Geld je Topf und Jahr\n" : "Money per pool and year\n")
        let moneyHead = de ? ["Jahr", "Topf", "verfügbar", "ausgegeben", "davon Betrieb", "übertragen", "verfallen"]
                           : ["Year", "Pool", "available", "spent", "of it operating", "carried", "lapsed"]
        var table: [[String]] = [moneyHead]
        for p in f.ledger {
            table.append(["\(p.year)", f.poolNames[p.pool] ?? p.pool, n.money(available(p)), n.money(poolYearSpent(p)),
                          n.money(p.operating), n.money(p.carriedOut), n.money(p.lapsed)])
        }
        out += columns(table, rightFrom: 2) + "\n"

        out += (de ? "Geräte je Art und Jahr\n" : "Devices per kind and year\n")
        table = [de ? ["Jahr", "Art", "Bedarf", "gekauft", "ausgeschieden", "im Einsatz"]
                    : ["Year", "Kind", "need", "bought", "retired", "in service"]]
        for k in f.kindYears {
            table.append(["\(k.year)", f.kindLabels[k.kind] ?? k.kind, n.int(k.need), n.int(k.bought), n.int(k.retired), n.int(k.inService)])
        }
        out += columns(table, rightFrom: 2) + "\n"

        out += (de ? "Je Jahr\n" : "Per year\n")
        table = [de ? ["Jahr", "kleinste Deckung", "Investition", "Betriebskosten"]
                    : ["Year", "smallest coverage", "investment", "operating cost"]]
        for y in f.perYear {
            table.append(["\(y.year)", share(y.smallestCoverage, n), n.money(y.investment), n.money(y.operating)])
        }
        out += columns(table, rightFrom: 1)
        return out
    }

    /// Left-aligned text columns, numbers right-aligned from column `rightFrom` on.
    static func columns(_ rows: [[String]], rightFrom: Int) -> String {
        guard let width = rows.first?.count else { return "" }
        let widths = (0..<width).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c >= rightFrom ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    public static func json(_ f: YearsFigures, audit: AuditRecord? = nil) -> String {
        func ratio(_ r: Ratio?) -> JSONValue { r.map { JSONValue.share(Share($0)) } ?? .null }
        var fields: [(String, JSONValue)] = [
            ("scenario", .string(f.name)),
            ("firstYear", .int(f.years.lowerBound)), ("lastYear", .int(f.years.upperBound)),
            ("status", .string(f.isOptimal ? "optimal" : "feasible")),
            ("smallestCoverage", ratio(f.smallestCoverage)),
            ("ownMoney", .money(f.ownMoney)), ("changes", .int(f.changes)), ("coveredDeviceYears", .int(f.coveredDeviceYears)),
            ("pools", .array(f.ledger.map { p in
                .object([("pool", .string(p.pool)), ("name", .string(f.poolNames[p.pool] ?? p.pool)), ("year", .int(p.year)),
                         ("granted", .money(p.granted)), ("carriedIn", .money(p.carriedIn)), ("income", .money(p.income)), ("available", .money(available(p))),
                         ("investment", .money(p.investment)), ("operating", .money(p.operating)), ("spent", .money(poolYearSpent(p))),
                         ("carriedOut", .money(p.carriedOut)), ("lapsed", .money(p.lapsed))])
            })),
            ("deviceKinds", .array(f.kindYears.map { k in
                .object([("kind", .string(k.kind)), ("year", .int(k.year)), ("need", .int(k.need)), ("bought", .int(k.bought)),
                         ("retired", .int(k.retired)), ("inService", .int(k.inService))])
            })),
            ("years", .array(f.perYear.map { y in
                .object([("year", .int(y.year)), ("smallestCoverage", ratio(y.smallestCoverage)),
                         ("investment", .money(y.investment)), ("operating", .money(y.operating))])
            })),
            ("schools", .array(f.rows.map { r in
                .object([("schulnummer", .string(r.school)), ("kind", .string(r.kind)), ("year", .int(r.year)), ("need", .int(r.need)),
                         ("bought", .int(r.bought)), ("retired", .int(r.retired)), ("inService", .int(r.inService)),
                         ("coverage", ratio(r.coverage))])
            })),
            // Each stage's verified figure and proven bound in the stage's quantity (share 0…1,
            // device-years, euros, changes): the same values as the figures above.
            ("solver", .object([("stages", .array(f.stageFigures.map { st in
                .object([("name", .string(st.name)), ("status", .string(st.status.rawValue)),
                         ("quantity", st.quantity.map { .string($0.rawValue) } ?? .null),
                         ("objective", stageJSON(st, st.value)), ("bestBound", stageJSON(st, st.bound)),
                         ("trivialBound", .bool(st.isTrivial))])
            }))])),
        ]
        if let audit { fields.append(("audit", audit.json)) }
        return JSONValue.object(fields).render() + "\n"
    }

    /// A stage figure in JSON as the plan's figure of that quantity is written: the share as its
    /// exact ratio, money with its two decimals, counts as integers.
    static func stageJSON(_ st: YearsFigures.StageFigure, _ d: Double) -> JSONValue {
        guard d.isFinite else { return .null }
        switch st.quantity {
        case .share: return d == st.value ? .share(st.share.map { Share($0) }) : .double(d, 3)
        case .money: return .money(Money(cents: Int((d * 100).rounded())))
        case .deviceYears, .changes: return .int(Int(d.rounded()))
        case nil: return .double(d)
        }
    }

    // MARK: CSV

    /// `years.csv`: one row per school × kind × year.
    public static func csv(_ f: YearsFigures, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .en) -> String {
        let de = language == .de
        let head = de ? ["Schulnummer", "Schule", "Geräteart", "Jahr", "Bedarf", "gekauft", "ausgeschieden", "im Einsatz", "Deckung"]
                      : ["schulnummer", "name", "kind", "year", "need", "bought", "retired", "inService", "coverage"]
        var rows: [[CSVDialect.Cell]] = [head.map { .text($0) }]
        for r in f.rows {
            rows.append([.text(r.school), .text(f.schoolNames[r.school] ?? ""), .text(r.kind), .number("\(r.year)"), .number("\(r.need)"),
                         .number("\(r.bought)"), .number("\(r.retired)"), .number("\(r.inService)"),
                         .number(r.coverage.map { Share($0).exactText } ?? "")])
        }
        return dialect.render(rows)
    }

    /// `years-pools.csv`: one row per pool and year (the money a council's budget plan needs).
    public static func poolsCSV(_ f: YearsFigures, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .en) -> String {
        let de = language == .de
        let head = de ? ["Topf", "Name", "Jahr", "bewilligt", "Übertrag aus Vorjahr", "verfügbar", "Investition", "Betrieb", "ausgegeben", "übertragen", "verfallen"]
                      : ["pool", "name", "year", "granted", "carriedIn", "available", "investment", "operating", "spent", "carriedOut", "lapsed"]
        var rows: [[CSVDialect.Cell]] = [head.map { .text($0) }]
        for p in f.ledger {
            rows.append([.text(p.pool), .text(f.poolNames[p.pool] ?? p.pool), .number("\(p.year)"), .number(p.granted.plain),
                         .number(p.carriedIn.plain), .number(available(p).plain), .number(p.investment.plain), .number(p.operating.plain),
                         .number(poolYearSpent(p).plain), .number(p.carriedOut.plain), .number(p.lapsed.plain)])
        }
        return dialect.render(rows)
    }
}

extension YearsReport {
    /// `years.xlsx`: the sheet a council's budget plan needs ("Haushaltsjahre 2026–2030": money
    /// per pool and year, investment and operating cost apart), devices per kind and year, and
    /// one row per school × kind × year. The same figures as the text, JSON and CSV.
    public static func workbook(_ f: YearsFigures, language l: ReportLanguage = .de, date: Date) throws -> Data {
        let de = l == .de, span = "\(f.years.lowerBound)–\(f.years.upperBound)"
        var book = Workbook(date: date)
        book.add(de ? "Haushaltsjahre \(span)" : "Budget years \(span)",
                 header: de ? ["Jahr", "Topf", "bewilligt", "Übertrag aus Vorjahr", "verfügbar", "Investition", "Betrieb", "ausgegeben", "übertragen", "verfallen"]
                            : ["Year", "Pool", "granted", "carried in", "available", "investment", "operating", "spent", "carried out", "lapsed"],
                 widths: [8, 30, 16, 16, 16, 16, 16, 16, 16, 16],
                 rows: f.ledger.map { p in
                     [.int(p.year), .text(f.poolNames[p.pool] ?? p.pool), .euros(p.granted), .euros(p.carriedIn), .euros(available(p)),
                      .euros(p.investment), .euros(p.operating), .euros(poolYearSpent(p)), .euros(p.carriedOut), .euros(p.lapsed)]
                 } + f.perYear.map { y in
                     [.int(y.year), .text(de ? "alle Töpfe" : "all pools"), .empty, .empty, .empty, .euros(y.investment), .euros(y.operating),
                      .euros(y.investment + y.operating), .empty, .empty]
                 })
        book.add(de ? "Geräte je Jahr" : "Devices per year",
                 header: de ? ["Jahr", "Geräteart", "Bedarf", "gekauft", "ausgeschieden", "im Einsatz"]
                            : ["Year", "Device kind", "need", "bought", "retired", "in service"],
                 widths: [8, 30, 12, 12, 14, 12],
                 rows: f.kindYears.map { k in
                     [.int(k.year), .text(f.kindLabels[k.kind] ?? k.kind), .int(k.need), .int(k.bought), .int(k.retired), .int(k.inService)]
                 } + f.perYear.map { y in
                     [.int(y.year), .text(de ? "kleinste Deckung" : "smallest coverage"), .share(y.smallestCoverage.map { Share($0) }), .empty, .empty, .empty]
                 })
        book.add(de ? "Schulen je Jahr" : "Schools per year",
                 header: de ? ["Schulnummer", "Schule", "Geräteart", "Jahr", "Bedarf", "gekauft", "ausgeschieden", "im Einsatz", "Deckung"]
                            : ["School number", "School", "Device kind", "Year", "need", "bought", "retired", "in service", "coverage"],
                 widths: [12, 40, 20, 8, 10, 10, 14, 12, 10],
                 rows: f.rows.map { r in
                     [.text(r.school), .text(f.schoolNames[r.school] ?? ""), .text(f.kindLabels[r.kind] ?? r.kind), .int(r.year), .int(r.need),
                      .int(r.bought), .int(r.retired), .int(r.inService), .share(r.coverage.map { Share($0) })]
                 })
        return try book.data()
    }
}

extension YearsReport {
    /// The multi-year plan as a section of a council report (HTML, de-DE numbers with no-break
    /// spaces): the status, the money per pool and year, devices in service against need per
    /// year (an inline SVG bar chart), and devices per kind and year. The same figures as the
    /// text, JSON and CSV.
    public static func htmlSection(_ f: YearsFigures, language l: ReportLanguage = .de) -> String {
        let de = l == .de, n = NumberStyle(l, nonBreaking: true), e = Markup.escape
        let span = "\(f.years.lowerBound)–\(f.years.upperBound)"
        func table(_ head: [String], _ rows: [[String]], rightFrom: Int) -> String {
            "<table>\n<thead><tr>" + head.enumerated().map { "<th\($0.offset >= rightFrom ? " class=\"num\"" : "")>\(e($0.element))</th>" }.joined()
                + "</tr></thead>\n<tbody>\n" + rows.map { row in
                    "<tr>" + row.enumerated().map { "<td\($0.offset >= rightFrom ? " class=\"num\"" : "")>\(e($0.element))</td>" }.joined() + "</tr>"
                }.joined(separator: "\n") + "\n</tbody></table>\n"
        }
        var out = "<section class=\"years\">\n<h2>\(e(de ? "Haushaltsjahre \(span)" : "Budget years \(span)"))</h2>\n"
        out += "<p>\(e((de ? "Status: " : "Status: ") + status(f, l)))</p>\n"
        out += "<p>\(e((de ? "Kleinste Bedarfsdeckung über alle Jahre: " : "Smallest coverage over all years: ") + share(f.smallestCoverage, n)))</p>\n"
        out += "<h3>\(e(de ? "Geld je Topf und Jahr" : "Money per pool and year"))</h3>\n"
        out += table(de ? ["Jahr", "Topf", "verfügbar", "Investition", "Betrieb", "übertragen", "verfallen"]
                        : ["Year", "Pool", "available", "investment", "operating", "carried", "lapsed"],
                     f.ledger.map { p in ["\(p.year)", f.poolNames[p.pool] ?? p.pool, n.money(available(p)), n.money(p.investment),
                                          n.money(p.operating), n.money(p.carriedOut), n.money(p.lapsed)] }, rightFrom: 2)
        out += "<h3>\(e(de ? "Geräte im Einsatz und Bedarf je Jahr" : "Devices in service and need per year"))</h3>\n"
        out += chart(f, l)
        out += table(de ? ["Jahr", "Geräteart", "Bedarf", "gekauft", "ausgeschieden", "im Einsatz"]
                        : ["Year", "Device kind", "need", "bought", "retired", "in service"],
                     f.kindYears.map { k in ["\(k.year)", f.kindLabels[k.kind] ?? k.kind, n.int(k.need), n.int(k.bought), n.int(k.retired), n.int(k.inService)] },
                     rightFrom: 2)
        out += table(de ? ["Jahr", "kleinste Deckung", "Investition", "Betriebskosten"] : ["Year", "smallest coverage", "investment", "operating cost"],
                     f.perYear.map { y in ["\(y.year)", share(y.smallestCoverage, n), n.money(y.investment), n.money(y.operating)] }, rightFrom: 1)
        return out + "</section>\n"
    }

    /// Devices in service (bar) against need (line mark) per year, all kinds together.
    static func chart(_ f: YearsFigures, _ l: ReportLanguage) -> String {
        let n = NumberStyle(l, nonBreaking: true)
        let years = Array(f.years)
        let service = years.map { y in f.kindYears.filter { $0.year == y }.reduce(0) { $0 + $1.inService } }
        let need = years.map { y in f.kindYears.filter { $0.year == y }.reduce(0) { $0 + $1.need } }
        let top = max(1, (service + need).max() ?? 1)
        let width = 80 * years.count + 40, height = 200.0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"240\" role=\"img\">\n"
        for (i, y) in years.enumerated() {
            let x = 40 + i * 80
            let h = height * Double(service[i]) / Double(top), nh = height * Double(need[i]) / Double(top)
            svg += "<rect x=\"\(x)\" y=\(String(format: "\"%.1f\"", 210 - h)) width=\"50\" height=\(String(format: "\"%.1f\"", h)) fill=\"#4a7ab5\"><title>\(y): \(Markup.escape(n.int(service[i])))</title></rect>\n"
            svg += "<line x1=\"\(x - 5)\" x2=\"\(x + 55)\" y1=\(String(format: "\"%.1f\"", 210 - nh)) y2=\(String(format: "\"%.1f\"", 210 - nh)) stroke=\"#c0392b\" stroke-width=\"2\"><title>\(Markup.escape(n.int(need[i])))</title></line>\n"
            svg += "<text x=\"\(x + 25)\" y=\"228\" text-anchor=\"middle\" font-size=\"12\">\(y)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// `years.html`: the section as a page of its own.
    public static func html(_ f: YearsFigures, language l: ReportLanguage = .de) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(l.rawValue)">
        <head><meta charset="utf-8"><title>\(Markup.escape(f.name))</title>
        <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}table{border-collapse:collapse;margin:1rem 0}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}.num{text-align:right}</style>
        </head>
        <body>
        <h1>\(Markup.escape(f.name))</h1>
        \(htmlSection(f, language: l))</body>
        </html>

        """
    }
}
