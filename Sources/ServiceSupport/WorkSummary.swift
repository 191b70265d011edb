/// The counts behind the `STATUS=` line: what waits, what is on its way, what needs a human.
public struct WorkSummary: Sendable, Equatable {
    public var queued: Int
    public var inFlight: Int
    public var failed: Int
    /// Stages waiting on the machine, each as `conversion paused: <reason>`.
    public var paused: [String]

    public init(queued: Int, inFlight: Int, failed: Int, paused: [String] = []) {
        self.queued = queued
        self.inFlight = inFlight
        self.failed = failed
        self.paused = paused
    }

    /// For example `3 queued, 1 in flight, 0 failed`, then `; conversion paused: …` for each pause.
    public var statusLine: String {
        (["\(queued) queued, \(inFlight) in flight, \(failed) failed"] + paused).joined(separator: "; ")
    }
}
