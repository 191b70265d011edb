import Identifiers
import Logging

/// A swift-log handler writing structured entries to journald via `sd_journal_sendv`.
///
/// Every metadata key becomes its own field (`submission_id` → `SUBMISSION_ID`), so
/// `journalctl SUBMISSION_ID=12` finds every line about one submission. Message, metadata values
/// and error texts pass through `NISSMasking` first. If journald cannot be reached the line goes
/// to standard error instead of being lost.
public struct JournaldLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    public let label: String
    /// `SYSLOG_IDENTIFIER=`, what `journalctl -t` filters on.
    public let syslogIdentifier: String

    public init(label: String, syslogIdentifier: String = "fladaemon", metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.syslogIdentifier = syslogIdentifier
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var record = record(for: event)
        if record.send() < 0 {
            var fallback = StderrLogHandler(label: label)
            fallback.metadata = metadata
            fallback.metadataProvider = metadataProvider
            fallback.log(event: event)
        }
    }

    func record(for event: LogEvent) -> JournalRecord {
        let eventMetadata = EventMetadata(handler: metadata, provider: metadataProvider, event: event.metadata)
        var record = JournalRecord(expectedFields: 8 + eventMetadata.entries.count)
        record.append("MESSAGE", NISSMasking.masking(event.message.description))
        record.append("PRIORITY", String(event.level.syslogPriority))
        record.append("SYSLOG_IDENTIFIER", syslogIdentifier)
        record.append("LOGGER_LABEL", label)
        record.append("CODE_FILE", event.file)
        record.append("CODE_LINE", String(event.line))
        record.append("CODE_FUNC", event.function)
        if let error = event.error {
            record.append("ERROR", NISSMasking.masking(String(describing: error)))
        }
        for entry in eventMetadata.entries {
            guard let name = JournalFieldName.forMetadataKey(entry.key) else { continue }
            record.append(name, entry.value)
        }
        return record
    }
}
