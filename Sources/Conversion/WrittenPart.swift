import Foundation

/// An FI part complete in staging, not yet validated or signed.
struct WrittenPart: Sendable {
    var index: Int
    /// `<staging>/<sha256>`.
    var path: String
    var byteCount: Int
    var sha256: String
    var recordCount: Int
    var formCreation: String
    /// File holding the export line of each record, encoded as the journal stores them; nil for an FI
    /// the exporter formed.
    var recordLinesPath: String?
    /// False for an FI the exporter formed, already checked against the schema.
    var needsValidation: Bool
}
