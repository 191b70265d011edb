import Foundation
import GRDB

/// One file the platform put in OUT (an ACRF, a NOTIFICATION, or something we do not know), kept here
/// from the moment it is safely stored locally, matched or not. Nothing the platform says is dropped.
public struct AnswerRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "answer"

    public enum State: String, Codable, Sendable {
        /// Stored locally (fsync'd); not read yet.
        case downloaded
        /// Read and matched to a submission; its verdict is applied.
        case applied
        /// Read, but it answers none of our submissions, or cannot be read: kept for a person.
        case unmatched
    }

    public var id: Int64?
    /// The answer's file name in OUT (its FO/CO data file).
    public var name: String
    public var storedPath: String
    public var state: State
    /// ACRF, NOTI, ... from the name, once known.
    public var type: String?
    public var submissionID: Int64?
    /// The FI part the answer concerns, when it names one.
    public var submissionFileID: Int64?
    public var resultCode: Int?
    public var ticket: String?
    /// How it was matched: file-name, ticket or form-creation.
    public var matchedBy: String?
    public var detail: String?
    public var receivedAt: Date
    /// The platform's signature of the answer: see `AnswerSignature`.
    public var signature: String?
    /// When a person marked this answer, which needed attention, as handled; and why.
    public var handledAt: Date?
    public var handledNote: String?


    public init(id: Int64? = nil, name: String, storedPath: String, state: State = .downloaded, type: String? = nil,
                receivedAt: Date = Date(), signature: String? = nil) {
        self.id = id; self.name = name; self.storedPath = storedPath; self.state = state; self.type = type
        self.receivedAt = receivedAt; self.signature = signature
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
