/// Feeds systemd's watchdog, but only while every loop on the `LivenessBoard` is alive.
///
/// Pings every half interval, as systemd recommends. When a loop stops beating the pings stop,
/// and systemd kills and restarts the service once `WatchdogSec=` runs out.
public struct WatchdogPinger: Sendable {
    public let notifier: ServiceNotifier
    public let board: LivenessBoard
    /// `WatchdogSec=`, normally `notifier.watchdogInterval`.
    public let interval: Duration
    /// How recent a loop's last beat must be to count as alive; defaults to `interval`.
    public let livenessWindow: Duration

    public init(notifier: ServiceNotifier, board: LivenessBoard, interval: Duration, livenessWindow: Duration? = nil) {
        self.notifier = notifier
        self.board = board
        self.interval = interval
        self.livenessWindow = livenessWindow ?? interval
    }

    /// Sends `WATCHDOG=1` if every loop is alive; returns whether it was sent.
    @discardableResult
    public func pingIfAlive() -> Bool {
        guard board.allAlive(within: livenessWindow) else { return false }
        return notifier.watchdog()
    }

    /// Pings every `interval / 2` until the task is cancelled.
    public func run() async {
        let period = interval / 2
        while !Task.isCancelled {
            pingIfAlive()
            do { try await Task.sleep(for: period) } catch { return }
        }
    }
}
