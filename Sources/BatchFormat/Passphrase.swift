/// A secret protecting a private key or PKCS#12 file. Its description never shows the secret.
public struct Passphrase: Sendable, ExpressibleByStringLiteral, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable {
    public let bytes: [UInt8]

    public init(_ text: String) { bytes = Array(text.utf8) }
    public init(bytes: some Sequence<UInt8>) { self.bytes = Array(bytes) }
    public init(stringLiteral text: String) { self.init(text) }

    public var description: String { "<passphrase>" }
    public var debugDescription: String { description }
    /// Keeps `dump` and debuggers from listing the bytes.
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// NUL-terminated, as OpenSSL's PKCS#12 functions want it.
    var cString: [CChar] { bytes.map { CChar(bitPattern: $0) } + [0] }
}
