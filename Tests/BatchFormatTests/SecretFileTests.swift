import Foundation
import Testing
import TestSupport
@testable import BatchFormat

/// Key and passphrase files are refused when group or others may read them, with the fix.
@Suite struct SecretFileTests {
    @Test func aFileOthersMayReadIsNamedWithTheChmodThatFixesIt() throws {
        let folder = try TemporaryDirectory("secret")
        let file = try folder.write("id", "secret").path
        for (mode, fix) in [(0o644, "600"), (0o640, "600"), (0o604, "600"), (0o444, "400"), (0o755, "700")] {
            #expect(chmod(file, mode_t(mode)) == 0)
            #expect(SecretFile.exposure(of: file)
                    == "readable by group or others (mode 0\(String(mode, radix: 8))); run: chmod \(fix) \(file)")
        }
        for mode in [0o600, 0o400, 0o700, 0o622] {
            #expect(chmod(file, mode_t(mode)) == 0)
            #expect(SecretFile.exposure(of: file) == nil, "mode \(String(mode, radix: 8))")
        }
        // What cannot be examined is left to the reader, which says why it cannot read it.
        #expect(SecretFile.exposure(of: folder.file("missing").path) == nil)
    }

    @Test func aSigningKeyOthersMayReadIsNotLoaded() throws {
        let pki = try SharedPKI.get(.ec)
        let folder = try TemporaryDirectory("exposed-key")
        for (name, original) in [("key.pem", pki.privateKey), ("identity.p12", pki.pkcs12)] {
            let copy = folder.file(name).path
            try FileManager.default.copyItem(atPath: original, toPath: copy)
            func load() throws(SigningError) -> SigningIdentity {
                name.hasSuffix(".p12")
                    ? try SigningIdentity.load(pkcs12: copy, passphrase: Passphrase(pki.passphrase))
                    : try SigningIdentity.load(certificate: pki.certificate, privateKey: copy)
            }
            #expect(chmod(copy, 0o644) == 0)
            do {
                _ = try load()
                Issue.record("\(name) readable by others was loaded")
            } catch {
                #expect(error.description == "private key \(copy): readable by group or others (mode 0644); run: chmod 600 \(copy)")
            }
            #expect(chmod(copy, 0o600) == 0)
            _ = try load()
        }
    }
}
