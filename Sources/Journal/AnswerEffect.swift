/// What one form of an answer does to one submission: applied with the answer, in its transaction.
public struct AnswerEffect: Sendable, Hashable {
    public var submissionID: Int64
    /// The state to move to; nil for none.
    public var moveTo: SubmissionState?
    public var detail: String
    /// The platform's ticket, kept on the submission when it has none yet.
    public var ticket: String?
    public var anomalies: [AnomalyRecord]

    public init(submissionID: Int64, moveTo: SubmissionState?, detail: String, ticket: String? = nil,
                anomalies: [AnomalyRecord] = []) {
        self.submissionID = submissionID; self.moveTo = moveTo; self.detail = detail; self.ticket = ticket
        self.anomalies = anomalies
    }
}
