/// How answers from OUT are collected.
public struct ResultsSettings: Sendable, Hashable {
    /// What happens on the server to an answer once it is safely stored here.
    public enum RemoteDisposal: String, Sendable, Hashable, CaseIterable {
        case delete
        /// Moved into a `done` folder inside OUT (`OUT/done`).
        case move
        case leave
    }

    public var remoteDisposal: RemoteDisposal
    public var pollIntervalSeconds: Int
    /// A sent submission without acknowledgement after this long is flagged.
    public var acknowledgementDeadlineHours: Int
    /// An answer larger than this (by the listing's size) is not downloaded; it is reported for a person.
    public var maxAnswerBytes: Int
    /// PEM file with the platform's certificate (or its CA), to verify the FS the platform signs its
    /// answers with; nil: the FS is stored beside the answer and shown as not verified.
    public var platformCertificate: String?

    public static let defaultMaxAnswerBytes = 16 << 20

    public init(remoteDisposal: RemoteDisposal = .delete, pollIntervalSeconds: Int = 300,
                acknowledgementDeadlineHours: Int = 24, maxAnswerBytes: Int = ResultsSettings.defaultMaxAnswerBytes,
                platformCertificate: String? = nil) {
        self.remoteDisposal = remoteDisposal; self.pollIntervalSeconds = pollIntervalSeconds
        self.acknowledgementDeadlineHours = acknowledgementDeadlineHours
        self.maxAnswerBytes = maxAnswerBytes; self.platformCertificate = platformCertificate
    }
}
