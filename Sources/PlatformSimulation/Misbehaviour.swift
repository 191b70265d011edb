/// Ways the simulated platform can be told to misbehave, so the daemon's tests see the awkward
/// cases a real platform produces now and then. All off by default.
public struct Misbehaviour: Hashable, Sendable {
    /// Wait this long after judging a submission before writing its answers.
    public var answerDelay: Duration
    /// Write the ACRF twice, the second under a new answer name.
    public var answerTwice: Bool
    /// Also write an FO that is not well-formed XML (a truncated ACRF), with its GO, before the real answers.
    public var malformedAnswer: Bool
    /// Also write an ACRF about a submission name nobody sent.
    public var unmatchedAnswer: Bool
    /// Write the ACRF only, never the NOTIFICATIONs.
    public var skipNotification: Bool
    /// Quote the FI's name in `FileReference/FileName` instead of the GO's (the platform does both).
    public var quoteFIName: Bool
    /// Leave `FileReference` out of the NOTIFICATIONs (it is optional, and often absent).
    public var omitNotificationFileReference: Bool
    /// Also drop answers of other applications (`DMNO`, `BEWA`) and a file whose name is not a batch
    /// name into OUT, as the shared folder has.
    public var otherApplicationsNoise: Bool

    public init(answerDelay: Duration = .zero, answerTwice: Bool = false, malformedAnswer: Bool = false,
                unmatchedAnswer: Bool = false, skipNotification: Bool = false, quoteFIName: Bool = false,
                omitNotificationFileReference: Bool = false, otherApplicationsNoise: Bool = false) {
        self.quoteFIName = quoteFIName
        self.omitNotificationFileReference = omitNotificationFileReference
        self.otherApplicationsNoise = otherApplicationsNoise
        self.answerDelay = answerDelay
        self.answerTwice = answerTwice
        self.malformedAnswer = malformedAnswer
        self.unmatchedAnswer = unmatchedAnswer
        self.skipNotification = skipNotification
    }

    /// The platform as it should behave.
    public static let none = Misbehaviour()
}
