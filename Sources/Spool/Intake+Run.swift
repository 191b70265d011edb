import Glibc
import Logging

extension Intake {
    /// Runs intake until the calling task is cancelled: watches `incoming/`, lists it at start and
    /// after lost events, takes renamed-in files at once and files written in place once settled, and
    /// hands every new export to `onClaimed` (intake waits for it, so it should only queue the work).
    ///
    /// Rights, disk-full and read-only errors pause intake with one log line; it retries with
    /// `backoff` and logs when it resumes. Throws only if watching `incoming/` fails for good.
    /// `onWatching` is called once `incoming/` is watched: from then on no file dropped is missed.
    public func run(onWatching: @Sendable () -> Void = {},
                    onClaimed: @escaping @Sendable (ClaimedExport) async -> Void) async throws {
        let watcher = try await startWatching()
        defer { watcher.stop() }
        onWatching()
        let (signals, continuation) = AsyncStream<IntakeRun.Signal>.makeStream()
        let forwarder = Task {
            for await event in watcher.events { continuation.yield(.event(event)) }
            continuation.yield(.watcherEnded)
        }
        defer { forwarder.cancel() }
        let state = IntakeRun(intake: self, signals: continuation, onClaimed: onClaimed)
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
    private func startWatching() async throws -> IncomingWatcher {
        var attempt = 0
        var pausedReason: String?
        while true {
            try Task.checkCancellation()
            let failure: SpoolError
            do throws(SpoolError) {
                try layout.create()
                let watcher = try IncomingWatcher(directory: layout.incoming, logger: logger)
                if pausedReason != nil { logger.notice("intake resumed: \(layout.incoming) is watched") }
                return watcher
            } catch {
                failure = error
            }
            guard failure.isStorageBlocked else { throw failure }
            attempt += 1
            let delay = backoff.delay(attempt: attempt)
            if pausedReason == nil {
                logger.error("intake paused: \(failure); retrying by itself, first in \(delay)")
                pausedReason = failure.description
            }
            try await Task.sleep(for: delay)
        }
    }
}
