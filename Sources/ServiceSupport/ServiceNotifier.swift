import Identifiers
import CSystemd
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Tells systemd about the daemon's life cycle (`Type=notify` / `Type=notify-reload`).
///
/// Inert unless systemd started us with `NOTIFY_SOCKET` set, so the same binary runs under a
/// terminal or in tests without a service manager. Every call returns whether a message was
/// actually delivered; a failure to notify never stops the daemon.
public struct ServiceNotifier: Sendable {
    /// Whether `NOTIFY_SOCKET` was set when the notifier was made.
    public let isEnabled: Bool

    public init() {
        isEnabled = getenv("NOTIFY_SOCKET") != nil
    }

    /// The spool is being watched: the service is up.
    /// Also send it once a reload has finished, as `Type=notify-reload` expects.
    @discardableResult
    public func ready() -> Bool { send("READY=1") }

    /// A one-line human summary shown by `systemctl status`.
    /// Newlines would start new assignments in the notify protocol, so they become spaces.
    @discardableResult
    public func status(_ text: String) -> Bool {
        let oneLine = String(text.map { $0.isNewline ? " " : $0 })
        return send("STATUS=" + NISSMasking.masking(oneLine))
    }

    @discardableResult
    public func status(_ summary: WorkSummary) -> Bool { status(summary.statusLine) }

    /// A reload started; `Type=notify-reload` requires the monotonic timestamp next to `RELOADING=1`.
    @discardableResult
    public func reloading() -> Bool {
        send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    @discardableResult
    public func stopping() -> Bool { send("STOPPING=1") }

    /// Keep-alive ping; send it only while the work loops are alive (see `WatchdogPinger`).
    @discardableResult
    public func watchdog() -> Bool { send("WATCHDOG=1") }

    /// `WatchdogSec=` of the unit, or nil when systemd does not expect pings for this process.
    public var watchdogInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(clamping: microseconds))
    }

    /// Sends raw newline-separated assignments; true when systemd's socket received them.
    @discardableResult
    public func send(_ assignments: String) -> Bool {
        guard isEnabled else { return false }
        return sd_notify(0, assignments) > 0
    }

    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
