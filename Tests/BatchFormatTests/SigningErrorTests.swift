import Foundation
import Testing
import TestSupport
@testable import BatchFormat

@Suite struct SigningErrorTests {
    @Test func wrongPassphraseForEncryptedPEM() throws {
        let pki = try SharedPKI.get(.rsa)
        #expect {
            try SigningIdentity.load(certificate: pki.certificate, privateKey: pki.encryptedPrivateKey, passphrase: "nope")
        } throws: { error in
            guard case .wrongPassphrase(let path) = error as? SigningError else { return false }
            return path == pki.encryptedPrivateKey
                && "\(error)" == "wrong passphrase for \(pki.encryptedPrivateKey)"
        }
    }

    @Test func missingPassphraseNeverPrompts() throws {
        let pki = try SharedPKI.get(.ec)
        #expect {
            try SigningIdentity.load(certificate: pki.certificate, privateKey: pki.encryptedPrivateKey)
        } throws: { error in
            guard case .passphraseRequired(let path) = error as? SigningError else { return false }
            return path == pki.encryptedPrivateKey && "\(error)".contains("a passphrase is required")
        }
    }

    @Test(arguments: [\TestPKI.pkcs12, \TestPKI.legacyPKCS12])
    func wrongPassphraseForPKCS12(_ file: KeyPath<TestPKI, String> & Sendable) throws {
        let pki = try SharedPKI.get(.ec)
        let path = pki[keyPath: file]
        #expect {
            try SigningIdentity.load(pkcs12: path, passphrase: "wrong")
        } throws: { error in
            guard case .wrongPassphrase(let failed) = error as? SigningError else { return false }
            return failed == path
        }
    }

    @Test(arguments: TestKeyType.allCases)
    func keyFromAnotherCertificateIsRefused(_ keyType: TestKeyType) throws {
        let pki = try SharedPKI.get(keyType)
        #expect {
            try SigningIdentity.load(certificate: pki.certificate, privateKey: pki.unrelatedPrivateKey)
        } throws: { error in
            guard case .keyDoesNotMatchCertificate(let cert, let key) = error as? SigningError else { return false }
            return cert == pki.certificate && key == pki.unrelatedPrivateKey
                && "\(error)".contains("does not belong to the certificate")
        }
        // And across key types: an EC key against an RSA certificate.
        let other = try SharedPKI.get(keyType == .rsa ? .ec : .rsa)
        #expect(throws: SigningError.self) {
            try SigningIdentity.load(certificate: pki.certificate, privateKey: other.privateKey)
        }
    }

    @Test func unreadableAndWrongFilesAreNamed() throws {
        let pki = try SharedPKI.get(.rsa)
        let dir = try TemporaryDirectory("batchformat-badfiles")
        let missing = dir.file("absent.pem").path
        #expect {
            try SigningIdentity.load(certificate: missing, privateKey: pki.privateKey)
        } throws: { error in
            guard case .cannotRead(let path, _) = error as? SigningError else { return false }
            return path == missing && "\(error)".contains(missing)
        }
        let garbage = try dir.write("garbage.pem", "not a certificate\n").path
        #expect {
            try SigningIdentity.load(certificate: garbage, privateKey: pki.privateKey)
        } throws: { error in
            guard case .noCertificate(let path) = error as? SigningError else { return false }
            return path == garbage
        }
        // A certificate given where the key is expected.
        #expect {
            try SigningIdentity.load(certificate: pki.certificate, privateKey: pki.certificate)
        } throws: { error in
            guard case .noPrivateKey(let path) = error as? SigningError else { return false }
            return path == pki.certificate
        }
        #expect {
            try SigningIdentity.load(pkcs12: garbage, passphrase: "x")
        } throws: { error in
            guard case .cannotRead(let path, let detail) = error as? SigningError else { return false }
            return path == garbage && !detail.details.isEmpty
        }
    }

    @Test func passphraseIsNeverPrinted() {
        let secret = Passphrase("hunter2")
        #expect("\(secret)" == "<passphrase>")
        #expect(String(reflecting: secret) == "<passphrase>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("104"), "dump must not list the bytes")
    }
}
