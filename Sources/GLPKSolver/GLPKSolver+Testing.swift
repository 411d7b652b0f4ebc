import Foundation
import LinearProgramming
import _GLPKGuard

/// Hooks for tests that prove the guard's second line of defence (docs/ARCHITECTURE.md, GLPK rule 1).
/// They provoke real GLPK errors and misuse on purpose; nothing else should call them.
extension GLPKSolver {
    /// Makes GLPK report a real error (bounds for column 1 of a problem without columns) and
    /// returns the message the guard caught, or nil if GLPK did not complain. The process lives
    /// on and the thread's next solve works.
    @_spi(Testing) public static func triggerGLPKErrorForTesting() -> String? {
        do {
            let (message, _) = try GuardedProblem.with(LinearProgram(name: "empty")) { problem in
                let code = problem.setColumnBounds(1, lower: 0, upper: 1)
                return code == Int32(GLPK_GUARD_ERROR) ? String(cString: glpk_guard_last_error()) : nil
            }
            return message
        } catch {
            return nil
        }
    }

    /// Returns the guard's refusals for a handle whose environment was freed by an error, and
    /// for a handle used on another thread; nil where the guard let the call through.
    @_spi(Testing) public static func handleMisuseForTesting() -> (staleHandle: String?, otherThread: String?) {
        glpk_guard_log_clear()
        defer { glpk_guard_release_thread() }

        // Stale: an error frees the thread's environment, and the old handle with it.
        var stale: String?
        if let old = glpk_guard_create() {
            if let other = glpk_guard_create() {
                _ = glpk_guard_set_col_bounds(other, 1, 0, 1)  // no columns: a GLPK error
                glpk_guard_delete(other)
            }
            if glpk_guard_set_col_bounds(old, 1, 0, 1) == Int32(GLPK_GUARD_STALE_HANDLE) {
                stale = String(cString: glpk_guard_last_error())
            }
            glpk_guard_delete(old)
        }

        // Other thread: GLPK's environment is thread-local, so the handle must not cross.
        var foreign: String?
        if let handle = glpk_guard_create() {
            let box = ForeignUse(handle: handle)
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                if glpk_guard_set_col_bounds(box.handle, 1, 0, 1) == Int32(GLPK_GUARD_WRONG_THREAD) {
                    box.message = String(cString: glpk_guard_last_error())
                }
                done.signal()
            }
            thread.start()
            done.wait()
            foreign = box.message
            glpk_guard_delete(handle)
        }
        return (stale, foreign)
    }
}

/// Carries a handle to another thread on purpose (the guard must refuse it there).
private final class ForeignUse: @unchecked Sendable {
    let handle: OpaquePointer
    var message: String?
    init(handle: OpaquePointer) { self.handle = handle }
}
