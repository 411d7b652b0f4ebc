import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal and the work
/// has run for over a second (done / total and the seconds elapsed).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private let enabled = isatty(2) == 1
    private var lastDraw = ContinuousClock.now
    private let started = ContinuousClock.now
    private var drawn = false

    init(label: String) { self.label = label }

    func update(_ done: Int, of total: Int) {
        guard enabled else { return }
        lock.withLock {
            let now = ContinuousClock.now
            // Only work that runs over a second shows progress; then at most ten draws a second.
            guard now - started > .seconds(1), done == total || now - lastDraw > .milliseconds(100) else { return }
            lastDraw = now
            let width = 30, filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let elapsed = Double((now - started).components.seconds) + Double((now - started).components.attoseconds) * 1e-18
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total), \(Int(elapsed)) s".utf8))
            drawn = true
        }
    }

    func finish() {
        lock.withLock { if drawn { FileHandle.standardError.write(Data("\n".utf8)); drawn = false } }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
