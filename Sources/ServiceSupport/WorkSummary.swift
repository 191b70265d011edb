/// The counts behind the `STATUS=` line: what waits, what is on its way, what needs a human.
public struct WorkSummary: Sendable, Equatable {
    public var queued: Int
    public var inFlight: Int
    public var failed: Int

    public init(queued: Int, inFlight: Int, failed: Int) {
        self.queued = queued
        self.inFlight = inFlight
        self.failed = failed
    }

    /// For example `3 queued, 1 in flight, 0 failed`.
    public var statusLine: String { "\(queued) queued, \(inFlight) in flight, \(failed) failed" }
}
