import Foundation

/// How the server's host key is trusted. Always fail-closed: there is no "accept anything" mode.
///
/// A key is accepted when its fingerprint is pinned, or when the known_hosts file holds it for
/// this host and port. Several pins allow a key rotation (old and new pinned together).
public struct HostKeyPolicy: Sendable, Hashable {
    public let knownHostsFile: String?
    public let pinnedFingerprints: [HostKeyFingerprint]

    /// Throws when neither a known_hosts file nor a fingerprint is given.
    public init(knownHostsFile: String? = nil, pinnedFingerprints: [HostKeyFingerprint] = []) throws {
        guard knownHostsFile != nil || !pinnedFingerprints.isEmpty else {
            throw TransportError.noHostKeyPolicy
        }
        self.knownHostsFile = knownHostsFile
        self.pinnedFingerprints = pinnedFingerprints
    }

    /// From settings text (`sftp.known_hosts`, `sftp.host_fingerprints`).
    public init(knownHostsFile: String?, pinnedFingerprintTexts: [String]) throws {
        try self.init(knownHostsFile: knownHostsFile,
                      pinnedFingerprints: try pinnedFingerprintTexts.map(HostKeyFingerprint.init(parsing:)))
    }

    public static func knownHosts(_ path: String) -> HostKeyPolicy {
        HostKeyPolicy(checkedKnownHosts: path, pins: [])
    }

    public static func pinned(_ fingerprints: HostKeyFingerprint...) throws -> HostKeyPolicy {
        try HostKeyPolicy(pinnedFingerprints: fingerprints)
    }

    private init(checkedKnownHosts: String?, pins: [HostKeyFingerprint]) {
        knownHostsFile = checkedKnownHosts
        pinnedFingerprints = pins
    }

    /// Runs right after the handshake, before any credential is sent.
    func verify(_ key: ServerHostKey, endpoint: SSHEndpoint, session: OpaquePointer) throws {
        if pinnedFingerprints.contains(key.fingerprint) { return }
        let pins = pinnedFingerprints.map(\.description).joined(separator: ", ")
        if let knownHostsFile {
            switch try KnownHostsFile(path: knownHostsFile).check(key, endpoint: endpoint, session: session) {
            case .match:
                return
            case .revoked:
                throw TransportError.hostKeyRevoked(endpoint: endpoint, seen: key, knownHostsFile: knownHostsFile)
            case .mismatch:
                throw TransportError.hostKeyChanged(
                    endpoint: endpoint, seen: key,
                    expected: "the key recorded for it in \(knownHostsFile)" + (pins.isEmpty ? "" : " or the pinned \(pins)"))
            case .notFound where !pinnedFingerprints.isEmpty:
                throw TransportError.hostKeyChanged(endpoint: endpoint, seen: key, expected: "the pinned \(pins)")
            case .notFound:
                throw TransportError.hostKeyUnknown(endpoint: endpoint, seen: key, knownHostsFile: knownHostsFile)
            }
        }
        throw TransportError.hostKeyChanged(endpoint: endpoint, seen: key, expected: "the pinned \(pins)")
    }
}
