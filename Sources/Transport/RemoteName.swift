/// A file name on the SFTP server that is safe to join to a folder and to show in a log.
///
/// Names coming back from the server are untrusted: a hostile or broken server could return
/// `../../etc/passwd`, a name with a newline that forges log lines, or a megabyte of text.
/// Only plain names of the batch-channel grammar pass: ASCII letters, digits, `.`, `-`, `_`;
/// no leading dot, no `..`, 1 to 128 bytes.
public struct RemoteName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let maximumLength = 128

    public let value: String

    public init(validating name: String) throws {
        if let refusal = Self.refusal(for: Array(name.utf8)) {
            throw TransportError.refusedRemoteName(name: Self.printable(Array(name.utf8)), reason: refusal)
        }
        value = name
    }

    /// Validates raw bytes as returned by the server (they need not be UTF-8).
    init(validatingBytes bytes: [UInt8]) throws {
        if let refusal = Self.refusal(for: bytes) {
            throw TransportError.refusedRemoteName(name: Self.printable(bytes), reason: refusal)
        }
        value = String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { value }

    public static func < (lhs: RemoteName, rhs: RemoteName) -> Bool { lhs.value < rhs.value }

    /// The first rule `bytes` breaks, or nil when it is an acceptable name.
    static func refusal(for bytes: [UInt8]) -> RemoteNameRefusal? {
        if bytes.isEmpty { return .empty }
        // Specific reasons first, so the message says what is actually wrong.
        if bytes.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) { return .pathSeparator }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return .controlCharacter }
        if bytes.contains(where: { $0 >= 0x80 }) { return .nonASCII }
        if bytes.count > maximumLength { return .tooLong(length: bytes.count, limit: maximumLength) }
        let dot = UInt8(ascii: ".")
        if zip(bytes, bytes.dropFirst()).contains(where: { $0 == dot && $1 == dot }) { return .parentReference }
        if bytes[0] == dot { return .hidden }
        if let bad = bytes.first(where: { !isAllowed($0) }) {
            return .disallowedCharacter(Character(Unicode.Scalar(bad)))
        }
        return nil
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// A log-safe rendering of an untrusted name: printable ASCII kept, everything else
    /// escaped as `\xNN`, cut after 80 bytes.
    static func printable(_ bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes.prefix(80) {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        if bytes.count > 80 { out += "...(\(bytes.count) bytes)" }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
