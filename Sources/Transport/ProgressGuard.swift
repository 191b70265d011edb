/// Fails a transfer that keeps returning without moving bytes.
///
/// In blocking mode libssh2 either moves data or times out, so this is a second line of
/// defence against a call that returns 0 over and over (which would otherwise spin forever).
struct ProgressGuard {
    let limit: Duration
    private var lastProgress = ContinuousClock.now

    init(limit: Duration) { self.limit = limit }

    mutating func record(progress bytes: Int, operation: String, path: String) throws {
        let now = ContinuousClock.now
        if bytes > 0 {
            lastProgress = now
        } else if lastProgress.duration(to: now) > limit {
            throw TransportError.noProgress(operation: operation, path: path, limit: limit)
        }
    }
}
