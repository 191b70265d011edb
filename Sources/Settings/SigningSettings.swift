/// Where the channel's signing certificate and key are. Either PEM files or one PKCS#12 file.
public struct SigningSettings: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case pem(certificate: String, key: String, chain: String?)
        case pkcs12(path: String)
    }

    public var source: Source
    /// Passphrase of the key or PKCS#12 file, from a secret file, a systemd credential or the environment.
    public var passphrase: String?
    /// Warn this many days before the certificate expires.
    public var expiryWarningDays: Int

    public init(source: Source, passphrase: String? = nil, expiryWarningDays: Int = 30) {
        self.source = source; self.passphrase = passphrase; self.expiryWarningDays = expiryWarningDays
    }
}
