import Faults

extension DaemonContext {
    /// `stage` met a condition of the machine: says so once, in the log and the status line, and
    /// returns the wait before its next try. `keeping` tells the operator where the work waits.
    func pause(_ stage: String, by condition: MachineCondition, keeping: String) -> Duration {
        let (began, delay) = pauses.record(stage, condition)
        if began {
            logger.error("\(stage) paused: \(condition); \(keeping), and \(stage) resumes by itself (next try in \(delay.formatted()))")
            statusWanted.kick()
        }
        return delay
    }

    /// `stage` got through: ends its pause, saying so once.
    func resume(_ stage: String) {
        guard let pause = pauses.end(stage) else { return }
        let seconds = (ContinuousClock.now - pause.since).components.seconds
        logger.notice("\(stage) resumed after \(seconds) s (was: \(pause.condition.reason))")
        statusWanted.kick()
    }
}
