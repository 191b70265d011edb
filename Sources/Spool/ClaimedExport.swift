import Journal

/// An export intake has taken out of `incoming/` and recorded in the journal.
public struct ClaimedExport: Sendable, Hashable {
    public let id: Int64
    public let record: ExportRecord

    public init(id: Int64, record: ExportRecord) {
        self.id = id
        self.record = record
    }

    /// The name the exporter gave the file.
    public var sourceName: String { record.sourceFile }
    /// Where the file is now (in `work/`).
    public var path: String { record.storedPath }
    public var sha256: String { record.sha256 }
}
