import Journal
import Logging
import ServiceSupport
import Spool

/// What the stages share: the settings in force, the journal, the spool, the SSH session, how stages
/// wake each other, and how they report liveness.
public struct DaemonContext: Sendable {
    public let settings: SettingsBox
    public let journal: Journal
    public let layout: SpoolLayout
    public let session: ChannelSession
    public let liveness: LivenessBoard
    public let notifier: ServiceNotifier
    public let logger: Logger
    /// Kicked when an export was claimed.
    public let conversionWanted = WakeUp()
    /// Kicked when a submission was prepared.
    public let uploadWanted = WakeUp()
    /// Kicked when a submission was sent (answers will follow).
    public let answersWanted = WakeUp()

    public init(settings: SettingsBox, journal: Journal, layout: SpoolLayout, session: ChannelSession,
                liveness: LivenessBoard, notifier: ServiceNotifier, logger: Logger) {
        self.settings = settings; self.journal = journal; self.layout = layout; self.session = session
        self.liveness = liveness; self.notifier = notifier; self.logger = logger
    }
}
