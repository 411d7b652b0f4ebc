import Foundation
import Allocation
import GLPKSolver
import History
import LinearProgramming
import Reports
import ScenarioFiles

/// What an API call answers: status, content type, body, and a file name for downloads.
public struct PlannerResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: Data
    public var fileName: String?
    /// Milliseconds spent solving, for the Server-Timing header (kept out of the body so that
    /// the same request gives the same bytes).
    public var solveMilliseconds: Double?
    /// For 503 (the queue is full): seconds after which to try again (the Retry-After header).
    public var retryAfterSeconds: Int?
    /// The run history's id of a download (the X-Allocate-Run header), so that a figure in a
    /// council paper can be traced back with `allocate history show`.
    public var runID: String?
    /// Milliseconds the request waited for a worker (Server-Timing "queue").
    public var queueMilliseconds: Double?

    public init(status: Int, contentType: String, body: Data, fileName: String? = nil, solveMilliseconds: Double? = nil) {
        self.status = status; self.contentType = contentType; self.body = body; self.fileName = fileName; self.solveMilliseconds = solveMilliseconds
    }

    static func json(_ value: JSONValue, status: Int = 200) -> PlannerResponse {
        PlannerResponse(status: status, contentType: "application/json; charset=utf-8", body: Data((value.render() + "\n").utf8))
    }

    /// An error answer, its message in `language` (German unless the request asked for en).
    public static func error(_ e: PlannerError, language: ReportLanguage = .de) -> PlannerResponse {
        var fields: [(String, JSONValue)] = [("kind", .string(e.kind)), ("message", .string(e.message(language)))]
        if let field = e.field { fields.append(("field", .string(field))) }
        return json(.object([("error", .object(fields))]), status: e.status)
    }
}

/// The web planner's work, free of HTTP: a request in, a response out. Each call loads the
/// scenario afresh (so edits on disk show at once), solves on the calling thread with its own
/// GLPK problems (GLPK state is per thread), and shares nothing mutable between calls.
public struct PlannerService: Sendable {
    public let folder: ScenarioFolder
    /// The scenario the server started with, relative to the folder.
    public let defaultScenario: String
    /// The largest request body read, in bytes.
    public let maxBodyBytes: Int
    /// Baseline plans by the exact bytes of their input files: every slider move compares
    /// against the same baseline, which need not be solved again (halves the time at scale).
    let baselines = BaselineCache()
    /// What one request may do, and how much runs at once.
    public let limits: PlannerLimits
    let lanes = LazyLanes()
    let sizes = SizeHints()
    /// Progress of the requests whose page asked for it (`GET /api/progress`).
    public let progress = ProgressBoard()
    /// The run history downloads and saves are recorded in (nil: none).
    public var historyPath: String?

    public init(folder: ScenarioFolder, defaultScenario: String, maxBodyBytes: Int = 64 << 10, limits: PlannerLimits = PlannerLimits()) throws(PlannerError) {
        self.folder = folder
        self.defaultScenario = defaultScenario
        self.maxBodyBytes = maxBodyBytes
        self.limits = limits
        _ = try folder.resolve(defaultScenario)
    }

    /// Handles a request as the server does: in the light lane, or, for a scenario with more
    /// than `limits.lightSchools` schools, in the heavy lane, so that small requests are never
    /// stuck behind large solves. A full queue answers 503 with Retry-After; a request whose
    /// client is gone (`isCancelled`) is dropped while it waits, and stops between its load and
    /// its solves; a solve already running stops within moments (its `Cancellation`).
    /// `arrived`: when the request arrived (by default the call): its time limit counts from
    /// there, the wait in a lane included; once it runs out, each solve answers its best
    /// verified plan so far with its proven bound ("stopped at the time limit").
    public func respond(_ operation: String, body: Data, client: String? = nil, query: [String: String] = [:],
                        arrived: ContinuousClock.Instant = .now,
                        isCancelled: @escaping @Sendable () -> Bool = { false }) async -> PlannerResponse {
        let lanes = self.lanes.get(limits)
        // Where to start: the lane the scenario (or baseline) needed last time; a request for a
        // scenario not seen yet starts light and moves to the heavy lane once loaded.
        let request = try? PlannerRequest.decode(body)
        var names = [request?.scenario ?? defaultScenario]
        if ["compare", "report.html"].contains(operation) { names.append(request?.baseline ?? defaultScenario) }
        let known = names.compactMap { (try? folder.resolve($0)).flatMap(sizes.schools(of:)) }
        // The scenario list, forms and saves load but never solve: always light.
        let solves = !["scenarios", "form", "save", "history"].contains(operation)
        // A multi-year plan is a MIP over schools × kinds × years: always the heavy lane.
        var heavy = solves && (operation == "years" || known.contains { $0 > limits.lightSchools })
        var waited = 0.0
        let tracked = request?.progress.map { ProgressHandle(board: progress, token: $0) }
        if let tracked { progress.begin(tracked.token) }
        defer { tracked?.phase(.done) }
        while true {
            let lane = heavy ? lanes.heavy : lanes.light
            let context = JobContext(heavyLane: heavy, solves: solves, isCancelled: isCancelled, client: client, progress: tracked, arrived: arrived)
            let response: PlannerResponse = await withCheckedContinuation { continuation in
                let submitted = DispatchTime.now().uptimeNanoseconds
                let job = WorkLane.Job(
                    run: {
                        let waited = Double(DispatchTime.now().uptimeNanoseconds - submitted) / 1e6
                        context.progress?.phase(.loading)
                        var response = JobContext.$current.withValue(context) { handle(operation, body: body, query: query) }
                        response.queueMilliseconds = waited
                        continuation.resume(returning: response)
                    },
                    drop: { continuation.resume(returning: .error(PlannerError.clientGone, language: request?.lang ?? .de)) },
                    isCancelled: isCancelled)
                if !lane.submit(job) {
                    let german = "der Planer ist ausgelastet: \(lane.workers) \(lane.name == "heavy" ? "große" : "kleine") Berechnung(en) laufen und \(lane.capacity) warten; bitte gleich noch einmal versuchen"
                    var busy = PlannerResponse.error(PlannerError(503, "busy", "the planner is busy: \(lane.workers) \(lane.name) solve(s) running and \(lane.capacity) waiting; try again in a moment",
                                                                  german: german), language: request?.lang ?? PlannerRequest.language(of: body))
                    busy.retryAfterSeconds = lane.retryAfter()
                    continuation.resume(returning: busy)
                }
            }
            if response.status == PlannerError.moveToHeavyLane.status && !heavy {
                heavy = true; waited += response.queueMilliseconds ?? 0
                tracked?.phase(.queued)
                continue
            }
            var answer = response
            answer.queueMilliseconds = (answer.queueMilliseconds ?? 0) + waited
            return answer
        }
    }

    /// The API's operations, by name (the path after /api/).
    public static let operations = ["scenarios", "form", "solve", "compare", "explain", "report.html", "report.xlsx", "plan.json", "save",
                                    "history", "progress", "years"]
    /// The operations answered to GET (with no body); the others take a POST with a PlannerRequest.
    public static let getOperations: Set<String> = ["scenarios", "history", "progress"]

    /// Handles `POST /api/<operation>` with a JSON body (`GET` for scenarios).
    public func handle(_ operation: String, body: Data, query: [String: String] = [:]) -> PlannerResponse {
        var language = ReportLanguage.de
        do throws(PlannerError) {
            if body.count > maxBodyBytes { throw PlannerError.tooLarge(limit: maxBodyBytes) }
            if operation == "scenarios" { return scenarios() }
            if operation == "history" {
                guard let limit = Int(query["limit"] ?? "50"), (1...Self.maxHistoryRuns).contains(limit) else {
                    throw PlannerError.badRequest("limit: found '\((query["limit"] ?? "").prefix(20))', allowed: 1 to \(Self.maxHistoryRuns)",
                                                  "limit: „\((query["limit"] ?? "").prefix(20))“ gefunden; erlaubt: 1 bis \(Self.maxHistoryRuns)", field: "limit")
                }
                // A failed run's message in the asked language (`?lang=en`), German by default.
                return history(limit: limit, language: query["lang"].flatMap(ReportLanguage.init(rawValue:)) ?? .de)
            }
            if operation == "progress" {
                let id = query["id"] ?? ""
                guard ProgressBoard.isToken(id) else {
                    throw PlannerError.badRequest("id: found '\(id.prefix(40))', allowed: the progress token a request was sent with (8 to 64 letters, digits, '-' and '_')",
                                                  "id: „\(id.prefix(40))“ gefunden; erlaubt ist das progress-Token einer Anfrage (8 bis 64 Buchstaben, Ziffern, „-“ und „_“)", field: "id")
                }
                return PlannerResponse(status: 200, contentType: "application/json; charset=utf-8", body: Data(progress.json(id).utf8))
            }
            language = PlannerRequest.language(of: body)
            guard Self.operations.contains(operation) else {
                throw PlannerError(404, "not-found", "no operation '\(operation.prefix(40))'; allowed: \(Self.operations.joined(separator: ", "))",
                                   german: "keine Operation „\(operation.prefix(40))“; erlaubt: \(Self.operations.joined(separator: ", "))")
            }
            let request = try PlannerRequest.decode(body)
            language = request.lang
            switch operation {
            case "form": return try form(request)
            case "solve": return try solve(request)
            case "compare": return try compare(request)
            case "explain": return try explain(request)
            case "save": return try save(request)
            case "years": return try years(request)
            default: return try download(operation, request)
            }
        } catch {
            return .error(error, language: language)
        }
    }

    // MARK: Operations

    func scenarios() -> PlannerResponse {
        let names = folder.scenarioNames()
        let facts = scenarioFacts(names)
        return .json(.object([("folder", .string(folder.path)), ("default", .string(defaultScenario)),
                              ("scenarios", .array(names.map { .string($0) })),
                              ("multiYear", .array(facts.multiYear.map { .string($0) })),
                              // Each scenario's name (data: as its file writes it), for the lists on the page.
                              ("names", .object(facts.titles.map { ($0.0, .string($0.1)) }))]))
    }

    func form(_ r: PlannerRequest) throws(PlannerError) -> PlannerResponse {
        let name = r.scenario ?? defaultScenario
        // A multi-year plan: the form of its years rules.
        if isYears(path: try folder.resolve(name)) == true { return try yearsForm(r, name: name) }
        let loaded = try load(r.scenario, r)
        // Labels and help texts in the language asked for (`lang` or `language`), German by default.
        let language = ReportLanguage(rawValue: r.language ?? "de") ?? .de
        return .json(.object([("scenario", .string(name)), ("name", .string(loaded.scenario.name)),
                              ("fields", .array(PlannerForm.fields(loaded.scenario, language: language).map(\.json)))]))
    }

    func solve(_ r: PlannerRequest) throws(PlannerError) -> PlannerResponse {
        let loaded = try load(r.scenario, r)
        JobContext.current?.progress?.phase(.solving)
        let (plan, ms) = try timedSolve(loaded.scenario)
        var response = PlannerResponse.json(PlanJSON.document(plan, timing: false))
        response.solveMilliseconds = ms
        return response
    }

    /// The plan for what is on screen beside its baseline: both summaries, and the schools
    /// that gain or lose (the largest changes first, at most `maxChanges` each way).
    func compare(_ r: PlannerRequest, maxChanges: Int = 200) throws(PlannerError) -> PlannerResponse {
        let baseName = r.baseline ?? defaultScenario
        let (basePlan, baseLabel, ms1, pastRun) = try baseline(r)
        let current = try load(r.scenario, r)
        JobContext.current?.progress?.phase(.solving)
        let (plan, ms2) = try timedSolve(current.scenario)
        let c = Comparison([basePlan, plan], labels: [baseLabel, Self.onScreen(r.scenario ?? defaultScenario, r.lang)])
        // Gaining and losing by the total (pupil + teacher devices, labelled as such); each
        // school lists pupil and teacher devices apart.
        let gaining = c.changes.filter { $0.totalChange(1) > 0 }, losing = c.changes.filter { $0.totalChange(1) < 0 }
        var response = PlannerResponse.json(.object([
            ("baseline", .string(pastRun == nil ? baseName : baseLabel)), ("scenario", .string(r.scenario ?? defaultScenario)),
            ("baselineRun", pastRun.map { run in .object([("run", .number(String(run.id))), ("uuid", .string(run.uuid)),
                                                           ("recordedAt", .string(run.recordedAt)), ("label", .string(baseLabel))]) } ?? .null),
            ("definition", .string(Comparison.definition(r.lang))),
            ("plans", .array([PlanJSON.document(basePlan, timing: false, schools: false),
                              PlanJSON.document(plan, timing: false, schools: false)])),
            ("figures", ComparisonJSON.lines(c)),
            ("gaining", .number(String(gaining.count))), ("losing", .number(String(losing.count))),
            ("devicesGained", .number(String(gaining.reduce(0) { $0 + $1.totalChange(1) }))),
            ("devicesLost", .number(String(losing.reduce(0) { $0 - $1.totalChange(1) }))),
            ("schoolChanges", ComparisonJSON.schoolChanges(Array(gaining.prefix(maxChanges)) + Array(losing.prefix(maxChanges)), kinds: c.kindIDs)),
        ]))
        response.solveMilliseconds = ms1 + ms2
        return response
    }

    func explain(_ r: PlannerRequest) throws(PlannerError) -> PlannerResponse {
        let loaded = try load(r.scenario, r)
        do {
            let e = try AllocationEngine(solver: GLPKSolver()).explain(Self.requestLimited(loaded.scenario, limits), started: JobContext.current?.arrived)
            return PlannerResponse(status: 200, contentType: "application/json; charset=utf-8",
                                   body: Data(ExplanationReport.json(e, step: r.step ?? 1000, language: r.lang).utf8))
        } catch { throw Self.mapped(error) }
    }

    /// The council report (HTML, XLSX) or plan.json for what is on screen; the report sets
    /// the baseline beside it. With a run history, the download is recorded and names its run
    /// id (first page, audit section, workbook, plan.json's audit record; also the
    /// X-Allocate-Run header); a download that fails is recorded as a failed run.
    func download(_ operation: String, _ r: PlannerRequest) throws(PlannerError) -> PlannerResponse {
        let name = r.scenario ?? defaultScenario
        let arguments = [operation, name] + r.overrideArguments.flatMap { ["--set", $0] }
        do {
            return try makeDownload(operation, r, name: name, arguments: arguments)
        } catch {
            recordFailure("planner-download", arguments, scenario: name, overrides: r.overrideArguments, error)
            throw error
        }
    }

    func makeDownload(_ operation: String, _ r: PlannerRequest, name: String, arguments: [String]) throws(PlannerError) -> PlannerResponse {
        // A multi-year scenario: the report and workbook with its "Haushaltsjahre" section, as
        // `allocate report --years` writes them (the years values changed on screen apply to
        // the multi-year plan; the one-year plan is the file's).
        let resolved = try folder.resolve(name)
        let isMultiYear = isYears(path: resolved) == true
        // plan.json of a multi-year scenario: the years document, as `allocate years --json` prints it.
        if isMultiYear && operation == "plan.json" { return try yearsDocument(r, name: name, arguments: arguments) }
        let multiYear = isMultiYear
        let years = multiYear ? try solvedYears(r) : nil
        let loaded = try load(r.scenario, multiYear ? PlannerRequest(scenario: r.scenario, title: r.title, language: r.language) : r)
        JobContext.current?.progress?.phase(.solving)
        var (plan, ms) = try timedSolve(loaded.scenario)
        ms += years?.ms ?? 0
        guard let time = AuditRecord.time(given: nil) else { throw PlannerError(500, "internal", "no time", german: "keine Uhrzeit") }
        var audit = AuditRecord(plan: plan, inputs: loaded.inputs, generatedAt: time.date, reproducible: time.reproducible)
        let language = r.lang
        // The reports set the plan on screen beside its baseline by the one definition: the
        // baseline first, Δ = on screen − baseline (as the planner's compare shows it).
        func comparison() throws(PlannerError) -> Comparison {
            let (basePlan, baseLabel, _, _) = try baseline(r)
            return Comparison([basePlan, plan], labels: [baseLabel, Self.onScreen(name, language)])
        }
        let c = operation == "plan.json" ? nil : try comparison()
        JobContext.current?.progress?.phase(.writing)
        func render(_ audit: AuditRecord) throws(PlannerError) -> PlannerResponse {
            switch operation {
            case "report.html":
                let html = HTMLReport.render(plan, audit: audit, comparison: c, language: language, years: years?.figures)
                return PlannerResponse(status: 200, contentType: "text/html; charset=utf-8", body: Data(html.utf8), fileName: "report.html")
            case "report.xlsx":
                do {
                    let data = try PlanWorkbook.make(plan, audit: audit, date: time.date, language: language, comparison: c, years: years?.figures).data()
                    return PlannerResponse(status: 200, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                           body: data, fileName: "report.xlsx")
                } catch { throw PlannerError(500, "internal", "cannot build the workbook: \(systemReason(error))", german: "die Arbeitsmappe kann nicht erstellt werden: \(ErrorWords.reason(systemReason(error), .de))") }
            default:
                return PlannerResponse(status: 200, contentType: "application/json; charset=utf-8",
                                       body: Data(PlanJSON.render(plan, audit: audit).utf8), fileName: "plan.json")
            }
        }
        // The run id is chosen, and the history opened, before the download is made, so that
        // it can print the id; a history that then cannot take the record gets the download
        // made again without it (a printed id always names a recorded run).
        let store = openHistory()
        let runID = RunRecord.newID()
        if store != nil { audit.runID = runID }
        var response = try render(audit)
        response.solveMilliseconds = ms
        if let store {
            let stamped = audit
            let yearsPlan = years.map { y in
                yearsRecord(y.years, y.outcome, y.figures, document: YearsReport.json(y.figures), name: name, r, date: time.date,
                            reproducible: time.reproducible, glpkVersion: y.glpkVersion)
            }
            if record("planner-download", arguments, plans: [PlanRecord(label: Self.label(name), plan: plan, audit: stamped,
                                                                        replay: replay(loaded, name, multiYear ? PlannerRequest() : r))] + (yearsPlan.map { [$0] } ?? []),
                      store: store, uuid: runID) != nil {
                response.runID = runID
            } else {
                audit.runID = nil
                response = try render(audit)
                response.solveMilliseconds = ms
            }
        }
        return response
    }

    /// The baseline a comparison sets the plan on screen against: a past run of the history
    /// (`baselineRun`), else the baseline scenario (`baseline`, else the server's scenario).
    /// Returns the plan, its label, the milliseconds solving took, and the past run if any.
    func baseline(_ r: PlannerRequest) throws(PlannerError) -> (Plan, String, Double, StoredRun?) {
        JobContext.current?.progress?.phase(.baseline)
        if let reference = r.baselineRun {
            let start = DispatchTime.now().uptimeNanoseconds
            let (plan, label, run) = try baselinePlan(run: reference, r.lang)
            return (plan, label, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, run)
        }
        let baseName = r.baseline ?? defaultScenario
        let (plan, ms) = try baselinePlan(try load(baseName, PlannerRequest(), field: "baseline"))
        return (plan, Self.label(baseName), ms, nil)
    }

    /// How `allocate history rerun` loads a planner scenario again.
    func replay(_ loaded: LoadedScenario, _ name: String, _ r: PlannerRequest) -> ReplayOptions {
        ReplayOptions(scenario: (try? folder.resolve(name)) ?? name, overrides: r.overrideArguments,
                      relativeGap: loaded.scenario.solver.relativeGap, timeLimitSeconds: loaded.scenario.solver.timeLimitSeconds)
    }

    /// Records a planner run in the history (in `store` if open already, with the run id
    /// `uuid` its download names); its run id, or nil (no history, or one that cannot be
    /// written: a warning on standard error, the response is unchanged).
    func record(_ command: String, _ arguments: [String], plans: @autoclosure () -> [PlanRecord], status: String? = nil,
                store: HistoryStore? = nil, uuid: String = RunRecord.newID()) -> String? {
        guard let historyPath else { return nil }
        do {
            let run = RunRecord(command: command, arguments: arguments, client: JobContext.current?.client, status: status, plans: plans(), uuid: uuid)
            try (store ?? HistoryStore(path: historyPath)).record(run)
            return run.uuid
        } catch {
            let terminal = ReportLanguage.fromEnvironment()
            FileHandle.standardError.write(Data((StatusWords(terminal).plannerRunNotRecorded(ErrorWords.text(error, terminal)) + "\n").utf8))
            return nil
        }
    }

    /// Saves what is on screen as a what-if file over its scenario. The file is written under a
    /// temporary name, read back, and only then given its name: a file that would not load to
    /// the values on screen is never left in the folder. Loading, the cycle check and the write
    /// are one step under the folder's save lock, so two saves that extend each other cannot
    /// both pass the check.
    func save(_ request: PlannerRequest) throws(PlannerError) -> PlannerResponse {
        var r = request
        // A multi-year plan: a pool's money of single years is saved as the pool's whole list
        // (as `--set` takes it), and the file read back must give the same multi-year plan.
        var expectedYears: LoadedYears?
        if isYears(path: try folder.resolve(r.scenario ?? defaultScenario)) == true {
            let years = try loadYears(r.scenario, r)
            expectedYears = years
            r.overrides = Dictionary(foldedArguments(years, r).map { argument in
                let eq = argument.firstIndex(of: "=")!
                return (String(argument[..<eq]), String(argument[argument.index(after: eq)...]))
            }, uniquingKeysWith: { a, _ in a })
        }
        guard let file = r.file else {
            throw PlannerError.badRequest("file: missing; give the name to save under", "Datei: fehlt; bitte den Namen angeben, unter dem gespeichert wird", field: "file")
        }
        for key in r.overrides.keys.sorted() {
            let parts = key.split(separator: ".")
            for n in 1..<parts.count where r.overrides[parts.prefix(n).joined(separator: ".")] != nil {
                throw PlannerError.badRequest("overrides: '\(parts.prefix(n).joined(separator: "."))' and '\(key)' overlap; a saved file can hold only one of them",
                                              "overrides: „\(parts.prefix(n).joined(separator: "."))“ und „\(key)“ überschneiden sich; eine gespeicherte Datei kann nur einen davon enthalten", field: key)
            }
        }
        let scenarioName = r.scenario ?? defaultScenario
        guard ScenarioFolder.isFileName(file) else { throw PlannerRequest.badFileName(file) }
        let name = try folder.withSaveLock { () throws(PlannerError) -> String in
            let target = folder.path + "/" + ScenarioFolder.savedFolder + "/" + file + ".yaml"
            if !r.overwrite && ScenarioFolder.entryExists(target) { throw ScenarioFolder.exists(target) }
            let loaded = try load(scenarioName, r)
            // The file must not replace one that what is on screen is built on (it would extend
            // itself): compared by where the files really are, through links in the folder.
            let entry = ScenarioFolder.parentResolved(target)
            if loaded.inputs.contains(where: { ScenarioFolder.reaches($0.path, entry: entry) }) {
                throw PlannerError(409, "conflict", PlannerWords.builtOn(target), field: "file")
            }
            let title = r.title.flatMap { $0.isEmpty ? nil : $0 } ?? PlannerWords.savedTitle(loaded.scenario.name, r.lang)
            return try folder.save(file: file, over: scenarioName, title: title, overrides: r.overrides, overwrite: r.overwrite, language: r.lang) {
                (temporary: String) throws(PlannerError) in
                var expected = loaded.scenario
                expected.name = title
                let reread = try load(path: temporary, PlannerRequest(), field: "file")
                let rereadYears = try expectedYears.map { _ throws(PlannerError) in try loadYears(path: temporary, arguments: [], PlannerRequest()).scenario }
                guard reread.scenario == expected, rereadYears == expectedYears?.scenario else {
                    throw PlannerError(422, "invalid-value", PlannerWords.notSavable)
                }
                // Read back, the file is built on the same files, none of them the one written.
                if reread.inputs.dropFirst().contains(where: { ScenarioFolder.reaches($0.path, entry: entry) }) {
                    throw PlannerError(409, "conflict", PlannerWords.builtOn(target), field: "file")
                }
            }
        }
        if historyPath != nil, let saved = try? load(name, PlannerRequest()) {
            _ = record("planner-save", ["save", scenarioName, "--out", name] + r.overrideArguments.flatMap { ["--set", $0] },
                       plans: [PlanRecord(label: Self.label(name), loaded: saved, replay: replay(saved, name, PlannerRequest()), status: "saved")],
                       status: "saved")
        }
        return .json(.object([("saved", .string(name)), ("path", .string(folder.path + "/" + name))]), status: 201)
    }

    // MARK: Helpers

    /// Loads a scenario by name with the request's overrides and title; scenario errors become
    /// 422 responses naming the field, with the command line's message.
    func load(_ name: String?, _ r: PlannerRequest, field: String = "scenario") throws(PlannerError) -> LoadedScenario {
        try load(path: try folder.resolve(name ?? defaultScenario, field: field), r, field: field)
    }

    /// Loads a scenario file by its path (resolved in the folder already).
    func load(path: String, _ r: PlannerRequest, field: String = "scenario") throws(PlannerError) -> LoadedScenario {
        var loaded: LoadedScenario
        let policy = folder.policy
        do {
            loaded = try policy.apply { () throws(ScenarioError) -> LoadedScenario in
                let template = try ScenarioTemplate.load(path: path)
                try checkAdditions(r, template: template)
                return try template.scenario(overrides: r.overrideArguments)
            }
        } catch {
            // The changed value to blame: the error's own key, the --set it came from, the one
            // changed key below the error's key (a rule on pools.sofort that a rate broke), or
            // the only changed value if the scenario loads without it.
            let changed = r.overrides.keys.sorted()
            let key = error.key.flatMap { r.overrides[$0] != nil ? $0 : nil }
                ?? changed.first { error.file.hasPrefix("--set \($0)=") }
                ?? error.key.flatMap { k in
                    let below = changed.filter { $0.hasPrefix(k + ".") }
                    return below.count == 1 ? below[0] : nil
                }
                ?? (changed.count == 1 && (try? ScenarioLoader.load(path: path, confinedTo: policy)) != nil ? changed[0] : nil)
            throw PlannerError(classifying: error, field: key)
        }
        if let title = r.title, !title.isEmpty { loaded.scenario.name = title }
        let cells = loaded.scenario.schools.count * loaded.scenario.deviceKinds.count
        if cells > limits.modelCells {
            let de = NumberStyle(.de)
            throw PlannerError(413, "too-large", "\(path): \(loaded.scenario.schools.count) schools × \(loaded.scenario.deviceKinds.count) device kinds = \(cells) model cells; this planner solves at most \(limits.modelCells) (allocate serve --max-model-size)",
                               german: "\(path): \(de.int(loaded.scenario.schools.count)) Schulen × \(loaded.scenario.deviceKinds.count) Gerätearten = \(de.int(cells)) Modellzellen; dieser Planer berechnet höchstens \(de.int(limits.modelCells)) (allocate serve --max-model-size)",
                               field: field)
        }
        sizes.note(path, schools: loaded.scenario.schools.count)
        if let job = JobContext.current {
            if job.isCancelled() { throw PlannerError.clientGone }
            if job.solves && !job.heavyLane && loaded.scenario.schools.count > limits.lightSchools { throw PlannerError.moveToHeavyLane }
        }
        return loaded
    }

    /// The device kinds and pools the overrides add to those of the scenario file, within
    /// `limits` (each new one makes the model larger; 100 new kinds took 21 s and 23 MB).
    func checkAdditions(_ r: PlannerRequest, template: ScenarioTemplate) throws(ScenarioError) {
        for (section, limit, option) in [("deviceKinds", limits.addedDeviceKinds, InputProblem.Section.deviceKinds),
                                         ("pools", limits.addedPools, .pools)] {
            let defined = Set(template.keys(at: [section]))
            let added = Set(r.overrides.keys.compactMap { key -> String? in
                let parts = key.split(separator: ".", maxSplits: 2)
                guard parts.count >= 2, parts[0] == section, !defined.contains(String(parts[1])) else { return nil }
                return String(parts[1])
            }).sorted()
            if added.count > limit {
                throw ScenarioError(file: "request", key: section,
                                    .tooManyAdded(option, count: added.count, names: added, existing: defined.count, limit: limit))
            }
        }
    }

    /// The baseline's plan, solved once per set of input files (a file edited on disk has
    /// another SHA-256, so it is solved afresh).
    func baselinePlan(_ base: LoadedScenario) throws(PlannerError) -> (Plan, Double) {
        let key = base.inputs.map { "\($0.path)\u{0}\($0.sha256)" }.joined(separator: "\n")
        if let plan = baselines.plan(for: key) { return (plan, 0) }
        let (plan, ms) = try timedSolve(base.scenario)
        baselines.store(plan, for: key)
        return (plan, ms)
    }

    func timedSolve(_ scenario: Scenario) throws(PlannerError) -> (Plan, Double) {
        if JobContext.current?.isCancelled() == true { throw PlannerError.clientGone }
        let scenario = Self.requestLimited(scenario, limits)
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            // A client that hangs up stops its running solve too (between stages and
            // authorities, and inside GLPK), so its worker is free again within moments.
            let cancellation = JobContext.current.map { Cancellation($0.isCancelled) }
            var counted: (@Sendable (Int, Int) -> Void)?
            if let tracked = JobContext.current?.progress { counted = { done, total in tracked.count(done, total) } }
            let plan = try AllocationEngine(solver: GLPKSolver()).solve(scenario, workers: 1, cancellation: cancellation,
                                                                        started: JobContext.current?.arrived, progress: counted)
            return (plan, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        } catch { throw Self.mapped(error) }
    }

    /// The scenario with its time limit lowered to the request's (`--request-time-limit`); every
    /// solve of a request counts it from the request's arrival (`JobContext.arrived`).
    static func requestLimited(_ scenario: Scenario, _ limits: PlannerLimits) -> Scenario {
        var scenario = scenario
        scenario.solver.timeLimitSeconds = min(scenario.solver.timeLimitSeconds, limits.solveSeconds)
        return scenario
    }

    /// The answer for an allocation error, by its class (the command line's exit code comes from the same class).
    static func mapped(_ error: AllocationError) -> PlannerError { PlannerError(classifying: error) }

    /// The label of the plan on screen in a comparison ("dortmund-2020 (im Planer)").
    static func onScreen(_ name: String, _ language: ReportLanguage) -> String {
        PlannerWords.onScreen(label(name), language)
    }

    static func label(_ name: String) -> String {
        ((name as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}

/// A few solved baselines, shared by the requests of one server (locked: requests run on
/// several threads). Plans are values; a cached one is the plan a fresh solve would give,
/// because the same input bytes give the same plan.
final class BaselineCache: @unchecked Sendable {
    private let lock = NSLock()
    private var plans: [(key: String, plan: Plan)] = []
    private let capacity = 8

    func plan(for key: String) -> Plan? { lock.withLock { plans.first { $0.key == key }?.plan } }

    func store(_ plan: Plan, for key: String) {
        lock.withLock {
            plans.removeAll { $0.key == key }
            plans.append((key, plan))
            if plans.count > capacity { plans.removeFirst() }
        }
    }
}
