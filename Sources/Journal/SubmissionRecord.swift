import Foundation
import GRDB

/// One submission: a GO and the FI (and FS) parts it commits, under one never-reused name.
public struct SubmissionRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "submission"

    public var id: Int64?
    public var exportID: Int64
    public var flow: String
    public var sender: String
    /// Environment letter: R, T or S.
    public var environment: String
    /// The name's date, `YYYYMMDD`.
    public var nameDate: String
    public var sequence: Int
    public var parts: Int
    public var recordCount: Int
    public var state: SubmissionState
    /// The GO file name: the submission's name on the server.
    public var goName: String
    /// Where the triplet files are kept locally.
    public var directory: String
    /// Ticket the platform assigned (ACRF `ReferenceNbr`), once known.
    public var ticket: String?
    public var detail: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, exportID: Int64, flow: String, sender: String, environment: String,
                nameDate: String, sequence: Int, parts: Int, recordCount: Int, state: SubmissionState = .prepared,
                goName: String, directory: String, ticket: String? = nil, detail: String? = nil,
                createdAt: Date = Date()) {
        self.id = id; self.exportID = exportID; self.flow = flow; self.sender = sender
        self.environment = environment; self.nameDate = nameDate; self.sequence = sequence; self.parts = parts
        self.recordCount = recordCount; self.state = state; self.goName = goName; self.directory = directory
        self.ticket = ticket; self.detail = detail; self.createdAt = createdAt; self.updatedAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
