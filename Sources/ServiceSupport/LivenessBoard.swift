import Synchronization

/// Where the daemon's work loops report that they are still turning.
///
/// The watchdog must only be fed while every loop makes progress: a daemon whose spool watcher
/// is stuck but whose main task still runs should be restarted by systemd, not kept alive.
/// A loop is either working on a round, since some instant, or waiting for work or for its next poll.
/// Only a round can go stale: a waiting loop is healthy however long it waits, so an idle daemon needs
/// no timer to look alive. Registering a loop starts its first round.
public final class LivenessBoard: Sendable {
    private enum Phase {
        case working(since: ContinuousClock.Instant)
        case waiting
    }

    private let phases = Mutex<[String: Phase]>([:])

    public init() {}

    /// Starts watching `loop`; call before its first iteration.
    public func register(_ loop: String) {
        beat(loop)
    }

    /// `loop` finished on purpose (for example during shutdown) and must no longer be waited for.
    public func unregister(_ loop: String) {
        _ = phases.withLock { $0.removeValue(forKey: loop) }
    }

    /// `loop` is alive and working: a new round starts now. A beat from a loop that was never
    /// registered registers it.
    public func beat(_ loop: String) {
        let now = ContinuousClock.now
        phases.withLock { $0[loop] = .working(since: now) }
    }

    /// `loop` finished its round and waits for work or for its next poll.
    public func waiting(_ loop: String) {
        phases.withLock { $0[loop] = .waiting }
    }

    /// The names of the loops registered right now.
    public var loops: [String] {
        phases.withLock { Array($0.keys) }.sorted()
    }

    /// Loops working on one round for longer than `window`, sorted by name.
    public func staleLoops(within window: Duration) -> [String] {
        let now = ContinuousClock.now
        return phases.withLock { phases in
            phases.compactMap { loop, phase in
                if case .working(let since) = phase, now - since > window { return loop }
                return nil
            }
        }.sorted()
    }

    /// True when no registered loop is stuck in a round longer than `window` (vacuously true with no loops).
    public func allAlive(within window: Duration) -> Bool {
        staleLoops(within: window).isEmpty
    }
}
