import Foundation
import Testing
import ScenarioFiles
@testable import PlannerService
@testable import PlannerWeb
import TestSupport

/// Issue 19 with issue 14 item 7: a multi-year plan (`POST /api/years`) whose client hangs up is
/// dropped while it waits and cancelled while it solves, and its progress token shows the stage
/// of the solve under way (1 to 4 of 4).
@Suite(.serialized) struct PlannerYearsCancelTests {
    /// A folder with the small years fixture (3 schools, 2026–2028), no run history.
    struct Folder {
        let root: String
        init() throws {
            root = try temporaryFolder("planner-years-cancel")
            try FileManager.default.createDirectory(atPath: root + "/Scenarios", withIntermediateDirectories: true)
            for item in ["small.yaml", "data"] {
                try FileManager.default.copyItem(atPath: Paths.fixture("years/" + item), toPath: root + "/Scenarios/" + item)
            }
        }
        func service(_ change: (inout PlannerLimits) -> Void = { _ in }) throws -> PlannerService {
            var limits = PlannerLimits()
            change(&limits)
            return try PlannerService(folder: ScenarioFolder(path: root + "/Scenarios"), defaultScenario: "small.yaml", limits: limits)
        }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// The stage a progress answer names (nil: none).
    static func stage(_ progress: String) -> Int? {
        guard let r = progress.range(of: #""stage": \d+"#, options: .regularExpression) else { return nil }
        return Int(progress[r].dropFirst(9))
    }

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var stages = Set<Int>()
        func add(_ s: Int?) { if let s { lock.withLock { _ = stages.insert(s) } } }
        var all: [Int] { lock.withLock { stages.sorted() } }
    }

    /// While it solves, the progress answer names each stage in turn (the solve asks whether its
    /// client is still there within every stage, so the test sees them without timing); at the
    /// end it keeps the last one.
    @Test func theProgressShowsTheStageUnderWay() async throws {
        let folder = try Folder(); defer { folder.remove() }
        let service = try folder.service()
        let token = "years-stage-0001", seen = Seen()
        let answer = await service.respond("years", body: body(#"{"progress": "\#(token)"}"#),
                                           isCancelled: { seen.add(Self.stage(service.progress.json(token))); return false })
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self).prefix(300))")
        #expect(seen.all == [1, 2, 3, 4], "stages seen while solving: \(seen.all)")
        let last = service.progress.json(token)
        #expect(last.contains(#""phase": "done""#) && last.contains(#""stage": 4, "stages": 4"#), "\(last)")
        // A one-year solve has no stages to show.
        let one = "one-year-0000001"
        _ = await service.respond("form", body: body(#"{"progress": "\#(one)"}"#))
        #expect(service.progress.json(one).contains(#""stage": null, "stages": null"#), "\(service.progress.json(one))")
    }

    /// A client that hangs up in the second stage: the solve stops there (the third stage never
    /// begins), the answer is 499 and the worker is free for the next request.
    @Test func aRunningYearsSolveOfAClientThatHungUpIsCancelled() async throws {
        let folder = try Folder(); defer { folder.remove() }
        let service = try folder.service { $0.heavyWorkers = 1 }
        let token = "years-hangup-0001"
        // "Hung up" once the second stage has begun: no timing, the solve's own progress says when.
        let answer = await service.respond("years", body: body(#"{"progress": "\#(token)"}"#),
                                           isCancelled: { Self.stage(service.progress.json(token)) ?? 0 >= 2 })
        #expect(answer.status == 499, "\(answer.status): \(String(decoding: answer.body, as: UTF8.self).prefix(300))")
        #expect(Self.stage(service.progress.json(token)) == 2, "the solve went on after its client hung up: \(service.progress.json(token))")
        let lane = service.lanes.get(service.limits).heavy
        #expect(await eventually { lane.counts.running == 0 })
        #expect(await service.respond("years", body: Data()).status == 200, "the worker serves the next request")
    }

    /// A client that hangs up while its years request waits for the heavy worker (held by a job
    /// of the test's own, so that nothing depends on timing): the request is dropped, not solved.
    @Test func aQueuedYearsRequestOfAClientThatHungUpIsDropped() async throws {
        let folder = try Folder(); defer { folder.remove() }
        let service = try folder.service { $0.heavyWorkers = 1; $0.heavyQueue = 8 }
        let server = try await LiveServer.start(service); defer { Task { await server.stop() } }
        let port = try #require(server.base.port)
        let lane = service.lanes.get(service.limits).heavy
        let release = DispatchSemaphore(value: 0)
        #expect(lane.submit(.init(run: { release.wait() }, drop: {}, isCancelled: { false })))
        for _ in 0..<100 where lane.counts.running == 0 { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(lane.counts.running == 1)
        let token = "years-queued-0001"
        let gone = try RawConnection(port: port)
        gone.send(jsonRequest("/api/years", #"{"progress": "\#(token)"}"#))
        for _ in 0..<300 where lane.counts.waiting == 0 { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(lane.counts.waiting == 1)
        #expect(service.progress.json(token).contains(#""phase": "queued""#), "\(service.progress.json(token))")
        gone.close()
        try await Task.sleep(nanoseconds: 1_000_000_000) // the server sees the hang-up (its event loop marks the connection)
        release.signal()
        for _ in 0..<300 where lane.counts.dropped == 0 { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(lane.counts.dropped == 1, "the years request of the client that hung up was solved anyway")
        #expect(lane.counts.finished == 1, "only the holding job ran")
        #expect(Self.stage(service.progress.json(token)) == nil, "a dropped request never began a stage")
        // The worker serves the next request.
        #expect(try await server.send("/api/years", json: "{}").status == 200)
    }
}
