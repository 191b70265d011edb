import Logging
import Synchronization

/// Collects what a `Logger` emits, for tests that check the operator-facing lines.
public final class LogCapture: Sendable {
    public struct Entry: Sendable {
        public let level: Logger.Level
        public let message: String
        public let metadata: Logger.Metadata

        /// Message and metadata values as one text, for searching.
        public var text: String {
            ([message] + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        }
    }

    private let storage = Mutex<[Entry]>([])

    public init() {}

    public var entries: [Entry] { storage.withLock { $0 } }

    public func messages(containing text: String) -> [Entry] {
        entries.filter { $0.message.contains(text) }
    }

    /// Every message with its metadata, as one text to search.
    public var allText: String {
        entries.map { "\($0.level) \($0.message) \($0.metadata)" }.joined(separator: "\n")
    }

    public func entries(atLeast level: Logger.Level) -> [Entry] { entries.filter { $0.level >= level } }

    public var logger: Logger { logger("fladaemon.test") }

    public func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ entry: Entry) {
        storage.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            capture.append(Entry(level: event.level, message: event.message.description,
                                 metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
        }
    }
}
