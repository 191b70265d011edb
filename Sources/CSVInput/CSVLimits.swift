/// Size limits that keep a malformed or hostile file from eating memory: a 50 MB line without
/// a line end fails at the first limit it crosses instead of being buffered whole.
public struct CSVLimits: Hashable, Sendable {
    /// Bytes in one field, as read from the file.
    public var maxFieldBytes: Int
    /// Bytes in one record (a row, including the line ends inside its quoted fields).
    public var maxRecordBytes: Int
    /// Fields in one record.
    public var maxFieldsPerRecord: Int

    public init(maxFieldBytes: Int = 1 << 20, maxRecordBytes: Int = 4 << 20, maxFieldsPerRecord: Int = 1024) {
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = maxRecordBytes
        self.maxFieldsPerRecord = maxFieldsPerRecord
    }

    public static let `default` = CSVLimits()
}
