import Foundation

/// What one server allows one request, and how much work it runs at once (`allocate serve`
/// options; documented in README "Web planner" and in the OpenAPI description).
public struct PlannerLimits: Sendable, Equatable {
    /// Seconds a request's solve may take: the scenario's `solver.timeLimitSeconds` is lowered
    /// to it (`--request-time-limit`).
    public var solveSeconds: Double = 60
    /// Device kinds and pools a request's overrides may add to those its scenario file defines.
    public var addedDeviceKinds = 2
    public var addedPools = 2
    /// Schools × device kinds a request's model may have (`--max-model-size`); schools come
    /// only from the scenario's files (the overrides cannot name them).
    public var modelCells = 200_000
    /// A scenario with more schools than this is heavy work: it is solved in the heavy lane.
    public var lightSchools = 1_000
    /// Heavy solves at once (`--solve-workers`), and heavy requests that may wait (`--queue`);
    /// one more gets 503 with Retry-After.
    public var heavyWorkers = 1
    public var heavyQueue = 8
    /// Light requests (small scenarios, the scenario list, forms, saves) at once, and waiting.
    public var lightWorkers = 2
    public var lightQueue = 64

    public init() {}
}

/// A fixed set of worker threads and a bounded FIFO of jobs waiting for them. GLPK work runs
/// start to end on one of these threads (its state is per thread), never on the server's event
/// loops or the cooperative pool. A job whose client is gone when its turn comes is dropped.
final class WorkLane: @unchecked Sendable {
    struct Job {
        let run: () -> Void
        let drop: () -> Void
        let isCancelled: @Sendable () -> Bool
    }

    let name: String
    let workers: Int
    let capacity: Int
    private let condition = NSCondition()
    private var waiting: [Job] = []
    private var running = 0
    /// Recent job durations (seconds), for Retry-After.
    private var averageSeconds = 1.0
    private(set) var droppedJobs = 0
    private var finishedJobs = 0

    init(name: String, workers: Int, capacity: Int) {
        self.name = name; self.workers = max(1, workers); self.capacity = max(0, capacity)
        for i in 0..<self.workers {
            let thread = Thread { self.work() } // lanes live as long as the server
            thread.name = "planner-\(name)-\(i)"
            thread.stackSize = 8 << 20 // the loader and GLPK recurse; as a main thread's stack
            thread.start()
        }
    }

    /// Queues a job; false when `capacity` jobs are waiting already (jobs of clients that are
    /// gone are dropped first and do not count).
    func submit(_ job: Job) -> Bool {
        condition.lock()
        var gone: [Job] = []
        waiting.removeAll { j in
            if j.isCancelled() { gone.append(j); return true }
            return false
        }
        droppedJobs += gone.count
        let accepted = waiting.count < capacity || (running < workers && waiting.isEmpty)
        if accepted {
            waiting.append(job)
            condition.signal()
        }
        condition.unlock()
        for j in gone { j.drop() }
        return accepted
    }

    /// Seconds until a place is likely free: the jobs ahead times their recent duration, per worker.
    func retryAfter() -> Int {
        condition.lock(); defer { condition.unlock() }
        let ahead = Double(waiting.count + running)
        return min(600, max(1, Int((ahead * averageSeconds / Double(workers)).rounded(.up))))
    }

    var counts: (waiting: Int, running: Int, dropped: Int, finished: Int) {
        condition.lock(); defer { condition.unlock() }
        return (waiting.count, running, droppedJobs, finishedJobs)
    }

    private func work() {
        while true {
            condition.lock()
            while waiting.isEmpty { condition.wait() }
            let job = waiting.removeFirst()
            let cancelled = job.isCancelled()
            if cancelled { droppedJobs += 1 } else { running += 1 }
            condition.unlock()
            if cancelled { job.drop(); continue }
            let start = DispatchTime.now().uptimeNanoseconds
            autoreleasepool { job.run() }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            condition.lock()
            running -= 1
            finishedJobs += 1
            averageSeconds = 0.8 * averageSeconds + 0.2 * seconds
            condition.unlock()
        }
    }
}

#if !canImport(ObjectiveC)
@inline(__always) func autoreleasepool<T>(_ body: () throws -> T) rethrows -> T { try body() }
#endif

/// The job a worker thread runs now: its lane, its client, and where heavy scenarios are noted.
struct JobContext: Sendable {
    let heavyLane: Bool
    /// Whether the operation solves (only those move to the heavy lane).
    let solves: Bool
    let isCancelled: @Sendable () -> Bool
    /// The client as the server saw it (address:port), for the run history.
    var client: String? = nil
    /// Where the request's progress is noted, when its page asked (`progress`).
    var progress: ProgressHandle? = nil
    /// When the request arrived: its time limit (`PlannerLimits.solveSeconds`, or the scenario's
    /// lower one) counts from here, so that it bounds the whole request — the wait for a
    /// worker, the loading and every solve (a comparison's baseline and plan together).
    var arrived: ContinuousClock.Instant? = nil

    @TaskLocal static var current: JobContext?
}

/// Schools per scenario file, as last loaded: which lane a request for it starts in.
final class SizeHints: @unchecked Sendable {
    private let lock = NSLock()
    private var schools: [String: Int] = [:]

    func schools(of path: String) -> Int? { lock.withLock { schools[path] } }
    func note(_ path: String, schools count: Int) {
        lock.withLock {
            if schools.count > 1_000 { schools.removeAll() }
            schools[path] = count
        }
    }
}

/// The light and heavy lanes of one service, made when the server first needs them.
final class Lanes: @unchecked Sendable {
    let light: WorkLane
    let heavy: WorkLane
    init(_ limits: PlannerLimits) {
        light = WorkLane(name: "light", workers: limits.lightWorkers, capacity: limits.lightQueue)
        heavy = WorkLane(name: "heavy", workers: limits.heavyWorkers, capacity: limits.heavyQueue)
    }
}

final class LazyLanes: @unchecked Sendable {
    private let lock = NSLock()
    private var lanes: Lanes?
    func get(_ limits: PlannerLimits) -> Lanes {
        lock.withLock {
            if let lanes { return lanes }
            let made = Lanes(limits)
            lanes = made
            return made
        }
    }
}
