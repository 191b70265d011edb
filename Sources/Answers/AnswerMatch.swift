import Journal

/// The submission (and, for a NOTIFICATION, the FI part) an answer is about.
public struct AnswerMatch: Hashable, Sendable {
    public var submission: SubmissionRecord
    /// The FI part concerned; nil for an ACRF (it is about the whole submission) or when the answer
    /// names no part and the submission has several.
    public var part: SubmissionFileRecord?
    public var method: MatchMethod

    public init(submission: SubmissionRecord, part: SubmissionFileRecord?, method: MatchMethod) {
        self.submission = submission; self.part = part; self.method = method
    }
}
