import ArgumentParser
import Reports

/// `allocate solve` in its everyday forms without the argument parser's reflection (issue 18).
///
/// The parser builds every command's argument set from `Mirror` and casts each property to its
/// protocols; on Linux each first cast of a type searches all of the binary's protocol
/// conformance records (about 8,900, the web server's included): about 20 % of the default
/// job's instructions. Here the arguments `solve` takes are read directly into a `SolveRun`
/// (what `Solve` runs) whose properties are all set, exactly as the parser would set them. Anything else — another
/// command, `--help`, `--version`, `--opt=value`, short or unknown options, a value that starts
/// with `-` or does not read as the option's type, an option given twice (but `--set`), a second
/// scenario, `--` — returns nil, and the parser runs as always, with its messages and help.
///
/// `ALLOCATE_FULL_PARSER=1` in the environment always takes the parser (the tests compare the
/// two, byte for byte: `FastSolveTests`).
enum FastSolve {
    /// The `SolveRun` for the arguments (without the program's name), or nil when the parser must run.
    /// `allocate` alone is `allocate solve` (the default command).
    static func parse(_ arguments: [String], environment: ProcessEnvironment) -> SolveRun? {
        if environment["ALLOCATE_FULL_PARSER"] != nil { return nil }
        if !arguments.isEmpty && arguments[0] != "solve" { return nil }
        var scenario: String?, out: String?, history: String?, lang: String?, csvDialect: String?, generatedAt: String?
        var relativeGap: Double?, timeLimit: Double?, workers: Int?
        var overrides: [String] = []
        var json = false, noHistory = false
        var i = 1
        /// The value after an option: present, not empty, not option-like.
        func value() -> String? {
            guard i < arguments.count else { return nil }
            let v = arguments[i]
            guard let first = v.utf8.first, first != UInt8(ascii: "-") else { return nil }
            i += 1
            return v
        }
        /// A single-valued option's value, nil when it is missing or the option came before.
        func once(_ previous: String?) -> String? { previous == nil ? value() : nil }
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard let first = argument.utf8.first else { return nil }
            if first != UInt8(ascii: "-") {
                guard scenario == nil, argument != "help" else { return nil }
                scenario = argument
                continue
            }
            switch argument {
            case "--json":
                if json { return nil }
                json = true
            case "--no-history":
                if noHistory { return nil }
                noHistory = true
            case "--out":
                guard let v = once(out) else { return nil }
                out = v
            case "--history":
                guard let v = once(history) else { return nil }
                history = v
            case "--lang":
                guard let v = once(lang) else { return nil }
                lang = v
            case "--csv-dialect":
                guard let v = once(csvDialect) else { return nil }
                csvDialect = v
            case "--generated-at":
                guard let v = once(generatedAt) else { return nil }
                generatedAt = v
            case "--set":
                guard let v = value() else { return nil }
                overrides.append(v)
            case "--relative-gap":
                guard relativeGap == nil, let v = value(), let d = Double(v) else { return nil }
                relativeGap = d
            case "--time-limit":
                guard timeLimit == nil, let v = value(), let d = Double(v) else { return nil }
                timeLimit = d
            case "--workers":
                guard workers == nil, let v = value(), let n = Int(v) else { return nil }
                workers = n
            default:
                return nil
            }
        }
        var solver = SolverOptions()
        solver.relativeGap = relativeGap
        solver.timeLimit = timeLimit
        solver.workers = workers ?? SolverOptions.defaultWorkers
        var overrideOptions = OverrideOptions()
        overrideOptions.overrides = overrides
        var csv = CSVOptions()
        csv.csvDialect = csvDialect ?? CSVOptions.defaultDialect
        var language = LanguageOptions()
        language.lang = lang
        var historyOptions = HistoryOptions()
        historyOptions.history = history
        historyOptions.noHistory = noHistory
        return SolveRun(scenario: scenario ?? ScenarioOptions.defaultScenario, overrides: overrideOptions, solver: solver,
                        csv: csv, generatedAt: generatedAt, language: language, json: json, out: out, history: historyOptions)
    }
}
