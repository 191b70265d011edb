import Foundation
import GRDB

/// One anomaly of a NOTIFICATION, tied to the record (and export line) it concerns when it can be traced.
public struct AnomalyRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "anomaly"

    public var id: Int64?
    public var answerID: Int64
    public var submissionID: Int64
    public var submissionFileID: Int64?
    /// E.g. `00011-155`.
    public var errorID: String
    public var tagName: String?
    /// The value the platform quotes; masked when it is a national number.
    public var value: String?
    /// B, P, NP, D, W, I or NB.
    public var anomalyClass: String?
    public var path: String?
    public var systemCorrection: String?
    /// 1-based position of the record in its FI, when the path locates it.
    public var recordPosition: Int?
    /// The export line the record came from.
    public var exportLine: Int?
    /// `AnomalyLabel`, the platform's words.
    public var label: String?
    /// `AnomalyLocation`: line and column in our FI, and the platform's element positions.
    public var fiLine: Int?
    public var fiColumn: Int?
    public var location: String?

    public init(id: Int64? = nil, answerID: Int64 = 0, submissionID: Int64 = 0, submissionFileID: Int64? = nil,
                errorID: String, tagName: String? = nil, value: String? = nil, anomalyClass: String? = nil,
                path: String? = nil, systemCorrection: String? = nil, recordPosition: Int? = nil, exportLine: Int? = nil,
                label: String? = nil, fiLine: Int? = nil, fiColumn: Int? = nil, location: String? = nil) {
        self.id = id; self.answerID = answerID; self.submissionID = submissionID
        self.submissionFileID = submissionFileID; self.errorID = errorID; self.tagName = tagName; self.value = value
        self.anomalyClass = anomalyClass; self.path = path; self.systemCorrection = systemCorrection
        self.recordPosition = recordPosition; self.exportLine = exportLine
        self.label = label; self.fiLine = fiLine; self.fiColumn = fiColumn; self.location = location
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
