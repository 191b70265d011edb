/// Where the record an anomaly concerns sits: in its FI part, and in the export it came from.
public struct RecordLocation: Hashable, Sendable {
    /// 1-based position among the FI's `Records` children.
    public var position: Int
    /// The export line, when the journal kept the part's record lines.
    public var exportLine: Int?

    public init(position: Int, exportLine: Int?) {
        self.position = position; self.exportLine = exportLine
    }
}
