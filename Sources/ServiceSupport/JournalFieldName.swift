/// Turns a swift-log metadata key into a journald field name.
///
/// journald accepts only `A-Z`, `0-9` and `_`, at most 64 bytes, not starting with a digit, and
/// fields starting with `_` are reserved for what journald itself vouches for (`_PID`, ...).
/// So `submission_id` becomes `SUBMISSION_ID` and `remote-name` becomes `REMOTE_NAME`.
public enum JournalFieldName {
    /// Fields the handler writes itself; metadata may not shadow them.
    static let reserved: Set<String> = [
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "LOGGER_LABEL", "ERROR",
    ]

    /// The field name for `key`, or nil when nothing usable is left (for example a key of only dashes).
    public static func forMetadataKey(_ key: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count)
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 32)
            default:
                // Any other byte (".", "-", " ", non-ASCII) is a word break; collapse repeats.
                if bytes.last != UInt8(ascii: "_") { bytes.append(UInt8(ascii: "_")) }
            }
        }
        while bytes.first == UInt8(ascii: "_") { bytes.removeFirst() }
        while bytes.last == UInt8(ascii: "_") { bytes.removeLast() }
        guard let first = bytes.first else { return nil }
        var name = String(decoding: bytes, as: UTF8.self)
        if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") { name = "M_" + name }
        if reserved.contains(name) { name = "METADATA_" + name }
        return String(name.prefix(64))
    }
}
