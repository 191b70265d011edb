/// What reading an export yields, one at a time, so a million rows never sit in memory.
public enum ExportItem: Sendable {
    /// A record that passed every check.
    case record(SourcedRecord)
    /// A record that cannot be sent; reading goes on with the next one.
    case rejected([RecordProblem])
}

/// A streaming reader of one export. A problem with the file as a whole (undecodable bytes,
/// unterminated quote, unknown header, DOCTYPE, ...) is thrown and ends the reading.
public protocol ExportReader {
    /// The next record or rejected record, or nil at the end of the export.
    mutating func next() throws(RecordProblem) -> ExportItem?
    /// Once `next()` gave nil: records that repeat an earlier record id but could only be found now (in a
    /// large export, see `DuplicateRecordDetector`). They came out as records; a reader made again with
    /// them as `knownDuplicates` rejects each in its place.
    mutating func lateDuplicates() throws(RecordProblem) -> LateDuplicates
}
