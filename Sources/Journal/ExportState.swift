/// What became of one export file that reached fladaemon.
public enum ExportState: String, Codable, Sendable, CaseIterable {
    /// Claimed, hashed, not converted yet.
    case received
    /// Turned into one or more prepared submissions.
    case converted
    /// Same content as an earlier export: kept, not sent.
    case duplicate
    /// Could not be converted (bad file, invalid records): kept aside with its reason.
    case quarantined
}
