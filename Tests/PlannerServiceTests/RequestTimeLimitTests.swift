import Foundation
import Testing
import PlannerService
import TestSupport

/// Issue 14 item 8: the web planner's time limit per request (`--request-time-limit`, or the
/// scenario's lower `solver.timeLimitSeconds`) counts from the request's arrival, so that it
/// bounds the whole request — the wait for a worker, the loading and every solve of it.
///
/// The fault is injected through the clock: a request that arrived 1,000 s ago (`arrived`)
/// has used up its limit before its first solve, so each plan must come back at once as the
/// best verified plan so far with its proven bound ("stopped at the time limit"). The same
/// request arriving now is the control: it is solved to optimality. No timing is asserted.
@Suite struct RequestTimeLimitTests {
    static let longAgo = ContinuousClock.now.advanced(by: .seconds(-1000))

    func solver(_ plan: Any?) throws -> [String: Any] {
        try #require((plan as? [String: Any])?["solver"] as? [String: Any])
    }

    @Test func solveCountsFromTheRequestsArrival() async throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        for late in [true, false] {
            let service = try copy.service()
            let r = await service.respond("solve", body: body(#"{"lang":"en"}"#), arrived: late ? Self.longAgo : .now)
            #expect(r.status == 200, "\(String(decoding: r.body, as: UTF8.self).prefix(300))")
            let s = try solver(try object(r))
            #expect(s["stoppedAtTimeLimit"] as? Bool == late)
            #expect(s["status"] as? String == (late ? "feasible" : "optimal"))
            if late { #expect((s["gapDevices"] as? Int ?? 0) > 0, "the proven bound: \(s)") }
        }
    }

    /// A comparison's baseline and plan share the request's one deadline.
    @Test func compareSharesTheRequestsDeadline() async throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        for late in [true, false] {
            let service = try copy.service()  // a fresh baseline cache each time
            let r = await service.respond("compare", body: body(#"{"lang":"en","overrides":{"pools.sofort.budget":"5000000"}}"#),
                                          arrived: late ? Self.longAgo : .now)
            #expect(r.status == 200, "\(String(decoding: r.body, as: UTF8.self).prefix(300))")
            let plans = try #require(try object(r)["plans"] as? [Any])
            #expect(plans.count == 2)
            for plan in plans { #expect(try solver(plan)["stoppedAtTimeLimit"] as? Bool == late) }
        }
    }
}
