/// How answers from OUT are collected.
public struct ResultsSettings: Sendable, Hashable {
    /// What happens on the server to an answer once it is safely stored here.
    public enum RemoteDisposal: String, Sendable, Hashable, CaseIterable {
        case delete
        /// Moved into a `done` folder beside OUT.
        case move
        case leave
    }

    public var remoteDisposal: RemoteDisposal
    public var pollIntervalSeconds: Int
    /// A sent submission without acknowledgement after this long is flagged.
    public var acknowledgementDeadlineHours: Int

    public init(remoteDisposal: RemoteDisposal = .delete, pollIntervalSeconds: Int = 300,
                acknowledgementDeadlineHours: Int = 24) {
        self.remoteDisposal = remoteDisposal; self.pollIntervalSeconds = pollIntervalSeconds
        self.acknowledgementDeadlineHours = acknowledgementDeadlineHours
    }
}
