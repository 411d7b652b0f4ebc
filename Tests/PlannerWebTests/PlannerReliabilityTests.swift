import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import ScenarioFiles
@testable import PlannerService
@testable import PlannerWeb
import TestSupport

/// A plain TCP connection to a test server, for what URLSession cannot do: send half a
/// request, stay idle, hang up before the answer.
final class RawConnection {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(rc == 0, "cannot connect to port \(port)")
    }

    func send(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until the server closes the connection or `seconds` pass; nil if it is still open then.
    func readUntilClosed(seconds: Double) -> String? {
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let deadline = Date().addingTimeInterval(seconds)
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return String(decoding: data, as: UTF8.self) }
            if n > 0 { data += buffer[0..<n] } else if errno != EAGAIN && errno != EWOULDBLOCK { return String(decoding: data, as: UTF8.self) }
        }
        return nil
    }

    /// `readUntilClosed` on a thread of its own: the test's task does not hold one of the few
    /// threads the server's handlers (in this process) need.
    func closed(within seconds: Double) async -> String? {
        final class Box: @unchecked Sendable { let c: RawConnection; init(_ c: RawConnection) { self.c = c } }
        let box = Box(self)
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: box.c.readUntilClosed(seconds: seconds)) }
        }
    }

    func close() { _ = Glibc.close(fd) }
}

func jsonRequest(_ path: String, _ json: String) -> String {
    "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n\(json)"
}

/// Issue 14, items 1-3 and 6: saves that race, saves over links, files interrupted saves leave.
@Suite(.serialized) struct SaveRaceTests {
    /// 16 saves of one new name at once: exactly one creates it, the others are asked (409).
    @Test func concurrentSavesOfANewNameGiveExactlyOneCreated() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        for trial in 0..<5 {
            let statuses = Statuses()
            DispatchQueue.concurrentPerform(iterations: 16) { i in
                let r = service.handle("save", body: body("{\"file\": \"race\(trial)\", \"title\": \"writer \(i)\"}"))
                statuses.add(r.status)
            }
            #expect(statuses.sorted == [201] + Array(repeating: 409, count: 15), "trial \(trial): \(statuses.sorted)")
        }
    }

    /// Without the save lock, link(2) alone still lets exactly one writer take a new name.
    @Test func creatingANameIsAtomicEvenWithoutTheLock() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let folder = try ScenarioFolder(path: copy.path)
        try FileManager.default.createDirectory(atPath: copy.path + "/saved", withIntermediateDirectories: true)
        for trial in 0..<5 {
            let statuses = Statuses()
            DispatchQueue.concurrentPerform(iterations: 16) { i in
                do {
                    _ = try folder.save(file: "bare\(trial)", over: "dortmund-2020.yaml", title: "writer \(i)", overrides: [:], overwrite: false) { _ in }
                    statuses.add(201)
                } catch { statuses.add((error as? PlannerError)?.status ?? 0) }
            }
            #expect(statuses.sorted == [201] + Array(repeating: 409, count: 15), "trial \(trial): \(statuses.sorted)")
        }
    }

    /// `ca` saved over `cb` and `cb` over `ca` at the same time: one of them is refused, and
    /// both files still load (no extends cycle).
    @Test func crossExtendingSavesNeverLeaveACycle() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        for trial in 0..<6 {
            let a = "ca\(trial)", b = "cb\(trial)"
            #expect(service.handle("save", body: body("{\"file\": \"\(a)\"}")).status == 201)
            #expect(service.handle("save", body: body("{\"file\": \"\(b)\"}")).status == 201)
            let statuses = Statuses()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let (file, over) = i == 0 ? (a, b) : (b, a)
                statuses.add(service.handle("save", body: body("{\"scenario\": \"saved/\(over).yaml\", \"file\": \"\(file)\", \"overwrite\": true}")).status)
            }
            #expect(statuses.sorted == [201, 409], "trial \(trial): \(statuses.sorted)")
            for name in [a, b] {
                #expect(throws: Never.self, "trial \(trial): saved/\(name).yaml") { try ScenarioLoader.load(path: copy.path + "/saved/\(name).yaml") }
            }
        }
    }

    /// A link in the folder to saved/ (`alias -> saved`) does not let a file extend itself.
    @Test func aLinkToTheSavedFolderCannotMakeAFileExtendItself() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        #expect(service.handle("save", body: body(#"{"file": "x"}"#)).status == 201)
        try FileManager.default.createSymbolicLink(atPath: copy.path + "/alias", withDestinationPath: "saved")
        let before = try String(contentsOfFile: copy.path + "/saved/x.yaml", encoding: .utf8)
        let r = service.handle("save", body: body(#"{"scenario": "alias/x.yaml", "file": "x", "overwrite": true, "overrides": {"pools.stadt.budget": "1"}}"#))
        #expect(r.status == 409, "\(String(decoding: r.body, as: UTF8.self))")
        #expect(try String(contentsOfFile: copy.path + "/saved/x.yaml", encoding: .utf8) == before)
        // A file in saved/ that is itself a link to the scenario on screen: replacing the link is no cycle.
        try FileManager.default.createSymbolicLink(atPath: copy.path + "/saved/y.yaml", withDestinationPath: "x.yaml")
        let viaLink = service.handle("save", body: body(#"{"scenario": "saved/y.yaml", "file": "x", "overwrite": true}"#))
        #expect(viaLink.status == 409, "saved/y.yaml leads to saved/x.yaml: \(String(decoding: viaLink.body, as: UTF8.self))")
        #expect(try ScenarioLoader.load(path: copy.path + "/saved/x.yaml").scenario.name.isEmpty == false)
    }

    /// A dangling link named like the file is asked about (409), not replaced.
    @Test func aDanglingLinkGetsTheConflictQuestion() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        try FileManager.default.createDirectory(atPath: copy.path + "/saved", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: copy.path + "/saved/x.yaml", withDestinationPath: "nowhere.yaml")
        let r = service.handle("save", body: body(#"{"file": "x"}"#))
        #expect(r.status == 409)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: copy.path + "/saved/x.yaml") == "nowhere.yaml")
        #expect(!FileManager.default.fileExists(atPath: copy.path + "/saved/nowhere.yaml"))
    }

    /// What a killed server left while saving is never listed and is removed when a server starts.
    @Test func temporaryFilesAreHiddenAndRemovedAtStart() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        #expect(service.handle("save", body: body(#"{"file": "kept"}"#)).status == 201)
        let text = try String(contentsOfFile: copy.path + "/saved/kept.yaml", encoding: .utf8)
        for name in [".saving-0A1B.yaml", "_saving-2C3D.yaml"] {
            try text.write(toFile: copy.path + "/saved/" + name, atomically: false, encoding: .utf8)
        }
        let listed = try #require(try object(service.handle("scenarios", body: Data()))["scenarios"] as? [String])
        #expect(listed.filter { $0.hasPrefix("saved/") } == ["saved/kept.yaml"])
        // A save leaves no temporary file behind.
        #expect(service.handle("save", body: body(#"{"file": "more"}"#)).status == 201)
        let server = try await LiveServer.start(service); defer { Task { await server.stop() } }
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy.path + "/saved").sorted() == ["kept.yaml", "more.yaml"])
    }
}

/// Whether `condition` holds within two seconds (a worker counts a job just after answering it).
func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<40 {
        if condition() { return true }
        try? await Task.sleep(nanoseconds: 50_000_000)
    }
    return condition()
}

final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [Int] = []
    func add(_ s: Int) { lock.withLock { all.append(s) } }
    var sorted: [Int] { lock.withLock { all.sorted() } }
}

/// Issue 14, item 15: in the planner every file a scenario names stays in the folder.
@Suite(.serialized) struct ConfinedPathTests {
    @Test(arguments: ["extends: /etc/passwd\n",
                      "extends: ../secret.yaml\n",
                      "extends: link-out.yaml\n",
                      "extends: dortmund-2020.yaml\nschools:\n  file: /proc/self/environ\n",
                      "extends: dortmund-2020.yaml\nschools:\n  file: ../secret.csv\n",
                      "extends: dortmund-2020.yaml\nteachers:\n  keyFigures: link-out.csv\n"])
    func filesOutsideTheFolderAreRefusedWithoutQuotingThem(_ text: String) throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let secret = "SECRET-LINE: do not show"
        try Data((secret + "\n").utf8).write(to: copy.root.appendingPathComponent("secret.yaml"))
        try Data((secret + "\n").utf8).write(to: copy.root.appendingPathComponent("secret.csv"))
        try FileManager.default.createSymbolicLink(atPath: copy.path + "/link-out.yaml", withDestinationPath: "../secret.yaml")
        try FileManager.default.createSymbolicLink(atPath: copy.path + "/link-out.csv", withDestinationPath: "../secret.csv")
        try Data(("name: evil\n" + text).utf8).write(to: URL(fileURLWithPath: copy.path + "/evil.yaml"))
        let service = try copy.service()
        for operation in ["form", "solve"] {
            let r = service.handle(operation, body: body(#"{"scenario": "evil.yaml", "lang": "en"}"#))
            let answer = String(decoding: r.body, as: UTF8.self)
            #expect(r.status == 422, "\(operation): \(answer)")
            #expect(answer.contains("outside the scenarios folder"), "\(answer)")
            for leak in ["SECRET", "root:", "PATH=", "HOME="] { #expect(!answer.contains(leak), "\(answer)") }
        }
    }

    /// The command line reads any path its user names; only the planner is confined.
    @Test func theCommandLineStillReadsAnyPath() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let outside = copy.root.appendingPathComponent("outside.yaml").path
        try "extends: \(copy.path)/dortmund-2020.yaml\nname: outside\n".write(toFile: outside, atomically: true, encoding: .utf8)
        #expect(try ScenarioLoader.load(path: outside).scenario.name == "outside")
        try "extends: ../outside.yaml\nname: inside\n".write(toFile: copy.path + "/inside.yaml", atomically: true, encoding: .utf8)
        #expect(try ScenarioLoader.load(path: copy.path + "/inside.yaml").scenario.name == "inside")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: copy.path + "/inside.yaml", confinedTo: PathPolicy(folder: copy.path)) }
        // Files inside the folder, the shared data tables included, load as before.
        #expect(try copy.service().handle("form", body: body(#"{"scenario": "nrw/state-2020.yaml"}"#)).status == 200)
    }
}

/// Issue 14, item 9: what one request may add.
@Suite(.serialized) struct RequestBoundTests {
    @Test func aRequestAddsAtMostAFewDeviceKindsAndPools() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try copy.service()
        func kinds(_ n: Int) -> String {
            (0..<n).map { "\"deviceKinds.k\($0).basis\": \"pupils\", \"deviceKinds.k\($0).unitPrice\": \"300\"" }.joined(separator: ", ")
        }
        let two = service.handle("form", body: body("{\"overrides\": {\(kinds(2))}}"))
        #expect(two.status == 200, "\(String(decoding: two.body, as: UTF8.self))")
        let many = service.handle("solve", body: body("{\"lang\": \"en\", \"overrides\": {\(kinds(100))}}"))
        #expect(many.status == 422)
        let message = try errorOf(many)["message"] as? String ?? ""
        #expect(message.contains("100 device kinds") && message.contains("at most 2 new device kinds"), "\(message)")
        let pools = (0..<3).map { "\"pools.p\($0).budget\": \"1\"" }.joined(separator: ", ")
        let r = service.handle("solve", body: body("{\"lang\": \"en\", \"overrides\": {\(pools)}}"))
        let poolMessage = try errorOf(r)["message"] as? String ?? ""
        #expect(r.status == 422 && poolMessage.contains("at most 2 new pools"), "\(poolMessage)")
    }

    @Test func theModelSizeIsBounded() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        var limits = PlannerLimits()
        limits.modelCells = 100
        let service = try PlannerService(folder: ScenarioFolder(path: copy.path), defaultScenario: "dortmund-2020.yaml", limits: limits)
        let r = service.handle("solve", body: body(#"{"lang": "en"}"#))
        #expect(r.status == 413)
        #expect((try errorOf(r)["message"] as? String ?? "").contains("at most 100"))
    }

    @Test func theRequestTimeLimitReachesTheSolver() throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        var limits = PlannerLimits()
        limits.solveSeconds = 2.5
        let service = try PlannerService(folder: ScenarioFolder(path: copy.path), defaultScenario: "dortmund-2020.yaml", limits: limits)
        let plan = try object(service.handle("plan.json", body: Data()))
        let text = String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self)
        #expect(text.contains("\"timeLimitSeconds\":2.5"), "\(text.prefix(400))")
    }
}

/// Issue 14, items 7, 10 and 16: the server under load, slow clients, odd requests.
@Suite(.serialized) struct ServerReliabilityTests {
    static func service(_ copy: ScenarioCopy, _ change: (inout PlannerLimits) -> Void = { _ in }) throws -> PlannerService {
        var limits = PlannerLimits()
        change(&limits)
        return try PlannerService(folder: ScenarioFolder(path: copy.path), defaultScenario: "dortmund-2020.yaml", limits: limits)
    }

    static let heavy = #"{"scenario": "nrw/state-2020.yaml", "baseline": "nrw/state-2020.yaml", "overrides": {"objective": "weighted"}}"#

    /// While large solves queue, a small one answers within about a second of its own solve time.
    @Test func aLightRequestIsNotStuckBehindHeavyOnes() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try Self.service(copy) { $0.heavyWorkers = 1; $0.heavyQueue = 16 }
        // Learn the sizes first (a load, no solve), as a running server has.
        #expect(await service.respond("form", body: body(Self.heavy)).status == 200)
        #expect(await service.respond("form", body: Data()).status == 200)
        let done = ConnectionWatch.Flag()
        let heavyTasks = (0..<10).map { i in
            Task { await service.respond("solve", body: body(Self.heavy.replacingOccurrences(of: "weighted", with: i % 2 == 0 ? "weighted" : "maximin")),
                                         isCancelled: { done.isSet }) }
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        // Heavy work is there when the light request comes (read before it, not after: since
        // issue 18's sixth round a state-wide solve takes under a second in the debug build, and
        // with other suites running the ten may be done by the time the light one answers).
        let heavy = service.lanes.get(service.limits).heavy
        #expect(await eventually { heavy.counts.running + heavy.counts.waiting > 0 }, "no heavy solve ran or waited: the test shows nothing")
        let heavyLane = heavy.counts
        let light = await service.respond("solve", body: Data())
        #expect(light.status == 200)
        #expect(heavyLane.running + heavyLane.waiting > 1, "the heavy solves had nearly finished before the light one came: the test shows nothing")
        // Its answer comes within a second of its own work: the time it waited for a worker
        // (measured on the worker, not by this task, which may wait for a thread when other
        // suites run). Stuck behind the heavy ones it would wait for ten state-wide solves.
        let waited = try #require(light.queueMilliseconds)
        #expect(waited <= 1000, "the light request waited \(Int(waited)) ms for a worker while heavy ones ran (its solve: \(Int(light.solveMilliseconds ?? 0)) ms)")
        done.set() // the waiting ones are dropped
        // 500: no plan within the request's time limit (a loaded machine), a solver failure since issue 17 (exit 3 on the command line).
        for t in heavyTasks {
            let answer = await t.value
            #expect([200, 499, 500].contains(answer.status), "\(answer.status): \(String(decoding: answer.body, as: UTF8.self).prefix(400))")
        }
    }

    /// A large scenario not seen before starts in the light lane and is solved in the heavy
    /// one; forms never move (they do not solve).
    @Test func anUnknownLargeScenarioIsSolvedInTheHeavyLane() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try Self.service(copy) { $0.solveSeconds = 1 }
        let lanes = service.lanes.get(service.limits)
        #expect(await service.respond("form", body: body(#"{"scenario": "nrw/state-2020.yaml"}"#)).status == 200)
        #expect(await eventually { lanes.light.counts.finished == 1 } && lanes.heavy.counts.finished == 0)
        let fresh = try Self.service(copy) { $0.solveSeconds = 1 }
        let freshLanes = fresh.lanes.get(fresh.limits)
        #expect([200, 500].contains(await fresh.respond("solve", body: body(#"{"scenario": "nrw/state-2020.yaml"}"#)).status))
        #expect(await eventually { freshLanes.light.counts.finished == 1 }, "loaded in the light lane first")
        #expect(await eventually { freshLanes.heavy.counts.finished == 1 }, "then solved in the heavy lane")
        // Known now: the next one goes straight to the heavy lane (aLightRequestIsNotStuckBehindHeavyOnes).
        #expect(fresh.sizes.schools(of: copy.path + "/nrw/state-2020.yaml") ?? 0 > 1_000)
    }

    /// A full queue answers 503 with Retry-After.
    @Test func aFullQueueAnswers503WithRetryAfter() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        // A short time limit: the solves that run end soon, with a plan or without one (500, as exit 3: not the user's fault).
        let service = try Self.service(copy) { $0.heavyWorkers = 1; $0.heavyQueue = 1; $0.solveSeconds = 1 }
        #expect(await service.respond("form", body: body(Self.heavy)).status == 200)
        let server = try await LiveServer.start(service); defer { Task { await server.stop() } }
        let answers = try await withThrowingTaskGroup(of: (Int, [String: String]).self) { group in
            for _ in 0..<4 { group.addTask { let r = try await server.send("/api/solve", json: Self.heavy); return (r.status, r.headers) } }
            var out: [(Int, [String: String])] = []
            for try await a in group { out.append(a) }
            return out
        }
        let busy = answers.filter { $0.0 == 503 }
        #expect(busy.count >= 2, "\(answers.map(\.0))")
        #expect(busy.allSatisfy { Int($0.1["retry-after"] ?? "") ?? 0 >= 1 })
        #expect(answers.allSatisfy { [200, 500, 503].contains($0.0) }, "\(answers.map(\.0))")
    }

    /// A client that hangs up while its request waits: the request is dropped, not solved.
    @Test func aQueuedRequestOfAClientThatHungUpIsDropped() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try Self.service(copy) { $0.heavyWorkers = 1; $0.heavyQueue = 8 }
        #expect(await service.respond("form", body: body(Self.heavy)).status == 200)
        let server = try await LiveServer.start(service); defer { Task { await server.stop() } }
        let port = try #require(server.base.port)
        let lane = service.lanes.get(service.limits).heavy
        // The one heavy worker is held by a job that ends only when the test says so (a solve
        // of its own would end on its own time, on a loaded machine before the request below
        // has even arrived: then it runs at once and shows nothing).
        let release = DispatchSemaphore(value: 0)
        #expect(lane.submit(.init(run: { release.wait() }, drop: {}, isCancelled: { false })))
        for _ in 0..<100 where lane.counts.running == 0 { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(lane.counts.running == 1)
        let gone = try RawConnection(port: port)
        gone.send(jsonRequest("/api/solve", Self.heavy))
        for _ in 0..<300 where lane.counts.waiting == 0 { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(lane.counts.waiting == 1)
        gone.close()
        try await Task.sleep(nanoseconds: 1_000_000_000) // the server sees the hang-up (its event loop marks the connection)
        release.signal()
        for _ in 0..<300 where lane.counts.dropped == 0 { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(lane.counts.dropped == 1, "the request of the client that hung up was solved anyway")
        #expect(lane.counts.finished == 1, "only the holding job ran")
        // The worker serves the next request.
        #expect(try await server.send("/api/solve", json: Self.heavy).status == 200)
    }

    /// A client that hangs up while its solve runs: the solve stops (between stages and
    /// authorities, and inside GLPK) and its worker is free again within moments.
    @Test func aRunningSolveOfAClientThatHungUpIsCancelled() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let service = try Self.service(copy) { $0.heavyWorkers = 1; $0.heavyQueue = 8; $0.solveSeconds = 120 }
        #expect(await service.respond("form", body: body(Self.heavy)).status == 200)
        let server = try await LiveServer.start(service); defer { Task { await server.stop() } }
        let port = try #require(server.base.port)
        let lane = service.lanes.get(service.limits).heavy
        // A comparison loads the state's school table twice and solves it twice; its progress
        // token says when the second solve is under way (authorities counted), so the client
        // hangs up inside a solve however fast the loads are.
        let token = "hangup-test-0001"
        let gone = try RawConnection(port: port)
        gone.send(jsonRequest("/api/compare", #"{"progress": "\#(token)", "# + Self.heavy.dropFirst()))
        for _ in 0..<100 where lane.counts.running == 0 { try await Task.sleep(nanoseconds: 50_000_000) }
        #expect(lane.counts.running == 1)
        for _ in 0..<1_200 where !service.progress.json(token).contains(#""phase": "solving", "done": "#) {
            try await Task.sleep(nanoseconds: 25_000_000)
        }
        #expect(service.progress.json(token).contains(#""phase": "solving", "done": "#), "\(service.progress.json(token))")
        #expect(lane.counts.running == 1, "the comparison ended before the client hung up: the test shows nothing")
        let clock = ContinuousClock()
        let hungUp = clock.now
        gone.close()
        for _ in 0..<200 where lane.counts.running != 0 { try await Task.sleep(nanoseconds: 25_000_000) }
        let released = (clock.now - hungUp) / .seconds(1)
        #expect(lane.counts.running == 0)
        // Alone on a machine the worker is free about 0.1 s after the hang-up; the margin is for
        // other tests running at the same time (the uncancelled comparison runs for seconds more).
        #expect(released < 2.5, "the worker was busy \(released) s after the client hung up")
        // The worker serves the next request.
        #expect(try await server.send("/api/solve", json: "{}").status == 200)
    }

    /// Idle connections, half-sent heads and bodies that never arrive are closed.
    @Test func slowClientsAreCutOff() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        var short = PlannerServer.Timeouts(), long = PlannerServer.Timeouts()
        short.idleSeconds = 2
        // For the body: its deadline far before the idle one, even on a loaded machine.
        long.idleSeconds = 60
        long.readSeconds = 0.5
        let server = try await LiveServer.start(try copy.service(), timeouts: short); defer { Task { await server.stop() } }
        let other = try await LiveServer.start(try copy.service(), timeouts: long); defer { Task { await other.stop() } }
        let idle = try RawConnection(port: try #require(server.base.port)), head = try RawConnection(port: try #require(server.base.port))
        let body = try RawConnection(port: try #require(other.base.port))
        defer { idle.close(); head.close(); body.close() }
        head.send("POST /api/solve HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        body.send("POST /api/solve HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"over")
        let answer = try #require(await body.closed(within: 30), "a half-sent body kept its connection")
        #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(200))")
        #expect(await idle.closed(within: 30) != nil, "an idle connection stayed open")
        #expect(await head.closed(within: 30) != nil, "a half-sent request head kept its connection")
    }

    /// Every answer carries the security headers, the refusals included; OPTIONS and other
    /// methods get 405; only application/json (with parameters) is JSON.
    @Test func refusalsCarryTheHeadersAndMethodsAndTypesAreExact() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let server = try await LiveServer.start(try copy.service()); defer { Task { await server.stop() } }
        func secured(_ r: (status: Int, headers: [String: String], body: Data), _ what: String) {
            #expect(r.headers["x-content-type-options"] == "nosniff", "\(what)")
            #expect(r.headers["content-security-policy"]?.contains("default-src 'self'") == true, "\(what)")
            #expect(r.headers["referrer-policy"] == "no-referrer", "\(what)")
        }
        let foreign = try await server.send("/api/compare", json: "{}", host: "evil.example")
        #expect(foreign.status == 403); secured(foreign, "403")
        let missing = try await server.send("/nothing.html", method: "GET")
        #expect(missing.status == 404); secured(missing, "404")
        #expect(missing.headers["content-type"]?.hasPrefix("application/json") == true)
        for (path, method, allow) in [("/api/solve", "OPTIONS", "POST"), ("/", "OPTIONS", "GET"), ("/api/save", "PUT", "POST"),
                                      ("/api/solve", "GET", "POST"), ("/api/scenarios", "POST", "GET")] {
            let r = try await server.send(path, method: method)
            #expect(r.status == 405, "\(method) \(path): \(r.status)")
            #expect(r.headers["allow"] == allow, "\(method) \(path)")
            #expect(r.headers["access-control-allow-origin"] == nil)
            secured(r, "\(method) \(path)")
        }
        for type in ["application/jsonp", "application/json-patch+json", "application/jsonx; charset=utf-8", "text/json"] {
            let r = try await server.send("/api/save", json: #"{"file": "typed"}"#, contentType: type)
            #expect(r.status == 415, "\(type): \(r.status)")
        }
        #expect(!FileManager.default.fileExists(atPath: copy.path + "/saved/typed.yaml"))
        for type in ["application/json; charset=utf-8", "Application/JSON", "application/json ;charset=UTF-8"] {
            #expect(try await server.send("/api/form", json: "{}", contentType: type).status == 200, "\(type)")
        }
    }
}

/// Issue 14, item 10: `allocate serve` stops on SIGTERM within its deadline, whatever its
/// connections do (idle, half-sent, waiting for a long solve).
@Suite struct ShutdownTests {
    static let binary = AllocateBinary.url

    @Test(.enabled(if: binary != nil)) func sigtermStopsTheServerWithinItsDeadline() async throws {
        let copy = try ScenarioCopy(); defer { copy.remove() }
        let process = Process(), output = Pipe()
        process.executableURL = Self.binary
        process.arguments = ["serve", copy.path + "/dortmund-2020.yaml", "--scenarios", copy.path, "--port", "0", "--shutdown-deadline", "2"]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The port from "allocate planner: http://127.0.0.1:PORT/".
        let line = Line()
        Thread.detachNewThread {
            var text = ""
            while !text.contains("\n") {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            line.set(text)
        }
        for _ in 0..<600 where line.value == nil { try await Task.sleep(nanoseconds: 100_000_000) }
        let text = try #require(line.value)
        let port = try #require(text.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }, "\(text)")
        let idle = try RawConnection(port: port), half = try RawConnection(port: port), solving = try RawConnection(port: port)
        defer { idle.close(); half.close(); solving.close() }
        half.send("POST /api/solve HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
        solving.send(jsonRequest("/api/solve", #"{"scenario": "nrw/state-2020.yaml", "overrides": {"objective": "weighted"}}"#))
        try await Task.sleep(nanoseconds: 500_000_000)
        // Timed on a thread of its own (the test's tasks may wait long for a thread when other
        // suites run): until the process is gone or a zombie.
        let pid = process.processIdentifier
        let seconds: Double = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let start = Date()
                kill(pid, SIGTERM)
                while Date().timeIntervalSince(start) < 60 {
                    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
                    if stat.isEmpty || stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") == true { break }
                    usleep(20_000)
                }
                continuation.resume(returning: Date().timeIntervalSince(start))
            }
        }
        // The deadline (2 s) plus the watchdog's 2 s, with room for a loaded machine; before
        // the fix the server had not stopped after 30 s.
        #expect(seconds < 20, "stopped after \(seconds) s")
    }
}

final class Line: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    var value: String? { lock.withLock { text } }
    func set(_ t: String) { lock.withLock { text = t } }
}
