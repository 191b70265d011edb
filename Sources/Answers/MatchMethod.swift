/// How an answer was tied to a submission, in the order they are tried; stored as the answer's `matchedBy`.
public enum MatchMethod: String, Hashable, Sendable, CaseIterable {
    /// A quoted `FileName` is one of the files we sent.
    case fileName = "file-name"
    /// Our own reference (`Reference` of origin 1), quoted back.
    case senderReference = "sender-reference"
    /// The ticket (`ReferenceNbr` / `Reference`) the platform gave the submission.
    case ticket
    /// The handled form's creation date and hour, unique per FI.
    case formCreation = "form-creation"
}
