import Faults
import Synchronization

/// The stages waiting on a condition of the machine, since when and after how many failed tries:
/// the status line shows them, and each stage's next try backs off from them.
public final class PauseBoard: Sendable {
    struct Pause {
        let condition: MachineCondition
        let since: ContinuousClock.Instant
        var attempts: Int
    }

    private let pauses = Mutex<[String: Pause]>([:])
    let backoff: PauseBackoff

    public init(backoff: PauseBackoff = PauseBackoff()) { self.backoff = backoff }

    /// Records a failed try of `stage`: whether its pause begins now, and the wait before the next try.
    func record(_ stage: String, _ condition: MachineCondition) -> (began: Bool, retryIn: Duration) {
        pauses.withLock { pauses in
            var pause = pauses[stage] ?? Pause(condition: condition, since: .now, attempts: 0)
            pause.attempts += 1
            pauses[stage] = pause
            return (pause.attempts == 1, backoff.delay(attempt: pause.attempts))
        }
    }

    /// Ends `stage`'s pause; the pause, when there was one.
    func end(_ stage: String) -> Pause? {
        pauses.withLock { $0.removeValue(forKey: stage) }
    }

    /// The wait before `stage`'s next try while it is paused.
    func retryDelay(_ stage: String) -> Duration? {
        pauses.withLock { $0[stage].map { backoff.delay(attempt: $0.attempts + 1) } }
    }

    /// `conversion paused: …` for each paused stage, by name.
    public var statusParts: [String] {
        pauses.withLock { pauses in
            pauses.keys.sorted().map { "\($0) paused: \(pauses[$0]!.condition.reason)" }
        }
    }
}
