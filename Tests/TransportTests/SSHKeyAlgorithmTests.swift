import Foundation
import Testing
import TestSupport
@testable import Transport

@Suite struct SSHKeyAlgorithmTests {
    private func makeKey(_ folder: TemporaryDirectory, _ type: String, extra: [String] = [],
                         passphrase: String = "", keepPublic: Bool) throws -> String {
        let path = folder.file("\(type)-\(UUID().uuidString.prefix(4))").path
        try Command.check("ssh-keygen", ["-q", "-t", type, "-N", passphrase, "-f", path] + extra)
        if !keepPublic { try FileManager.default.removeItem(atPath: path + ".pub") }
        return path
    }

    @Test(arguments: [("ed25519", SSHKeyAlgorithm.ed25519), ("ecdsa", .ecdsa), ("rsa", .rsa)])
    func detectsFromThePublicKeyFile(_ type: String, _ expected: SSHKeyAlgorithm) throws {
        let folder = try TemporaryDirectory("keykind")
        #expect(SSHKeyAlgorithm.detect(privateKeyPath: try makeKey(folder, type, keepPublic: true)) == expected)
    }

    /// Without a .pub file the OpenSSH container's clear public part is read, even when encrypted.
    @Test(arguments: [("ed25519", SSHKeyAlgorithm.ed25519), ("ecdsa", .ecdsa), ("rsa", .rsa)])
    func detectsFromAnEncryptedOpenSSHContainer(_ type: String, _ expected: SSHKeyAlgorithm) throws {
        let folder = try TemporaryDirectory("keykind")
        let path = try makeKey(folder, type, passphrase: "secret words", keepPublic: false)
        #expect(SSHKeyAlgorithm.detect(privateKeyPath: path) == expected)
    }

    @Test func detectsPEMKeys() throws {
        let folder = try TemporaryDirectory("keykind")
        #expect(SSHKeyAlgorithm.detect(privateKeyPath: try makeKey(folder, "rsa", extra: ["-m", "PEM"], keepPublic: false)) == .rsa)
        #expect(SSHKeyAlgorithm.detect(privateKeyPath: try makeKey(folder, "ecdsa", extra: ["-m", "PEM"], keepPublic: false)) == .ecdsa)
    }

    @Test func garbageIsUnknownNotACrash() throws {
        let folder = try TemporaryDirectory("keykind")
        let truncated = try folder.write("truncated", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE\n-----END OPENSSH PRIVATE KEY-----\n")
        let huge = try folder.write("huge", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA/////w==\n-----END OPENSSH PRIVATE KEY-----\n")
        let noise = try folder.write("noise", "not a key at all")
        for file in [truncated, huge, noise] {
            #expect(SSHKeyAlgorithm.detect(privateKeyPath: file.path) == .unknown)
        }
        #expect(SSHKeyAlgorithm.detect(privateKeyPath: folder.file("missing").path) == .unknown)
    }

    @Test func passphraseFileLosesOnlyItsTrailingLineBreaks() throws {
        let folder = try TemporaryDirectory("passphrase")
        #expect(try SSHIdentity.readPassphrase(fromFile: folder.writeSecret("a", "  two words \n").path) == "  two words ")
        #expect(try SSHIdentity.readPassphrase(fromFile: folder.writeSecret("b", "windows\r\n").path) == "windows")
        #expect(try SSHIdentity.readPassphrase(fromFile: folder.writeSecret("c", "bare").path) == "bare")
        let error = TransportFixture.transportError { _ = try SSHIdentity.readPassphrase(fromFile: folder.file("none").path) }
        guard case .passphraseFileUnreadable(let path, _) = error else {
            Issue.record("expected passphraseFileUnreadable, got \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix("/none"))
    }

    @Test func identityDescriptionHidesThePassphrase() {
        let identity = SSHIdentity(user: "u", privateKeyPath: "/k", passphrase: "hunter2")
        #expect(!identity.description.contains("hunter2"))
        #expect(!String(reflecting: identity).contains("hunter2"))
        #expect(!"\(identity)".contains("hunter2"))
    }
}
