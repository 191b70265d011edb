/// The prefix of a batch file name: what the file is.
public enum BatchFileKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Data sent to the platform.
    case fi = "FI"
    /// Signature of an FI (or, from the platform, of an FO).
    case fs = "FS"
    /// Empty commit file: the others are complete.
    case go = "GO"
    /// Empty file asking to cancel a submission.
    case td = "TD"
    /// Data returned by the platform (acknowledgement, notification).
    case fo = "FO"
    /// Compressed variant of an FO.
    case co = "CO"

    /// Whether the name ends with a part number (`.<PARTS>.<PART>` rather than `.<PARTS>`).
    public var hasPartNumber: Bool {
        switch self {
        case .fi, .fs, .fo, .co: return true
        case .go, .td: return false
        }
    }

    public var description: String { rawValue }
}
