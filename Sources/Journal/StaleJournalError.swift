/// The journal cannot be trusted to hand out names: it is missing, empty or older than what the
/// spool shows was already used. The text names what was found and the command that repairs it.
public struct StaleJournalError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case missing, empty, behind
    }

    public let journalPath: String
    public let kind: Kind
    public let evidence: SequenceEvidence
    public let gaps: [SequenceGap]
    /// The command line that rebuilds the floors, e.g. `fladaemon recover-sequences --config FILE`.
    public let recovery: String

    /// How many gaps the message lists before "and N more".
    static let listed = 5

    public var description: String {
        let found: String
        switch kind {
        case .missing: found = "the journal \(journalPath) does not exist (nothing was created)"
        case .empty: found = "the journal \(journalPath) is empty"
        case .behind: found = "the journal \(journalPath) is older than the spool (restored from a backup?)"
        }
        var shown = gaps.prefix(Self.listed).map(\.description)
        if gaps.count > Self.listed { shown.append("and \(gaps.count - Self.listed) more") }
        return "\(found), but the spool's archive holds earlier work (\(evidence.nameCount) submission file name(s)): "
            + shown.joined(separator: "; ")
            + ". Starting from it would send names the platform has already seen, which it refuses forever "
            + "(code 133). With the daemon stopped, run `\(recovery)`: it raises the journal's sequence floors "
            + "above every name in the archive (and in the server's IN folder, when reachable); then start again"
    }
}
