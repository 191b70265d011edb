import Foundation
import Testing
import TestSupport
@testable import Transport

@Suite(.timeLimit(.minutes(2))) struct AuthenticationTests {
    @Test(arguments: ["ed25519", "ecdsa"])
    func publicKeyAuthenticationWorks(_ type: String) throws {
        let fixture = try TransportFixture()
        let key = try fixture.server.makeClientKey(type: type)
        let client = try fixture.connect(key: key)
        #expect(client.isUsable)
        #expect(try client.list(directory: "IN").entries.isEmpty)
        #expect(fixture.server.log.contains("Accepted publickey for \(fixture.server.user)"))
    }

    @Test func passphraseProtectedKeyWithPassphraseFile() throws {
        let fixture = try TransportFixture()
        let key = try fixture.server.makeClientKey(type: "ed25519", passphrase: "correct horse battery")
        let client = try fixture.connect(key: key)
        #expect(try client.list(directory: "OUT").entries.isEmpty)
    }

    @Test func passphraseProtectedECDSAInPEMFormat() throws {
        let fixture = try TransportFixture()
        let key = try fixture.server.makeClientKey(type: "ecdsa", passphrase: "pem pass", format: "PEM")
        let client = try fixture.connect(key: key)
        #expect(client.isUsable)
    }

    @Test func wrongPassphraseIsAPermanentKeyError() throws {
        let fixture = try TransportFixture()
        let key = try fixture.server.makeClientKey(type: "ed25519", passphrase: "right")
        let identity = SSHIdentity(user: fixture.server.user, privateKeyPath: key.privateKeyPath, passphrase: "wrong")
        let error = TransportFixture.transportError {
            _ = try SFTPClient(endpoint: fixture.endpoint, identity: identity, hostKeyPolicy: fixture.pinnedPolicy(),
                               timeouts: TransportFixture.quickTimeouts)
        }
        guard case .privateKeyUnreadable(let path, let detail) = error else {
            Issue.record("expected privateKeyUnreadable, got \(String(describing: error))")
            return
        }
        #expect(path == key.privateKeyPath)
        #expect(detail.contains("passphrase"))
        #expect(error?.isTransient == false)
    }

    /// Like OpenSSH, a key or a passphrase file that group or others may read is not used: the
    /// refusal names the file and the command that fixes it, and concerns the whole channel.
    @Test func aKeyOrPassphraseFileOthersMayReadIsRefusedWithItsFix() throws {
        let fixture = try TransportFixture()
        let key = try fixture.server.makeClientKey(type: "ed25519", passphrase: "secret words")
        let passphraseFile = try #require(key.passphraseFile)
        #expect(chmod(key.privateKeyPath, 0o644) == 0)
        let error = TransportFixture.transportError { _ = try fixture.connect(key: key) }
        guard case .privateKeyUnreadable(key.privateKeyPath, _) = error else {
            Issue.record("expected privateKeyUnreadable, got \(String(describing: error))")
            return
        }
        #expect(error?.description == "cannot use private key \(key.privateKeyPath): readable by group or others "
                + "(mode 0644); run: chmod 600 \(key.privateKeyPath)")
        #expect(error?.isTransient == false && error?.concernsTheChannel == true)
        #expect(!fixture.server.log.contains("Accepted publickey"))

        #expect(chmod(key.privateKeyPath, 0o600) == 0)
        #expect(chmod(passphraseFile, 0o640) == 0)
        let unread = TransportFixture.transportError { _ = try fixture.identity(key) }
        guard case .passphraseFileUnreadable(passphraseFile, let detail) = unread else {
            Issue.record("expected passphraseFileUnreadable, got \(String(describing: unread))")
            return
        }
        #expect(detail == "readable by group or others (mode 0640); run: chmod 600 \(passphraseFile)")
        #expect(chmod(passphraseFile, 0o600) == 0)
        #expect(try fixture.connect(key: key).isUsable)
    }

    @Test func missingKeyFileIsNamed() throws {
        let fixture = try TransportFixture()
        let identity = SSHIdentity(user: fixture.server.user, privateKeyPath: "/nonexistent/key")
        let error = TransportFixture.transportError {
            _ = try SFTPClient(endpoint: fixture.endpoint, identity: identity, hostKeyPolicy: fixture.pinnedPolicy())
        }
        guard case .privateKeyUnreadable("/nonexistent/key", _) = error else {
            Issue.record("expected privateKeyUnreadable, got \(String(describing: error))")
            return
        }
    }

    @Test func unregisteredKeyIsRefusedPermanently() throws {
        let fixture = try TransportFixture()
        let stranger = try fixture.server.makeClientKey(type: "ed25519", authorize: false)
        let error = TransportFixture.transportError { _ = try fixture.connect(key: stranger) }
        guard case .authenticationRefused(let user, let path) = error else {
            Issue.record("expected authenticationRefused, got \(String(describing: error))")
            return
        }
        #expect(user == fixture.server.user && path == stranger.privateKeyPath)
        #expect(error?.isTransient == false)
    }

    /// Debian 12's OpenSSH 9.2 refuses ssh-rsa signatures, the only kind libssh2 1.10 makes.
    @Test func rsaKeyRefusedByDefaultServerWithAClearMessage() throws {
        let fixture = try TransportFixture()
        let rsa = try fixture.server.makeClientKey(type: "rsa", bits: 3072)
        let error = TransportFixture.transportError { _ = try fixture.connect(key: rsa) }
        guard case .rsaSignatureRefused = error else {
            Issue.record("expected rsaSignatureRefused, got \(String(describing: error))")
            return
        }
        let message = error?.description ?? ""
        #expect(message.contains("the server refused the RSA signature"))
        #expect(message.contains("libssh2 1.10 only signs with ssh-rsa (SHA-1), which this server does not accept; use an Ed25519 or ECDSA key"))
        #expect(error?.isTransient == false)
        // The server side confirms the cause: the algorithm, not the key, was refused.
        #expect(fixture.server.log.contains("signature algorithm ssh-rsa not in PubkeyAcceptedAlgorithms"))
        #expect(!fixture.server.log.contains("Accepted publickey"))
    }

    @Test func rsaKeyAcceptedWhenTheServerAllowsSSHRSA() throws {
        let fixture = try TransportFixture(options: SSHServer.Options(pubkeyAcceptedAlgorithms: "+ssh-rsa"))
        let rsa = try fixture.server.makeClientKey(type: "rsa", bits: 3072)
        let client = try fixture.connect(key: rsa)
        #expect(client.isUsable)
        #expect(fixture.server.log.contains("Accepted publickey for \(fixture.server.user)"))
        #expect(fixture.server.log.contains("RSA"))
    }
}
