import Foundation
import Testing
import TestSupport
@testable import Transport

@Suite(.timeLimit(.minutes(1))) struct AddressingTests {
    @Test func connectsOverIPv6() throws {
        let fixture = try TransportFixture(options: SSHServer.Options(listenAddresses: ["::1"]))
        let client = try SFTPClient(endpoint: SSHEndpoint(host: "::1", port: fixture.server.port),
                                    identity: fixture.identity(), hostKeyPolicy: fixture.pinnedPolicy(),
                                    timeouts: TransportFixture.quickTimeouts)
        #expect(client.endpoint.description == "[::1]:\(fixture.server.port)")
        #expect(try client.list(directory: "IN").entries.isEmpty)
        #expect(fixture.server.log.contains("Connection from ::1"))
    }

    @Test func knownHostsEntryForAnIPv6Endpoint() throws {
        let fixture = try TransportFixture(options: SSHServer.Options(listenAddresses: ["::1"]))
        let file = fixture.server.folder.file("kh6").path
        try "[::1]:\(fixture.server.port) \(fixture.server.hostPublicKeys[0])\n".write(toFile: file, atomically: true, encoding: .utf8)
        let client = try SFTPClient(endpoint: SSHEndpoint(host: "::1", port: fixture.server.port),
                                    identity: fixture.identity(), hostKeyPolicy: .knownHosts(file),
                                    timeouts: TransportFixture.quickTimeouts)
        #expect(client.isUsable)
        // The same file does not vouch for the IPv4 address of the same server.
        let error = TransportFixture.transportError { _ = try fixture.connect(policy: .knownHosts(file)) }
        guard case .hostKeyUnknown = error else {
            Issue.record("expected hostKeyUnknown, got \(String(describing: error))")
            return
        }
    }

    @Test func hostNamesAreResolved() throws {
        let fixture = try TransportFixture()
        let client = try SFTPClient(endpoint: SSHEndpoint(host: "localhost", port: fixture.server.port),
                                    identity: fixture.identity(), hostKeyPolicy: fixture.pinnedPolicy(),
                                    timeouts: TransportFixture.quickTimeouts)
        #expect(client.isUsable)
    }

    @Test func unresolvableNameIsTransient() throws {
        let policy = try HostKeyPolicy.pinned(HostKeyFingerprint(digest: [UInt8](repeating: 1, count: 32)))
        let error = TransportFixture.transportError {
            _ = try SFTPClient(endpoint: SSHEndpoint(host: "sftp.nothing.invalid", port: 8022),
                               identity: SSHIdentity(user: "u", privateKeyPath: "/k"), hostKeyPolicy: policy)
        }
        guard case .unresolvable(let endpoint, _) = error else {
            Issue.record("expected unresolvable, got \(String(describing: error))")
            return
        }
        #expect(endpoint.host == "sftp.nothing.invalid")
        #expect(error?.isTransient == true)
    }
}
