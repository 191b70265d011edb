import BatchFormat

/// How the platform judged one submission (one GO file), and what it wrote and consumed.
public struct SubmissionVerdict: Hashable, Sendable, CustomStringConvertible {
    public enum Outcome: Hashable, Sendable {
        /// ACRF ResultCode 1; one handled form (one NOTIFICATION) per FI part.
        case accepted([HandledForm])
        /// ACRF ResultCode 0 with these error ids.
        case rejected([RejectionCode])
    }

    /// The IN folder the submission was found in (`IN`, `INTEST`, `INTEST-S`).
    public var folder: String
    /// The GO file's name as received, made printable.
    public var fileName: String
    /// The parsed name; nil when the GO name itself was refused.
    public var submission: SubmissionName?
    /// The ticket (`ReferenceNbr`) given to the reception.
    public var ticket: String
    public var outcome: Outcome
    /// The FO files written for it (ACRF first, then NOTIFICATIONs; misbehaviour extras included), in order.
    public var answerFiles: [String]
    /// The files removed from the IN folder.
    public var consumedFiles: [String]

    public init(folder: String, fileName: String, submission: SubmissionName?, ticket: String, outcome: Outcome,
                answerFiles: [String] = [], consumedFiles: [String] = []) {
        self.folder = folder
        self.fileName = fileName
        self.submission = submission
        self.ticket = ticket
        self.outcome = outcome
        self.answerFiles = answerFiles
        self.consumedFiles = consumedFiles
    }

    public var isAccepted: Bool {
        if case .accepted = outcome { return true }
        return false
    }

    /// The rejection codes; empty when accepted.
    public var rejectionCodes: [RejectionCode] {
        if case .rejected(let codes) = outcome { return codes }
        return []
    }

    /// The handled forms; empty when rejected.
    public var handledForms: [HandledForm] {
        if case .accepted(let forms) = outcome { return forms }
        return []
    }

    /// `INTEST/GO.FLAX.123456.20261123.00001.T.1 → accepted T2026112300000042: FI.….1.1 OK`
    public var description: String {
        let head = "\(folder)/\(fileName) → "
        switch outcome {
        case .accepted(let forms):
            let notes = forms.map { "\($0.fileName) \($0.summary)" }.joined(separator: ", ")
            return head + "accepted \(ticket)" + (notes.isEmpty ? "" : ": " + notes)
        case .rejected(let codes):
            return head + "rejected \(ticket): " + codes.map(\.errorID).joined(separator: " ")
        }
    }
}
