import Foundation

/// One line of progress on standard error for work without a known count (the schedule's
/// stages, the calibration's rounds): drawn only when standard error is a terminal and the work
/// has run for over a second, with the seconds elapsed, which a ticker keeps counting while a
/// solver runs. Nothing at all when standard error is a file or a pipe.
final class StatusLine: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let started = ContinuousClock.now
    private var text = ""
    private var drawnWidth = 0
    private var ticker: Thread?
    private var finished = false

    init(enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
        guard enabled else { return }
        let thread = Thread { [weak self] in
            while let self, !self.isFinished {
                self.draw()
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        ticker = thread
        thread.start()
    }

    private var isFinished: Bool { lock.withLock { finished } }

    /// The line's text from now on (drawn at the next tick, at most four times a second).
    func show(_ text: String) {
        guard enabled else { return }
        lock.withLock { self.text = text }
    }

    private func draw() {
        lock.withLock {
            let elapsed = started.duration(to: .now)
            guard !finished, !text.isEmpty, elapsed > .seconds(1) else { return }
            let line = "\(text) · \(elapsed.components.seconds) s"
            let width = line.count
            FileHandle.standardError.write(Data(("\r" + line + String(repeating: " ", count: max(0, drawnWidth - width))).utf8))
            drawnWidth = width
        }
    }

    /// Ends the line (a newline after what was drawn; nothing if nothing was).
    func finish() {
        lock.withLock {
            guard !finished else { return }
            finished = true
            if drawnWidth > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }

    deinit { finish() }
}
