import Foundation

/// How far a long planner request has got (issue 18): the page sends a token of its own
/// choosing with the request (`progress`) and polls `GET /api/progress?id=TOKEN` while it waits.
/// The answer says the phase (waiting for a worker, loading, solving the baseline or the plan,
/// writing the download), the school authorities solved so far of a split scenario, the stage
/// of a multi-year plan's solve (1 to 4 of 4, issue 19), and the seconds since the request arrived. Entries are kept a few minutes after the request ends,
/// at most `capacity` at once (the oldest go first); a token is only ever an opaque name.
public final class ProgressBoard: @unchecked Sendable {
    public enum Phase: String, Sendable {
        case queued, loading, baseline, solving, writing, done
    }

    struct Entry {
        var phase: Phase
        var done: Int?
        var total: Int?
        var stage: Int?
        var stages: Int?
        let started: UInt64
        var updated: UInt64
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    let capacity: Int
    /// Seconds an ended request's entry stays.
    let keepSeconds: Double

    public init(capacity: Int = 256, keepSeconds: Double = 300) { self.capacity = capacity; self.keepSeconds = keepSeconds }

    /// A token the page may send: 8 to 64 letters, digits, '-' and '_'.
    public static func isToken(_ s: String) -> Bool {
        (8...64).contains(s.utf8.count) && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    func begin(_ token: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.withLock {
            entries = entries.filter { Double(now - $0.value.updated) / 1e9 < keepSeconds || $0.value.phase != .done }
            if entries.count >= capacity, let oldest = entries.min(by: { $0.value.updated < $1.value.updated })?.key { entries[oldest] = nil }
            entries[token] = Entry(phase: .queued, done: nil, total: nil, stage: nil, stages: nil, started: now, updated: now)
        }
    }

    func set(_ token: String, _ phase: Phase) {
        lock.withLock {
            guard var e = entries[token] else { return }
            e.phase = phase
            if phase != .done { e.done = nil; e.total = nil; e.stage = nil; e.stages = nil }
            e.updated = DispatchTime.now().uptimeNanoseconds
            entries[token] = e
        }
    }

    func count(_ token: String, done: Int, of total: Int) {
        lock.withLock {
            guard var e = entries[token] else { return }
            (e.done, e.total) = (done, total)
            e.updated = DispatchTime.now().uptimeNanoseconds
            entries[token] = e
        }
    }

    /// A multi-year plan's solve begins its stage `stage` (from 1) of `stages`.
    func stage(_ token: String, _ stage: Int, of stages: Int) {
        lock.withLock {
            guard var e = entries[token] else { return }
            (e.stage, e.stages) = (stage, stages)
            e.updated = DispatchTime.now().uptimeNanoseconds
            entries[token] = e
        }
    }

    /// The answer of `GET /api/progress?id=TOKEN`: phase ("unknown" for a token not seen, or
    /// no longer kept), authorities done and total (null when the scenario is not split or
    /// the phase has none), seconds since the request arrived, and the stage of a multi-year
    /// plan's solve with the stage count (null for other requests and phases).
    public func json(_ token: String) -> String {
        let now = DispatchTime.now().uptimeNanoseconds
        let e = lock.withLock { entries[token] }
        guard let e else { return #"{"id": "\#(token)", "phase": "unknown", "done": null, "total": null, "seconds": null, "stage": null, "stages": null}"# + "\n" }
        let seconds = String(format: "%.1f", locale: Locale(identifier: "en_US_POSIX"), Double((e.phase == .done ? e.updated : now) - e.started) / 1e9)
        return #"{"id": "\#(token)", "phase": "\#(e.phase.rawValue)", "done": \#(e.done.map(String.init) ?? "null"), "total": \#(e.total.map(String.init) ?? "null"), "seconds": \#(seconds), "stage": \#(e.stage.map(String.init) ?? "null"), "stages": \#(e.stages.map(String.init) ?? "null")}"# + "\n"
    }
}

/// The progress of the request a worker runs now (`JobContext.progress`).
struct ProgressHandle: Sendable {
    let board: ProgressBoard
    let token: String
    func phase(_ p: ProgressBoard.Phase) { board.set(token, p) }
    func count(_ done: Int, _ total: Int) { board.count(token, done: done, of: total) }
    func stage(_ stage: Int, _ stages: Int) { board.stage(token, stage, of: stages) }
}
