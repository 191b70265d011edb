import Foundation
import Synchronization

/// When each submission may next be tried after a transient failure: capped exponential backoff with
/// full jitter, per submission, so one bad file never holds the others back and retries never stampede.
public final class RetrySchedule: Sendable {
    private struct Entry { var failures: Int; var notBefore: ContinuousClock.Instant }
    private let entries = Mutex<[Int64: Entry]>([:])
    private let clock = ContinuousClock()

    public init() {}

    public func isDue(_ id: Int64) -> Bool {
        entries.withLock { $0[id].map { clock.now >= $0.notBefore } ?? true }
    }

    /// Records a failure and returns the delay before the next try.
    @discardableResult
    public func failed(_ id: Int64, base: Duration, cap: Duration) -> Duration {
        entries.withLock { entries in
            let failures = (entries[id]?.failures ?? 0) + 1
            let ceiling = min(cap, base * Int(pow(2.0, Double(min(failures - 1, 20)))))
            let millis = Int64.random(in: 0...max(1, ceiling.milliseconds))
            let delay = max(base / 2, Duration.milliseconds(millis))
            entries[id] = Entry(failures: failures, notBefore: clock.now + delay)
            return delay
        }
    }

    public func succeeded(_ id: Int64) { _ = entries.withLock { $0.removeValue(forKey: id) } }

    /// The earliest time any waiting submission becomes due (for the stage's sleep).
    public func nextDue() -> Duration? {
        entries.withLock { entries in
            entries.values.map(\.notBefore).min().map { max(.zero, $0 - clock.now) }
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
