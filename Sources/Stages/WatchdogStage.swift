import ServiceLifecycle
import ServiceSupport

/// Pings systemd's watchdog only while every work loop has beaten recently.
public struct WatchdogStage: Service {
    let pinger: WatchdogPinger

    public init(pinger: WatchdogPinger) { self.pinger = pinger }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await pinger.run() }
    }
}
