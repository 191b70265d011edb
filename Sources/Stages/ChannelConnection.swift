import Logging
import Settings
import Transport

/// Opens an SFTP session to the configured server with the configured key and host-key check.
public enum ChannelConnection {
    public static func open(_ settings: SFTPSettings, logger: Logger) throws -> SFTPClient {
        let identity = SSHIdentity(user: settings.user, privateKeyPath: settings.privateKeyPath,
                                   passphrase: settings.privateKeyPassphrase)
        let policy = try HostKeyPolicy(knownHostsFile: settings.knownHostsPath,
                                       pinnedFingerprintTexts: settings.hostKeyFingerprints)
        let timeouts = TransportTimeouts(connect: .seconds(settings.connectTimeoutSeconds),
                                         operation: .seconds(settings.operationTimeoutSeconds))
        return try SFTPClient(endpoint: SSHEndpoint(host: settings.host, port: settings.port), identity: identity,
                              hostKeyPolicy: policy, timeouts: timeouts, logger: logger)
    }

    public static func require(_ settings: FladaemonSettings) throws -> SFTPSettings {
        guard let sftp = settings.sftp else {
            throw SettingsError(source: settings.source, key: "sftp", problem: "no SFTP server configured (sftp.host)")
        }
        return sftp
    }
}
