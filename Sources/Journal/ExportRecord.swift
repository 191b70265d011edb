import Foundation
import GRDB

/// One export file as it arrived: its name, content hash and fate.
public struct ExportRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "export"

    public var id: Int64?
    /// The file name as the exporter dropped it (no directory).
    public var sourceFile: String
    /// Where the original is kept now (spool archive, or the path given to `convert`).
    public var storedPath: String
    public var sha256: String
    public var byteCount: Int64
    public var state: ExportState
    public var detail: String?
    public var receivedAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, sourceFile: String, storedPath: String, sha256: String, byteCount: Int64,
                state: ExportState = .received, detail: String? = nil, receivedAt: Date = Date()) {
        self.id = id; self.sourceFile = sourceFile; self.storedPath = storedPath; self.sha256 = sha256
        self.byteCount = byteCount; self.state = state; self.detail = detail
        self.receivedAt = receivedAt; self.updatedAt = receivedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
