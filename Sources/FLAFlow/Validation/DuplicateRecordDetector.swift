#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Identifiers

/// Finds a `record_id` used twice by one employer for one record kind within an export.
///
/// Each record is kept as a 64-bit fingerprint of (kind, employer, record_id) and the line of its
/// first use, never the id itself. The first `memoryCapacity` records are held in memory (12 bytes
/// each plus their index slot, about 2.6 MB for the default) and a repeat of one of them is found at
/// once. Records beyond that are still compared with those at once, and written to scratch files to be
/// compared with each other when the export has been read (`lateDuplicates()`): the memory used is the
/// same for a thousand records or ten million. A repeat found late is given back by registration number
/// so a second reading, made with `knownDuplicates`, rejects it in its place.
///
/// Fingerprints are Swift's `Hasher` (SipHash-1-3 under a key drawn at random per process), so two
/// different keys share one only by chance, even for ids chosen to collide: among n records the chance of
/// any false "already used" is about n²/2⁶⁵, 3·10⁻⁸ for a million records. The same key hashes the same
/// within the process, and ids compare as `String`s do (canonically equivalent texts are one id).
public struct DuplicateRecordDetector {
    public static let defaultMemoryCapacity = 131_072

    private var table = FingerprintTable()
    private let memoryCapacity: Int
    private let scratchDirectory: String
    private var spill: FingerprintSpill?
    private let known: LateDuplicates
    private var registrations = 0

    /// - Parameters:
    ///   - scratchDirectory: where fingerprints beyond `memoryCapacity` go (unnamed files); the system's
    ///     temporary folder if nil.
    ///   - knownDuplicates: what `lateDuplicates()` found in an earlier reading of the same export.
    public init(memoryCapacity: Int = defaultMemoryCapacity, scratchDirectory: String? = nil,
                knownDuplicates: LateDuplicates = LateDuplicates()) {
        self.memoryCapacity = max(1, memoryCapacity)
        self.scratchDirectory = scratchDirectory ?? Self.temporaryDirectory
        known = knownDuplicates
    }

    /// Registers a record; returns the line of the earlier record with the same key, if it is known now.
    public mutating func register(kind: RecordKind, employer: BCE, recordID: String, line: Int) -> Int? {
        registrations += 1
        if let earlier = known.earlierLine(ofRegistration: registrations) { return earlier }
        var hasher = Hasher()
        hasher.combine(kind)
        hasher.combine(employer.digits)
        hasher.combine(recordID)
        let fingerprint = UInt64(bitPattern: Int64(hasher.finalize()))
        if table.count < memoryCapacity { return table.insert(fingerprint, line: line) }
        if let earlier = table.line(of: fingerprint) { return earlier }
        if spill == nil { spill = FingerprintSpill(directory: scratchDirectory) }
        spill!.append(fingerprint, registration: registrations, line: line)
        return nil
    }

    /// After the last record: repeats among the records held on disk, which `register` could not tell.
    /// Throws, naming `file`, when the scratch files failed: the check cannot be vouched for.
    public mutating func lateDuplicates(file: String) throws(RecordProblem) -> LateDuplicates {
        guard let spill else { return LateDuplicates() }
        defer { self.spill = nil }
        do {
            return LateDuplicates(earlierLines: try spill.repeats())
        } catch {
            throw RecordProblem(file: file, reason: "record ids could not be checked for repeats: the scratch "
                                + "file in \(scratchDirectory) failed \(error.reason)")
        }
    }

    /// Records registered and held for comparison (repeats found at once not counted).
    public var count: Int { table.count + (spill?.count ?? 0) }

    private static var temporaryDirectory: String {
        if let value = getenv("TMPDIR"), value.pointee != 0 { return String(cString: value) }
        return "/tmp"
    }
}
