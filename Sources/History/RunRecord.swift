import Foundation
import Allocation
import Reports
import ScenarioFiles
import ZIPFoundation
import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// One run as the history keeps it: who ran which command on which inputs, with which tool
/// and GLPK, and what came out (docs/ARCHITECTURE.md, "Run history").
public struct RunRecord: Sendable {
    /// A globally unique id (printed on reports so a figure can be traced back to its run).
    public var uuid: String
    /// When the run was recorded (the wall clock; the plan's own time is its audit's `generatedAt`).
    public var recordedAt: Date
    /// `solve`, `compare`, `report`, `explain`, `schedule`, `planner-download`, `planner-save`.
    public var command: String
    /// The arguments as given (after the program name).
    public var arguments: [String]
    /// The operating-system user that ran it.
    public var user: String
    /// For the planner: the client's address as the server saw it, without the port (`ClientAddress`).
    public var client: String?
    public var toolVersion: String
    public var glpkVersion: String?
    /// The first plan's solver status (`optimal`, `feasible`, …), `explained` for `explain`.
    public var status: String
    /// The plans of the run, the baseline first.
    public var plans: [PlanRecord]
    /// A failed run (status `failed`): the error's class (`ErrorClass`'s raw value: input,
    /// infeasible, solverOrInternal, cancelled) and the message the user was shown.
    public var errorClass: String?
    public var errorMessage: String?

    /// A new run id (lower-case uuid), to print on a run's reports before it is recorded.
    public static func newID() -> String { UUID().uuidString.lowercased() }

    public init(command: String, arguments: [String], client: String? = nil, status: String? = nil,
                plans: [PlanRecord], recordedAt: Date = Date(), uuid: String = RunRecord.newID()) {
        self.uuid = uuid
        self.recordedAt = recordedAt
        self.command = command
        self.arguments = arguments
        self.user = Self.currentUser()
        self.client = client.map(ClientAddress.withoutPort)
        self.toolVersion = ToolInfo.version
        self.glpkVersion = plans.first?.glpkVersion
        self.status = status ?? plans.first?.status ?? "unknown"
        self.plans = plans
    }

    /// A run that failed: status `failed`, the error's class and message; `plans` holds what
    /// the run got to (at least the scenario it was asked for, so `list --scenario` finds it).
    public init(failed command: String, arguments: [String], client: String? = nil, errorClass: String, message: String,
                plans: [PlanRecord], recordedAt: Date = Date(), uuid: String = RunRecord.newID()) {
        self.init(command: command, arguments: arguments, client: client, status: "failed", plans: plans, recordedAt: recordedAt, uuid: uuid)
        self.errorClass = errorClass
        // A message is kept whole up to 4,000 characters (a long list of findings is cut there).
        errorMessage = message.count > 4000 ? String(message.prefix(3999)) + "…" : message
    }

    /// The user name of the effective user id (the password database), else $USER, else the uid.
    static func currentUser() -> String {
        #if canImport(Glibc)
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        #endif
        return ProcessInfo.processInfo.environment["USER"] ?? "uid \(getuid())"
    }
}

/// How a recorded scenario is loaded again: its file, the `--set` overrides, the solver options.
public struct ReplayOptions: Sendable, Equatable {
    public var scenario: String
    public var overrides: [String]
    public var relativeGap: Double
    public var timeLimitSeconds: Double
    public var workers: Int

    public init(scenario: String, overrides: [String], relativeGap: Double, timeLimitSeconds: Double, workers: Int = 1) {
        self.scenario = scenario; self.overrides = overrides
        self.relativeGap = relativeGap; self.timeLimitSeconds = timeLimitSeconds; self.workers = workers
    }

    var json: JSONValue {
        .object([("scenario", .string(scenario)), ("overrides", .array(overrides.map { .string($0) })),
                 // "\(Double)" is the shortest text that reads back to the same double.
                 ("relativeGap", .number("\(relativeGap)")), ("timeLimitSeconds", .number("\(timeLimitSeconds)")),
                 ("workers", .number(String(workers)))])
    }

    init?(json text: String) {
        guard let o = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let scenario = o["scenario"] as? String else { return nil }
        self.scenario = scenario
        overrides = o["overrides"] as? [String] ?? []
        relativeGap = (o["relativeGap"] as? NSNumber)?.doubleValue ?? 0
        timeLimitSeconds = (o["timeLimitSeconds"] as? NSNumber)?.doubleValue ?? 0
        workers = (o["workers"] as? NSNumber)?.intValue ?? 1
    }
}

/// One headline figure of a plan (`Comparison`'s pool and device lines: per pool granted,
/// spent, left; per device kind devices, need, coverage; the totals), so that a figure has
/// the one value every report shows.
public struct HeadlineFigure: Sendable, Equatable {
    public var key: String
    public var label: String
    public var value: Comparison.Value?

    public init(key: String, label: String, value: Comparison.Value?) { self.key = key; self.label = label; self.value = value }

    /// The pool and device lines of a plan, computed by `Comparison` as `compare` computes them
    /// (`Comparison.headlineLines`: those lines alone, without the level and district lines
    /// and school changes a whole comparison works out).
    public static func of(_ plan: Plan, total: PlanFigures.Group? = nil) -> [HeadlineFigure] {
        Comparison.headlineLines(plan, total: total).map { HeadlineFigure(key: $0.id, label: $0.de, value: $0.values[0]) }
    }
}

/// One plan of a run: its scenario and inputs, the audit record and the plan JSON.
public struct PlanRecord: Sendable {
    public struct Input: Sendable, Equatable {
        public var file: InputFile
        /// The bytes read, when they still hash to the recorded SHA-256 (nil: not kept).
        public var content: Data?
    }

    public var label: String
    public var scenarioName: String
    public var replay: ReplayOptions
    public var inputs: [Input]
    /// The audit record, in order: (section, key, value); sections `audit`, `scenario`, `solverOptions`, `outcome`.
    public var audit: [(section: String, key: String, value: String)]
    public var status: String
    public var objective: Double?
    public var bestBound: Double?
    public var gapDevices: Int?
    public var glpkVersion: String?
    public var generatedAt: String?
    public var figures: [HeadlineFigure]
    /// The plan JSON exactly as the run rendered it (`PlanJSON.render(plan, audit:)`; for a
    /// multi-year plan the years document, `YearsReport.json`).
    public var planJSON: Data? {
        get {
            switch rendered {
            case .bytes(let b)?: Data(b)
            case .text(let t)?: Data(t.utf8)
            case .data(let d)?: d
            case nil: nil
            }
        }
        set { rendered = newValue.map { .data($0) } }
    }
    /// The plan JSON as it was handed over, not copied into a `Data` (26 MB for 40,005 schools:
    /// a copy and its fresh pages were some 20 ms of recording it; issue 18).
    private var rendered: Rendered?
    private enum Rendered: Sendable {
        case bytes([UInt8]), text(String), data(Data)
    }

    /// The plan JSON's bytes in place (nil without one).
    func withPlanJSON<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        switch rendered {
        case .bytes(let b)?: return try b.withUnsafeBytes(body)
        case .text(var t)?: return try t.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        case .data(let d)?: return try d.withUnsafeBytes(body)
        case nil: return nil
        }
    }

    /// How many bytes the plan JSON has (nil without one).
    var planJSONCount: Int? {
        switch rendered {
        case .bytes(let b)?: b.count
        case .text(let t)?: t.utf8.count
        case .data(let d)?: d.count
        case nil: nil
        }
    }
    /// nil: an allocation plan; `years`: a multi-year plan (`PlanRecord.yearsKind`).
    public var kind: String?
    /// A multi-year plan itself (`YearsPlanDocument`'s JSON), for making its outputs again.
    public var yearsPlan: Data?

    /// A solved plan with the audit record it was written with.
    public init(label: String, plan: Plan, audit: AuditRecord, replay: ReplayOptions, planJSON: String? = nil) {
        self.label = label
        scenarioName = plan.scenario.name
        self.replay = replay
        inputs = audit.inputs.map { Input(file: $0, content: nil) }
        self.audit = Self.entries(audit)
        let s = plan.solver
        status = s.stoppedAtTimeLimit ? "time-limit" : s.status.rawValue
        objective = s.objective
        bestBound = s.bestBound
        gapDevices = s.gapDevices
        glpkVersion = s.solverVersion
        generatedAt = audit.generatedAt
        // The plan's figures worked out once, for the headline and for plan.json (issue 18: each
        // went over every school).
        let fig = planJSON == nil ? PlanFigures(plan) : nil
        figures = HeadlineFigure.of(plan, total: fig?.total)
        rendered = planJSON.map { .text($0) } ?? .bytes(PlanJSON.bytes(plan, audit: audit, figures: fig))
    }

    /// The plan a failed run was asked for: its scenario file (and the inputs, when it loaded).
    public init(failedScenario path: String, label: String, loaded: LoadedScenario?, overrides: [String]) {
        self.label = label
        scenarioName = loaded?.scenario.name ?? label
        replay = ReplayOptions(scenario: path, overrides: overrides, relativeGap: loaded?.scenario.solver.relativeGap ?? 0,
                               timeLimitSeconds: loaded?.scenario.solver.timeLimitSeconds ?? 0)
        inputs = (loaded?.inputs ?? []).map { Input(file: $0, content: nil) }
        audit = []
        status = "failed"
        figures = []
    }

    /// A run without a plan (`explain`): the scenario and its inputs only.
    public init(label: String, loaded: LoadedScenario, replay: ReplayOptions, status: String) {
        self.label = label
        scenarioName = loaded.scenario.name
        self.replay = replay
        inputs = loaded.inputs.map { Input(file: $0, content: nil) }
        audit = []
        self.status = status
        figures = []
    }

    static func entries(_ a: AuditRecord) -> [(section: String, key: String, value: String)] {
        [("audit", "toolVersion", a.toolVersion), ("audit", "solverVersion", a.solverVersion),
         ("audit", "generatedAt", a.generatedAt), ("audit", "reproducible", a.reproducible ? "true" : "false")]
            + (a.runID.map { [("audit", "runId", $0)] } ?? [])
            + a.scenarioValues.map { ("scenario", $0.key, $0.value) }
            + a.solverOptions.map { ("solverOptions", $0.key, $0.value) }
            + a.outcome.map { ("outcome", $0.key, $0.value) }
    }
}

/// Raw deflate (zlib's) for the plan JSON and the input files: written with zlib directly at
/// level 2 with memLevel 7 (ZIPFoundation's level 6 with a Swift CRC-32 of every block was a
/// fifth of recording a run, README "What recording costs"; level 1 with memLevel 8 took 8–12 %
/// more instructions for 10 % more bytes on the default and the NRW plan.json, callgrind,
/// 2026-12-03), read through ZIPFoundation; it is one format whatever the level, so records
/// written by any of these read back alike.
///
/// Data of `piece` bytes or less is one deflate call. Larger data (a state-wide or a 40,000-school
/// plan.json: 4 and 26 MB) is cut into pieces of `piece` bytes, deflated on the cores at once as
/// pigz does (issue 18: deflating the 40,000-school plan.json was a third of recording it): each
/// piece primed with the 32 KiB before it as its dictionary, every piece but the last ended by a
/// sync flush (an empty stored block, so the next piece starts on a byte), the last one by the
/// final block. The pieces joined are one raw deflate stream that any inflater (and every
/// earlier version of this tool) reads; where the pieces are cut depends on the size alone, so
/// the same data gives the same bytes on any number of cores.
public enum Deflate {
    struct Failed: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "zlib deflate failed (\(code))" }
    }

    /// The size of a piece deflated on its own (and the largest data deflated in one call).
    static let piece = 1 << 20
    /// The dictionary a piece is primed with: the bytes before it, up to deflate's window.
    static let dictionary = 32 << 10

    public static func compress(_ data: Data) throws -> Data {
        try data.withUnsafeBytes { try compress($0) }
    }

    /// The bytes in place (no copy into a `Data` first).
    static func compress(_ whole: UnsafeRawBufferPointer) throws(Failed) -> Data {
        if whole.count <= piece {
            return try deflatePiece(whole, dictionary: UnsafeRawBufferPointer(start: nil, count: 0), last: true)
        }
        let count = (whole.count + piece - 1) / piece
        let results = ParallelResults<Data, Failed>(count: count)
        nonisolated(unsafe) let input = whole
        DispatchQueue.concurrentPerform(iterations: min(count, ProcessInfo.processInfo.activeProcessorCount)) { _ in
            // One output buffer per thread for all its pieces (a fresh zeroed one per piece was
            // 26 MB of new pages for a 40,005-school plan.json); each piece's bytes copied out.
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: piece + piece / 4, alignment: 16)
            defer { scratch.deallocate() }
            while let i = results.claim() {
                let start = i * piece, end = min(input.count, start + piece)
                let primer = UnsafeRawBufferPointer(rebasing: input[max(0, start - dictionary) ..< start])
                do throws(Failed) {
                    results.set(i, try deflatePiece(UnsafeRawBufferPointer(rebasing: input[start ..< end]), dictionary: primer,
                                                    last: i == count - 1, into: scratch))
                } catch { results.fail(error) }
            }
        }
        if let error = results.error { throw error }
        let pieces = results.values.map { $0! }
        var output = Data(capacity: pieces.reduce(0) { $0 + $1.count })
        for p in pieces { output.append(p) }
        return output
    }

    /// One piece: primed with `dictionary` (the bytes before it), ended by the final block when
    /// `last`, else by a sync flush; written into `scratch` when given (it must hold the piece's
    /// deflate bound), else into a buffer of its own.
    static func deflatePiece(_ input: UnsafeRawBufferPointer, dictionary: UnsafeRawBufferPointer, last: Bool,
                             into scratch: UnsafeMutableRawBufferPointer? = nil) throws(Failed) -> Data {
        var stream = z_stream()
        var result = deflateInit2_(&stream, 2, Z_DEFLATED, -MAX_WBITS, 7, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                                   Int32(MemoryLayout<z_stream>.size))
        guard result == Z_OK else { throw Failed(code: result) }
        defer { deflateEnd(&stream) }
        if dictionary.count > 0 {
            result = deflateSetDictionary(&stream, dictionary.bindMemory(to: UInt8.self).baseAddress, UInt32(dictionary.count))
            guard result == Z_OK else { throw Failed(code: result) }
        }
        // Straight from the input's bytes (zlib only reads `next_in`); the bound holds the whole
        // piece and its flush marker, so one call does it.
        let bound = Int(deflateBound(&stream, UInt(input.count))) + 16
        func run(_ out: UnsafeMutableRawBufferPointer) -> Int {
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = UInt32(input.count)
            stream.next_out = out.bindMemory(to: UInt8.self).baseAddress
            stream.avail_out = UInt32(out.count)
            result = deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
            return out.count - Int(stream.avail_out)
        }
        let output: Data
        if let scratch, scratch.count >= bound {
            let written = run(UnsafeMutableRawBufferPointer(rebasing: scratch[0 ..< bound]))
            output = Data(bytes: scratch.baseAddress!, count: written)
        } else {
            var buffer = Data(count: bound)
            let written = buffer.withUnsafeMutableBytes { run($0) }
            buffer.count = written
            output = buffer
        }
        guard last ? result == Z_STREAM_END : (result == Z_OK && stream.avail_in == 0 && stream.avail_out > 0) else {
            throw Failed(code: result)
        }
        return output
    }

    public static func decompress(_ data: Data) throws -> Data {
        var out = Data()
        _ = try Data.decompress(size: Int64(data.count), bufferSize: 64 * 1024, skipCRC32: true, provider: { position, size in
            data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
        }, consumer: { out.append($0) })
        return out
    }
}
