import ArgumentParser
import Foundation
import Allocation
import GLPKSolver
import History
import LinearProgramming
import Reports
import ScenarioFiles
import Scheduling
import WhatIf

/// The command line: parse arguments, call the library, print, choose the exit code.
@main
struct Allocate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Plan how a city spends its school-device grants: a linear program over the funding pools, solved with GLPK.",
        version: toolVersion,
        subcommands: [Solve.self, Compare.self, Sweep.self, Report.self, Explain.self, Schedule.self, Calibrate.self, Serve.self, Init.self, Generate.self, Validate.self, ExportModel.self, Bench.self, HistoryCommand.self],
        defaultSubcommand: Solve.self)
}

let toolVersion = ToolInfo.version

/// Exit codes: 1 bad input, 2 the scenario cannot hold, 3 solver or internal error.
enum Exit {
    static let badInput: Int32 = 1
    static let infeasible: Int32 = 2
    static let internalError: Int32 = 3
}

struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML).")
    var scenario: String = "Scenarios/dortmund-2020.yaml"

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override one scenario value for this run, e.g. --set pools.sofort.budget=5490000 (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(name: .customLong("relative-gap"), help: "Stop the integer search within this relative gap (overrides solver.relativeGap).")
    var relativeGap: Double?

    @Option(name: .customLong("time-limit"), help: "Seconds for the whole solve, all stages and authorities together (overrides solver.timeLimitSeconds).")
    var timeLimit: Double?

    @Option(help: "Threads for scenarios whose pools are split among school authorities (the answer does not depend on it).")
    var workers: Int = 1

    func load() throws -> LoadedScenario { try load(path: scenario) }

    /// Any scenario file with this command's overrides and solver options.
    func load(path: String) throws -> LoadedScenario {
        var loaded: LoadedScenario
        do { loaded = try ScenarioLoader.load(path: path, overrides: overrides) } catch {
            fail(error.description, code: Exit.badInput)
        }
        guard (1...64).contains(workers) else { fail("--workers: found \(workers), allowed: 1 to 64", code: Exit.badInput) }
        if let g = relativeGap {
            guard g.isFinite, g >= 0, g <= 0.5 else { fail("--relative-gap: found \(g), allowed: 0 to 0.5", code: Exit.badInput) }
            loaded.scenario.solver.relativeGap = g
        }
        if let t = timeLimit {
            guard t.isFinite, t >= 0.001, t <= 86_400 else { fail("--time-limit: found \(t), allowed: 0.001 to 86400 seconds", code: Exit.badInput) }
            loaded.scenario.solver.timeLimitSeconds = t
        }
        return loaded
    }
}

func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(code)
}

func solveOrExit(_ scenario: Scenario, workers: Int = 1) -> Plan {
    do { return try AllocationEngine(solver: GLPKSolver()).solve(scenario, workers: workers) } catch {
        fail(error.description, code: error.exitCode)
    }
}

/// Options every command that writes plan files shares.
struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("csv-dialect"), help: "rfc4180 (comma, decimal point) or excel-de (semicolon, decimal comma, UTF-8 BOM).")
    var csvDialect: String = "rfc4180"

    @Option(name: .customLong("generated-at"),
            help: "The time the files say they were made (ISO 8601, e.g. 2026-01-31T12:00:00Z); default SOURCE_DATE_EPOCH, else now. A given time reproduces output byte for byte.")
    var generatedAt: String?

    func dialect() -> CSVDialect {
        guard let d = CSVDialect(rawValue: csvDialect) else {
            fail("--csv-dialect: found '\(csvDialect)', allowed: \(CSVDialect.allCases.map(\.rawValue).joined(separator: ", "))", code: Exit.badInput)
        }
        return d
    }

    func audit(_ plan: Plan, _ loaded: LoadedScenario) -> (AuditRecord, Date) {
        guard let time = AuditRecord.time(given: generatedAt) else {
            fail("--generated-at: found '\(generatedAt ?? "")', allowed: an ISO 8601 time such as 2026-01-31T12:00:00Z", code: Exit.badInput)
        }
        return (AuditRecord(plan: plan, inputs: loaded.inputs, generatedAt: time.date, reproducible: time.reproducible), time.date)
    }
}

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Solve a scenario and print the budgets.")

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Print one JSON document instead of the text summary.")
    var json = false

    @Option(help: "Also write schools.csv, pools.csv and plan.json into this folder.")
    var out: String?

    @OptionGroup var history: HistoryOptions

    func run() throws {
        let dialect = output.dialect()
        let loaded = try options.load()
        let plan = solveOrExit(loaded.scenario, workers: options.workers)
        let (audit, _) = output.audit(plan, loaded)
        if let out {
            write(into: out, [("schools.csv", PlanCSV.schools(plan, dialect: dialect)), ("pools.csv", PlanCSV.pools(plan, dialect: dialect)),
                              ("plan.json", PlanJSON.render(plan, audit: audit))])
        }
        emit(json ? PlanJSON.render(plan, audit: audit) : TerminalSummary.render(plan))
        history.record("solve", scenario: options.scenario, plans: [options.record(plan, audit: audit, loaded: loaded)])
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the council report (report.html, report.xlsx) and the plan files for a scenario, optionally compared with others.")

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("compare"), parsing: .singleValue, help: "Another scenario to set beside this one (repeatable).")
    var compare: [String] = []

    @Option(help: "Report language: de (default) or en.")
    var lang: String = "de"

    @Option(help: "The folder to write into.")
    var out: String = "out/report"

    @Flag(help: "Include the roll-out schedule (the scenario's 'schedule' section) as a chart.")
    var schedule = false

    @Option(help: ArgumentHelp("Observed device counts (CSV, as for 'allocate calibrate --observed'): fit the need model to them and add the fit report as a section.", valueName: "observed.csv"))
    var calibration: String?

    @Option(name: .customLong("calibration-count-column"), help: "With --calibration: the column with the counts (as calibrate's --count-column).")
    var calibrationCountColumn: String?

    @Option(name: .customLong("fit"), parsing: .singleValue,
            help: ArgumentHelp("With --calibration: a parameter to fit (repeatable; as calibrate's --fit, same default).", valueName: "key"))
    var fit: [String] = []

    @Option(name: .customLong("bound"), parsing: .singleValue,
            help: ArgumentHelp("With --calibration: bounds of a parameter (repeatable; as calibrate's --bound).", valueName: "key=LOW:HIGH"))
    var bounds: [String] = []

    @OptionGroup var history: HistoryOptions

    func run() throws {
        guard let language = ReportLanguage(rawValue: lang) else {
            fail("--lang: found '\(lang)', allowed: de, en", code: Exit.badInput)
        }
        if calibration == nil, let option = !fit.isEmpty ? "--fit" : !bounds.isEmpty ? "--bound" : calibrationCountColumn != nil ? "--calibration-count-column" : nil {
            fail("\(option): found without --calibration; allowed only together with --calibration FILE", code: Exit.badInput)
        }
        let dialect = output.dialect()
        let loaded = try options.load()
        let plan = solveOrExit(loaded.scenario, workers: options.workers)
        var others: [(label: String, plan: Plan)] = []
        var otherScenarios: [LoadedScenario] = []
        var inputs = loaded.inputs
        let labels = Compare.labels([options.scenario] + compare)
        for (i, path) in compare.enumerated() {
            let other = try options.load(path: path)
            others.append((labels[i + 1], solveOrExit(other.scenario, workers: options.workers)))
            otherScenarios.append(other)
            inputs += other.inputs.filter { f in !inputs.contains(f) }
        }
        var rollout: RolloutPlan?
        if schedule {
            guard let rules = loaded.schedule else {
                fail("\(options.scenario): --schedule needs a 'schedule' section in the scenario (see docs/schedule.md)", code: Exit.badInput)
            }
            do { rollout = try RolloutScheduler(solver: GLPKSolver()).schedule(plan, rules: rules) } catch {
                fail(error.description, code: Exit.internalError)
            }
        }
        let calibrated = calibration.map {
            Calibrate.fit(loaded.scenario, observed: $0, countColumn: calibrationCountColumn, fit: fit, bounds: bounds)
        }
        if let source = calibrated?.observations.source, !inputs.contains(source) { inputs.append(source) }
        var combined = loaded
        combined.inputs = inputs
        let (audit, date) = output.audit(plan, combined)
        let workbook: Data
        // The report's scenario is the baseline; each --compare scenario gets a Δ against it.
        let comparison = others.isEmpty ? nil : Comparison([plan] + others.map(\.plan), labels: labels)
        do { workbook = try PlanWorkbook.make(plan, audit: audit, date: date, language: language, comparison: comparison).data() } catch {
            fail("cannot build the workbook: \(error)", code: Exit.internalError)
        }
        write(into: out, [("report.html", HTMLReport.render(plan, audit: audit, comparison: comparison,
                                                            language: language, rollout: rollout, calibration: calibrated)),
                          ("plan.json", PlanJSON.render(plan, audit: audit)),
                          ("schools.csv", PlanCSV.schools(plan, dialect: dialect)), ("pools.csv", PlanCSV.pools(plan, dialect: dialect))],
              data: [("report.xlsx", workbook)])
        emit("wrote \(out)/report.html, report.xlsx, plan.json, schools.csv, pools.csv\n")
        history.record("report", scenario: options.scenario, plans: [options.record(plan, audit: audit, loaded: loaded, label: labels[0])]
            + zip(others, otherScenarios).enumerated().map { i, o in
                options.record(o.0.plan, audit: AuditRecord(plan: o.0.plan, inputs: o.1.inputs, generatedAt: date, reproducible: audit.reproducible),
                               loaded: o.1, path: compare[i], label: o.0.label)
            })
    }
}

/// Writes a set of files into a folder (created if needed), all of them or none (see
/// `OutputFiles`), or exits with a message naming the path and the system's reason.
func write(into folder: String, _ files: [(name: String, text: String)], data: [(name: String, data: Data)] = []) {
    do { try OutputFiles().write(into: folder, files.map { ($0.name, Data($0.text.utf8)) } + data) } catch {
        fail(error.description, code: Exit.badInput)
    }
}

/// Writes files at any paths, all of them or none.
func write(files: [(path: String, data: Data)]) {
    do { try OutputFiles().write(files) } catch { fail(error.description, code: Exit.badInput) }
}

/// The one place the commands print to standard output: every write is checked, and a
/// failed one (a full disk, /dev/full, a closed pipe) is an error with a message and exit 1.
func emit(_ text: String) {
    do { try StandardOutput.write(text) } catch { fail(error.description, code: Exit.badInput) }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve several scenarios and set them side by side against the first.")

    @Argument(help: "The base scenario, then one or more scenarios to compare with it.")
    var scenarios: [String]

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override a value in every scenario (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Flag(help: "Print one JSON document instead of the text.")
    var json = false

    @Option(help: "Also write comparison.json, comparison.csv and school-changes.csv into this folder.")
    var out: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var history: HistoryOptions

    func validate() throws {
        if scenarios.count < 2 { throw ValidationError("give a base scenario and at least one more to compare with it") }
    }

    func run() throws {
        var plans: [Plan] = []
        var loadedScenarios: [LoadedScenario] = []
        for path in scenarios {
            let loaded: LoadedScenario
            do { loaded = try ScenarioLoader.load(path: path, overrides: overrides) } catch { fail(error.description, code: Exit.badInput) }
            plans.append(solveOrExit(loaded.scenario))
            loadedScenarios.append(loaded)
        }
        let labels = Self.labels(scenarios)
        let comparison = Comparison(plans, labels: labels)
        if let out {
            write(into: out, [("comparison.json", ComparisonJSON.render(comparison)),
                              ("comparison.csv", ComparisonJSON.figuresCSV(comparison, dialect: output.dialect())),
                              ("school-changes.csv", ComparisonJSON.changesCSV(comparison, dialect: output.dialect()))])
        }
        emit(json ? ComparisonJSON.render(comparison) : ComparisonText.render(comparison))
        history.record("compare", scenario: scenarios[0], plans: plans.indices.map { i in
            PlanRecord(plans[i], audit: HistoryOptions.audit(plans[i], loadedScenarios[i], given: output.generatedAt), loaded: loadedScenarios[i], path: scenarios[i],
                       label: labels[i], overrides: overrides)
        })
    }

    /// File names without folder and extension, made unique with a number where needed.
    static func labels(_ paths: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return paths.map { path in
            let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            seen[base, default: 0] += 1
            return seen[base]! > 1 ? "\(base)-\(seen[base]!)" : base
        }
    }
}

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a scenario for every value of one or two parameters; write a CSV and an SVG chart.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String = "Scenarios/dortmund-2020.yaml"

    @Option(name: .customLong("vary"), parsing: .singleValue,
            help: ArgumentHelp("A parameter and its range, e.g. pools.sofort.budget=4000000:8000000:41 (once, or twice for a grid).",
                               valueName: "key.path=FROM:TO:STEPS"))
    var vary: [String] = []

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override a scenario value for every point (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(help: "Folder for sweep.csv and sweep.svg.")
    var out: String = "out/sweep"

    @Option(help: "Worker threads (the result does not depend on it).")
    var workers: Int = 1

    @Flag(help: "Print the CSV to standard output as well.")
    var csv = false

    @Option(name: .customLong("csv-dialect"), help: "rfc4180 (comma, decimal point) or excel-de (semicolon, decimal comma, UTF-8 BOM).")
    var csvDialect: String = "rfc4180"

    func validate() throws {
        guard (1...2).contains(vary.count) else { throw ValidationError("give --vary once (a line) or twice (a grid)") }
        guard (1...64).contains(workers) else { throw ValidationError("--workers: found \(workers), allowed: 1 to 64") }
    }

    func run() throws {
        guard let dialect = CSVDialect(rawValue: csvDialect) else {
            fail("--csv-dialect: found '\(csvDialect)', allowed: \(CSVDialect.allCases.map(\.rawValue).joined(separator: ", "))", code: Exit.badInput)
        }
        let axes: [SweepAxis]
        let template: ScenarioTemplate
        do {
            axes = try vary.map { text throws(SweepError) in try SweepAxis(parsing: text) }
            if axes.count == 2 && axes[0].values.count * axes[1].values.count > 1_000_000 {
                fail("the grid has more than 1,000,000 points; use fewer STEPS", code: Exit.badInput)
            }
        } catch { fail(error.description, code: Exit.badInput) }
        do { template = try ScenarioTemplate.load(path: scenario, overrides: overrides) } catch {
            fail(error.description, code: Exit.badInput)
        }
        let bar = ProgressBar(label: "sweep")
        let clock = ContinuousClock(), start = clock.now
        let result: SweepResult
        do {
            result = try WhatIf.Sweep.run(template: template, axes: axes, engine: AllocationEngine(solver: GLPKSolver()),
                                          workers: workers, progress: { bar.update($0, of: $1) })
        } catch {
            bar.finish()
            switch error {
            case .scenario, .badAxis: fail(error.description, code: Exit.badInput)
            case .allocation(_, .inconsistentScenario): fail(error.description, code: Exit.badInput)
            case .allocation: fail(error.description, code: Exit.internalError)
            }
        }
        bar.finish()
        let seconds = (clock.now - start).seconds
        write(into: out, [("sweep.csv", SweepReport.csv(result, dialect: dialect)), ("sweep.svg", SweepReport.svg(result))])
        if csv { emit(SweepReport.csv(result)) }
        let infeasible = result.points.filter { $0.summary == nil }.count
        FileHandle.standardError.write(Data("""
            \(result.points.count) points in \(String(format: "%.2f", seconds)) s\(infeasible > 0 ? ", \(infeasible) infeasible" : ""); wrote \(out)/sweep.csv and \(out)/sweep.svg

            """.utf8))
        if let text = SweepReport.plateauText(result) { FileHandle.standardError.write(Data("\(text)\n".utf8)) }
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private let enabled = isatty(2) == 1
    private var lastDraw = ContinuousClock.now
    private var drawn = false

    init(label: String) { self.label = label }

    func update(_ done: Int, of total: Int) {
        guard enabled else { return }
        lock.withLock {
            let now = ContinuousClock.now
            guard done == total || now - lastDraw > .milliseconds(100) else { return }
            lastDraw = now
            let width = 30, filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
            drawn = true
        }
    }

    func finish() {
        lock.withLock { if drawn { FileHandle.standardError.write(Data("\n".utf8)); drawn = false } }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What 1,000 € more or less in each pool would do, which rules bind, how far each weight may move.")

    @OptionGroup var options: ScenarioOptions

    @Flag(help: "Print one JSON document instead of the text.")
    var json = false

    @Option(help: "The step in euros (default 1000).")
    var step: Int = 1000

    @OptionGroup var history: HistoryOptions

    func validate() throws {
        guard (1...1_000_000_000).contains(step) else { throw ValidationError("--step: found \(step), allowed: 1 to 1000000000 euros") }
    }

    func run() throws {
        let loaded = try options.load()
        let explanation: Explanation
        do { explanation = try AllocationEngine(solver: GLPKSolver()).explain(loaded.scenario) } catch {
            fail(error.description, code: error.exitCode)
        }
        emit(json ? ExplanationReport.json(explanation, step: step) : ExplanationReport.text(explanation, step: step))
        history.record("explain", scenario: options.scenario, plans: [options.record(loaded, status: "explained")])
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a ready scenario for any NRW municipality (official key or name), with its share of every programme by the programme's rule.")

    @Option(help: "Official municipality key (e.g. 5913000 for Dortmund) or a name (Düsseldorf).")
    var municipality: String

    @Option(help: "The scenario file to write (default: standard output).")
    var out: String?

    @Option(help: "The template with the school table, the rules and each programme's state total and split rule.")
    var template: String = "Scenarios/nrw/template.yaml"

    func run() throws {
        do {
            let t = try ScenarioTemplate.load(path: template)
            let m = try MunicipalityInit.find(municipality, in: try MunicipalityInit.municipalities(template: t))
            let folder = out.map { ($0 as NSString).deletingLastPathComponent } ?? "."
            let text = try MunicipalityInit.scenarioText(for: m, template: t,
                                                         templatePathFromOutput: relativePath(to: template, fromFolder: folder.isEmpty ? "." : folder))
            if let note = try MunicipalityInit.differenceFromShipped(for: m, template: t) {
                // Say why this differs from the shipped scenario of the same city.
                FileHandle.standardError.write(Data(("note: " + note.joined(separator: "\n      ") + "\n").utf8))
            }
            if let out {
                write(files: [(out, Data(text.utf8))])
                FileHandle.standardError.write(Data("wrote \(out) for \(m.name) (\(m.key)); solve it with: allocate solve \(out)\n".utf8))
            } else {
                emit(text)
            }
        } catch {
            fail(error.description, code: Exit.badInput)
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic school table (NRW authorities repeated with seeded variation) for scale tests.")

    @Option(help: "How many schools (whole authorities are taken until this is reached).")
    var schools: Int = 40_000

    @Option(help: "Seed of the pseudo-random numbers (same seed, same file).")
    var seed: UInt64 = 2020

    @Option(help: "The statewide school list to start from.")
    var from: String = "Scenarios/data/nrw-schools-2024-25.csv"

    @Option(help: "The CSV file to write.")
    var out: String = "Scenarios/generated/germany-40k.csv"

    func validate() throws {
        guard (1...2_000_000).contains(schools) else { throw ValidationError("--schools: found \(schools), allowed: 1 to 2000000") }
    }

    func run() throws {
        do {
            let text = try SyntheticSchools.csv(from: try CSVTable.read(from), schools: schools, seed: seed)
            write(files: [(out, Data(text.utf8))])
            FileHandle.standardError.write(Data("wrote \(out)\n".utf8))
        } catch { fail(error.description, code: Exit.badInput) }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a scenario and its data files without solving.")

    @OptionGroup var options: ScenarioOptions

    func run() throws {
        let loaded = try options.load()
        let s = loaded.scenario
        let needs: NeedTable
        do { needs = try NeedTable(s) } catch { fail(error.description, code: Exit.badInput) }
        emit("\(loaded.inputFiles[0]): valid\n")
        emit("  \(s.schools.count) schools, \(s.pools.count) pools, \(s.deviceKinds.count) device kinds, objective \(s.objective.rawValue)\n")
        for (k, kind) in s.deviceKinds.enumerated() {
            emit("  \(kind.id): need \(groupDigits(needs.totalNeed(kind: k), separator: ",")) devices at \(kind.unitPrice.formatted)\n")
        }
        emit("  read: \(loaded.inputFiles.joined(separator: ", "))\n")
    }
}

struct ExportModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract: "Write the first integer model the solver solves (under maximin: the need-weighted stage at the proven coverage) as an LP and/or MPS file (re-solve it with glpsol).")

    @OptionGroup var options: ScenarioOptions

    @Option(help: "Write the model in CPLEX LP format to this file.")
    var lp: String?

    @Option(help: "Write the model in free MPS format to this file.")
    var mps: String?

    func validate() throws {
        if lp == nil && mps == nil { throw ValidationError("give --lp FILE and/or --mps FILE") }
    }

    func run() throws {
        let loaded = try options.load()
        let solver = GLPKSolver()
        let model: (stage: String, program: LinearProgram)
        do { model = try AllocationEngine(solver: solver).exportableModel(loaded.scenario) } catch {
            fail(error.description, code: error.exitCode)
        }
        // GLPK writes into a private temporary folder; the files then go into place together
        // through the one output writer (never written in place).
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-export-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        guard mkdir(scratch, 0o700) == 0 else {
            fail("cannot make a temporary folder \(scratch): \(errnoText(errno))", code: Exit.internalError)
        }
        var files: [(path: String, data: Data)] = []
        var lines = ""
        for (path, format) in [(lp, ModelFileFormat.lp), (mps, .mps)] {
            guard let path else { continue }
            let temp = scratch + "/model." + (format == .lp ? "lp" : "mps")
            do { try solver.write(model.program, format: format, to: temp) } catch {
                fail(error.description.replacingOccurrences(of: temp, with: path), code: Exit.badInput)
            }
            guard let data = FileManager.default.contents(atPath: temp) else {
                fail("cannot read back the model GLPK wrote to \(temp)", code: Exit.internalError)
            }
            files.append((path, data))
            lines += "wrote \(path): stage '\(model.stage)', \(model.program.variables.count) columns, \(model.program.constraints.count) rows\n"
            let sense = model.program.objective.direction == .maximize ? " --max" : ""
            lines += "  re-solve: glpsol \(format == .lp ? "--lp" : "--freemps") \(path)\(format == .mps ? sense : "")  (MPS files carry no objective sense)\n"
        }
        write(files: files)
        emit(lines)
    }
}

extension AllocationError {
    var isInfeasible: Bool { if case .infeasible = self { return true } else { return false } }
    /// 2 for a scenario that cannot hold, 1 for one that contradicts itself, 3 otherwise.
    var exitCode: Int32 {
        switch self {
        case .infeasible: return Exit.infeasible
        case .inconsistentScenario: return Exit.badInput
        default: return Exit.internalError
        }
    }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time parse + build + solve + verify of a scenario in this process (use a release build).")

    @OptionGroup var options: ScenarioOptions

    @Option(help: "How many timed runs (after one warm-up run).")
    var runs: Int = 30

    func validate() throws {
        guard (1...10_000).contains(runs) else { throw ValidationError("--runs: found \(runs), allowed: 1 to 10000") }
    }

    func run() throws {
        let clock = ContinuousClock()
        var times: [Double] = []
        var last: Plan?
        for i in 0...runs {
            let start = clock.now
            let loaded = try options.load()
            let plan = solveOrExit(loaded.scenario, workers: options.workers)
            let d = clock.now - start
            if i > 0 { times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15) }
            last = plan
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        #if DEBUG
        let build = "debug build (use -c release for figures)"
        #else
        let build = "release build"
        #endif
        emit("\(options.scenario): \(runs) runs of parse + build + solve + verify, \(build)\n")
        emit(String(format: "  median %.1f ms, min %.1f ms, max %.1f ms", median, times.first!, times.last!) + "\n")
        if let last { emit("  \(last.schools.count) schools, status \(last.solver.status.rawValue), \(last.solver.solverVersion)\n") }
    }
}
