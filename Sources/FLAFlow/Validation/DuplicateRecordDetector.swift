import Identifiers

/// Finds a `record_id` used twice by one employer for one record kind within an export.
///
/// Holds one entry per record for the whole export (the only state that grows with the file), kept small:
/// kind and BCE packed in one integer, the id (which Swift stores inline up to 15 bytes), a 32-bit line.
public struct DuplicateRecordDetector: Sendable {
    private struct Key: Hashable {
        var kindAndEmployer: UInt64
        var recordID: String
    }

    private var firstLines: [Key: UInt32] = [:]

    public init() {}

    /// Registers a record; returns the line of the earlier record with the same key, if any.
    public mutating func register(kind: RecordKind, employer: BCE, recordID: String, line: Int) -> Int? {
        // A BCE is below 10^10 < 2^34: the kind goes in the top bit.
        let employerNumber = UInt64(employer.digits) ?? 0
        let key = Key(kindAndEmployer: employerNumber | (kind == .trainingFollowed ? 1 << 63 : 0), recordID: recordID)
        if let earlier = firstLines[key] { return Int(earlier) }
        firstLines[key] = UInt32(clamping: line)
        return nil
    }
}
