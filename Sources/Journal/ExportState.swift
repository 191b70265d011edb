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

    /// The export transition table: only a received export moves, once. Sending one again
    /// (`reprocess`) records a new export; it never moves an old one back.
    public func allows(_ next: ExportState) -> Bool {
        self == .received && next != .received
    }
}
