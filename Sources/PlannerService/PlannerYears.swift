import Foundation
import Allocation
import History
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles
import YearsPlanning

/// The web planner's multi-year plans (issue 19): a scenario with a `years:` section is listed as
/// one, its form holds the years rules (labels and help from the key table, `ScenarioKeys`),
/// `POST /api/years` solves it as `allocate years` does (`YearsSolving.solve`, in the heavy lane,
/// within the request's time limit; a client that hangs up cancels it, and its progress token
/// shows the stage under way), and the answer carries the document `allocate years --json`
/// prints and the council report's "Haushaltsjahre" section (`YearsReport.htmlSection`: the same
/// rows, figures and charts). The reports download with the section, as `allocate report --years`
/// writes them.
///
/// A pool's money is a list in the scenario file (one amount per year); the planner shows one
/// field per year, `years.pools.<pool>.money.<year>`, and folds the years changed on screen into
/// the one `--set years.pools.<pool>.money=[…]` the command line would take.
extension PlannerService {
    /// Whether a scenario file has a `years:` section (nil: it cannot be read).
    func isYears(path: String) -> Bool? {
        try? folder.policy.apply { () throws(ScenarioError) -> Bool in try ScenarioTemplate.load(path: path).hasYears }
    }

    /// The scenarios of the folder that are multi-year plans, and each scenario's `name:` (the
    /// page lists a scenario by its name, the file as a hint): one read of each file.
    func scenarioFacts(_ names: [String]) -> (multiYear: [String], titles: [(String, String)]) {
        var multiYear: [String] = [], titles: [(String, String)] = []
        for name in names {
            guard let path = try? folder.resolve(name),
                  let template = try? folder.policy.apply({ () throws(ScenarioError) -> ScenarioTemplate in try ScenarioTemplate.load(path: path) })
            else { continue }
            if template.hasYears { multiYear.append(name) }
            if let title = template.name { titles.append((name, title)) }
        }
        return (multiYear, titles)
    }

    /// The key of a pool's money in one year, as the form names it: ("stadt", 2027).
    static func moneyPerYear(_ key: String) -> (pool: String, year: Int)? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "years", parts[1] == "pools", parts[3] == "money", let year = Int(parts[4]) else { return nil }
        return (String(parts[2]), year)
    }

    /// Loads a multi-year scenario with the request's changes (the money of single years folded
    /// into the pool's list); a refusal names the field changed on screen that it is about.
    func loadYears(_ name: String?, _ r: PlannerRequest, field: String = "scenario") throws(PlannerError) -> LoadedYears {
        let path = try folder.resolve(name ?? defaultScenario, field: field)
        var plain: [String] = [], perYear: [String: [(year: Int, value: String, key: String)]] = [:]
        for key in r.overrides.keys.sorted() {
            if let (pool, year) = Self.moneyPerYear(key) { perYear[pool, default: []].append((year, r.overrides[key]!, key)) }
            else { plain.append("\(key)=\(r.overrides[key]!)") }
        }
        var arguments = plain
        if !perYear.isEmpty {
            let base = try loadYears(path: path, arguments: plain, r)
            for pool in perYear.keys.sorted() {
                let changes = perYear[pool]!
                guard let p = base.scenario.pools.first(where: { $0.id == pool }) else {
                    throw PlannerError(422, "invalid-value", PlannerWords.noSuchYearsPool(key: changes[0].key, pool: pool, known: base.scenario.pools.map(\.id)),
                                       field: changes[0].key)
                }
                var money = p.money.map(\.plain)
                for c in changes {
                    let years = base.scenario.years
                    guard years.contains(c.year) else {
                        throw PlannerError(422, "invalid-value", PlannerWords.notAPlanningYear(key: c.key, year: c.year, years: years), field: c.key)
                    }
                    money[c.year - years.lowerBound] = c.value
                }
                arguments.append("years.pools.\(pool).money=[" + money.joined(separator: ", ") + "]")
            }
        }
        var years = try loadYears(path: path, arguments: arguments, r)
        if let title = r.title, !title.isEmpty { years.loaded.scenario.name = title }
        sizes.note(path, schools: years.loaded.scenario.schools.count)
        if let job = JobContext.current, job.isCancelled() { throw PlannerError.clientGone }
        return years
    }

    /// One load of a years scenario with `--set` arguments, confined to the folder.
    func loadYears(path: String, arguments: [String], _ r: PlannerRequest) throws(PlannerError) -> LoadedYears {
        var other: (any Error)?
        let loaded: LoadedYears?
        do {
            loaded = try folder.policy.apply { () throws(ScenarioError) -> LoadedYears? in
                let template = try ScenarioTemplate.load(path: path)
                try checkAdditions(r, template: template)
                do { return try ScenarioLoader.loadYears(path: path, overrides: arguments) } catch let e as ScenarioError { throw e } catch {
                    other = error
                    return nil
                }
            }
        } catch {
            var answer = PlannerError(classifying: error, field: blamed(error, r))
            // A pool's money of one year: beside its field the message says what is wrong with
            // that year's amount, without the list the planner folded it into.
            if let field = answer.field, let (pool, _) = Self.moneyPerYear(field) {
                let list = "years.pools.\(pool).money"
                func trimmed(_ m: String) -> String {
                    guard m.hasPrefix("--set \(list)="), let r = m.range(of: #"\]: years\.pools\.[^ ]+\.money\[\d+\]: "#, options: .regularExpression)
                    else { return m }
                    return String(m[r.upperBound...])
                }
                answer.message = trimmed(answer.message)
                answer.german = answer.german.map(trimmed)
            }
            throw answer
        }
        guard let loaded else { throw PlannerError(classifying: other ?? PlannerError(500, "internal", "no scenario"), field: nil) }
        return loaded
    }

    /// The value changed on screen a scenario error is about: its own key, the `--set` it came
    /// from, the one changed key below its key, or a pool's money of one year (the year's field
    /// when one was changed; the first changed otherwise).
    func blamed(_ error: ScenarioError, _ r: PlannerRequest) -> String? {
        let changed = r.overrides.keys.sorted()
        if let key = error.key, r.overrides[key] != nil { return key }
        if let key = changed.first(where: { error.file.hasPrefix("--set \($0)=") }) { return key }
        for key in changed {
            guard let (pool, _) = Self.moneyPerYear(key) else { continue }
            let list = "years.pools.\(pool).money"
            if error.file.hasPrefix("--set \(list)=") || error.key.map({ $0 == list || $0.hasPrefix(list + ".") || $0.hasPrefix(list + "[") }) == true {
                return key
            }
        }
        if let k = error.key {
            let below = changed.filter { $0.hasPrefix(k + ".") }
            if below.count == 1 { return below[0] }
        }
        return changed.count == 1 ? changed[0] : nil
    }

    /// The form of a multi-year scenario: its years rules.
    func yearsForm(_ r: PlannerRequest, name: String) throws(PlannerError) -> PlannerResponse {
        let years = try loadYears(r.scenario, r)
        let language = ReportLanguage(rawValue: r.language ?? "de") ?? .de
        return .json(.object([("scenario", .string(name)), ("name", .string(years.loaded.scenario.name)), ("multiYear", .bool(true)),
                              ("fields", .array(PlannerForm.yearsFields(years, language: language).map(\.json)))]))
    }

    /// `POST /api/years`: the multi-year plan as `allocate years` makes it, within the request's
    /// time limit (counted from its arrival), recorded in the run history as the command line's
    /// years runs are.
    func years(_ r: PlannerRequest) throws(PlannerError) -> PlannerResponse {
        let name = r.scenario ?? defaultScenario
        let arguments = ["years", name] + r.overrideArguments.flatMap { ["--set", $0] }
        do {
            let (years, outcome, figures, ms, glpk) = try solvedYears(r)
            let document = YearsReport.json(figures)
            var runID: String?
            if historyPath != nil {
                let time = AuditRecord.time(given: nil) ?? (Date(), false)
                runID = record("planner-years", arguments, plans: [yearsRecord(years, outcome, figures, document: document, name: name, r, date: time.date,
                                                                                reproducible: time.reproducible, glpkVersion: glpk)])
            }
            // The document allocate years --json prints, embedded as it is (byte for byte the
            // command line's figures), beside the status in words and the report's section.
            let head = JSONValue.object([("scenario", .string(name)), ("multiYear", .bool(true)), ("status", .string(YearsReport.status(figures, r.lang))),
                                         ("optimal", .bool(figures.isOptimal)), ("run", runID.map { .string($0) } ?? .null),
                                         ("html", .string(YearsReport.htmlSection(figures, language: r.lang)))]).render()
            let body = String(head.dropLast()) + ",\"plan\":" + document.trimmingCharacters(in: .whitespacesAndNewlines) + "}\n"
            var response = PlannerResponse(status: 200, contentType: "application/json; charset=utf-8", body: Data(body.utf8))
            response.solveMilliseconds = ms
            response.runID = runID
            return response
        } catch {
            recordFailure("planner-years", arguments, scenario: name, overrides: r.overrideArguments, error)
            throw error
        }
    }

    /// The "Plan (JSON)" download of a multi-year scenario: the document `allocate years --json`
    /// prints (years.json), recorded in the history as a download.
    func yearsDocument(_ r: PlannerRequest, name: String, arguments: [String]) throws(PlannerError) -> PlannerResponse {
        let (years, outcome, figures, ms, glpk) = try solvedYears(r)
        let document = YearsReport.json(figures)
        var response = PlannerResponse(status: 200, contentType: "application/json; charset=utf-8", body: Data(document.utf8), fileName: "years.json")
        response.solveMilliseconds = ms
        if historyPath != nil {
            let time = AuditRecord.time(given: nil) ?? (Date(), false)
            response.runID = record("planner-download", arguments, plans: [yearsRecord(years, outcome, figures, document: document, name: name, r,
                                                                                         date: time.date, reproducible: time.reproducible, glpkVersion: glpk)])
        }
        return response
    }

    /// Loaded and solved: the request's time limit (at most `limits.solveSeconds`) from its
    /// arrival, every stage under that one deadline.
    func solvedYears(_ r: PlannerRequest) throws(PlannerError)
        -> (years: LoadedYears, outcome: ReplacementPlanner.Outcome, figures: YearsFigures, ms: Double, glpkVersion: String) {
        var years = try loadYears(r.scenario, r)
        years.loaded.scenario = Self.requestLimited(years.loaded.scenario, limits)
        if let job = JobContext.current, !job.heavyLane { throw PlannerError.moveToHeavyLane }
        let job = JobContext.current, tracked = job?.progress
        if job?.isCancelled() == true { throw PlannerError.clientGone }
        tracked?.phase(.solving)
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            // A client that hangs up stops its solve too (between stages and inside GLPK), so
            // its worker is free again within moments; the page's status line shows the stage.
            var stage: (@Sendable (Int, Int) -> Void)?
            if let tracked { stage = { n, of in tracked.stage(n, of) } }
            let cancellation = job.map { Cancellation($0.isCancelled) }
            let (outcome, glpk) = try YearsSolving.solve(years, started: job?.arrived ?? .now, cancellation: cancellation, stage: stage)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            return (years, outcome, YearsFigures(years, outcome), ms, glpk)
        } catch {
            throw PlannerError(classifying: error)
        }
    }

    /// The history's record of a multi-year plan, as `allocate years` records its runs.
    func yearsRecord(_ years: LoadedYears, _ outcome: ReplacementPlanner.Outcome, _ figures: YearsFigures, document: String, name: String,
                     _ r: PlannerRequest, date: Date, reproducible: Bool, glpkVersion: String) -> PlanRecord {
        let solver = years.loaded.scenario.solver
        return PlanRecord(years: years, outcome: outcome, figures: figures, document: document, label: Self.label(name),
                          replay: ReplayOptions(scenario: (try? folder.resolve(name)) ?? name, overrides: foldedArguments(years, r),
                                                relativeGap: solver.relativeGap, timeLimitSeconds: solver.timeLimitSeconds),
                          glpkVersion: glpkVersion, generatedAt: date, reproducible: reproducible)
    }

    /// The request's changes as `--set` arguments the command line takes (a pool's money of
    /// single years as the pool's whole list), for `history rerun`.
    func foldedArguments(_ years: LoadedYears, _ r: PlannerRequest) -> [String] {
        var out: [String] = [], pools = Set<String>()
        for key in r.overrides.keys.sorted() {
            if let (pool, _) = Self.moneyPerYear(key) { pools.insert(pool) } else { out.append("\(key)=\(r.overrides[key]!)") }
        }
        for p in years.scenario.pools where pools.contains(p.id) {
            out.append("years.pools.\(p.id).money=[" + p.money.map(\.plain).joined(separator: ", ") + "]")
        }
        return out.sorted()
    }
}

extension PlannerForm {
    /// The key patterns of a multi-year scenario's form (each one of the key table's; a pool's
    /// money is one field per year, `years.pools.<pool>.money.<year>`).
    static let yearsKeyPatterns = ["years.first", "years.last", "years.pools.<pool>.money", "years.pools.<pool>.carryOverUntil",
                                   "years.deviceKinds.<kind>.lifeYears", "years.deviceKinds.<kind>.earlyYears",
                                   "years.deviceKinds.<kind>.lateYears", "years.deviceKinds.<kind>.price",
                                   "years.deviceKinds.<kind>.priceChange", "years.deviceKinds.<kind>.operatingCost",
                                   "years.turbulence.maxFall", "years.turbulence.maxNewDevicesPerYear"]

    /// The fields of a multi-year scenario, in screen order: planning years; per pool its money
    /// per year and carry-over; per device kind life, price, price change and operating cost;
    /// the limits on change. Labels and help from the key table in `language`.
    static func yearsFields(_ y: LoadedYears, language: ReportLanguage = .de) -> [PlannerField] {
        let german = language == .de, s = y.scenario
        var out: [PlannerField] = []
        func field(_ pattern: String, _ ids: [String], group: String, groupLabel: String, owner: String?, suffix: String = "",
                   kind: PlannerField.Kind, value: String, top: Decimal? = nil, key: String? = nil) -> PlannerField {
            let entry = ScenarioKeys.entry(pattern)
            let range = entry.range ?? ValueRange(0, 1)
            let step = kind == .count ? "1" : entry.step ?? (kind == .money ? "1000" : "1")
            let high = Swift.min(top ?? range.upper, range.upper)
            let label = (owner.map { "\($0): " } ?? "") + entry.label(german: german) + suffix
            return PlannerField(key: key ?? ScenarioKeys.path(pattern, ids), group: group, label: label, help: entry.help(german: german),
                                kind: kind, value: value, min: "\(range.lower)", max: "\(high)", step: step, options: [], groupLabel: groupLabel)
        }
        func share(_ basisPoints: Int) -> String { "\(Decimal(basisPoints) / 10_000)" }
        let yearsLabel = ScenarioKeys.entry("years").label(german: german)
        out.append(field("years.first", [], group: "years", groupLabel: yearsLabel, owner: nil, kind: .count, value: "\(s.years.lowerBound)"))
        out.append(field("years.last", [], group: "years", groupLabel: yearsLabel, owner: nil, kind: .count, value: "\(s.years.upperBound)"))
        for pool in s.pools {
            let name = y.poolNames[pool.id] ?? pool.id, group = "years-pool:\(pool.id)"
            for (i, money) in pool.money.enumerated() {
                let year = s.years.lowerBound + i
                let top = Decimal(roundUp(Swift.max(money.cents * 2, 100_000_000) / 100))
                out.append(field("years.pools.<pool>.money", [pool.id], group: group, groupLabel: name, owner: name, suffix: " \(year)",
                                 kind: .money, value: money.plain, top: top, key: ScenarioKeys.path("years.pools.<pool>.money", [pool.id]) + ".\(year)"))
            }
            var carry = field("years.pools.<pool>.carryOverUntil", [pool.id], group: group, groupLabel: name, owner: name, kind: .choice, value: "lapses")
            var options = ["lapses"] + s.years.map(String.init)
            if case .until(let last) = pool.carryOver {
                carry.value = "\(last)"
                if !options.contains(carry.value) { options.append(carry.value) }
            }
            carry.options = options
            carry.optionLabels = Dictionary(uniqueKeysWithValues: options.map { ($0, PlannerWords.carryOver($0, language)) })
            carry.min = ""; carry.max = ""; carry.step = ""
            out.append(carry)
        }
        for kind in s.kinds {
            let label = y.kindLabels[kind.id] ?? kind.id, group = "years-kind:\(kind.id)"
            func add(_ pattern: String, _ k: PlannerField.Kind, _ value: String, top: Decimal? = nil) {
                out.append(field(pattern, [kind.id], group: group, groupLabel: label, owner: label, kind: k, value: value, top: top))
            }
            add("years.deviceKinds.<kind>.lifeYears", .count, "\(kind.lifeYears)")
            add("years.deviceKinds.<kind>.earlyYears", .count, "\(kind.earlyYears)")
            add("years.deviceKinds.<kind>.lateYears", .count, "\(kind.lateYears)")
            add("years.deviceKinds.<kind>.price", .price, kind.price.plain, top: Decimal(roundUp(Swift.max(kind.price.cents * 2, 100_000) / 100)))
            add("years.deviceKinds.<kind>.priceChange", .rate, share(kind.priceChangeBasisPoints))
            add("years.deviceKinds.<kind>.operatingCost", .price, kind.operatingCostPerYear.plain,
                top: Decimal(roundUp(Swift.max(kind.operatingCostPerYear.cents * 2, 10_000) / 100)))
        }
        let limits = ScenarioKeys.entry("years.turbulence").label(german: german)
        if let fall = s.turbulence.maxFallBasisPoints {
            out.append(field("years.turbulence.maxFall", [], group: "years-turbulence", groupLabel: limits, owner: nil, kind: .rate, value: share(fall)))
        }
        if let most = s.turbulence.maxNewDevicesPerYear {
            out.append(field("years.turbulence.maxNewDevicesPerYear", [], group: "years-turbulence", groupLabel: limits, owner: nil, kind: .count,
                             value: "\(most)", top: Decimal(roundUp(Swift.max(most * 2, 100)))))
        }
        return out
    }
}
