import Foundation

/// The worker's one lock: the `WorkerStateMachine` behind a condition variable. Every event is
/// fed under the lock and wakes every waiter, so a wait (room in the budget, a revoked
/// partition's last page, the drain) ends the moment the state allows it instead of by polling.
/// Foundation's `NSCondition` is the condition variable: `Synchronization.Mutex` has none.
final class WorkerControl: @unchecked Sendable {
    // Guarded by `condition`.
    private var machine: WorkerStateMachine
    private let condition = NSCondition()

    init(_ machine: WorkerStateMachine) {
        self.machine = machine
    }

    /// Feeds one event (or reads the state) under the lock, and wakes the waiters.
    func with<Result>(_ body: (inout WorkerStateMachine) throws -> Result) rethrows -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&machine)
    }

    /// Waits until `satisfied` holds or `deadline` passes; returns whether it holds.
    @discardableResult
    func wait(until deadline: ContinuousClock.Instant, for satisfied: (WorkerStateMachine) -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !satisfied(machine) {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            _ = condition.wait(until: Date(timeIntervalSinceNow: left / .seconds(1)))
        }
        return true
    }
}
