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
        /// Income from devices that leave service this year (residual value), received by the
        /// first own pool: the sum of the pool-years' `income` (positive, as received).
        public var residualIncome: Money = .zero
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
    /// Coverage per school form and per district, kind and year (`YearsFigures.GroupYear`).
    public var groups: [GroupYear]
    /// The scenario gives a device kind a residual value: every money table then shows the
    /// residual income as a column of its own (`YearsReport`, docs/MULTIYEAR.md).
    public var hasResidualValue = false

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
                 smallestCoverage: rows.filter { $0.year == first + i }.compactMap(\.coverage).min(),
                 residualIncome: outcome.check.ledger.filter { $0.year == first + i }.reduce(Money.zero) { $0 + $1.income })
        }
        hasResidualValue = s.hasResidualValue
        groups = Self.groups(rows, schools: years.schools, kinds: s.kinds.map(\.id), scenario: years.loaded.scenario)
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

    /// The status in words: "optimal" only when every stage is proven optimal; else each stage
    /// not proven, its verified figure and the proven bound.
    public static func status(_ f: YearsFigures, _ l: ReportLanguage) -> String { status(stages: f.stageFigures, l) }

    /// The status of these stages (each with its verified figure and bound).
    public static func status(stages: [YearsFigures.StageFigure], _ l: ReportLanguage) -> String {
        let de = l == .de, n = NumberStyle(l)
        if !stages.isEmpty && stages.allSatisfy({ $0.status == .optimal }) {
            return de ? "optimal (alle \(stages.count) Stufen bewiesen)" : "optimal (all \(stages.count) stages proven)"
        }
        // The unproven stages grouped by why (TerminationStatus.ofStage): a limit stopped them,
        // or GLPK's integer search did not run (their bounds are LP relaxations').
        var groups: [(status: TerminationStatus, parts: [String])] = []
        for st in stages where st.status != .optimal {
            let (found, bound) = stageFigure(st, n)
            let trivial = st.isTrivial ? (de ? " (trivial: keine bessere Schranke bewiesen)" : " (trivial: no better bound proven)") : ""
            let part = de ? "Stufe „\(stageName(st.name, l))“: \(found), bewiesene Schranke \(bound)\(trivial)"
                          : "stage '\(stageName(st.name, l))': \(found), proven bound \(bound)\(trivial)"
            if let g = groups.firstIndex(where: { $0.status == st.status }) { groups[g].parts.append(part) } else { groups.append((st.status, [part])) }
        }
        let reasons = groups.map { g in unprovenReason(g.status, l) + ": " + g.parts.joined(separator: "; ") }
        return (de ? "zulässig, nicht als optimal bewiesen; " : "feasible, not proven optimal; ") + reasons.joined(separator: " · ")
    }

    /// Why stages with this status are not proven, in words.
    static func unprovenReason(_ status: TerminationStatus, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch status {
        case .feasible: return de ? "vom Zeitlimit angehalten" : "stopped at the time limit"
        case .notSearched:
            return de ? "nicht durchsucht (GLPKs ganzzahlige Suche lief nicht, Schranke aus LP-Relaxationen)"
                      : "not searched (GLPK's integer search did not run, bound from LP relaxations)"
        case .workLimit:
            return de ? "Suche an ihrer Arbeitsgrenze beendet (feste Knotenzahl, auf jedem Rechner gleich)"
                      : "search ended at its work limit (a fixed number of nodes, the same on every machine)"
        default: return Words(language: l).termination(status)
        }
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
        var moneyHead = de ? ["Jahr", "Topf", "verfügbar", "ausgegeben", "davon Betrieb", "übertragen", "verfallen"]
                           : ["Year", "Pool", "available", "spent", "of it operating", "carried", "lapsed"]
        let w = Words(language: l)
        if f.hasResidualValue { moneyHead.insert(w.ofItResidualIncome, at: 3) }
        var table: [[String]] = [moneyHead]
        for p in f.ledger {
            var row = ["\(p.year)", f.poolNames[p.pool] ?? p.pool, n.money(available(p)), n.money(poolYearSpent(p)),
                       n.money(p.operating), n.money(p.carriedOut), n.money(p.lapsed)]
            if f.hasResidualValue { row.insert(n.money(p.income), at: 3) }
            table.append(row)
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
                // The residual income only where the scenario has residual values (documents of
                // other scenarios stay byte for byte what the history recorded before).
                .object([("year", .int(y.year)), ("smallestCoverage", ratio(y.smallestCoverage)),
                         ("investment", .money(y.investment)), ("operating", .money(y.operating))]
                        + (f.hasResidualValue ? [("income", .money(y.residualIncome))] : []))
            })),
            ("groups", .array(f.groups.map { g in
                .object([("grouping", .string(g.grouping.rawValue)), ("group", .string(g.group)), ("kind", .string(g.kind)), ("year", .int(g.year)),
                         ("schools", .int(g.schools)), ("need", .int(g.need)), ("inService", .int(g.inService)), ("covered", .int(g.covered)),
                         ("coverage", ratio(g.coverage)), ("smallestCoverage", ratio(g.smallestCoverage))])
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
        var head = de ? ["Topf", "Name", "Jahr", "bewilligt", "Übertrag aus Vorjahr", "verfügbar", "Investition", "Betrieb", "ausgegeben", "übertragen", "verfallen"]
                      : ["pool", "name", "year", "granted", "carriedIn", "available", "investment", "operating", "spent", "carriedOut", "lapsed"]
        // granted + carried in + residual income = available, in this order.
        if f.hasResidualValue { head.insert(de ? Words(language: .de).residualIncome : "residualIncome", at: 5) }
        var rows: [[CSVDialect.Cell]] = [head.map { .text($0) }]
        for p in f.ledger {
            var row: [CSVDialect.Cell] = [.text(p.pool), .text(f.poolNames[p.pool] ?? p.pool), .number("\(p.year)"), .number(p.granted.plain),
                         .number(p.carriedIn.plain), .number(available(p).plain), .number(p.investment.plain), .number(p.operating.plain),
                         .number(poolYearSpent(p).plain), .number(p.carriedOut.plain), .number(p.lapsed.plain)]
            if f.hasResidualValue { row.insert(.number(p.income.plain), at: 5) }
            rows.append(row)
        }
        return dialect.render(rows)
    }
}

extension YearsReport {
    /// `years.xlsx`: the sheet a council's budget plan needs ("Haushaltsjahre 2026–2030"),
    /// coverage per school form and district and year, and one row per school × kind × year.
    /// The same figures as the text, JSON and CSV.
    public static func workbook(_ f: YearsFigures, language l: ReportLanguage = .de, date: Date) throws -> Data {
        let w = Words(language: l)
        var book = Workbook(date: date)
        book.sheets = sheets(f, language: l)
        book.add(w.sheetYearsSchools,
                 header: [w.number, w.school, w.deviceKind, w.year, w.needed, w.bought, w.retired, w.inService, w.yearCoverage],
                 widths: [12, 40, 20, 8, 10, 10, 14, 12, 10],
                 rows: f.rows.map { r in
                     [.text(r.school), .text(f.schoolNames[r.school] ?? ""), .text(f.kindLabels[r.kind] ?? r.kind), .int(r.year), .int(r.need),
                      .int(r.bought), .int(r.retired), .int(r.inService), .share(r.coverage.map { Share($0) })]
                 })
        return try book.data()
    }

    /// The sheets of the multi-year plan in a workbook (`years.xlsx`, and `report.xlsx` with
    /// `allocate report --years`): "Haushaltsjahre 2026–2030" — per pool and year granted,
    /// carried in, available, investment, operating cost, spent, carried out, lapsed, and the
    /// sums of all pools per year; devices needed, bought, retired and in service per kind and
    /// year; the smallest coverage per year — then the coverage per school form and district.
    public static func sheets(_ f: YearsFigures, language l: ReportLanguage = .de) -> [Workbook.Sheet] {
        let w = Words(language: l)
        // With residual values: the residual income after "carried in" (granted + carried in +
        // residual income = available).
        func withIncome(_ row: [Workbook.Cell], _ income: Money) -> [Workbook.Cell] {
            guard f.hasResidualValue else { return row }
            var r = row
            r.insert(.euros(income), at: 4)
            return r
        }
        var rows: [[Workbook.Cell]] = f.ledger.map { p in
            withIncome([.int(p.year), .text(f.poolNames[p.pool] ?? p.pool), .euros(p.granted), .euros(p.carriedIn), .euros(available(p)),
                        .euros(p.investment), .euros(p.operating), .euros(poolYearSpent(p)), .euros(p.carriedOut), .euros(p.lapsed)], p.income)
        }
        for y in f.perYear {
            let these = f.ledger(year: y.year)
            func sum(_ m: (ReplacementVerifier.PoolYear) -> Money) -> Workbook.Cell { .euros(these.reduce(Money.zero) { $0 + m($1) }) }
            rows.append(withIncome([.int(y.year), .text(w.allPools), sum(\.granted), sum(\.carriedIn), sum(available), .euros(y.investment),
                                    .euros(y.operating), .euros(y.investment + y.operating), sum(\.carriedOut), sum(\.lapsed)], y.residualIncome))
        }
        var headings: Set<Int> = []
        rows.append([])
        headings.insert(rows.count)
        rows.append([w.year, w.deviceKind, w.needed, w.bought, w.retired, w.inService].map { .text($0) })
        rows += f.kindYears.map { k in
            [.int(k.year), .text(f.kindLabels[k.kind] ?? k.kind), .int(k.need), .int(k.bought), .int(k.retired), .int(k.inService)]
        }
        rows.append([])
        headings.insert(rows.count)
        rows.append([w.year, w.smallestCoverage].map { .text($0) })
        rows += f.perYear.map { y in [.int(y.year), .share(y.smallestCoverage.map { Share($0) })] }
        var header = [w.year, w.poolOfYears, w.granted, w.carriedIn, w.available, w.investment, w.operatingCost, w.spent, w.carriedOut, w.lapsed]
        var widths: [Double] = [8, 30, 16, 18, 16, 16, 16, 16, 16, 16]
        if f.hasResidualValue { header.insert(w.residualIncome, at: 4); widths.insert(16, at: 4) }
        let budget = Workbook.Sheet(name: w.yearsTitle(f.years), header: header, widths: widths, rows: rows, headings: headings)
        let coverage = Workbook.Sheet(name: w.sheetYearsCoverage,
                                      header: [w.groupingColumn, w.groupColumn, w.deviceKind, w.year, w.schools, w.needed, w.inService,
                                               w.coveredNeed, w.yearCoverage, w.smallestCoverage],
                                      widths: [14, 30, 20, 8, 9, 10, 12, 16, 12, 16],
                                      rows: f.groups.map { g in
                                          [.text(w.grouping(g.grouping)), .text(w.groupName(g)), .text(f.kindLabels[g.kind] ?? g.kind),
                                           .int(g.year), .int(g.schools), .int(g.need), .int(g.inService), .int(g.covered),
                                           .share(g.coverage.map { Share($0) }), .share(g.smallestCoverage.map { Share($0) })]
                                      })
        return [budget, coverage]
    }

    /// `years-groups.csv`: coverage per school form and per district, kind and year.
    public static func groupsCSV(_ f: YearsFigures, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .en) -> String {
        let de = language == .de, w = Words(language: language)
        let head = de ? ["Gliederung", "Gruppe", "Geräteart", "Jahr", "Schulen", "Bedarf", "im Einsatz", "gedeckter Bedarf", "Deckung", "kleinste Deckung"]
                      : ["grouping", "group", "kind", "year", "schools", "need", "inService", "covered", "coverage", "smallestCoverage"]
        var rows: [[CSVDialect.Cell]] = [head.map { .text($0) }]
        for g in f.groups {
            rows.append([.text(de ? w.grouping(g.grouping) : g.grouping.rawValue), .text(g.group), .text(g.kind), .number("\(g.year)"),
                         .number("\(g.schools)"), .number("\(g.need)"), .number("\(g.inService)"), .number("\(g.covered)"),
                         .number(g.coverage.map { Share($0).exactText } ?? ""), .number(g.smallestCoverage.map { Share($0).exactText } ?? "")])
        }
        return dialect.render(rows)
    }

    /// The plan files of a multi-year plan, as `allocate years --out` and `allocate report
    /// --years` write them: years.json, years.csv, years-pools.csv, years-groups.csv.
    public static func planFiles(_ f: YearsFigures, json document: String, dialect: CSVDialect, language: ReportLanguage) -> [(name: String, text: String)] {
        [("years.csv", csv(f, dialect: dialect, language: language)), ("years-pools.csv", poolsCSV(f, dialect: dialect, language: language)),
         ("years-groups.csv", groupsCSV(f, dialect: dialect, language: language)), ("years.json", document)]
    }
}

extension YearsReport {
    /// The multi-year plan as a section of a council report (HTML, de-DE numbers with no-break
    /// spaces): the status; the money per pool and year (stacked chart, table) and per year,
    /// investment and operating cost apart; devices in service against need per kind and year
    /// (chart, table); coverage per school form and per district and year. The same figures as
    /// the text, JSON, CSV and workbook (`allocate years --out`, `allocate report --years`).
    public static func htmlSection(_ f: YearsFigures, language l: ReportLanguage = .de) -> String {
        let w = Words(language: l), n = NumberStyle(l, nonBreaking: true), e = Markup.escape
        func table(_ head: [String], _ rows: [[String]], rightFrom: Int) -> String {
            "<table>\n<thead><tr>" + head.enumerated().map { "<th\($0.offset >= rightFrom ? " class=\"num\"" : "")>\(e($0.element))</th>" }.joined()
                + "</tr></thead>\n<tbody>\n" + rows.map { row in
                    "<tr>" + row.enumerated().map { "<td\($0.offset >= rightFrom ? " class=\"num\"" : "")>\(e($0.element))</td>" }.joined() + "</tr>"
                }.joined(separator: "\n") + "\n</tbody></table>\n"
        }
        var out = "<section class=\"years\">\n<h2>\(e(w.yearsTitle(f.years)))</h2>\n"
        out += "<p>\(e((l == .de ? "Status: " : "Status: ") + status(f, l)))</p>\n"
        out += "<p>\(e((l == .de ? "Kleinste Bedarfsdeckung über alle Jahre: " : "Smallest coverage over all years: ") + share(f.smallestCoverage, n)))</p>\n"
        // Each heading stays on the page of its chart (the div is not broken across pages).
        out += "<div class=\"figure\"><h3>\(e(l == .de ? "Geld je Topf und Jahr" : "Money per pool and year"))</h3>\n"
        out += "<p class=\"figtitle\">\(e(w.yearsMoneyChart))</p>\n" + YearsCharts.money(f, w)
            + "<p class=\"note\">\(e(w.yearsMoneyNote))</p></div>\n"
        var moneyHead = [w.year, w.poolOfYears, w.available, w.investment, w.operatingCost, w.carriedOut, w.lapsed]
        if f.hasResidualValue { moneyHead.insert(w.ofItResidualIncome, at: 3) }
        out += table(moneyHead, f.ledger.map { p in
            var row = ["\(p.year)", f.poolNames[p.pool] ?? p.pool, n.money(available(p)), n.money(p.investment),
                       n.money(p.operating), n.money(p.carriedOut), n.money(p.lapsed)]
            if f.hasResidualValue { row.insert(n.money(p.income), at: 3) }
            return row
        }, rightFrom: 2)
        out += table([w.year, w.smallestCoverage, w.investment, w.operatingCost],
                     f.perYear.map { y in ["\(y.year)", share(y.smallestCoverage, n), n.money(y.investment), n.money(y.operating)] }, rightFrom: 1)
        out += "<div class=\"figure\"><h3>\(e(l == .de ? "Geräte im Einsatz und Bedarf je Jahr" : "Devices in service and need per year"))</h3>\n"
        out += YearsCharts.devices(f, w) + "</div>\n"
        out += table([w.year, w.deviceKind, w.needed, w.bought, w.retired, w.inService],
                     f.kindYears.map { k in ["\(k.year)", f.kindLabels[k.kind] ?? k.kind, n.int(k.need), n.int(k.bought), n.int(k.retired), n.int(k.inService)] },
                     rightFrom: 2)
        for grouping in YearsFigures.GroupYear.Grouping.allCases {
            out += "<h3>\(e(w.groupTitle(grouping)))</h3>\n" + groupTable(f, grouping, w, n)
        }
        out += "<p class=\"note\">\(e(w.groupCoverageNote))</p>\n"
        return out + "</section>\n"
    }

    /// Coverage of one grouping: a row per group and kind, a column per year; each cell the
    /// group's coverage and, beneath, its smallest school coverage.
    static func groupTable(_ f: YearsFigures, _ grouping: YearsFigures.GroupYear.Grouping, _ w: Words, _ n: NumberStyle) -> String {
        let e = Markup.escape, years = Array(f.years), rows = f.groups(grouping)
        var h = "<table class=\"years-groups\">\n<thead><tr><th>\(e(w.grouping(grouping)))</th><th>\(e(w.deviceKind))</th>"
            + years.map { "<th class=\"num\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        var seen = Set<String>()
        for r in rows where seen.insert("\(r.group)|\(r.kind)").inserted {
            let these = rows.filter { $0.group == r.group && $0.kind == r.kind }
            h += "<tr><td>\(e(w.groupName(r)))</td><td>\(e(f.kindLabels[r.kind] ?? r.kind))</td>"
            for y in years {
                guard let g = these.first(where: { $0.year == y }), g.need > 0 else { h += "<td class=\"num\">–</td>"; continue }
                h += "<td class=\"num\">\(e(share(g.coverage, n)))<br><span class=\"min\">\(e(w.smallestShort + " " + share(g.smallestCoverage, n)))</span></td>"
            }
            h += "</tr>\n"
        }
        return h + "</tbody></table>\n"
    }

    /// The section's styles where the page does not have them (`years.html`; the council
    /// report's `HTMLReport.css` includes them).
    static let css = """
    section.years td.num, section.years th.num { text-align: right; white-space: nowrap; }
    section.years .min { font-size: 85%; color: #555; }
    section.years .figure { break-inside: avoid; page-break-inside: avoid; }
    section.years .figtitle { font-weight: bold; margin: 2mm 0 0; }
    section.years h3 { break-after: avoid; page-break-after: avoid; }
    svg.chart { width: 100%; height: auto; font-size: 11px; margin: 1mm 0 3mm; }
    svg .small { font-size: 10px; fill: #333; }
    svg .panel { font-size: 12px; font-weight: bold; }
    """

    /// `years.html`: the section as a page of its own.
    public static func html(_ f: YearsFigures, language l: ReportLanguage = .de) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(l.rawValue)">
        <head><meta charset="utf-8"><title>\(Markup.escape(f.name))</title>
        <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}table{border-collapse:collapse;margin:1rem 0}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}.num{text-align:right}\n\(css)</style>
        </head>
        <body>
        <h1>\(Markup.escape(f.name))</h1>
        \(htmlSection(f, language: l))</body>
        </html>

        """
    }
}
