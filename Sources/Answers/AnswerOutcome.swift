import Journal

/// What became of one answer in a run of the applier.
public struct AnswerOutcome: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Matched; its verdict and anomalies are in the journal.
        case applied
        /// Unreadable, or about none of our submissions: kept where it was stored, for a person.
        case unmatched
        /// Left `downloaded` for the next run (the submission's upload is not recorded as finished,
        /// or the journal could not be written).
        case deferred
        /// Not in `downloaded` state: already dealt with, nothing done.
        case skipped
    }

    public var answerName: String
    public var kind: Kind
    public var submissionID: Int64?
    /// The submission's state after the answer.
    public var state: SubmissionState?
    public var detail: String

    public init(answerName: String, kind: Kind, submissionID: Int64? = nil, state: SubmissionState? = nil, detail: String) {
        self.answerName = answerName; self.kind = kind; self.submissionID = submissionID; self.state = state
        self.detail = detail
    }
}
