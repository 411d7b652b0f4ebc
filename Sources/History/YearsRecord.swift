import Foundation
import Allocation
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles
import _SHA256

/// A multi-year plan (`allocate years`) as the history keeps it (issue 20): beside the years
/// document (`years.json` as `allocate years --json` prints it, in the plan's `planJSON`) the
/// plan itself — devices in service per cohort and year, spending per pool, year and cost
/// kind, and the solver's stages — so that `history export` makes the years files again from
/// the stored plan without solving (`Replay.regenerateYears`).
public struct YearsPlanDocument: Codable, Sendable, Equatable {
    public struct Cohort: Codable, Sendable, Equatable {
        public var school: String
        public var kind: String
        public var purchaseYear: Int
        public var inService: [Int]
    }
    public struct Spending: Codable, Sendable, Equatable {
        public var pool: String
        public var year: Int
        public var cost: String
        public var cents: Int
    }

    /// The document's format (a later one gets a new name).
    public var format: String
    public var cohorts: [Cohort]
    public var spending: [Spending]
    public var stages: [Lexicographic.Stage]

    public static let currentFormat = "allocate-years-plan/1"

    public init(_ outcome: ReplacementPlanner.Outcome) {
        format = Self.currentFormat
        cohorts = outcome.plan.cohorts.map { Cohort(school: $0.school, kind: $0.kind, purchaseYear: $0.purchaseYear, inService: $0.inService) }
        spending = outcome.plan.spending.map { Spending(pool: $0.pool, year: $0.year, cost: $0.cost.rawValue, cents: $0.amount.cents) }
        stages = outcome.stages
    }

    /// The plan as `ReplacementVerifier` checks it; nil when a cost kind is unknown.
    public var plan: ReplacementPlan? {
        var out: [ReplacementPlan.Spending] = []
        for s in spending {
            guard let cost = ReplacementScenario.CostKind(rawValue: s.cost) else { return nil }
            out.append(.init(pool: s.pool, year: s.year, cost: cost, amount: Money(cents: s.cents)))
        }
        return ReplacementPlan(cohorts: cohorts.map { .init(school: $0.school, kind: $0.kind, purchaseYear: $0.purchaseYear, inService: $0.inService) },
                               spending: out)
    }

    /// JSON with sorted keys; a bound that is not finite as "inf"/"-inf"/"nan". Doubles are
    /// written as the shortest text that reads back to the same double.
    public func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    public init(data: Data) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        self = try decoder.decode(Self.self, from: data)
    }
}

extension HeadlineFigure {
    /// The headline figures of a multi-year plan: per pool and year granted, spent and left
    /// (available − spent: carried out or lapsed; available = granted + carried in + residual
    /// income), per pool over all years the same; per device kind and year devices in service,
    /// need and coverage (in service up to need / need); where the scenario has residual values
    /// the residual income per year and over all years; the totals (spent, own money, changes,
    /// smallest coverage). Keys: `pool.<id>.<year>.spent`, `pool.<id>.spent`,
    /// `kind.<id>.<year>.inService`, `year.<year>.residualIncome`, `total.spent`, …; labels in German.
    public static func ofYears(_ f: YearsFigures) -> [HeadlineFigure] {
        typealias W = HistoryFigureWords   // the labels' words (Sources/Reports/HistoryFigureWords.swift)
        var out: [HeadlineFigure] = []
        var poolOrder: [String] = []
        var totals: [String: (granted: Money, spent: Money, income: Money)] = [:]
        for p in f.ledger {
            let name = f.poolNames[p.pool] ?? p.pool
            let spent = p.investment + p.operating, left = p.granted + p.carriedIn + p.income - spent
            out.append(.init(key: "pool.\(p.pool).\(p.year).granted", label: W.label(.granted, owner: "\(name) \(p.year)", .de), value: .money(p.granted)))
            out.append(.init(key: "pool.\(p.pool).\(p.year).spent", label: W.label(.spent, owner: "\(name) \(p.year)", .de), value: .money(spent)))
            out.append(.init(key: "pool.\(p.pool).\(p.year).left", label: W.label(.left, owner: "\(name) \(p.year)", .de), value: .money(left)))
            if totals[p.pool] == nil { poolOrder.append(p.pool); totals[p.pool] = (.zero, .zero, .zero) }
            totals[p.pool]!.granted = totals[p.pool]!.granted + p.granted
            totals[p.pool]!.spent = totals[p.pool]!.spent + spent
            totals[p.pool]!.income = totals[p.pool]!.income + p.income
        }
        for pool in poolOrder {
            let t = totals[pool]!, name = f.poolNames[pool] ?? pool
            out.append(.init(key: "pool.\(pool).granted", label: W.label(.granted, owner: name, .de), value: .money(t.granted)))
            out.append(.init(key: "pool.\(pool).spent", label: W.label(.spent, owner: name, .de), value: .money(t.spent)))
            out.append(.init(key: "pool.\(pool).left", label: W.label(.left, owner: name, .de), value: .money(t.granted + t.income - t.spent)))
        }
        for k in f.kindYears {
            let name = f.kindLabels[k.kind] ?? k.kind
            out.append(.init(key: "kind.\(k.kind).\(k.year).inService", label: W.label(.inService, owner: "\(name) \(k.year)", .de), value: .count(k.inService)))
            out.append(.init(key: "kind.\(k.kind).\(k.year).need", label: W.label(.need, owner: "\(name) \(k.year)", .de), value: .count(k.need)))
            let covered = f.rows.filter { $0.kind == k.kind && $0.year == k.year }.reduce(0) { $0 + min($1.inService, $1.need) }
            out.append(.init(key: "kind.\(k.kind).\(k.year).share", label: W.label(.share, owner: "\(name) \(k.year)", .de),
                             value: Share(covered, of: k.need).map { .share($0) }))
        }
        if f.hasResidualValue {
            for y in f.perYear {
                out.append(.init(key: "year.\(y.year).residualIncome", label: W.label(.residualIncome, owner: "\(y.year)", .de), value: .money(y.residualIncome)))
            }
        }
        let spent = f.ledger.reduce(Money.zero) { $0 + $1.investment + $1.operating }
        out.append(.init(key: "total.spent", label: W.label(.totalSpent, .de), value: .money(spent)))
        out.append(.init(key: "total.ownMoney", label: W.label(.ownMoney, .de), value: .money(f.ownMoney)))
        if f.hasResidualValue {
            out.append(.init(key: "total.residualIncome", label: W.label(.totalResidualIncome, .de), value: .money(f.perYear.reduce(Money.zero) { $0 + $1.residualIncome })))
        }
        out.append(.init(key: "total.changes", label: W.label(.changes, .de), value: .count(f.changes)))
        out.append(.init(key: "total.smallestCoverage", label: W.label(.smallestCoverage, .de), value: .share(Share(f.smallestCoverage))))
        return out
    }

    /// The English label of a years figure, from its key and German label (whose part before
    /// ": " names the pool or kind and year); nil for a key that is not a years figure.
    public static func yearsEnglishLabel(key: String, german: String) -> String? {
        guard let part = HistoryFigureWords.part(key: key) else { return nil }
        let owner = german.components(separatedBy: ": ").dropLast().joined(separator: ": ")
        return HistoryFigureWords.label(part, owner: owner, .en)
    }
}

extension PlanRecord {
    /// The kind of plan a years run keeps (`StoredPlan.kind`).
    public static let yearsKind = "years"

    /// A multi-year plan with the years document the run printed or wrote (`document`:
    /// `YearsReport.json(figures)`), its headline figures and an audit record: tool and GLPK
    /// versions, the time, the solver options and each stage.
    public init(years: LoadedYears, outcome: ReplacementPlanner.Outcome, figures: YearsFigures, document: String, label: String,
                replay: ReplayOptions, glpkVersion: String, generatedAt: Date, reproducible: Bool) {
        self.label = label
        scenarioName = years.loaded.scenario.name
        self.replay = replay
        inputs = years.inputs.map { Input(file: $0, content: nil) }
        let time = AuditRecord.iso8601(generatedAt)
        let stages = figures.stageFigures
        status = figures.isOptimal ? "optimal" : "feasible"
        audit = [("audit", "toolVersion", ToolInfo.version), ("audit", "solverVersion", glpkVersion), ("audit", "generatedAt", time),
                 ("audit", "reproducible", reproducible ? "true" : "false"),
                 ("scenario", "years", "\(figures.years.lowerBound)–\(figures.years.upperBound)"),
                 ("solverOptions", "relativeGap", "\(replay.relativeGap)"), ("solverOptions", "timeLimitSeconds", "\(replay.timeLimitSeconds)"),
                 ("outcome", "status", status)]
            + zip(outcome.stages, stages).map { st, fig in
                ("outcome", "stage: \(st.name)", "\(st.status.rawValue), objective \(FixedPoint.text(fig.value, 6)), bound \(FixedPoint.text(fig.bound, 6))")
            }
        // The proven bound of the stage that stopped first, if any (else every stage is proven).
        objective = stages.last?.value
        bestBound = stages.first { $0.status != .optimal }?.bound
        gapDevices = nil
        self.glpkVersion = glpkVersion
        self.generatedAt = time
        self.figures = HeadlineFigure.ofYears(figures)
        planJSON = Data(document.utf8)
        kind = Self.yearsKind
        yearsPlan = try? YearsPlanDocument(outcome).data()
    }
}

extension StoredPlan {
    /// A multi-year plan (`allocate years`).
    public var isYears: Bool { kind == PlanRecord.yearsKind }

    /// The stored multi-year plan (nil: none kept).
    public func yearsPlanDocument() throws(HistoryError) -> YearsPlanDocument? {
        guard let packed = packedYearsPlan else { return nil }
        do { return try YearsPlanDocument(data: try Deflate.decompress(packed)) } catch {
            throw HistoryError(path: label, .unpack(.yearsPlan, .of(error)))
        }
    }
}

/// A recorded multi-year plan solved again from the kept inputs, set beside the stored one.
public struct YearsReproduction: Sendable {
    public var years: LoadedYears
    public var figures: YearsFigures
    /// The years document of the new solve.
    public var document: Data
    /// The stored document, byte for byte the same (it holds no time fields).
    public var identical: Bool
    public var changes: [(de: String, en: String)]
}

extension Replay {
    /// Loads a recorded multi-year plan's scenario (its `years` section) from the kept inputs,
    /// as `load` does for a plan.
    public static func loadYears(_ stored: StoredPlan, from store: HistoryStore) throws(HistoryError) -> LoadedYears {
        var years = try withKeptInputs(stored, from: store) { path throws -> (LoadedYears, [InputFile]) in
            let y = try ScenarioLoader.loadYears(path: path, overrides: stored.replay.overrides)
            return (y, y.loaded.inputs)
        }
        years.loaded.inputs = stored.inputs
        years.loaded.scenario.name = stored.scenarioName
        if stored.replay.relativeGap > 0 || stored.replay.timeLimitSeconds > 0 {
            years.loaded.scenario.solver.relativeGap = stored.replay.relativeGap
            years.loaded.scenario.solver.timeLimitSeconds = stored.replay.timeLimitSeconds
        }
        return years
    }

    /// Loads and solves (`solve`, which also names GLPK's version) a recorded multi-year plan
    /// and says whether the years document is byte for byte the stored one, and if not, what
    /// changed: the tool's version, GLPK's, input files changed on disk, headline figures.
    public static func reproduceYears(_ stored: StoredPlan, run: StoredRun, from store: HistoryStore,
                                      solve: (LoadedYears) throws -> (ReplacementPlanner.Outcome, glpkVersion: String)) throws -> YearsReproduction {
        let years = try loadYears(stored, from: store)
        let (outcome, glpk) = try solve(years)
        let figures = YearsFigures(years, outcome)
        let document = Data(YearsReport.json(figures).utf8)
        let identical = try stored.planJSON() == document
        let changes = Self.changes(stored, run: run, glpkNow: glpk, figuresNow: HeadlineFigure.ofYears(figures))
        return YearsReproduction(years: years, figures: figures, document: document, identical: identical, changes: changes)
    }

    /// The years outputs of a recorded multi-year plan made again from the stored plan, without
    /// solving: the kept inputs loaded, the stored plan checked again in cents
    /// (`ReplacementVerifier`), the figures worked out as the run did. Throws `differs` when the
    /// years document so made is not byte for byte the stored one (a tool that now reads the
    /// inputs or counts the figures differently).
    public static func regenerateYears(_ stored: StoredPlan, run: StoredRun, from store: HistoryStore) throws(HistoryError) -> YearsFigures {
        guard let document = try stored.yearsPlanDocument(), let plan = document.plan else {
            throw HistoryError(path: store.path, .noPlanStored(run: "\(run.id)", command: run.command, plansOnly: true))
        }
        let years = try loadYears(stored, from: store)
        let check = ReplacementVerifier.verify(plan, years.scenario)
        let figures = YearsFigures(years, ReplacementPlanner.Outcome(stored: plan, check: check, stages: document.stages))
        guard try stored.planJSON() == Data(YearsReport.json(figures).utf8) else {
            var changes = Self.changes(stored, run: run, glpkNow: nil, figuresNow: HeadlineFigure.ofYears(figures))
            changes += check.violations.prefix(3).map { ("Prüfung in Cent: \($0)", "check in cents: \($0)") }
            throw HistoryError(path: store.path, .differs(run: "\(run.id)", plan: stored.label, en: changes.map(\.en), de: changes.map(\.de)))
        }
        return figures
    }
}
