import Foundation
import Synchronization

/// A one-line progress bar on standard error, redrawn at most ten times a second; on a
/// non-terminal (CI logs) it prints a plain line every few seconds instead.
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw = ContinuousClock.now - .seconds(10)
        var drewInline = false
    }

    private let total: Int
    private let label: String
    private let started = ContinuousClock.now
    private let interactive = isatty(STDERR_FILENO) == 1
    private let state = Mutex(State())

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    /// `completed` of the total are done; `detail` follows the count (e.g. "1200 sent, 4 MiB").
    func update(completed: Int, detail: String = "") {
        state.withLock { state in
            let interval: Duration = interactive ? .milliseconds(100) : .seconds(5)
            guard state.lastDraw.duration(to: .now) >= interval || completed == total else { return }
            state.lastDraw = .now
            let elapsed = started.duration(to: .now)
            let seconds = elapsed / .seconds(1)
            let rate = seconds > 0 ? Double(completed) / seconds : 0
            let fraction = total > 0 ? Double(completed) / Double(total) : 1
            let width = 30
            let filled = min(width, Int(fraction * Double(width)))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let text = "\(label) [\(bar)] \(completed)/\(total)\(detail.isEmpty ? "" : ", " + detail), \(Int(rate)) pages/s"
            if interactive {
                FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
                state.drewInline = true
            } else {
                FileHandle.standardError.write(Data("\(text)\n".utf8))
            }
        }
    }

    func finish() {
        state.withLock { state in
            if state.drewInline { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
