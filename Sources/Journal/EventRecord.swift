import Foundation
import GRDB

/// An entry of the append-only history: every state change of an export or submission, with why.
public struct EventRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"

    public var id: Int64?
    public var at: Date
    public var exportID: Int64?
    public var submissionID: Int64?
    public var fromState: String?
    public var toState: String
    public var detail: String?

    public init(id: Int64? = nil, at: Date = Date(), exportID: Int64? = nil, submissionID: Int64? = nil,
                fromState: String? = nil, toState: String, detail: String? = nil) {
        self.id = id; self.at = at; self.exportID = exportID; self.submissionID = submissionID
        self.fromState = fromState; self.toState = toState; self.detail = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension EventRecord {
    static func append(_ db: Database, at: Date = Date(), exportID: Int64? = nil, submissionID: Int64? = nil,
                       fromState: String? = nil, toState: String, detail: String? = nil) throws {
        // One kept statement: every state change of every submission comes through here.
        try db.cachedStatement(sql: """
            INSERT INTO event (at, exportID, submissionID, fromState, toState, detail) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [at, exportID, submissionID, fromState, toState, detail])
    }
}
