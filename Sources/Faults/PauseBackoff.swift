/// How long a paused stage waits between attempts while the machine refuses it: doubling from `initial` up to `maximum`.
public struct PauseBackoff: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration

    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(60)) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// The wait before retry number `attempt` (1 for the first).
    public func delay(attempt: Int) -> Duration {
        var delay = initial
        var step = 1
        while step < attempt, delay < maximum {
            delay *= 2
            step += 1
        }
        return min(delay, maximum)
    }
}
