import Foundation
import Synchronization

/// A one-line progress bar on standard error, for runs long enough to need one (DESIGN.md §3).
///
/// It draws only when standard error is a terminal, and only once the run has lasted a second, so
/// short runs, pipes, logs and tests stay quiet. `advance` may be called from any thread.
final class ProgressBar: Sendable {
    private struct State {
        var done = 0
        var shown = false
        var lastDraw: ContinuousClock.Instant?
    }

    private let total: Int
    private let enabled: Bool
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    /// A bar for `total` replications; silent unless standard error is a terminal.
    init(total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = max(1, total)
        self.enabled = enabled
    }

    /// Counts `count` more replications done; redraws at most ten times a second.
    func advance(by count: Int = 1) {
        guard enabled else { return }
        state.withLock { state in
            state.done += count
            let now = ContinuousClock.now
            guard now - started >= .seconds(1) else { return }
            if let last = state.lastDraw, now - last < .milliseconds(100), state.done < total { return }
            state.lastDraw = now
            state.shown = true
            draw(state.done)
        }
    }

    /// Ends the bar's line, if it was drawn.
    func finish() {
        state.withLock { state in
            if state.shown { Console.errorRaw("\n") }
        }
    }

    private func draw(_ done: Int) {
        let width = 30
        let filled = width * min(done, total) / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        Console.errorRaw("\r[\(bar)] \(done)/\(total) replications")
    }
}
