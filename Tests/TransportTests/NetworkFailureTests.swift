import Foundation
import Testing
import TestSupport
@testable import Transport
#if canImport(Glibc)
import Glibc
#endif

/// Cut, stalled, silent and vanished servers: every case ends in a transient error within its
/// limit, never a hang.
@Suite(.timeLimit(.minutes(2))) struct NetworkFailureTests {
    @Test func connectionCutMidUploadIsTransient() throws {
        let fixture = try TransportFixture()
        let proxy = try TCPProxy(targetPort: fixture.server.port)
        let local = try TemporaryDirectory("cut")
        let big = try randomFile(in: local, named: "big", size: 32 << 20)
        let client = try fixture.connect(port: proxy.port)
        proxy.cutAfter(bytes: 2 << 20)
        var error: TransportError?
        let seconds = measure {
            error = TransportFixture.transportError {
                try client.writeFile(local: big.path, remotePath: RemotePath(directory: "IN", validating: "tmp-big"))
            }
        }
        guard case .connectionLost = error else {
            Issue.record("expected connectionLost, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
        #expect(seconds < 10)
        #expect(!client.isUsable)
        let after = TransportFixture.transportError { _ = try client.list(directory: "IN") }
        guard case .sessionClosed = after else {
            Issue.record("expected sessionClosed, got \(String(describing: after))")
            return
        }
        #expect(after?.isTransient == true)
        // A new session through the same path works: the failure was the network's.
        #expect(try fixture.connect(port: proxy.port).exists(RemotePath(directory: "IN", validating: "tmp-big")))
    }

    @Test func stalledTransferHitsTheNoProgressLimit() throws {
        let fixture = try TransportFixture()
        let proxy = try TCPProxy(targetPort: fixture.server.port)
        let local = try TemporaryDirectory("stall")
        let big = try randomFile(in: local, named: "big", size: 64 << 20)
        var timeouts = TransportFixture.quickTimeouts
        timeouts.noProgress = .seconds(2)
        let client = try fixture.connect(port: proxy.port, timeouts: timeouts)
        proxy.stallAfter(bytes: 1 << 20)
        var error: TransportError?
        let seconds = measure {
            error = TransportFixture.transportError {
                try client.writeFile(local: big.path, remotePath: RemotePath(directory: "IN", validating: "tmp-stall"))
            }
        }
        guard case .noProgress(_, "IN/tmp-stall", .seconds(2)) = error else {
            Issue.record("expected noProgress, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
        #expect(seconds >= 1 && seconds < 10, "took \(seconds) s")
        #expect(!client.isUsable)
    }

    @Test func stalledServerTimesOutAMetadataOperation() throws {
        let fixture = try TransportFixture()
        let proxy = try TCPProxy(targetPort: fixture.server.port)
        var timeouts = TransportFixture.quickTimeouts
        timeouts.operation = .seconds(2)
        let client = try fixture.connect(port: proxy.port, timeouts: timeouts)
        proxy.stallAll()
        var error: TransportError?
        let seconds = measure { error = TransportFixture.transportError { _ = try client.list(directory: "OUT") } }
        guard case .timedOut(_, .seconds(2)) = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
        #expect(seconds >= 1 && seconds < 4.5, "took \(seconds) s")
    }

    /// Accepts TCP but never sends an SSH banner: the connect limit covers the handshake too.
    @Test func silentServerEndsWithinTheConnectTimeout() throws {
        let fixture = try TransportFixture()
        let blackhole = try TCPProxy(targetPort: fixture.server.port, mode: .silent)
        var timeouts = TransportFixture.quickTimeouts
        timeouts.connect = .seconds(2)
        var error: TransportError?
        let seconds = measure { error = TransportFixture.transportError { _ = try fixture.connect(port: blackhole.port, timeouts: timeouts) } }
        guard case .timedOut = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
        #expect(seconds >= 1 && seconds < 4.5, "took \(seconds) s")
        #expect(blackhole.acceptedConnections == 1)
    }

    /// A listening socket whose backlog is never accepted: the kernel completes the TCP
    /// handshake, and nothing ever answers.
    @Test func neverAcceptingListenerEndsWithinTheConnectTimeout() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = FreePort.loopbackAddress(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        try #require(listening)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let identity = SSHIdentity(user: "nobody", privateKeyPath: "/nonexistent")
        let policy = try HostKeyPolicy.pinned(HostKeyFingerprint(digest: [UInt8](repeating: 1, count: 32)))
        var error: TransportError?
        let seconds = measure {
            error = TransportFixture.transportError {
                _ = try SFTPClient(endpoint: SSHEndpoint(host: "127.0.0.1", port: port), identity: identity,
                                   hostKeyPolicy: policy,
                                   timeouts: TransportTimeouts(connect: .seconds(2), operation: .seconds(2)))
            }
        }
        guard case .timedOut = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(seconds >= 1 && seconds < 4.5, "took \(seconds) s")
    }

    @Test func refusedAndClosedConnectionsAreTransientAndQuick() throws {
        let fixture = try TransportFixture()
        let refusing = try TCPProxy(targetPort: fixture.server.port, mode: .refuse)
        let nobody = try FreePort.allocate()
        for port in [refusing.port, nobody] {
            var error: TransportError?
            let seconds = measure { error = TransportFixture.transportError { _ = try fixture.connect(port: port) } }
            #expect(error?.isTransient == true, "port \(port): \(String(describing: error))")
            #expect(seconds < 2)
            switch error {
            case .connectFailed, .connectionLost, .handshakeFailed: break
            default: Issue.record("unexpected \(String(describing: error))")
            }
        }
    }

    @Test func serverKilledMidTransferThenRestartedOnTheSamePort() throws {
        let fixture = try TransportFixture()
        let local = try TemporaryDirectory("kill")
        let big = try randomFile(in: local, named: "big", size: 96 << 20)
        let client = try fixture.connect()
        let server = fixture.server
        let partial = server.file("IN/tmp-kill").path
        let killer = Thread {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let size = (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0
                if size > 4 << 20 { break }
                usleep(1_000)
            }
            server.kill()
        }
        killer.start()
        let error = TransportFixture.transportError {
            try client.writeFile(local: big.path, remotePath: RemotePath(directory: "IN", validating: "tmp-kill"))
        }
        #expect(error?.isTransient == true, "\(String(describing: error))")
        #expect(!client.isUsable)
        let partialSize = (try FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0
        #expect(partialSize < 256 << 20, "the kill came too late to be mid-transfer")

        try server.start()
        // As the daemon does, a transient failure of the first connection to the restarted server is
        // retried (sshd sometimes drops a connection before its banner right after a restart on a loaded machine).
        var again: SFTPClient?
        let deadline = Date().addingTimeInterval(10)
        while again == nil {
            do {
                again = try fixture.connect()
            } catch let error as TransportError where error.isTransient && Date() < deadline {
                usleep(200_000)
            }
        }
        let reconnected = try #require(again)
        let small = try local.write("small", "after restart")
        try reconnected.upload(localPath: small.path, remoteDirectory: "IN", temporaryName: RemoteName(validating: "tmp-small"),
                         finalName: RemoteName(validating: "FI.after"))
        #expect(try String(contentsOf: server.file("IN/FI.after"), encoding: .utf8) == "after restart")
    }

    @Test func idleSessionKeepsServingWithKeepalives() throws {
        let fixture = try TransportFixture()
        let client = try fixture.connect()
        try client.createEmpty(RemotePath(directory: "IN", validating: "GO.one"))
        usleep(2_300_000)  // past the 2 s keepalive interval
        try client.sendKeepalive()
        try client.createEmpty(RemotePath(directory: "IN", validating: "GO.two"))
        #expect(try client.list(directory: "IN").entries.map(\.name.value) == ["GO.one", "GO.two"])
        client.close()
        #expect(!client.isUsable)
        let error = TransportFixture.transportError { _ = try client.list(directory: "IN") }
        guard case .sessionClosed = error else {
            Issue.record("expected sessionClosed, got \(String(describing: error))")
            return
        }
    }
}
