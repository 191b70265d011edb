/// Time limits for one SFTP session.
///
/// No call on a silent server blocks longer than the limit that applies to it: the opening runs in
/// libssh2's blocking mode under its API timeout (one-second resolution), every later call in
/// non-blocking mode under a deadline of our own.
public struct TransportTimeouts: Sendable, Hashable {
    /// TCP connect, SSH handshake, host-key check and authentication together.
    public var connect: Duration
    /// Each metadata operation (stat, rename, remove, open, list page, close).
    public var operation: Duration
    /// Longest time a transfer may go without moving a single chunk.
    public var noProgress: Duration
    /// SSH keepalive interval while the session idles; zero disables keepalives.
    public var keepaliveInterval: Duration

    public init(connect: Duration = .seconds(15), operation: Duration = .seconds(60),
                noProgress: Duration = .seconds(60), keepaliveInterval: Duration = .seconds(30)) {
        self.connect = connect
        self.operation = operation
        self.noProgress = noProgress
        self.keepaliveInterval = keepaliveInterval
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (libssh2 reads 0 as "no timeout").
    var clampedMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        if millis.overflow { return Int.max }
        return max(1, Int(millis.partialValue) + Int(attoseconds / 1_000_000_000_000_000))
    }

    var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
