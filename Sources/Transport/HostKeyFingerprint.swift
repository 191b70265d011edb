import Foundation

/// An OpenSSH-style SHA-256 host-key fingerprint, `SHA256:` + base64 without padding
/// (what `ssh-keygen -lf` and `ssh` print).
public struct HostKeyFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let digest: [UInt8]

    public init(digest: [UInt8]) throws {
        guard digest.count == 32 else {
            throw TransportError.invalidFingerprint(text: "\(digest.count) bytes", detail: "a SHA-256 digest has 32 bytes")
        }
        self.digest = digest
    }

    /// Parses `SHA256:base64` (padding optional). MD5 fingerprints are refused: too weak to pin.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":"),
              trimmed[..<colon].uppercased() == "SHA256" else {
            throw TransportError.invalidFingerprint(
                text: text, detail: "expected `SHA256:` followed by base64, as printed by `ssh-keygen -lf`")
        }
        var body = String(trimmed[trimmed.index(after: colon)...])
        while body.hasSuffix("=") { body.removeLast() }
        let padded = body + String(repeating: "=", count: (4 - body.count % 4) % 4)
        guard let data = Data(base64Encoded: padded), data.count == 32 else {
            throw TransportError.invalidFingerprint(text: text, detail: "the base64 part is not a 32-byte SHA-256 digest")
        }
        digest = Array(data)
    }

    public var description: String {
        var text = Data(digest).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return "SHA256:" + text
    }
}
