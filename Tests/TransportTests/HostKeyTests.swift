import Foundation
import Testing
import TestSupport
@testable import Transport

@Suite(.timeLimit(.minutes(2))) struct HostKeyTests {
    @Test(arguments: [false, true])
    func knownHostsFileWithPortEntryIsAccepted(hashed: Bool) throws {
        let fixture = try TransportFixture()
        let file = try fixture.server.writeKnownHosts(hashed: hashed)
        if hashed { #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("|1|")) }
        let client = try fixture.connect(policy: .knownHosts(file))
        #expect(client.hostKey.fingerprint.description == fixture.server.hostKeyFingerprints[0])
    }

    @Test func linesLibssh2CannotParseDoNotHideLaterEntries() throws {
        let fixture = try TransportFixture()
        let file = try fixture.server.writeKnownHosts(extraLines: [
            "# comment",
            "example.org sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIA==",
            "garbage line",
            "@cert-authority *.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE2kjbOvtsBl4F6gdEM3c3hSdc1fV0mNSONyQ5Gn7Fqk",
        ])
        #expect(try fixture.connect(policy: .knownHosts(file)).isUsable)
    }

    @Test func unknownHostIsRefusedWithTheSeenFingerprintAndHowToPinIt() throws {
        let fixture = try TransportFixture()
        let other = try fixture.server.makeClientKey(type: "ed25519", authorize: false)
        let otherLine = try String(contentsOfFile: other.publicKeyPath, encoding: .utf8).split(separator: " ").prefix(2)
            .joined(separator: " ")
        for lines in [[], ["other.example.org \(otherLine)", "[127.0.0.1]:1 \(otherLine)"]] {
            // Only foreign lines (or none): this server is not listed.
            let file = fixture.server.folder.file("kh-\(lines.count)").path
            try lines.map { $0 + "\n" }.joined().write(toFile: file, atomically: true, encoding: .utf8)
            let error = TransportFixture.transportError { _ = try fixture.connect(policy: .knownHosts(file)) }
            guard case .hostKeyUnknown(_, let seen, let path) = error else {
                Issue.record("expected hostKeyUnknown, got \(String(describing: error))")
                continue
            }
            #expect(path == file)
            #expect(seen.fingerprint.description == fixture.server.hostKeyFingerprints[0])
            let message = error?.description ?? ""
            #expect(message.contains(fixture.server.hostKeyFingerprints[0]))
            #expect(message.contains("sftp.host_fingerprints: [\"\(fixture.server.hostKeyFingerprints[0])\"]"))
            #expect(message.contains("[127.0.0.1]:\(fixture.server.port) \(fixture.server.hostPublicKeys[0])"))
            #expect(error?.isTransient == false)
        }
    }

    @Test func changedHostKeyInKnownHostsIsRefused() throws {
        let fixture = try TransportFixture()
        let impostor = try fixture.server.makeClientKey(type: "ed25519", authorize: false)
        let impostorKey = try String(contentsOfFile: impostor.publicKeyPath, encoding: .utf8).split(separator: " ").prefix(2)
            .joined(separator: " ")
        let file = fixture.server.folder.file("known_hosts_changed").path
        try "[127.0.0.1]:\(fixture.server.port) \(impostorKey)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let error = TransportFixture.transportError { _ = try fixture.connect(policy: .knownHosts(file)) }
        guard case .hostKeyChanged(_, let seen, let expected) = error else {
            Issue.record("expected hostKeyChanged, got \(String(describing: error))")
            return
        }
        #expect(seen.fingerprint.description == fixture.server.hostKeyFingerprints[0])
        #expect(expected.contains(file))
        #expect(error?.description.contains("offered ssh-ed25519 \(fixture.server.hostKeyFingerprints[0])") == true)
        #expect(error?.isTransient == false)
    }

    @Test func revokedKeyIsRefusedEvenIfAlsoListed() throws {
        let fixture = try TransportFixture()
        let file = try fixture.server.writeKnownHosts(extraLines: ["@revoked * \(fixture.server.hostPublicKeys[0])"])
        let error = TransportFixture.transportError { _ = try fixture.connect(policy: .knownHosts(file)) }
        guard case .hostKeyRevoked = error else {
            Issue.record("expected hostKeyRevoked, got \(String(describing: error))")
            return
        }
    }

    @Test func missingKnownHostsFileIsNamed() throws {
        let fixture = try TransportFixture()
        let error = TransportFixture.transportError { _ = try fixture.connect(policy: .knownHosts("/nonexistent/known_hosts")) }
        guard case .knownHostsUnreadable("/nonexistent/known_hosts", _) = error else {
            Issue.record("expected knownHostsUnreadable, got \(String(describing: error))")
            return
        }
    }

    @Test func pinnedFingerprintIsAccepted() throws {
        let fixture = try TransportFixture()
        let client = try fixture.connect(policy: .pinned(HostKeyFingerprint(parsing: fixture.server.hostKeyFingerprints[0])))
        #expect(client.hostKey.fingerprint.description == fixture.server.hostKeyFingerprints[0])
        #expect(client.hostKey.algorithm == "ssh-ed25519")
    }

    /// During a rotation both the old and the new key are pinned; either order works.
    @Test func twoPinnedFingerprintsAllowARotation() throws {
        let fixture = try TransportFixture()
        let retired = try fixture.server.makeClientKey(type: "ed25519", authorize: false)
        let retiredPin = try HostKeyFingerprint(parsing: SSHServer.fingerprint(ofPublicKey: retired.publicKeyPath))
        let currentPin = try HostKeyFingerprint(parsing: fixture.server.hostKeyFingerprints[0])
        #expect(try fixture.connect(policy: .pinned(retiredPin, currentPin)).isUsable)
        #expect(try fixture.connect(policy: .pinned(currentPin, retiredPin)).isUsable)
    }

    /// The host key is checked before any credential is sent: sshd never sees a public-key attempt.
    @Test func wrongPinStopsBeforeAuthentication() throws {
        let fixture = try TransportFixture()
        let wrong = try HostKeyFingerprint(digest: [UInt8](repeating: 0xAB, count: 32))
        let error = TransportFixture.transportError { _ = try fixture.connect(policy: .pinned(wrong)) }
        guard case .hostKeyChanged(_, let seen, let expected) = error else {
            Issue.record("expected hostKeyChanged, got \(String(describing: error))")
            return
        }
        #expect(seen.fingerprint.description == fixture.server.hostKeyFingerprints[0])
        #expect(expected.contains(wrong.description))
        #expect(error?.description.contains("sftp.host_fingerprints: [\"\(fixture.server.hostKeyFingerprints[0])\"]") == true)
        // Give sshd a moment to log the disconnect, then check no key was offered.
        usleep(200_000)
        #expect(!fixture.server.log.contains("publickey"))
        #expect(fixture.server.log.contains("Connection from 127.0.0.1"))
    }

    @Test func ecdsaHostKeyInHashedKnownHosts() throws {
        let fixture = try TransportFixture(options: SSHServer.Options(hostKeyTypes: ["ecdsa"]))
        let file = try fixture.server.writeKnownHosts(hashed: true)
        let client = try fixture.connect(policy: .knownHosts(file))
        #expect(client.hostKey.algorithm == "ecdsa-sha2-nistp256")
        #expect(client.hostKey.fingerprint.description == fixture.server.hostKeyFingerprints[0])
    }
}
