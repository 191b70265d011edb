/// How to reach the platform's SFTP server and prove who we are and who it is.
public struct SFTPSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var privateKeyPath: String
    public var privateKeyPassphrase: String?
    /// OpenSSH known_hosts file; used when no fingerprint is pinned.
    public var knownHostsPath: String?
    /// Pinned host-key fingerprints (`SHA256:...`); several allow a key rotation.
    public var hostKeyFingerprints: [String]
    public var connectTimeoutSeconds: Int
    public var operationTimeoutSeconds: Int
    /// Submissions uploaded at once, each over its own SFTP channel of the one SSH session.
    public var parallelUploads: Int

    public init(host: String, port: Int = 8022, user: String, privateKeyPath: String,
                privateKeyPassphrase: String? = nil, knownHostsPath: String? = nil,
                hostKeyFingerprints: [String] = [], connectTimeoutSeconds: Int = 15,
                operationTimeoutSeconds: Int = 60, parallelUploads: Int = 4) {
        self.host = host; self.port = port; self.user = user; self.privateKeyPath = privateKeyPath
        self.privateKeyPassphrase = privateKeyPassphrase; self.knownHostsPath = knownHostsPath
        self.hostKeyFingerprints = hostKeyFingerprints; self.connectTimeoutSeconds = connectTimeoutSeconds
        self.operationTimeoutSeconds = operationTimeoutSeconds; self.parallelUploads = parallelUploads
    }
}
