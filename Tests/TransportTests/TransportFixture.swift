import Foundation
import TestSupport
@testable import Transport

/// A real sshd with an authorized Ed25519 client key, and shortcuts to connect to it.
final class TransportFixture {
    let server: SSHServer
    let key: SSHServer.ClientKey

    init(options: SSHServer.Options = SSHServer.Options()) throws {
        server = try SSHServer(options: options)
        key = try server.makeClientKey(type: "ed25519")
    }

    var endpoint: SSHEndpoint { SSHEndpoint(host: server.host, port: server.port) }

    /// Trusts the server by its real fingerprint(s).
    func pinnedPolicy() throws -> HostKeyPolicy {
        try HostKeyPolicy(knownHostsFile: nil, pinnedFingerprintTexts: server.hostKeyFingerprints)
    }

    func identity(_ key: SSHServer.ClientKey? = nil) throws -> SSHIdentity {
        let key = key ?? self.key
        return try SSHIdentity(user: server.user, privateKeyPath: key.privateKeyPath, passphraseFile: key.passphraseFile)
    }

    /// Limits long enough for a loaded 2-core machine running every suite at once; tests of the limits set their own.
    static let quickTimeouts = TransportTimeouts(connect: .seconds(20), operation: .seconds(20), noProgress: .seconds(10),
                                                 keepaliveInterval: .seconds(2))

    func connect(key: SSHServer.ClientKey? = nil, policy: HostKeyPolicy? = nil, port: Int? = nil,
                 timeouts: TransportTimeouts = quickTimeouts) throws -> SFTPClient {
        try SFTPClient(endpoint: SSHEndpoint(host: server.host, port: port ?? server.port), identity: identity(key),
                       hostKeyPolicy: policy ?? pinnedPolicy(), timeouts: timeouts)
    }

    /// Runs `body`, expecting a `TransportError`; returns it (or nil if something else happened).
    static func transportError(_ body: () throws -> Void) -> TransportError? {
        do {
            try body()
            return nil
        } catch let error as TransportError {
            return error
        } catch {
            return nil
        }
    }
}

/// Random bytes (from /dev/urandom) written to a local file.
func randomFile(in directory: TemporaryDirectory, named name: String, size: Int) throws -> URL {
    let source = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom"))
    defer { try? source.close() }
    var data = Data()
    while data.count < size {
        data.append(try source.read(upToCount: size - data.count) ?? Data())
    }
    return try directory.write(name, bytes: data)
}

/// Seconds `body` took.
func measure(_ body: () throws -> Void) rethrows -> Double {
    let elapsed = try ContinuousClock().measure(body)
    let (seconds, attoseconds) = elapsed.components
    return Double(seconds) + Double(attoseconds) / 1e18
}
