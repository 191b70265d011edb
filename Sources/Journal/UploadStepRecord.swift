import Foundation
import GRDB

/// How far one file of a submission got on the server. Written before and after each remote step,
/// so that after a cut the next attempt knows what is there without guessing.
public struct UploadStepRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "uploadStep"

    public enum Step: String, Codable, Sendable, Comparable, DatabaseValueConvertible {
        /// About to write the temporary name: it may be there, partial.
        case writing
        /// The temporary file is complete and its size checked.
        case written
        /// Renamed to the final name (for the GO: created). The file is in place.
        case inPlace = "in-place"

        private var order: Int { self == .writing ? 0 : self == .written ? 1 : 2 }
        public static func < (a: Step, b: Step) -> Bool { a.order < b.order }
    }

    public var submissionID: Int64
    /// The final name on the server.
    public var fileName: String
    /// The temporary name it is written under first (none for the GO, created in place).
    public var temporaryName: String?
    public var step: Step
    public var attempt: Int
    public var updatedAt: Date

    public init(submissionID: Int64, fileName: String, temporaryName: String?, step: Step, attempt: Int,
                updatedAt: Date = Date()) {
        self.submissionID = submissionID; self.fileName = fileName; self.temporaryName = temporaryName
        self.step = step; self.attempt = attempt; self.updatedAt = updatedAt
    }

    /// Read column by column, as `SubmissionRecord` is.
    public init(row: Row) throws {
        submissionID = try row.decode(forColumn: "submissionID"); fileName = try row.decode(forColumn: "fileName")
        temporaryName = try row.decode(forColumn: "temporaryName"); step = try row.decode(forColumn: "step")
        attempt = try row.decode(forColumn: "attempt"); updatedAt = try row.decode(forColumn: "updatedAt")
    }

    /// Inserts or replaces the step of this file. One prepared statement, kept: a delivery writes a
    /// few of these for every file it sends.
    func save(_ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO uploadStep (submissionID, fileName, temporaryName, step, attempt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (submissionID, fileName) DO UPDATE SET temporaryName = excluded.temporaryName,
                step = excluded.step, attempt = excluded.attempt, updatedAt = excluded.updatedAt
            """).execute(arguments: [submissionID, fileName, temporaryName, step.rawValue, attempt, updatedAt])
    }
}
