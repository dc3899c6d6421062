import Foundation
import Synchronization

/// Progress of a batch on standard error (DESIGN.md §3).
///
/// On a terminal, a one-line bar redrawn at most ten times a second once the run has lasted a
/// second, with the rate, the time elapsed and the time left. Elsewhere (a batch log, a Slurm
/// job's output), once the run has lasted a second, one plain line at every tenth of the batch or
/// every 30 seconds, whichever comes first. `--quiet` silences both. `advance` may be called from any thread.
final class ProgressBar: Sendable {
    enum Style: Sendable { case terminal, log, silent }

    private struct State {
        var done = 0
        var shown = false
        var lastDraw: ContinuousClock.Instant?
        var lastTenth = 0
    }

    private let total: Int
    private let style: Style
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    /// A bar for `total` replications, drawn as `style` says (by default as standard error is a
    /// terminal or not).
    init(total: Int, style: Style = isatty(STDERR_FILENO) == 1 ? .terminal : .log) {
        self.total = max(1, total)
        self.style = style
    }

    /// Counts `count` more replications done.
    func advance(by count: Int = 1) {
        guard style != .silent else { return }
        state.withLock { state in
            state.done += count
            let now = ContinuousClock.now
            let elapsed = now - started
            switch style {
            case .terminal:
                guard elapsed >= .seconds(1) else { return }
                if let last = state.lastDraw, now - last < .milliseconds(100), state.done < total { return }
                state.lastDraw = now
                state.shown = true
                Console.errorRaw("\r" + bar(state.done, elapsed: elapsed) + "  ")
            case .log:
                guard elapsed >= .seconds(1) || state.done == total && state.lastDraw != nil else { return }
                let tenth = state.done * 10 / total
                let due = state.lastDraw.map { now - $0 >= .seconds(30) } ?? (elapsed >= .seconds(30))
                guard tenth > state.lastTenth || due else { return }
                state.lastTenth = tenth
                state.lastDraw = now
                Console.error(line(state.done, elapsed: elapsed))
            case .silent:
                return
            }
        }
    }

    /// Ends the bar's line, if it was drawn.
    func finish() {
        state.withLock { state in
            if state.shown { Console.errorRaw("\n") }
        }
    }

    private func bar(_ done: Int, elapsed: Duration) -> String {
        let width = 30
        let filled = width * min(done, total) / total
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + line(done, elapsed: elapsed)
    }

    /// "350/1000 replications, 41.2/s, 8.5 s elapsed, 15.8 s left".
    private func line(_ done: Int, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = "\(done)/\(total) replications, \(Self.format(rate))/s, \(Self.duration(seconds)) elapsed"
        if rate > 0, done < total { text += ", \(Self.duration(Double(total - done) / rate)) left" }
        return text
    }

    static func format(_ x: Double) -> String { String(format: x < 10 ? "%.1f" : "%.0f", x) }

    /// "8.5 s", "3 min 20 s", "1 h 05 min".
    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let s = Int(seconds.rounded())
        if s < 3600 { return "\(s / 60) min \(String(format: "%02d", s % 60)) s" }
        return "\(s / 3600) h \(String(format: "%02d", s % 3600 / 60)) min"
    }
}
