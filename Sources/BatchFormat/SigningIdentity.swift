import COpenSSL
import Foundation

/// The certificate, private key and intermediate certificates a channel signs its FI files with.
///
/// Thread safety: the identity is immutable after loading. Signing only reads the certificate
/// and key (OpenSSL 3 allows an EVP_PKEY and X509 to be used from several threads as long as
/// nobody modifies them); each signature takes its own references (`CMS_add1_signer` up-refs them,
/// atomically) and its own CMS and digest contexts. So one identity may sign from many threads at once.
public final class SigningIdentity: @unchecked Sendable {
    /// X509*, owned.
    let certificate: OpaquePointer
    /// EVP_PKEY*, owned.
    let privateKey: OpaquePointer
    /// X509* intermediates to embed in every signature, owned.
    let chain: [OpaquePointer]

    public let subject: String
    public let issuer: String
    public let serialNumber: String
    public let notBefore: Date
    public let notAfter: Date
    /// E.g. `RSA 2048 bits`, `EC 256 bits`.
    public let keyDescription: String

    /// Takes ownership of the three; checks that the key belongs to the certificate.
    private init(certificate: OpaquePointer, privateKey: OpaquePointer, chain: [OpaquePointer],
                 certificatePath: String, keyPath: String) throws(SigningError) {
        self.certificate = certificate
        self.privateKey = privateKey
        self.chain = chain
        subject = OpenSSLSupport.text(of: X509_get_subject_name(certificate))
        issuer = OpenSSLSupport.text(of: X509_get_issuer_name(certificate))
        serialNumber = OpenSSLSupport.serialHex(of: certificate)
        notBefore = OpenSSLSupport.date(of: X509_get0_notBefore(certificate)) ?? .distantPast
        notAfter = OpenSSLSupport.date(of: X509_get0_notAfter(certificate)) ?? .distantPast
        let type = EVP_PKEY_get_base_id(privateKey)
        let bits = EVP_PKEY_get_bits(privateKey)
        switch type {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: keyDescription = "RSA \(bits) bits"
        case EVP_PKEY_EC: keyDescription = "EC \(bits) bits"
        default:
            keyDescription = String(cString: OBJ_nid2sn(type))
            // deinit frees what we own.
            throw .unsupportedKey(path: keyPath, type: keyDescription)
        }
        ERR_clear_error()
        guard X509_check_private_key(certificate, privateKey) == 1 else {
            ERR_clear_error()
            throw .keyDoesNotMatchCertificate(certificatePath: certificatePath, keyPath: keyPath)
        }
    }

    deinit {
        X509_free(certificate)
        EVP_PKEY_free(privateKey)
        chain.forEach { X509_free($0) }
    }

    /// Loads a PEM certificate, its PEM private key (PKCS#8 or traditional, encrypted or not)
    /// and optionally a PEM file of intermediate certificates to embed in signatures.
    public static func load(certificate certificatePath: String, privateKey keyPath: String,
                            passphrase: Passphrase? = nil, chain chainPath: String? = nil) throws(SigningError) -> SigningIdentity {
        ERR_clear_error()
        let certificates = try readPEMCertificates(certificatePath)
        guard let certificate = certificates.first else { throw .noCertificate(path: certificatePath) }
        // Certificates after the first in the same file are taken as its chain.
        var chain = Array(certificates.dropFirst())
        var key: OpaquePointer?
        do throws(SigningError) {
            key = try readPEMPrivateKey(keyPath, passphrase: passphrase)
            if let chainPath {
                let extra = try readPEMCertificates(chainPath)
                guard !extra.isEmpty else { throw SigningError.noCertificate(path: chainPath) }
                chain += extra
            }
        } catch {
            certificates.forEach { X509_free($0) }
            if let key { EVP_PKEY_free(key) }
            throw error
        }
        guard let key else {
            certificates.forEach { X509_free($0) }
            throw .noPrivateKey(path: keyPath)
        }
        return try SigningIdentity(certificate: certificate, privateKey: key, chain: chain,
                                   certificatePath: certificatePath, keyPath: keyPath)
    }

    /// Loads a PKCS#12 file. Files exported with the old RC2-40/3DES ciphers need OpenSSL's
    /// "legacy" provider: it is loaded the first time such a file fails to open without it.
    public static func load(pkcs12 path: String, passphrase: Passphrase) throws(SigningError) -> SigningIdentity {
        ERR_clear_error()
        guard let bio = BIO_new_file(path, "rb") else { throw .cannotRead(path: path, .drain("opening \(path)")) }
        defer { BIO_free(bio) }
        guard let p12 = d2i_PKCS12_bio(bio, nil) else {
            throw .cannotRead(path: path, .drain("reading PKCS#12 \(path)"))
        }
        defer { PKCS12_free(p12) }
        if let detail = SecretFile.exposure(of: path) { throw .keyExposed(path: path, detail: detail) }
        let secret = passphrase.cString
        // Check the MAC first: it needs no legacy cipher and tells a wrong passphrase apart from anything else.
        if PKCS12_mac_present(p12) == 1, PKCS12_verify_mac(p12, secret, Int32(secret.count - 1)) != 1 {
            ERR_clear_error()
            throw .wrongPassphrase(path: path)
        }
        var parsed = parse(p12, secret)
        if case .failure(let error) = parsed {
            guard !OpenSSLProviders.isLegacyAvailable else { throw .cannotRead(path: path, error) }
            do {
                try OpenSSLProviders.loadLegacy()
            } catch {
                throw .legacyProviderUnavailable(path: path, error)
            }
            parsed = parse(p12, secret)
        }
        switch parsed {
        case .failure(let error):
            throw .cannotRead(path: path, error)
        case .success(let (key, certificate, chain)):
            guard let certificate else {
                if let key { EVP_PKEY_free(key) }
                chain.forEach { X509_free($0) }
                throw .noCertificate(path: path)
            }
            guard let key else {
                X509_free(certificate)
                chain.forEach { X509_free($0) }
                throw .noPrivateKey(path: path)
            }
            return try SigningIdentity(certificate: certificate, privateKey: key, chain: chain,
                                       certificatePath: path, keyPath: path)
        }
    }

    /// Whether the certificate is expired, or will be within `days` days of `now`.
    public func expires(within days: Int, now: Date = Date()) -> Bool {
        notAfter.timeIntervalSince(now) < TimeInterval(days) * 86_400
    }

    /// Whole days left before expiry (negative once expired).
    public func daysUntilExpiry(now: Date = Date()) -> Int {
        Int((notAfter.timeIntervalSince(now) / 86_400).rounded(.down))
    }

    /// Detached CMS signature (DER) of a file, SHA-256; see `CMSSigner`.
    public func signDetached(fileAt path: String) throws(SigningError) -> [UInt8] {
        try CMSSigner(identity: self).signDetached(fileAt: path)
    }

    // MARK: - Reading

    private static func parse(_ p12: OpaquePointer, _ secret: [CChar])
        -> Result<(OpaquePointer?, OpaquePointer?, [OpaquePointer]), OpenSSLError> {
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var extra: OpaquePointer?
        guard PKCS12_parse(p12, secret, &key, &certificate, &extra) == 1 else {
            return .failure(.drain("decrypting PKCS#12"))
        }
        return .success((key, certificate, OpenSSLSupport.takeAll(fromStack: extra)))
    }

    /// Every certificate in a PEM file, in order (none if it holds none).
    private static func readPEMCertificates(_ path: String) throws(SigningError) -> [OpaquePointer] {
        guard let bio = BIO_new_file(path, "r") else { throw .cannotRead(path: path, .drain("opening \(path)")) }
        defer { BIO_free(bio) }
        var certificates: [OpaquePointer] = []
        while let certificate = PEM_read_bio_X509(bio, nil, refusePassphrase, nil) {
            certificates.append(certificate)
        }
        // The loop ends on "no start line" at end of file: expected, not an error.
        ERR_clear_error()
        return certificates
    }

    private static func readPEMPrivateKey(_ path: String, passphrase: Passphrase?) throws(SigningError) -> OpaquePointer {
        guard let bio = BIO_new_file(path, "r") else { throw .cannotRead(path: path, .drain("opening \(path)")) }
        defer { BIO_free(bio) }
        let request = PassphraseRequest(passphrase)
        let key = withExtendedLifetime(request) {
            PEM_read_bio_PrivateKey(bio, nil, supplyPassphrase, Unmanaged.passUnretained(request).toOpaque())
        }
        guard let key else {
            // OpenSSL's own messages here ("DECODER routines::unsupported") say less than this does.
            ERR_clear_error()
            if request.wasAsked { throw passphrase == nil ? .passphraseRequired(path: path) : .wrongPassphrase(path: path) }
            throw .noPrivateKey(path: path)
        }
        // Only a file found to hold a key is a secret (one that holds none is reported as such).
        if let detail = SecretFile.exposure(of: path) {
            EVP_PKEY_free(key)
            throw .keyExposed(path: path, detail: detail)
        }
        return key
    }
}

/// Carries the passphrase into OpenSSL's C callback and records whether it was needed.
private final class PassphraseRequest {
    let passphrase: Passphrase?
    var wasAsked = false
    init(_ passphrase: Passphrase?) { self.passphrase = passphrase }
}

/// Without a callback OpenSSL would prompt on the terminal: a daemon must fail instead.
private func refusePassphrase(_: UnsafeMutablePointer<CChar>?, _: Int32, _: Int32, _: UnsafeMutableRawPointer?) -> Int32 {
    -1
}

private func supplyPassphrase(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int32, _: Int32,
                              _ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let buffer, let context else { return -1 }
    let request = Unmanaged<PassphraseRequest>.fromOpaque(context).takeUnretainedValue()
    request.wasAsked = true
    guard let bytes = request.passphrase?.bytes, bytes.count <= Int(size) else { return -1 }
    for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
    return Int32(bytes.count)
}
