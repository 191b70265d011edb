import Identifiers
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A swift-log handler for terminals: one readable line per event, for example
/// `2026-11-23T10:51:02.123Z info [fla_state=sent submission_id=12] Uploaded FI file`.
///
/// Each line is built in full and handed to a single `write(2)`, so lines from concurrent tasks
/// never interleave mid-line. Control characters are escaped (a file name cannot forge a line or
/// an ANSI sequence) and NISS-shaped numbers are masked.
public struct StderrLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    public let label: String
    /// Standard error unless a test hands in a pipe.
    public let fileDescriptor: Int32

    public init(label: String, fileDescriptor: Int32 = STDERR_FILENO, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.fileDescriptor = fileDescriptor
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = formattedLine(for: event, timestamp: UTCTimestamp.now())
        line.append(UInt8(ascii: "\n"))
        Self.writeFully(line, to: fileDescriptor)
    }

    /// The line without its trailing newline.
    func formattedLine(for event: LogEvent, timestamp: String) -> [UInt8] {
        var entries = EventMetadata(handler: metadata, provider: metadataProvider, event: event.metadata).entries
        if let error = event.error {
            entries.append((key: "error", value: NISSMasking.masking(String(describing: error))))
        }
        var line: [UInt8] = []
        line.reserveCapacity(128)
        line.append(contentsOf: timestamp.utf8)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: event.level.rawValue.utf8)
        if !entries.isEmpty {
            line.append(contentsOf: " [".utf8)
            for (index, entry) in entries.enumerated() {
                if index > 0 { line.append(UInt8(ascii: " ")) }
                Self.appendEscaped(entry.key, to: &line, quoteIfNeeded: false)
                line.append(UInt8(ascii: "="))
                Self.appendEscaped(entry.value, to: &line, quoteIfNeeded: true)
            }
            line.append(UInt8(ascii: "]"))
        }
        line.append(UInt8(ascii: " "))
        Self.appendEscaped(NISSMasking.masking(event.message.description), to: &line, quoteIfNeeded: false)
        return line
    }

    /// Escapes control bytes; with `quoteIfNeeded`, values that would be ambiguous in
    /// `key=value` form (empty, spaces, `=`, `]`, quotes) are wrapped in double quotes.
    static func appendEscaped(_ text: String, to line: inout [UInt8], quoteIfNeeded: Bool) {
        let quote = quoteIfNeeded && (text.isEmpty || text.utf8.contains { byte in
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "\"")
        })
        if quote { line.append(UInt8(ascii: "\"")) }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"): line.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): line.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): line.append(contentsOf: "\\t".utf8)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                if quote { line.append(UInt8(ascii: "\\")) }
                line.append(byte)
            case 0..<0x20, 0x7F:
                line.append(contentsOf: "\\x".utf8)
                line.append(hexDigit(byte >> 4))
                line.append(hexDigit(byte & 0xF))
            default: line.append(byte)
            }
        }
        if quote { line.append(UInt8(ascii: "\"")) }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// One `write(2)` in the normal case; loops only on EINTR or a short write to a full pipe.
    static func writeFully(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { raw in
            guard var next = raw.baseAddress else { return }
            var remaining = raw.count
            while remaining > 0 {
                let written = write(fd, next, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // Nowhere left to report a broken standard error.
                }
                next += written
                remaining -= written
            }
        }
    }
}
