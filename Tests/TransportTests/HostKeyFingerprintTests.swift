import Foundation
import Testing
import TestSupport
@testable import Transport

@Suite struct HostKeyFingerprintTests {
    @Test func matchesSSHKeygenForARealKey() throws {
        let folder = try TemporaryDirectory("fingerprint")
        let path = folder.file("key").path
        try Command.check("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path])
        let printed = try SSHServer.fingerprint(ofPublicKey: path + ".pub")
        // Independently: SHA-256 over the key blob (the base64 field of the .pub file), re-encoded.
        let base64 = try Command.check("sh", ["-c", "cut -d' ' -f2 '\(path).pub' | base64 -d | openssl dgst -sha256 -binary | base64"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let parsed = try HostKeyFingerprint(parsing: printed)
        #expect(parsed.description == printed)
        #expect(try HostKeyFingerprint(parsing: "SHA256:" + base64) == parsed)
    }

    @Test func acceptsPaddingAndLowercasePrefix() throws {
        let digest = [UInt8](repeating: 7, count: 32)
        let fingerprint = try HostKeyFingerprint(digest: digest)
        let text = fingerprint.description
        #expect(!text.hasSuffix("="))
        #expect(try HostKeyFingerprint(parsing: text + "=") == fingerprint)
        #expect(try HostKeyFingerprint(parsing: "sha256:" + text.dropFirst(7)) == fingerprint)
    }

    @Test(arguments: ["MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", "SHA256:", "SHA256:abc",
                      "AAAAC3NzaC1lZDI1NTE5AAAAIGk", "SHA256:!!!!"])
    func refusesOtherText(_ text: String) {
        let error = TransportFixture.transportError { _ = try HostKeyFingerprint(parsing: text) }
        guard case .invalidFingerprint = error else {
            Issue.record("expected invalidFingerprint for \(text), got \(String(describing: error))")
            return
        }
    }

    @Test func policyNeedsAWayToCheck() {
        let error = TransportFixture.transportError { _ = try HostKeyPolicy(knownHostsFile: nil, pinnedFingerprints: []) }
        guard case .noHostKeyPolicy = error else {
            Issue.record("expected noHostKeyPolicy, got \(String(describing: error))")
            return
        }
    }
}
