import Journal
import Logging
import ServiceLifecycle
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
    /// Kicked when the status line should be refreshed at once (a pause began or ended).
    public let statusWanted = WakeUp()
    /// The stages waiting on a condition of the machine (a full disk, ...).
    public let pauses = PauseBoard()

    public init(settings: SettingsBox, journal: Journal, layout: SpoolLayout, session: ChannelSession,
                liveness: LivenessBoard, notifier: ServiceNotifier, logger: Logger) {
        self.settings = settings; self.journal = journal; self.layout = layout; self.session = session
        self.liveness = liveness; self.notifier = notifier; self.logger = logger
    }

    /// Idles up to `total` between two rounds of `loop`: returns at once when `wake` is kicked or a
    /// graceful shutdown begins. The loop counts as waiting meanwhile, which the watchdog accepts for
    /// any length of time: an idle daemon wakes for its polls only.
    func idle(_ loop: String, upTo total: Duration, wake: WakeUp) async {
        liveness.waiting(loop)
        await cancelWhenGracefulShutdown { _ = await wake.wait(timeout: total) }
        liveness.beat(loop)
    }
}
