import Foundation
import GRDB

/// A file in OUT that was not downloaded, and why: another application's answer (the folder is shared),
/// a name that is not a batch name, an answer for another environment, one too large. Listed once;
/// the file stays on the server. Those that need a person stay listed by `status` until marked handled.
public struct OutEntryRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outEntry"

    public var id: Int64?
    public var folder: String
    public var name: String
    public var reason: String
    public var needsAttention: Bool
    public var byteCount: Int64?
    public var firstSeenAt: Date
    public var handledAt: Date?
    public var handledNote: String?

    public init(id: Int64? = nil, folder: String, name: String, reason: String, needsAttention: Bool,
                byteCount: Int64? = nil, firstSeenAt: Date = Date()) {
        self.id = id; self.folder = folder; self.name = name; self.reason = reason
        self.needsAttention = needsAttention; self.byteCount = byteCount; self.firstSeenAt = firstSeenAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
