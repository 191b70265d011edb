/// The platform's acknowledgement of a sent file (root `ACRF`): accepted with a ticket, or rejected
/// with error ids such as `ACRF-133`.
public struct ACRFAnswer: Hashable, Sendable {
    public enum Result: Int, Hashable, Sendable {
        case rejected = 0
        case accepted = 1
    }

    /// `Form/Identification`, normally `ACRF001`.
    public var identification: String?
    /// The acknowledgement's own creation, `YYYY-MM-DD HH:MM:SS.mmm` as written by the platform.
    public var createdAt: String?
    /// Every `FileName` quoted: the GO and possibly the FI names of our submission.
    public var fileNames: [String]
    public var referenceOrigin: String?
    /// `ReferenceNbr`: the ticket the platform gives the submission; NOTIFICATIONs quote it.
    public var ticket: String?
    public var result: Result
    /// `ErrorID`s, in document order (only meaningful when rejected).
    public var errorIDs: [String]

    public init(identification: String? = nil, createdAt: String? = nil, fileNames: [String],
                referenceOrigin: String? = nil, ticket: String?, result: Result, errorIDs: [String] = []) {
        self.identification = identification; self.createdAt = createdAt; self.fileNames = fileNames
        self.referenceOrigin = referenceOrigin; self.ticket = ticket; self.result = result; self.errorIDs = errorIDs
    }
}
