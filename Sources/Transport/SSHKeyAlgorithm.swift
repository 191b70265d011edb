import Foundation

/// The kind of a client key, read from the key files without decrypting anything.
///
/// Needed to explain an authentication refusal: libssh2 1.10 signs RSA only with ssh-rsa
/// (SHA-1), which OpenSSH 8.8+ servers refuse by default.
public enum SSHKeyAlgorithm: Sendable, Hashable {
    case ed25519
    case ecdsa
    case rsa
    case dsa
    case unknown

    /// Looks at the public key file (given, or `<private>.pub`), then at the private key itself:
    /// a PEM header, or the unencrypted public part of an `openssh-key-v1` container.
    public static func detect(privateKeyPath: String, publicKeyPath: String? = nil) -> SSHKeyAlgorithm {
        for candidate in [publicKeyPath, privateKeyPath + ".pub"].compactMap({ $0 }) {
            if let text = try? String(contentsOfFile: candidate, encoding: .utf8),
               let type = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first {
                let found = from(typeName: String(type))
                if found != .unknown { return found }
            }
        }
        guard let text = try? String(contentsOfFile: privateKeyPath, encoding: .utf8) else { return .unknown }
        if text.contains("BEGIN RSA PRIVATE KEY") { return .rsa }
        if text.contains("BEGIN EC PRIVATE KEY") { return .ecdsa }
        if text.contains("BEGIN DSA PRIVATE KEY") { return .dsa }
        if text.contains("BEGIN OPENSSH PRIVATE KEY") { return fromOpenSSHContainer(text) }
        return .unknown
    }

    static func from(typeName: String) -> SSHKeyAlgorithm {
        switch typeName {
        case "ssh-ed25519": return .ed25519
        case "ssh-rsa", "rsa-sha2-256", "rsa-sha2-512": return .rsa
        case "ssh-dss": return .dsa
        case let name where name.hasPrefix("ecdsa-sha2-"): return .ecdsa
        default: return .unknown
        }
    }

    /// `openssh-key-v1\0`, cipher, kdf, kdf options, key count, then the public key blob whose
    /// first string is the key type; all of that is stored in clear even for encrypted keys.
    private static func fromOpenSSHContainer(_ text: String) -> SSHKeyAlgorithm {
        let body = text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body) else { return .unknown }
        var reader = SSHWireReader(bytes: Array(data))
        let magic = Array("openssh-key-v1".utf8) + [0]
        guard reader.take(magic.count) == magic,
              reader.string() != nil, reader.string() != nil, reader.string() != nil,
              reader.uint32() != nil,
              let publicBlob = reader.string() else { return .unknown }
        var inner = SSHWireReader(bytes: publicBlob)
        guard let type = inner.string() else { return .unknown }
        return from(typeName: String(decoding: type, as: UTF8.self))
    }
}
