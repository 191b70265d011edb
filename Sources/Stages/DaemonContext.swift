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

    /// How often an idle loop still says it is alive: well inside the watchdog's window.
    public let heartbeat: Duration

    public init(settings: SettingsBox, journal: Journal, layout: SpoolLayout, session: ChannelSession,
                liveness: LivenessBoard, notifier: ServiceNotifier, logger: Logger) {
        self.settings = settings; self.journal = journal; self.layout = layout; self.session = session
        self.liveness = liveness; self.notifier = notifier; self.logger = logger
        heartbeat = min(.seconds(15), (notifier.watchdogInterval ?? .seconds(60)) / 4)
    }

    /// Idles up to `total` between two rounds of `loop`: returns at once when `wake` is kicked or a
    /// graceful shutdown begins, and beats for the loop every `heartbeat` meanwhile, so a long poll
    /// interval never makes a healthy loop look dead to the watchdog.
    func idle(_ loop: String, upTo total: Duration, wake: WakeUp) async {
        let end = ContinuousClock.now + total
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                liveness.beat(loop)
                let left = end - .now
                if left <= .zero { return }
                if await wake.wait(timeout: min(heartbeat, left)) { return }
            }
        }
    }
}
