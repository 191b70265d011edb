import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where log lines go: journald (structured fields) when systemd connected our standard error
/// to the journal, readable stderr lines otherwise (terminal, tests, plain redirect).
public enum LogDestination: Sendable, Equatable {
    case journald
    case stderr

    /// journald when `JOURNAL_STREAM` names the very file standard error is, as systemd.exec(5) advises:
    /// the variable is inherited by children whose stderr may have been redirected elsewhere.
    public static func choose(
        environment: [String: String], standardError fileDescriptor: Int32 = STDERR_FILENO
    ) -> LogDestination {
        guard let stream = environment["JOURNAL_STREAM"], let expected = parseDeviceInode(stream) else { return .stderr }
        var status = stat()
        guard fstat(fileDescriptor, &status) == 0 else { return .stderr }
        return UInt64(status.st_dev) == expected.device && UInt64(status.st_ino) == expected.inode ? .journald : .stderr
    }

    /// A handler for this destination, for `LoggingSystem.bootstrap`.
    public func makeHandler(label: String, metadataProvider: Logger.MetadataProvider? = nil) -> any LogHandler {
        switch self {
        case .journald: return JournaldLogHandler(label: label, metadataProvider: metadataProvider)
        case .stderr: return StderrLogHandler(label: label, metadataProvider: metadataProvider)
        }
    }

    /// `JOURNAL_STREAM` is `<device>:<inode>`, both decimal.
    static func parseDeviceInode(_ text: String) -> (device: UInt64, inode: UInt64)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return nil }
        return (device, inode)
    }
}
