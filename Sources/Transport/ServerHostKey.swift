import CLibSSH2
import Foundation

/// The host key the server presented during the handshake.
public struct ServerHostKey: Sendable, Hashable, CustomStringConvertible {
    /// OpenSSH algorithm name, e.g. `ssh-ed25519`.
    public let algorithm: String
    public let fingerprint: HostKeyFingerprint
    /// The key blob, as in the third field of a known_hosts line once base64-encoded.
    public let blob: [UInt8]
    /// libssh2's `LIBSSH2_HOSTKEY_TYPE_*`.
    let libssh2Type: Int32

    public var description: String { "\(algorithm) \(fingerprint)" }

    /// The known_hosts line that would trust this key for `endpoint`.
    public func knownHostsLine(for endpoint: SSHEndpoint) -> String {
        let host = endpoint.port == 22 ? endpoint.host : "[\(endpoint.host)]:\(endpoint.port)"
        return "\(host) \(algorithm) \(Data(blob).base64EncodedString())"
    }

    init(session: OpaquePointer) throws {
        var length = 0
        var type: Int32 = 0
        guard let key = libssh2_session_hostkey(session, &length, &type), length > 0 else {
            throw TransportError.handshakeFailed(detail: "the server presented no host key")
        }
        guard let hash = libssh2_hostkey_hash(session, LIBSSH2_HOSTKEY_HASH_SHA256) else {
            throw TransportError.handshakeFailed(detail: "libssh2 could not hash the host key with SHA-256")
        }
        blob = key.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
        fingerprint = try HostKeyFingerprint(
            digest: hash.withMemoryRebound(to: UInt8.self, capacity: 32) { Array(UnsafeBufferPointer(start: $0, count: 32)) })
        libssh2Type = type
        algorithm = Self.algorithmName(type)
    }

    static func algorithmName(_ type: Int32) -> String {
        switch type {
        case LIBSSH2_HOSTKEY_TYPE_RSA: return "ssh-rsa"
        case LIBSSH2_HOSTKEY_TYPE_DSS: return "ssh-dss"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return "ecdsa-sha2-nistp256"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return "ecdsa-sha2-nistp384"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return "ecdsa-sha2-nistp521"
        case LIBSSH2_HOSTKEY_TYPE_ED25519: return "ssh-ed25519"
        default: return "unknown"
        }
    }

    /// The matching `LIBSSH2_KNOWNHOST_KEY_*` bit for known_hosts lookups.
    var knownHostKeyBit: Int32 {
        switch libssh2Type {
        case LIBSSH2_HOSTKEY_TYPE_RSA: return LIBSSH2_KNOWNHOST_KEY_SSHRSA
        case LIBSSH2_HOSTKEY_TYPE_DSS: return LIBSSH2_KNOWNHOST_KEY_SSHDSS
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return LIBSSH2_KNOWNHOST_KEY_ECDSA_256
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return LIBSSH2_KNOWNHOST_KEY_ECDSA_384
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return LIBSSH2_KNOWNHOST_KEY_ECDSA_521
        case LIBSSH2_HOSTKEY_TYPE_ED25519: return LIBSSH2_KNOWNHOST_KEY_ED25519
        default: return LIBSSH2_KNOWNHOST_KEY_UNKNOWN
        }
    }
}
