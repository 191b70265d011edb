/// Everything that can go wrong talking to the SFTP server.
///
/// `isTransient` tells the caller whether retrying later (with a new session) can help:
/// network trouble, timeouts and an unavailable server are transient; a refused key, an
/// untrusted host key, a missing permission or a name collision need a person.
public enum TransportError: Error, Sendable, CustomStringConvertible {
    // Reaching the server
    case libraryUnavailable(detail: String)
    case unresolvable(endpoint: SSHEndpoint, detail: String)
    case connectFailed(endpoint: SSHEndpoint, detail: String)
    /// `limit` is nil when the budget was shared (connect: all addresses, handshake, auth).
    case timedOut(operation: String, limit: Duration?)
    case handshakeFailed(detail: String)
    case noCommonAlgorithm(detail: String)
    case connectionLost(operation: String, detail: String)
    case noProgress(operation: String, path: String, limit: Duration)
    /// The session was closed, or broken by an earlier timeout or network failure.
    case sessionClosed(reason: String)
    case protocolFailure(operation: String, detail: String)

    // Trust and identity
    case noHostKeyPolicy
    case invalidFingerprint(text: String, detail: String)
    case hostKeyUnknown(endpoint: SSHEndpoint, seen: ServerHostKey, knownHostsFile: String)
    case hostKeyChanged(endpoint: SSHEndpoint, seen: ServerHostKey, expected: String)
    case hostKeyRevoked(endpoint: SSHEndpoint, seen: ServerHostKey, knownHostsFile: String)
    case knownHostsUnreadable(path: String, detail: String)
    case passphraseFileUnreadable(path: String, detail: String)
    case privateKeyUnreadable(path: String, detail: String)
    case authenticationRefused(user: String, keyPath: String)
    case rsaSignatureRefused(user: String, keyPath: String)

    // Files
    case remoteFileExists(path: String)
    case remoteFileMissing(path: String)
    case permissionDenied(operation: String, path: String)
    case sizeMismatch(path: String, expected: UInt64, actual: UInt64?)
    /// Another SFTP status; `code` is the SSH_FX_* value.
    case remoteFailure(operation: String, path: String, code: UInt, detail: String)
    case localFileFailure(operation: String, path: String, detail: String)
    case refusedRemoteName(name: String, reason: RemoteNameRefusal)

    public var isTransient: Bool {
        switch self {
        case .unresolvable, .connectFailed, .timedOut, .handshakeFailed, .connectionLost, .noProgress,
             .sessionClosed, .protocolFailure, .sizeMismatch:
            return true
        case .remoteFailure(_, _, let code, _):
            // Generic failure, lost connection, full disk or quota: the server may recover.
            return [4, 6, 7, 14, 15, 17].contains(code)
        case .libraryUnavailable, .noCommonAlgorithm, .noHostKeyPolicy, .invalidFingerprint, .hostKeyUnknown,
             .hostKeyChanged, .hostKeyRevoked, .knownHostsUnreadable, .passphraseFileUnreadable,
             .privateKeyUnreadable, .authenticationRefused, .rsaSignatureRefused, .remoteFileExists,
             .remoteFileMissing, .permissionDenied, .localFileFailure, .refusedRemoteName:
            return false
        }
    }

    /// A refusal that every transfer of the channel would meet until a person changes the configuration
    /// or the account: who we are (our key, its passphrase, what the account may do) or who the server
    /// is (its host key), or a client that cannot work at all. Never a network fault.
    public var concernsTheChannel: Bool {
        switch self {
        case .hostKeyUnknown, .hostKeyChanged, .hostKeyRevoked, .authenticationRefused, .rsaSignatureRefused,
             .knownHostsUnreadable, .passphraseFileUnreadable, .privateKeyUnreadable, .noHostKeyPolicy,
             .invalidFingerprint, .noCommonAlgorithm, .libraryUnavailable, .permissionDenied:
            return true
        default:
            return false
        }
    }

    public var description: String {
        switch self {
        case .libraryUnavailable(let detail):
            return "libssh2 is unavailable: \(detail)"
        case .unresolvable(let endpoint, let detail):
            return "cannot resolve \(endpoint.host): \(detail)"
        case .connectFailed(let endpoint, let detail):
            return "cannot connect to \(endpoint): \(detail)"
        case .timedOut(let operation, let limit):
            return "timed out \(operation)" + (limit.map { " (limit \(Self.seconds($0)))" } ?? "")
        case .handshakeFailed(let detail):
            return "SSH handshake failed: \(detail)"
        case .noCommonAlgorithm(let detail):
            return "SSH handshake failed: no algorithm in common with the server (\(detail))"
        case .connectionLost(let operation, let detail):
            return "connection lost while \(operation): \(detail)"
        case .noProgress(let operation, let path, let limit):
            return "no progress for \(Self.seconds(limit)) while \(operation) \(path)"
        case .sessionClosed(let reason):
            return "the SFTP session is no longer usable: \(reason)"
        case .protocolFailure(let operation, let detail):
            return "SSH error while \(operation): \(detail)"
        case .noHostKeyPolicy:
            return "no way to check the server's host key: give a known_hosts file (sftp.known_hosts) or pinned fingerprints (sftp.host_fingerprints)"
        case .invalidFingerprint(let text, let detail):
            return "invalid host-key fingerprint `\(text)`: \(detail)"
        case .hostKeyUnknown(let endpoint, let seen, let file):
            return "the host key of \(endpoint) is unknown: the server offered \(seen), which \(file) does not list. "
                + "After checking out of band that this is the platform's key, "
                + Self.pinAdvice(endpoint: endpoint, seen: seen, file: file)
        case .hostKeyChanged(let endpoint, let seen, let expected):
            return "the host key of \(endpoint) does not match: the server offered \(seen), expected \(expected). "
                + "This may be an attack; the transfer is stopped. If the platform announced a new key and it "
                + "checks out, " + Self.pinAdvice(endpoint: endpoint, seen: seen, file: nil)
        case .hostKeyRevoked(let endpoint, let seen, let file):
            return "the host key of \(endpoint) is marked @revoked in \(file): the server offered \(seen); the transfer is stopped"
        case .knownHostsUnreadable(let path, let detail):
            return "cannot read known_hosts file \(path): \(detail)"
        case .passphraseFileUnreadable(let path, let detail):
            return "cannot use passphrase file \(path): \(detail)"
        case .privateKeyUnreadable(let path, let detail):
            return "cannot use private key \(path): \(detail)"
        case .authenticationRefused(let user, let keyPath):
            return "the server refused public-key authentication for user \(user) with key \(keyPath): is its public key registered for this account?"
        case .rsaSignatureRefused(let user, let keyPath):
            return "the server refused the RSA signature for user \(user) with key \(keyPath): libssh2 1.10 only signs with ssh-rsa (SHA-1), which this server does not accept; use an Ed25519 or ECDSA key "
                + "(should the server accept SHA-1 after all, check that this key is registered for the account)"
        case .remoteFileExists(let path):
            return "remote file \(path) already exists"
        case .remoteFileMissing(let path):
            return "remote file or folder \(path) does not exist"
        case .permissionDenied(let operation, let path):
            return "permission denied while \(operation) \(path)"
        case .sizeMismatch(let path, let expected, let actual):
            return "remote file \(path) has \(actual.map(String.init) ?? "an unreported number of") bytes, expected \(expected)"
        case .remoteFailure(let operation, let path, let code, let detail):
            return "the server failed \(operation) \(path): \(detail) (SFTP status \(code))"
        case .localFileFailure(let operation, let path, let detail):
            return "local file \(path): \(operation) failed: \(detail)"
        case .refusedRemoteName(let name, let reason):
            return "refused remote file name `\(name)`: \(reason)"
        }
    }

    private static func pinAdvice(endpoint: SSHEndpoint, seen: ServerHostKey, file: String?) -> String {
        "pin it with "
            + "`sftp.host_fingerprints: [\"\(seen.fingerprint)\"]` or add this line to "
            + (file ?? "the known_hosts file") + ": `\(seen.knownHostsLine(for: endpoint))`"
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = duration.secondsValue
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
