import Logging

/// Watches `incoming/` with inotify and reports arrivals as an `AsyncStream`.
///
/// The watch is in place when `init` returns, so a listing made afterwards misses nothing. A
/// dedicated thread waits in `poll(2)` (no polling loop) and stops when the stream's consumer is
/// cancelled, when every copy of `events` is dropped, or on `stop()`; the inotify descriptor is closed then.
public final class IncomingWatcher: Sendable {
    public let directory: String
    public let events: AsyncStream<IncomingEvent>
    let reader: InotifyReader

    public init(directory: String, logger: Logger = Logger(label: "fladaemon.spool")) throws(SpoolError) {
        self.directory = directory
        let (stream, continuation) = AsyncStream<IncomingEvent>.makeStream(bufferingPolicy: .unbounded)
        let reader = try InotifyReader(directory: directory, continuation: continuation, logger: logger)
        continuation.onTermination = { _ in reader.stop() }
        self.reader = reader
        events = stream
        reader.start()
    }

    /// Ends `events` and releases the inotify descriptor. Safe to call more than once.
    public func stop() {
        reader.stop()
    }
}
