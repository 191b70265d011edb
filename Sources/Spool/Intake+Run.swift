import Faults
import Glibc
import Logging

extension Intake {
    /// Runs intake until the calling task is cancelled: watches `incoming/`, lists it at start and
    /// after lost events, takes renamed-in files at once and files written in place once settled, and
    /// hands every new export to `onClaimed` (intake waits for it, so it should only queue the work).
    ///
    /// A condition of the machine (see `MachineCondition`) pauses intake with one log line, and tells
    /// `onPause` (nil when it ends); it retries with `backoff` and logs when it resumes. Throws only if
    /// watching `incoming/` fails for good. `onWatching` is called once `incoming/` is watched: from
    /// then on no file dropped is missed.
    public func run(onWatching: @Sendable () -> Void = {},
                    onClaimed: @escaping @Sendable (ClaimedExport) async -> Void,
                    onPause: @escaping @Sendable (MachineCondition?) -> Void = { _ in }) async throws {
        let watcher = try await startWatching(onPause: onPause)
        defer { watcher.stop() }
        onWatching()
        let (signals, continuation) = AsyncStream<IntakeRun.Signal>.makeStream()
        let forwarder = Task {
            for await event in watcher.events { continuation.yield(.event(event)) }
            continuation.yield(.watcherEnded)
        }
        defer { forwarder.cancel() }
        let state = IntakeRun(intake: self, signals: continuation, onClaimed: onClaimed, onPause: onPause)
        defer { state.cancelTimers() }
        await state.start()
        for await signal in signals {
            if Task.isCancelled { break }
            if case .watcherEnded = signal {
                throw SpoolError(.watch, path: layout.incoming, code: EIO)
            }
            await state.handle(signal)
        }
    }

    /// Creates the spool folders and the watch, waiting out storage errors the same way intake does.
    private func startWatching(onPause: @Sendable (MachineCondition?) -> Void) async throws -> IncomingWatcher {
        var attempt = 0
        var paused = false
        while true {
            try Task.checkCancellation()
            let failure: SpoolError
            do throws(SpoolError) {
                try layout.create()
                let watcher = try IncomingWatcher(directory: layout.incoming, logger: logger)
                if paused {
                    logger.notice("intake resumed: \(layout.incoming) is watched")
                    onPause(nil)
                }
                return watcher
            } catch {
                failure = error
            }
            guard let condition = MachineCondition(failure) else { throw failure }
            attempt += 1
            let delay = backoff.delay(attempt: attempt)
            if !paused {
                logger.error("intake paused: \(condition); retrying by itself, first in \(delay)")
                paused = true
                onPause(condition)
            }
            try await Task.sleep(for: delay)
        }
    }
}
