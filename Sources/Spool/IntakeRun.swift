import Faults
import Foundation
import Logging

/// The state of one `Intake.run`: files settling, the pause, and the two timers. Lives in the run's
/// task only; timers wake it through `signals`.
final class IntakeRun {
    enum Signal: Sendable {
        case event(IncomingEvent)
        case settleTick
        case retryTick
        case watcherEnded
    }

    private struct Pause {
        let condition: MachineCondition
        let since: ContinuousClock.Instant
        var attempts = 0
    }

    private let intake: Intake
    private let signals: AsyncStream<Signal>.Continuation
    private let onClaimed: @Sendable (ClaimedExport) async -> Void
    private let onPause: @Sendable (MachineCondition?) -> Void
    private let clock = ContinuousClock()
    private var logger: Logger { intake.logger }

    private var tracker: SettleTracker
    private var pause: Pause?
    /// Names whose claim hit a storage error: tried again on every retry.
    private var blocked: Set<String> = []
    private var settleTimer: (deadline: ContinuousClock.Instant, task: Task<Void, Never>)?
    private var retryTimer: Task<Void, Never>?

    init(intake: Intake, signals: AsyncStream<Signal>.Continuation,
         onClaimed: @escaping @Sendable (ClaimedExport) async -> Void,
         onPause: @escaping @Sendable (MachineCondition?) -> Void = { _ in }) {
        self.intake = intake
        self.signals = signals
        self.onClaimed = onClaimed
        self.onPause = onPause
        tracker = SettleTracker(settle: intake.settle)
    }

    /// Finishes interrupted intakes and lists what arrived while the daemon was down.
    func start() async {
        _ = await fullPass()
        logger.info("intake is watching \(intake.layout.incoming) (settle \(intake.settle))")
        rescheduleSettleTimer()
    }

    func handle(_ signal: Signal) async {
        switch signal {
        case .event(.movedIn(let name)):
            guard !intake.filter.ignores(name) else { break }
            tracker.forget(name)
            _ = await take(name)
        case .event(.closedAfterWrite(let name)):
            guard !intake.filter.ignores(name) else { break }
            tracker.observe(name, snapshot: snapshot(name), now: clock.now)
        case .event(.overflow):
            logger.notice("inotify dropped events; listing \(intake.layout.incoming) again")
            _ = listIncoming()
        case .event(.rewatched):
            _ = listIncoming()
        case .settleTick:
            settleTimer = nil
            for name in tracker.settled(now: clock.now, snapshot: snapshot) {
                _ = await take(name)
            }
        case .retryTick:
            retryTimer = nil
            await retry()
        case .watcherEnded:
            break
        }
        rescheduleSettleTimer()
    }

    func cancelTimers() {
        settleTimer?.task.cancel()
        settleTimer = nil
        retryTimer?.cancel()
        retryTimer = nil
    }

    // MARK: Steps

    /// Recovers `work/`, retries blocked names, lists `incoming/`. True when storage let every step through.
    private func fullPass() async -> Bool {
        var clear = true
        do {
            for outcome in try intake.recover() {
                if case .claimed(let claimed) = outcome { await onClaimed(claimed) }
            }
        } catch {
            clear = failed(error, sourceFile: nil) && clear
        }
        for name in blocked.sorted() {
            blocked.remove(name)
            clear = await take(name) && clear
        }
        return listIncoming() && clear
    }

    /// Puts every candidate of `incoming/` under watch until it settles: a listing cannot tell a
    /// complete file from one being written.
    private func listIncoming() -> Bool {
        do {
            let now = clock.now
            for name in try intake.rescan() where !blocked.contains(name) {
                tracker.observe(name, snapshot: snapshot(name), now: now)
            }
            return true
        } catch {
            return failed(error, sourceFile: nil)
        }
    }

    /// Claims one file and passes it on. False when storage refused.
    private func take(_ name: String) async -> Bool {
        do {
            switch try intake.claim(name: name) {
            case .claimed(let claimed):
                await onClaimed(claimed)
            case .stillWritten(let name):
                tracker.observe(name, snapshot: snapshot(name), now: clock.now)
            case .duplicate, .quarantined, .vanished, .skipped:
                break
            }
            return true
        } catch {
            let clear = failed(error, sourceFile: name)
            if !clear { blocked.insert(name) }
            return clear
        }
    }

    /// Logs `error`; pauses intake when it is a storage error. True when it concerned one file only.
    private func failed(_ error: any Error, sourceFile: String?) -> Bool {
        var metadata: Logger.Metadata = [:]
        if let sourceFile { metadata["source_file"] = "\(sourceFile)" }
        guard let condition = MachineCondition(error) else {
            logger.error("intake could not take \(sourceFile ?? "a file"): \(error); it stays where it is",
                         metadata: metadata)
            return true
        }
        if pause == nil {
            let delay = intake.backoff.delay(attempt: 1)
            logger.error("intake paused: \(condition); retrying by itself, first in \(delay)", metadata: metadata)
            pause = Pause(condition: condition, since: clock.now)
            onPause(condition)
            scheduleRetry(after: delay)
        }
        return false
    }

    private func retry() async {
        guard pause != nil else { return }
        pause?.attempts += 1
        if await fullPass() {
            if let pause {
                let seconds = (clock.now - pause.since).components.seconds
                logger.notice("intake resumed after \(seconds) s (was: \(pause.condition.reason))")
                onPause(nil)
            }
            pause = nil
        } else if let attempts = pause?.attempts {
            scheduleRetry(after: intake.backoff.delay(attempt: attempts + 1))
        }
    }

    // MARK: Timers

    private func snapshot(_ name: String) -> FileSnapshot? {
        FileSnapshot.of("\(intake.layout.incoming)/\(name)")
    }

    private func scheduleRetry(after delay: Duration) {
        retryTimer?.cancel()
        let signals = signals
        retryTimer = Task {
            try? await Task.sleep(for: delay)
            if !Task.isCancelled { signals.yield(.retryTick) }
        }
    }

    /// One timer for the earliest moment a watched file could have settled.
    private func rescheduleSettleTimer() {
        guard let deadline = tracker.nextDeadline else {
            settleTimer?.task.cancel()
            settleTimer = nil
            return
        }
        if let settleTimer, settleTimer.deadline <= deadline { return }
        settleTimer?.task.cancel()
        let signals = signals
        let task = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            if !Task.isCancelled { signals.yield(.settleTick) }
        }
        settleTimer = (deadline, task)
    }
}
