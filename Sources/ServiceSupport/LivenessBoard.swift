import Synchronization

/// Where the daemon's work loops report that they are still turning.
///
/// The watchdog must only be fed while every loop makes progress: a daemon whose spool watcher
/// is stuck but whose main task still runs should be restarted by systemd, not kept alive.
/// Registering a loop counts as its first beat.
public final class LivenessBoard: Sendable {
    private let lastBeats = Mutex<[String: ContinuousClock.Instant]>([:])

    public init() {}

    /// Starts watching `loop`; call before its first iteration.
    public func register(_ loop: String) {
        let now = ContinuousClock.now
        lastBeats.withLock { $0[loop] = now }
    }

    /// `loop` finished on purpose (for example during shutdown) and must no longer be waited for.
    public func unregister(_ loop: String) {
        _ = lastBeats.withLock { $0.removeValue(forKey: loop) }
    }

    /// `loop` is alive. A beat from a loop that was never registered registers it.
    public func beat(_ loop: String) {
        let now = ContinuousClock.now
        lastBeats.withLock { $0[loop] = now }
    }

    /// The names of the loops registered right now.
    public var loops: [String] {
        lastBeats.withLock { Array($0.keys) }.sorted()
    }

    /// Loops that have not beaten within `window`, sorted by name.
    public func staleLoops(within window: Duration) -> [String] {
        let now = ContinuousClock.now
        return lastBeats.withLock { beats in
            beats.filter { now - $0.value > window }.map(\.key)
        }.sorted()
    }

    /// True when every registered loop beat within `window` (vacuously true with no loops).
    public func allAlive(within window: Duration) -> Bool {
        staleLoops(within: window).isEmpty
    }
}
