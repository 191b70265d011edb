import Foundation

/// The key algorithm of a test certificate.
public enum TestKeyType: String, Sendable, CaseIterable {
    /// RSA 2048 bits.
    case rsa
    /// EC on P-256.
    case ec
}

/// A throw-away certificate authority and signing identity made with the real `openssl` CLI.
///
/// Every field is a path in `directory`. The end-entity certificate is issued by the root CA, or by an
/// intermediate CA (then `chain` holds the intermediate, and verifying with `caCertificate` alone
/// needs the chain embedded in the signature).
public struct TestPKI: Sendable {
    public let directory: String
    public let keyType: TestKeyType
    /// The trust anchor: root CA certificate (PEM).
    public let caCertificate: String
    /// Intermediate CA certificate (PEM) when made `withIntermediate`, else nil.
    public let chain: String?
    /// End-entity certificate (PEM, that certificate only).
    public let certificate: String
    /// Its private key, unencrypted PKCS#8 PEM.
    public let privateKey: String
    /// The same key, PKCS#8 encrypted with AES-256-CBC under `passphrase`.
    public let encryptedPrivateKey: String
    /// Protects `encryptedPrivateKey` and both PKCS#12 files.
    public let passphrase: String
    /// Certificate, key and chain in a PKCS#12 encrypted the modern way (AES-256, PBKDF2).
    public let pkcs12: String
    /// The same in a legacy PKCS#12 (certificates RC2-40, key 3DES, as old exports are).
    public let legacyPKCS12: String
    /// A key of the same type that belongs to no certificate here.
    public let unrelatedPrivateKey: String
    /// The end-entity's common name.
    public let commonName: String

    /// Makes the whole set in `directory` (created if missing). Takes well under a second per key.
    public static func make(in directory: String, keyType: TestKeyType = .rsa, withIntermediate: Bool = false,
                            commonName: String = "fladaemon test signer", validDays: Int = 365) throws -> TestPKI {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let config = path("openssl.cnf")
        try Data(configText.utf8).write(to: URL(fileURLWithPath: config))
        let passphrase = "test-pass-\(UUID().uuidString.prefix(8))"

        func newKey(_ name: String) throws -> String {
            let out = path(name)
            switch keyType {
            case .rsa: try Command.check("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", out])
            case .ec: try Command.check("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", out])
            }
            return out
        }
        func issue(_ name: String, subject: String, key: String, issuer: (cert: String, key: String), extensions: String) throws -> String {
            let csr = path("\(name).csr"), out = path("\(name).pem")
            try Command.check("openssl", ["req", "-config", config, "-new", "-key", key, "-subj", subject, "-out", csr])
            try Command.check("openssl", ["x509", "-req", "-in", csr, "-CA", issuer.cert, "-CAkey", issuer.key,
                                          "-set_serial", "0x\(UUID().uuidString.prefix(8).lowercased())", "-days", "\(validDays)",
                                          "-extfile", config, "-extensions", extensions, "-out", out])
            return out
        }

        let caKey = try newKey("ca-key.pem")
        let caCertificate = path("ca.pem")
        try Command.check("openssl", ["req", "-config", config, "-x509", "-new", "-key", caKey, "-subj", "/CN=fladaemon test root CA/O=Test/C=BE",
                                      "-days", "\(validDays + 1)", "-extensions", "v3_ca", "-out", caCertificate])
        var issuer = (cert: caCertificate, key: caKey)
        var chain: String?
        if withIntermediate {
            let intermediateKey = try newKey("intermediate-key.pem")
            let intermediate = try issue("intermediate", subject: "/CN=fladaemon test intermediate CA/O=Test/C=BE",
                                         key: intermediateKey, issuer: issuer, extensions: "v3_ca")
            issuer = (intermediate, intermediateKey)
            chain = intermediate
        }
        let privateKey = try newKey("key.pem")
        let certificate = try issue("cert", subject: "/CN=\(commonName)/O=Test employer/C=BE", key: privateKey,
                                    issuer: issuer, extensions: "v3_signer")
        let encryptedPrivateKey = path("key-encrypted.pem")
        try Command.check("openssl", ["pkcs8", "-topk8", "-in", privateKey, "-v2", "aes-256-cbc",
                                      "-passout", "pass:\(passphrase)", "-out", encryptedPrivateKey])
        let chainArguments = chain.map { ["-certfile", $0] } ?? []
        let pkcs12 = path("identity.p12")
        try Command.check("openssl", ["pkcs12", "-export", "-in", certificate, "-inkey", privateKey, "-name", commonName,
                                      "-passout", "pass:\(passphrase)", "-out", pkcs12] + chainArguments)
        let legacyPKCS12 = path("identity-legacy.p12")
        try Command.check("openssl", ["pkcs12", "-export", "-legacy", "-in", certificate, "-inkey", privateKey,
                                      "-name", commonName, "-passout", "pass:\(passphrase)", "-out", legacyPKCS12] + chainArguments)
        let unrelatedPrivateKey = try newKey("unrelated-key.pem")
        return TestPKI(directory: directory, keyType: keyType, caCertificate: caCertificate, chain: chain,
                       certificate: certificate, privateKey: privateKey, encryptedPrivateKey: encryptedPrivateKey,
                       passphrase: passphrase, pkcs12: pkcs12, legacyPKCS12: legacyPKCS12,
                       unrelatedPrivateKey: unrelatedPrivateKey, commonName: commonName)
    }

    /// Self-contained: the system openssl.cnf may add extensions that clash with ours.
    private static let configText = """
        [req]
        distinguished_name = dn
        prompt = no
        [dn]
        CN = unused
        [v3_ca]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [v3_signer]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,nonRepudiation
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid

        """
}
