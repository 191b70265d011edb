/// One `Form` of the platform's acknowledgement of a sent file (root `ACRF`): accepted with a ticket,
/// or rejected with error ids such as `ACRF-133`.
public struct ACRFAnswer: Hashable, Sendable {
    public enum Result: Int, Hashable, Sendable {
        case rejected = 0
        case accepted = 1
    }

    /// `Form/Identification`, normally `ACRF001`.
    public var identification: String?
    /// The acknowledgement's own creation, `YYYY-MM-DD HH:MM:SS.mmm` as written by the platform.
    public var createdAt: String?
    public var attestationStatus: Int?
    /// `TypeForm`: `PA` or `FA`.
    public var typeForm: String?
    /// `FileReference/FileName`: usually our GO name, sometimes an FI name.
    public var fileNames: [String]
    /// `FileReference`'s `ReferenceOrigin` and `ReferenceNbr`: the ticket (origin 2) the platform gives
    /// the submission; NOTIFICATIONs quote it.
    public var reference: AnswerReference?
    public var result: Result
    /// `ErrorID`s, in document order (only meaningful when rejected).
    public var errorIDs: [String]

    public init(identification: String? = nil, createdAt: String? = nil, attestationStatus: Int? = nil,
                typeForm: String? = nil, fileNames: [String], reference: AnswerReference? = nil, result: Result,
                errorIDs: [String] = []) {
        self.identification = identification; self.createdAt = createdAt; self.attestationStatus = attestationStatus
        self.typeForm = typeForm; self.fileNames = fileNames; self.reference = reference; self.result = result
        self.errorIDs = errorIDs
    }

    /// The ticket: the reference number of origin 2 (or of no stated origin, as the ACRF schema allows).
    public var ticket: String? {
        guard let reference, reference.origin == nil || reference.origin == AnswerReference.platformOrigin else { return nil }
        return reference.number
    }
}
