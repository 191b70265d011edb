import Identifiers

/// Finds a `record_id` used twice by one employer for one record kind within an export.
///
/// The only state that grows with the export, so each record costs a fixed 12 bytes plus its index slot
/// (about 20 MB for a million records) whatever the length of its id: a 64-bit fingerprint of
/// (kind, employer, record_id) and the line of its first use, not the id itself.
///
/// Fingerprints are Swift's `Hasher` (SipHash-1-3 under a key drawn at random per process), so two
/// different keys share one only by chance, even for ids chosen to collide: among n records the chance of
/// any false "already used" is about n²/2⁶⁵, 3·10⁻⁸ for a million records. The same key hashes the same
/// within the process, and ids compare as `String`s do (canonically equivalent texts are one id), as before.
public struct DuplicateRecordDetector: Sendable {
    private var table = FingerprintTable()

    public init() {}

    /// Registers a record; returns the line of the earlier record with the same key, if any.
    public mutating func register(kind: RecordKind, employer: BCE, recordID: String, line: Int) -> Int? {
        var hasher = Hasher()
        hasher.combine(kind)
        hasher.combine(employer.digits)
        hasher.combine(recordID)
        return table.insert(UInt64(bitPattern: Int64(hasher.finalize())), line: line)
    }

    /// Records registered so far (duplicates not counted).
    public var count: Int { table.count }
}
