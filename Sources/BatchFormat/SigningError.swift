/// Why a signing identity could not be loaded or used; each case names the file concerned.
public enum SigningError: Error, Sendable, CustomStringConvertible {
    case cannotRead(path: String, OpenSSLError)
    /// The key file may be read by others than its owner (`detail` says how to fix it).
    case keyExposed(path: String, detail: String)
    case noCertificate(path: String)
    case noPrivateKey(path: String)
    /// The key is encrypted and no passphrase was configured.
    case passphraseRequired(path: String)
    case wrongPassphrase(path: String)
    /// A PKCS#12 file uses legacy ciphers (RC2-40, 3DES) and OpenSSL's legacy provider could not be loaded.
    case legacyProviderUnavailable(path: String, OpenSSLError)
    case keyDoesNotMatchCertificate(certificatePath: String, keyPath: String)
    case unsupportedKey(path: String, type: String)
    case signatureInvalid(contentPath: String, OpenSSLError)
    case openSSL(OpenSSLError)

    public var description: String {
        switch self {
        case .cannotRead(let path, let error): return "cannot read \(path): \(error)"
        case .keyExposed(let path, let detail): return "private key \(path): \(detail)"
        case .noCertificate(let path): return "\(path) holds no certificate"
        case .noPrivateKey(let path): return "\(path) holds no private key (PEM PKCS#8 or traditional expected)"
        case .passphraseRequired(let path): return "the private key in \(path) is encrypted: a passphrase is required"
        case .wrongPassphrase(let path): return "wrong passphrase for \(path)"
        case .legacyProviderUnavailable(let path, let error):
            return "\(path) is a legacy PKCS#12 (RC2/3DES) and OpenSSL's legacy provider is not installed "
                + "(legacy.so in OPENSSL_MODULES); re-export it with modern AES encryption: \(error)"
        case .keyDoesNotMatchCertificate(let certificatePath, let keyPath):
            return "the private key in \(keyPath) does not belong to the certificate in \(certificatePath)"
        case .unsupportedKey(let path, let type): return "\(path): key type \(type) cannot sign (RSA or EC expected)"
        case .signatureInvalid(let path, let error): return "signature over \(path) does not verify: \(error)"
        case .openSSL(let error): return error.description
        }
    }
}
