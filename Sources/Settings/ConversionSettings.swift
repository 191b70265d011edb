/// How exports become FI documents.
public struct ConversionSettings: Sendable, Hashable {
    /// What to do when an export needs more than one FI.
    public enum Split: String, Sendable, Hashable, CaseIterable {
        /// Up to 9 parts per submission, then further submissions.
        case parts
        /// Every FI is a submission of its own (`1.1`).
        case submissions
    }

    public var maxRecordsPerFI: Int
    public var maxBytesPerFI: Int
    public var split: Split
    /// Send the valid records of an export that has invalid ones (the rest is reported).
    public var sendValidRecords: Bool
    /// Validate FI documents against this XSD instead of the bundled one (e.g. the official one).
    public var schemaPath: String?
    /// Column-mapping profile applied to CSV exports with vendor headers.
    public var profileName: String?

    public init(maxRecordsPerFI: Int = 10_000, maxBytesPerFI: Int = 20_000_000, split: Split = .parts,
                sendValidRecords: Bool = false, schemaPath: String? = nil, profileName: String? = nil) {
        self.maxRecordsPerFI = maxRecordsPerFI; self.maxBytesPerFI = maxBytesPerFI; self.split = split
        self.sendValidRecords = sendValidRecords; self.schemaPath = schemaPath; self.profileName = profileName
    }
}
