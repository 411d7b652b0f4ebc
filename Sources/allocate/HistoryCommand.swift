import ArgumentParser
import Foundation
import Allocation
import GLPKSolver
import History
import Reports
import ScenarioFiles

/// `allocate history`: the runs recorded in a scenarios folder's history (docs/ARCHITECTURE.md,
/// "Run history"): list them, show one, compare two, make one again, export its reports, prune.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: helpText(.history),
        subcommands: [List.self, Show.self, Diff.self, Rerun.self, Export.self, Prune.self, Bench.self],
        defaultSubcommand: List.self)

    /// Options every history subcommand shares: where the history is and the language.
    struct StoreOptions: ParsableArguments {
        @Option(name: .customLong("history"),
                help: .words(.historyStore))
        var history: String?

        @OptionGroup var lang: LanguageOptions

        var path: String {
            if let history { return history }
            if let env = ProcessEnvironment.current["ALLOCATE_HISTORY"], !env.isEmpty, env != "off" { return env }
            return "Scenarios/" + HistoryStore.fileName
        }

        func validate() throws {
            do { _ = try lang.given() } catch { throw ValidationError("--lang: found '\(lang.lang ?? "")', allowed: de, en") }
        }

        /// The terminal's language, as every command's (`LanguageOptions.terminal()`).
        func language() -> ReportLanguage { (try? lang.terminal()) ?? .en }
        var words: StatusWords { StatusWords(language()) }
        /// The exported council report's and workbook's language: German unless --lang en.
        func reportLanguage() -> ReportLanguage { (try? lang.language()) ?? .de }

        /// The history, which must exist (reading never creates one).
        func open() throws -> HistoryStore {
            guard FileManager.default.fileExists(atPath: path) else {
                throw HistoryError(path: path, .noHistory)
            }
            return try HistoryStore(path: path, foldingLog: true)
        }

        func run(_ store: HistoryStore, _ reference: String) throws -> StoredRun {
            let found: StoredRun?
            found = try store.run(reference)
            guard let found else {
                throw HistoryError(path: path, .runNotFound(reference))
            }
            return found
        }

        func plan(_ run: StoredRun, _ number: Int) throws -> StoredPlan {
            guard (1...max(1, run.plans.count)).contains(number), number <= run.plans.count else {
                throw CommandError(option: "--plan", .history(.planOutOfRange(number, plans: run.plans.count, run: "\(run.id)")))
            }
            return run.plans[number - 1]
        }

        /// A recorded plan solved again from its kept inputs.
        func reproduce(_ plan: StoredPlan, of run: StoredRun, in store: HistoryStore) throws -> Reproduction {
            // A history's refusal, the allocation's and any other error each say themselves (ErrorWords).
            try Replay.reproduce(plan, run: run, from: store) { scenario, workers in
                try solve(scenario, workers: workers)
            }
        }

        /// A reproduction that must show the recorded plan: else the reason and exit 1.
        func recorded(_ plan: StoredPlan, of run: StoredRun, in store: HistoryStore) throws -> Reproduction {
            let r = try reproduce(plan, of: run, in: store)
            guard r.sameApartFromTime else {
                throw CommandError(.history(.differs(run: "\(run.id)", plan: plan.label, en: r.changes.map(\.en), de: r.changes.map(\.de))))
            }
            return r
        }
    }

    /// Dates as the history shows them: "02.12.2026 07:36:12 UTC" / "2026-12-02 07:36:12 UTC".
    static func time(_ iso: String, _ language: ReportLanguage) -> String { DateText(language).stamp(iso: iso) }

    /// A day ("2026-12-01", that day's start in UTC) or a time (ISO 8601).
    static func date(_ text: String, option: String, endOfDay: Bool = false) throws -> Date {
        if let d = AuditRecord.parseISO8601(text) { return d }
        if let d = AuditRecord.parseISO8601(text + "T00:00:00Z") { return endOfDay ? d.addingTimeInterval(86_400) : d }
        throw CommandError(option: option, .outside(.text(text), allowed: .dayOrTime))
    }

    /// A run as JSON; a failed run's message in `language` (the command's).
    static func json(_ run: StoredRun, audit: Bool, language: ReportLanguage) -> JSONValue {
        .object([
            ("run", .number(String(run.id))), ("uuid", .string(run.uuid)), ("recordedAt", .string(run.recordedAt)),
            ("command", .string(run.command)), ("arguments", .array(run.arguments.map { .string($0) })),
            ("user", .string(run.user)), ("client", run.client.map { .string($0) } ?? .null),
            ("toolVersion", .string(run.toolVersion)), ("glpkVersion", run.glpkVersion.map { .string($0) } ?? .null),
            ("status", .string(run.status)),
            ("errorClass", run.errorClass.map { .string($0) } ?? .null), ("errorMessage", run.errorMessage(language).map { .string($0) } ?? .null),
            ("plans", .array(run.plans.map { p in
                var fields: [(String, JSONValue)] = [
                    ("label", .string(p.label)), ("scenario", .string(p.scenarioName)), ("scenarioPath", .string(p.replay.scenario)),
                    ("kind", .string(p.isYears ? "years" : "allocation")),
                    ("status", .string(p.status)), ("gapDevices", p.gapDevices.map { .number(String($0)) } ?? .null),
                    ("bestBound", p.bestBound.map { .number(FixedPoint.text($0, 6)) } ?? .null),
                    ("figures", .object(p.figures.map { f in
                        (f.key, { () -> JSONValue in
                            switch f.value {
                            case .money(let m)?: return .number(m.plain)
                            case .count(let n)?: return .number(String(n))
                            case .share(let s)?: return .number(s.exactText)
                            case nil: return .null
                            }
                        }())
                    })),
                    ("inputs", .array(p.inputs.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("bytes", .number(String($0.bytes)))]) })),
                ]
                if audit { fields.append(("audit", .array(p.audit.map { .array([.string($0.section), .string($0.key), .string($0.value)]) }))) }
                return .object(fields)
            })),
        ])
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: helpText(.historyList))

        @OptionGroup var store: StoreOptions
        @Option(help: .words(.historyListScenario)) var scenario: String?
        @Option(help: .words(.historyListCommand)) var command: String?
        @Option(help: .words(.historyListStatus)) var status: String?
        @Option(help: .words(.historyListFrom)) var from: String?
        @Option(help: .words(.historyListTo)) var to: String?
        @Option(help: .words(.historyListLimit)) var limit: Int?
        @Flag(help: .words(.historyListJSON)) var json = false

        func run() throws {
            let history = try store.open()
            let filter = HistoryStore.Filter(scenario: scenario, command: command, status: status,
                                             from: try from.map { try HistoryCommand.date($0, option: "--from") },
                                             to: try to.map { try HistoryCommand.date($0, option: "--to", endOfDay: true) }, limit: limit)
            let runs: [StoredRun]
            runs = try history.list(filter)
            if json {
                try emit(JSONValue.array(runs.map { HistoryCommand.json($0, audit: false, language: store.language()) }).render() + "\n")
                return
            }
            let l = store.language(), f = NumberStyle(l)
            if runs.isEmpty {
                try emit(store.words.noRuns(store.path, filtered: !filter.isEmpty) + "\n")
                return
            }
            var rows = [store.words.runListHeader]
            for r in runs {
                let p = r.plans.first
                let more = r.plans.count > 1 ? " (+\(r.plans.count - 1))" : ""
                let name = p?.scenarioName ?? "–"
                rows.append([String(r.id), HistoryCommand.time(r.recordedAt, l), r.command,
                             (name.count > 48 ? String(name.prefix(47)) + "…" : name) + more, HistoryCommand.status(r, l),
                             r.user + (r.client.map { " @\($0)" } ?? ""),
                             Comparison.text(p?.figures.first { $0.key == "total.spent" }?.value, f),
                             Comparison.text(p?.figures.first { $0.key == "total.pupilShare" }?.value, f)])
            }
            try emit(HistoryCommand.table(rows, rightAligned: [0, 6, 7]))
        }
    }

    /// A run's status as the list shows it: a failed run with its error's class
    /// ("fehlgeschlagen: unlösbar" / "failed: infeasible").
    static func status(_ run: StoredRun, _ language: ReportLanguage) -> String {
        StatusWords(language).runStatus(run.status, errorClass: run.errorClass)
    }

    /// Columns padded to their widest cell.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: helpText(.historyShow))

        @OptionGroup var store: StoreOptions
        @Argument(help: .words(.historyRun)) var reference: String
        @Flag(help: .words(.jsonInsteadOfText)) var json = false
        @Flag(name: .customLong("plan-json"), help: .words(.historyShowPlanJSON)) var planJSON = false
        @Option(help: .words(.historyShowPlan)) var plan: Int = 1

        func run() throws {
            let history = try store.open()
            let r = try store.run(history, reference)
            if planJSON {
                let p = try store.plan(r, plan)
                let data: Data?
                data = try p.planJSON()
                guard let data else {
                    throw CommandError(.history(.noPlanStored(run: "\(r.id)", command: r.command, plansOnly: false)))
                }
                try emit(String(decoding: data, as: UTF8.self))
                return
            }
            if json { try emit(HistoryCommand.json(r, audit: true, language: store.language()).render() + "\n"); return }
            let l = store.language(), f = NumberStyle(l), words = store.words
            var out = words.runHeading(r.id, uuid: r.uuid) + "\n"
            let client: String = r.client.map(words.client) ?? ""
            out += "  \(words.time): \(HistoryCommand.time(r.recordedAt, l))\n"
            out += "  \(words.command): allocate \(r.arguments.joined(separator: " "))\n"
            out += "  \(words.user): \(r.user)\(client)\n"
            out += "  \(words.versions(tool: r.toolVersion, glpk: r.glpkVersion ?? "–", status: HistoryCommand.status(r, l)))\n"
            if let message = r.errorMessage(l) { out += "  \(words.errorWord): \(message)\n" }
            for (i, p) in r.plans.enumerated() {
                out += "\n\(words.planHeading(i + 1)): \(p.scenarioName) (\(p.replay.scenario))"
                    + (p.isYears ? words.multiYearMark : "") + "\n"
                out += "  \(words.statusWord): \(words.planStatus(p.status))"
                if let g = p.gapDevices { out += words.provenBound(g) }
                out += "\n"
                if !p.replay.overrides.isEmpty { out += "  --set " + p.replay.overrides.joined(separator: " --set ") + "\n" }
                if !p.figures.isEmpty {
                    out += "  \(words.headlineFigures):\n"
                    let names = p.figures.map { HistoryCommand.figureLabel($0, years: p.isYears, words, l) }
                    let width = names.map(\.count).max() ?? 0
                    for (fig, name) in zip(p.figures, names) {
                        out += "    " + name + String(repeating: " ", count: width - name.count) + "  " + Comparison.text(fig.value, f) + "\n"
                    }
                }
                out += "  \(words.inputFiles):\n"
                for input in p.inputs { out += "    \(input.path)  SHA-256 \(input.sha256)  \(f.int(input.bytes)) \(words.bytes)\n" }
                if !p.audit.isEmpty {
                    out += "  \(words.auditRecord):\n"
                    for line in words.auditLines(p.audit.map { ($0.section, $0.key, $0.value) }) { out += "    " + line + "\n" }
                }
            }
            try emit(out)
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: helpText(.historyDiff))

        @OptionGroup var store: StoreOptions
        @Argument(help: .words(.historyDiffBase)) var base: String
        @Argument(help: .words(.historyDiffOther)) var other: String
        @Option(help: .words(.historyDiffPlan)) var plan: Int = 1
        @Flag(help: .words(.jsonInsteadOfText)) var json = false

        func run() throws {
            let history = try store.open()
            let runs = [try store.run(history, base), try store.run(history, other)]
            let plans = try runs.map { try store.plan($0, plan) }
            if plans.contains(where: \.isYears) {
                // Two multi-year plans: compare's years comparison of the stored plans.
                guard plans.allSatisfy(\.isYears) else { throw YearsHistoryMismatch(runs: zip(runs, plans).map { ($0.id, $1.isYears) }) }
                let comparison = try HistoryCommand.yearsComparison(runs, plans, in: history)
                try emit(json ? YearsComparisonJSON.render(comparison) : YearsComparisonText.render(comparison, language: store.language()))
                return
            }
            let made = try zip(plans, runs).map { try store.recorded($0, of: $1, in: history) }
            let comparison = Comparison(made.map(\.plan), labels: Compare.labels(plans.map(\.replay.scenario)))
            try emit(json ? ComparisonJSON.render(comparison) : ComparisonText.render(comparison, language: store.language()))
        }
    }

    struct Rerun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rerun",
            abstract: helpText(.historyRerun))

        @OptionGroup var store: StoreOptions
        @Argument(help: .words(.historyRun)) var reference: String

        func run() throws {
            let history = try store.open()
            let r = try store.run(history, reference)
            let solved = r.plans.filter { $0.hasPlan }
            guard !solved.isEmpty else {
                throw CommandError(.history(.noPlanStored(run: "\(r.id)", command: r.command, plansOnly: true)))
            }
            var out = ""
            for p in solved {
                if p.isYears {
                    let made = try Replay.reproduceYears(p, run: r, from: history) { years in try YearsSolving.solve(years) }
                    out += "\(p.scenarioName) (\(p.replay.scenario)): " + (made.identical ? store.words.byteIdentical : store.words.differs) + "\n"
                    for c in made.changes { out += "  " + (store.language() == .de ? c.de : c.en) + "\n" }
                    continue
                }
                let made = try store.reproduce(p, of: r, in: history)
                out += "\(p.scenarioName) (\(p.replay.scenario)): "
                if made.identical {
                    out += store.words.byteIdentical
                } else if made.sameApartFromTime {
                    out += store.words.sameApartFromTime
                } else {
                    out += store.words.differs
                }
                out += "\n"
                for c in made.changes { out += "  " + (store.language() == .de ? c.de : c.en) + "\n" }
            }
            try emit(out)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: helpText(.historyExport))

        @OptionGroup var store: StoreOptions
        @Argument(help: .words(.historyRun)) var reference: String
        @Option(help: .words(.outFolder)) var out: String
        @Option(name: .customLong("csv-dialect"), help: .words(.csvDialect))
        var csvDialect: String = "rfc4180"

        func run() throws {
            guard let dialect = CSVDialect(rawValue: csvDialect) else {
                throw CommandError(option: "--csv-dialect", .notAllowed(found: csvDialect, allowed: CSVDialect.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            let history = try store.open()
            let r = try store.run(history, reference)
            let solved = r.plans.filter { $0.hasPlan }
            guard let first = solved.first else {
                throw CommandError(.history(.noPlanStored(run: "\(r.id)", command: r.command, plansOnly: true)))
            }
            if first.isYears {
                // A multi-year plan: the years files, made again from the stored plan (no solve).
                let files = try HistoryCommand.exportYears(first, of: r, in: history, store: store, dialect: dialect, into: out)
                try emit(store.words.exported(run: r.id, "\(out)/" + files.joined(separator: ", ")) + "\n")
                return
            }
            // A `report --years` run keeps its multi-year plan after the one-year plans: its years
            // files and section join the report (made again from the stored plan, no solve).
            let years = try solved.first(where: \.isYears).map { try HistoryCommand.yearsFiles($0, of: r, in: history, store: store, dialect: dialect) }
            // A `report --years --compare` run keeps every scenario's multi-year plan: the report's
            // years comparison (section and sheet), as the run wrote it, from the stored plans.
            let yearsPlans = solved.filter(\.isYears)
            let yearsComparison = yearsPlans.count > 1
                ? try HistoryCommand.yearsComparison(Array(repeating: r, count: yearsPlans.count), yearsPlans, in: history) : nil
            let oneYear = solved.filter { !$0.isYears }
            // Every plan must come out as stored; the report then shows exactly the recorded figures.
            let made = try oneYear.map { try store.recorded($0, of: r, in: history) }
            let stored: Data
            stored = try first.planJSON() ?? Data()
            let main = made[0]
            let date = AuditRecord.parseISO8601(main.audit.generatedAt) ?? Date()
            let comparison = made.count > 1 ? Comparison(made.map(\.plan), labels: Compare.labels(oneYear.map(\.replay.scenario))) : nil
            let workbook: Data
            do {
                var book = PlanWorkbook.make(main.plan, audit: main.audit, date: date, language: store.reportLanguage(), comparison: comparison,
                                             years: years?.figures)
                if let yearsComparison { YearsComparisonReport.add(yearsComparison, to: &book, language: store.reportLanguage()) }
                workbook = try book.data()
            } catch {
                throw CommandError(.command(.workbook(systemReason(error))), .solverOrInternal)
            }
            try write(into: out, [("report.html", HTMLReport.render(main.plan, audit: main.audit, comparison: comparison, language: store.reportLanguage(),
                                                                    years: years?.figures, yearsComparison: yearsComparison)),
                              ("schools.csv", PlanCSV.schools(main.plan, dialect: dialect)), ("pools.csv", PlanCSV.pools(main.plan, dialect: dialect))]
                              + (years?.texts ?? []),
                  data: [("report.xlsx", workbook), ("plan.json", stored)] + (years?.data ?? []))
            let names = ["report.html", "report.xlsx", "plan.json", "schools.csv", "pools.csv"] + (years.map { $0.texts.map(\.name) + $0.data.map(\.name) } ?? [])
            try emit(store.words.exported(run: r.id, "\(out)/" + names.joined(separator: ", ")) + "\n")
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: helpText(.historyPrune))

        @OptionGroup var store: StoreOptions
        @Option(help: .words(.historyPruneBefore)) var before: String

        func run() throws {
            let history = try store.open()
            let date = try HistoryCommand.date(before, option: "--before")
            let removed: Int
            removed = try history.prune(before: date)
            try emit(store.words.pruned(removed, before: HistoryCommand.time(AuditRecord.iso8601(date), store.language()), from: store.path) + "\n")
        }
    }
}

extension HistoryCommand {
    /// What recording costs a run: solves a scenario once, then records it `--runs` times, each
    /// time opening the history as a command does. Also the many-writers test's writer.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: helpText(.historyBench))

        @OptionGroup var options: ScenarioOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var history: HistoryOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: .words(.historyBenchRuns)) var runs: Int = 30

        func validate() throws {
            guard (1...100_000).contains(runs) else { throw ValidationError("--runs: found \(runs), allowed: 1 to 100000") }
        }

        func run() throws {
            let loaded = try options.load()
            let plan = try solve(loaded.scenario, workers: options.workers)
            let (audit, _) = try output.audit(plan, loaded)
            guard let path = history.path(forScenario: options.scenario) else {
                throw CommandError(.command(.recordingOff))
            }
            let clock = ContinuousClock()
            var times: [Double] = []
            for _ in 0..<runs {
                let start = clock.now
                history.record("bench", scenario: options.scenario, plans: [options.record(plan, audit: audit, loaded: loaded)], language: (try? language.terminal()) ?? .en)
                times.append((clock.now - start).seconds * 1000)
            }
            let words = StatusWords(try language.terminal())
            let (median, release) = allocate.Bench.summary(&times)
            try emit(words.recordingBenchHeadline(path, runs: runs, scenario: options.scenario, build: words.build(release: release)) + "\n")
            try emit("  " + words.timings(median: median, min: times.first!, max: times.last!, digits: 2) + "\n")
        }
    }
}

extension HistoryStore.Filter {
    var isEmpty: Bool { scenario == nil && command == nil && status == nil && from == nil && to == nil }
}
