import BatchFormat
import Settings

extension SigningIdentity {
    /// Loads the identity the configuration names, PEM or PKCS#12.
    public static func load(_ settings: SigningSettings) throws -> SigningIdentity {
        let passphrase = settings.passphrase.map { Passphrase($0) }
        switch settings.source {
        case .pem(let certificate, let key, let chain):
            return try load(certificate: certificate, privateKey: key, passphrase: passphrase, chain: chain)
        case .pkcs12(let path):
            return try load(pkcs12: path, passphrase: passphrase ?? Passphrase(""))
        }
    }
}
