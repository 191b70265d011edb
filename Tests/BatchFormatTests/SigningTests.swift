import Foundation
import Testing
import TestSupport
@testable import BatchFormat

/// Where a signing identity is loaded from.
enum IdentitySource: String, CaseIterable, Sendable {
    case pem, encryptedPEM, pkcs12, legacyPKCS12

    func load(_ pki: TestPKI) throws -> SigningIdentity {
        switch self {
        case .pem: return try SigningIdentity.load(certificate: pki.certificate, privateKey: pki.privateKey, chain: pki.chain)
        case .encryptedPEM:
            return try SigningIdentity.load(certificate: pki.certificate, privateKey: pki.encryptedPrivateKey,
                                            passphrase: Passphrase(pki.passphrase), chain: pki.chain)
        case .pkcs12: return try SigningIdentity.load(pkcs12: pki.pkcs12, passphrase: Passphrase(pki.passphrase))
        case .legacyPKCS12: return try SigningIdentity.load(pkcs12: pki.legacyPKCS12, passphrase: Passphrase(pki.passphrase))
        }
    }
}

@Suite struct SigningTests {
    /// Signs like the daemon does (FI -> DER -> FS text), then checks with the real `openssl cms`.
    @Test(arguments: TestKeyType.allCases, IdentitySource.allCases)
    func signatureVerifiesWithOpenSSLAndUsesSHA256(_ keyType: TestKeyType, _ source: IdentitySource) throws {
        let pki = try SharedPKI.get(keyType)
        let identity = try source.load(pki)
        let dir = try TemporaryDirectory("batchformat-sign")
        let fi = try dir.write("FI.FLAX.123456.20250307.00042.R.1.1", bytes: Data(sampleFI(extraBytes: 10_000)))

        let fs = FSEncoding.encode(der: try identity.signDetached(fileAt: fi.path))
        let fsFile = try dir.write("FS.FLAX.123456.20250307.00042.R.1.1", bytes: Data(fs))
        // The FS is base64 text: decode it the way the platform would, without our decoder.
        let base64 = String(decoding: fs, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "")
        let der = try #require(Data(base64Encoded: base64))
        let derFile = try dir.write("signature.der", bytes: der)

        try Command.check("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", derFile.path,
                                      "-content", fi.path, "-CAfile", pki.caCertificate, "-purpose", "any",
                                      "-out", dir.file("verified").path])
        #expect(try Data(contentsOf: dir.file("verified")) == Data(sampleFI(extraBytes: 10_000)))

        let printed = try Command.check("openssl", ["cms", "-cmsout", "-print", "-inform", "DER", "-in", derFile.path]).stdout
        #expect(printed.contains("algorithm: sha256 (2.16.840.1.101.3.4.2.1)"))
        #expect(!printed.contains("algorithm: sha1 "))
        #expect(printed.contains("eContent: <ABSENT>"), "signature must be detached")

        // Our own verifier agrees, and names the signer.
        let signer = try CMSVerifier.verifyDetached(signature: try #require(FSEncoding.decode(fs)),
                                                    contentAt: fi.path, trustedCertificates: pki.caCertificate)
        #expect(signer.contains("CN=\(pki.commonName)"))
        #expect(try Data(contentsOf: fsFile) == Data(fs))
    }

    @Test(arguments: TestKeyType.allCases)
    func changingOneFIByteBreaksTheSignature(_ keyType: TestKeyType) throws {
        let pki = try SharedPKI.get(keyType)
        let identity = try IdentitySource.pem.load(pki)
        let dir = try TemporaryDirectory("batchformat-tamper")
        var content = sampleFI(extraBytes: 1000)
        let fi = try dir.write("FI", bytes: Data(content))
        let derFile = try dir.write("signature.der", bytes: Data(try identity.signDetached(fileAt: fi.path)))
        let verify = ["cms", "-verify", "-binary", "-inform", "DER", "-in", derFile.path, "-content", fi.path,
                      "-CAfile", pki.caCertificate, "-purpose", "any", "-out", "/dev/null"]
        #expect(try Command.run("openssl", verify).succeeded)

        content[content.count / 2] ^= 0x01
        try Data(content).write(to: fi)
        let tampered = try Command.run("openssl", verify)
        #expect(!tampered.succeeded)
        #expect(tampered.stderr.contains("digest failure") || tampered.stderr.contains("verification failure"))
        #expect(throws: SigningError.self) {
            try CMSVerifier.verifyDetached(signature: Array(try Data(contentsOf: derFile)), contentAt: fi.path,
                                           trustedCertificates: pki.caCertificate)
        }
    }

    /// The identity trusts only the root: the intermediate must travel inside the signature.
    @Test(arguments: [IdentitySource.pem, .pkcs12, .legacyPKCS12])
    func intermediateCertificateIsEmbedded(_ source: IdentitySource) throws {
        let pki = try SharedPKI.get(.rsa, withIntermediate: true)
        let identity = try source.load(pki)
        let dir = try TemporaryDirectory("batchformat-chain")
        let fi = try dir.write("FI", bytes: Data(sampleFI()))
        let derFile = try dir.write("signature.der", bytes: Data(try identity.signDetached(fileAt: fi.path)))
        try Command.check("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", derFile.path,
                                      "-content", fi.path, "-CAfile", pki.caCertificate, "-purpose", "any",
                                      "-out", "/dev/null"])
    }

    @Test func legacyPKCS12NeedsAndLoadsTheLegacyProvider() throws {
        let pki = try SharedPKI.get(.ec)
        // The file really is legacy: the CLI refuses it without the legacy provider.
        let withoutLegacy = try Command.run("openssl", ["pkcs12", "-in", pki.legacyPKCS12, "-nokeys",
                                                        "-passin", "pass:\(pki.passphrase)"])
        #expect(!withoutLegacy.succeeded)
        #expect(try Command.check("openssl", ["pkcs12", "-info", "-noout", "-legacy", "-in", pki.legacyPKCS12,
                                              "-passin", "pass:\(pki.passphrase)"]).stderr.contains("RC2"))
        let identity = try IdentitySource.legacyPKCS12.load(pki)
        #expect(OpenSSLProviders.isLegacyAvailable)
        #expect(identity.subject.contains("CN=\(pki.commonName)"))
    }

    @Test func exposesCertificateDetails() throws {
        let pki = try SharedPKI.get(.ec)
        let identity = try IdentitySource.pkcs12.load(pki)
        #expect(identity.subject == "C=BE,O=Test employer,CN=\(pki.commonName)")
        #expect(identity.issuer == "C=BE,O=Test,CN=fladaemon test root CA")
        #expect(identity.keyDescription == "EC 256 bits")
        #expect(try IdentitySource.pem.load(SharedPKI.get(.rsa)).keyDescription == "RSA 2048 bits")
        #expect(!identity.serialNumber.isEmpty)
        // TestPKI makes certificates valid 365 days from now.
        let days = identity.daysUntilExpiry()
        #expect((363...365).contains(days))
        #expect(!identity.expires(within: 300))
        #expect(identity.expires(within: 400))
        #expect(identity.notBefore <= Date())
    }

    @Test func signsConcurrentlyFromOneIdentity() async throws {
        let pki = try SharedPKI.get(.rsa)
        let identity = try IdentitySource.pem.load(pki)
        let dir = try TemporaryDirectory("batchformat-concurrent")
        let files = try (0..<8).map { index in try dir.write("FI-\(index)", bytes: Data(sampleFI(extraBytes: index * 5000))) }
        let signatures = try await withThrowingTaskGroup(of: (URL, [UInt8]).self) { group in
            for file in files {
                group.addTask { (file, try identity.signDetached(fileAt: file.path)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(signatures.count == files.count)
        for (file, der) in signatures {
            try CMSVerifier.verifyDetached(signature: der, contentAt: file.path, trustedCertificates: pki.caCertificate)
        }
    }

    @Test func streamsALargeFile() throws {
        let pki = try SharedPKI.get(.ec)
        let identity = try IdentitySource.pem.load(pki)
        let dir = try TemporaryDirectory("batchformat-large")
        let writer = try AtomicFileWriter(path: dir.file("FI").path)
        let block = sampleFI(extraBytes: 64 * 1024)
        for _ in 0..<300 { try writer.write(block) }
        let written = try writer.commit()
        #expect(written.byteCount > 19_000_000)
        let der = try identity.signDetached(fileAt: written.path)
        let derFile = try dir.write("signature.der", bytes: Data(der))
        try Command.check("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", derFile.path,
                                      "-content", written.path, "-CAfile", pki.caCertificate, "-purpose", "any",
                                      "-out", "/dev/null"])
    }

    @Test func signsBytesInMemoryLikeTheSameFile() throws {
        let pki = try SharedPKI.get(.rsa)
        let signer = CMSSigner(identity: try IdentitySource.pem.load(pki))
        let dir = try TemporaryDirectory("batchformat-memory")
        let fi = try dir.write("FI", bytes: Data(sampleFI()))
        let der = try signer.signDetached(bytes: sampleFI())
        try CMSVerifier.verifyDetached(signature: der, contentAt: fi.path, trustedCertificates: pki.caCertificate)
    }
}
