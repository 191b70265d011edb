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

    /// Read column by column: the delivery path reads submissions often, and Codable decoding costs
    /// more than the query.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id"); exportID = try row.decode(forColumn: "exportID")
        flow = try row.decode(forColumn: "flow"); sender = try row.decode(forColumn: "sender")
        environment = try row.decode(forColumn: "environment"); nameDate = try row.decode(forColumn: "nameDate")
        sequence = try row.decode(forColumn: "sequence"); parts = try row.decode(forColumn: "parts")
        recordCount = try row.decode(forColumn: "recordCount"); state = try row.decode(forColumn: "state")
        goName = try row.decode(forColumn: "goName"); directory = try row.decode(forColumn: "directory")
        ticket = try row.decode(forColumn: "ticket"); detail = try row.decode(forColumn: "detail")
        createdAt = try row.decode(forColumn: "createdAt"); updatedAt = try row.decode(forColumn: "updatedAt")
    }
}
