/// Where exports arrive and submissions live, and how the daemon paces itself.
public struct SpoolSettings: Sendable, Hashable {
    public var root: String
    /// A file written in place is taken once its size and mtime have not changed for this long.
    public var settleMilliseconds: Int
    /// Upper bound on conversions running at once (uploads in flight are `sftp.parallel_uploads`).
    public var concurrency: Int
    /// Close the SSH session after this long without queued work.
    public var idleCloseSeconds: Int
    /// First and largest delay between retries of a transient failure.
    public var retryBaseSeconds: Int
    public var retryMaxSeconds: Int

    public init(root: String = "/var/spool/fladaemon", settleMilliseconds: Int = 2000, concurrency: Int = 2,
                idleCloseSeconds: Int = 60, retryBaseSeconds: Int = 5, retryMaxSeconds: Int = 900) {
        self.root = root; self.settleMilliseconds = settleMilliseconds; self.concurrency = concurrency
        self.idleCloseSeconds = idleCloseSeconds; self.retryBaseSeconds = retryBaseSeconds
        self.retryMaxSeconds = retryMaxSeconds
    }
}
