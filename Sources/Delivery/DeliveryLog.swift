import Transport
import Journal

/// The journal side of one delivery, so that it costs few transactions and one wait for the disk.
///
/// An intent (a step about to be taken) is written before the step. A step found done (a file in place)
/// need not be written at once: losing it in a crash only makes the next attempt look on the server,
/// which it does anyway. So done steps and the move to `uploading` wait and go with the next write, in
/// the same transaction, which is always made before the next change on the server.
struct DeliveryLog {
    let journal: Journal
    let submissionID: Int64
    private var pendingSteps: [UploadStepRecord] = []
    private var pendingTransitions: [(state: SubmissionState, detail: String?)] = []

    init(journal: Journal, submissionID: Int64) {
        self.journal = journal
        self.submissionID = submissionID
    }

    /// A state change written with the next record.
    mutating func enter(_ state: SubmissionState, detail: String) {
        pendingTransitions.append((state, detail))
    }

    /// A step found done, written with the next record.
    mutating func done(_ step: UploadStepRecord) {
        pendingSteps.append(step)
    }

    /// Writes `step` (an intent, or the last step) with everything waiting, then `state` if given.
    /// Returns the submission as it is after a state change, nil when none was written.
    @discardableResult
    mutating func write(_ step: UploadStepRecord, enter state: SubmissionState? = nil, detail: String? = nil,
                        durable: Bool) throws -> SubmissionRecord? {
        if let state { pendingTransitions.append((state, detail)) }
        let changed = try journal.recordUpload(of: submissionID, steps: pendingSteps + [step],
                                               transitions: pendingTransitions, durable: durable)
        pendingSteps.removeAll()
        pendingTransitions.removeAll()
        return changed
    }
}
