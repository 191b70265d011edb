import Synchronization

/// Wakes a stage as soon as there is work for it, so stages sleep until then instead of polling.
/// Kicks while the stage is busy are merged into one.
public final class WakeUp: Sendable {
    private let state = Mutex<(pending: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    public init() {}

    public func kick() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns at the next kick (at once if one came since the last wait), or after `timeout`,
    /// or when the task is cancelled; true when a kick ended the wait.
    @discardableResult
    public func wait(timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        let resumeNow = self.state.withLock { state -> Bool in
                            if state.pending { state.pending = false; return true }
                            // Cancelled before the handler below could see a waiter: it never will.
                            if Task.isCancelled { return true }
                            state.waiter = continuation
                            return false
                        }
                        if resumeNow { continuation.resume() }
                    }
                } onCancel: {
                    // Give the waiter back without inventing a kick, so a real one is never lost.
                    self.state.withLock { state in
                        let waiter = state.waiter
                        state.waiter = nil
                        return waiter
                    }?.resume()
                }
                return !Task.isCancelled
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
