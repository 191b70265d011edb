import Foundation
import Testing
import TestSupport
@testable import Transport

/// A connection cut anywhere in the opening of a session (banner, key exchange, host key,
/// authentication, SFTP start) is the network's fault and is retried; only a server that answers
/// "no" refuses.
@Suite(.timeLimit(.minutes(5))) struct LoginCutTests {
    /// Steps the cut through the whole opening, FIN and RST alike. libssh2 reports a connection lost
    /// while waiting for the server's verdict on our key with the codes of a refusal: taken at its
    /// word, a cut inside the authentication would stop the channel until a person steps in.
    @Test(arguments: [false, true])
    func aCutAnywhereInTheOpeningIsTransient(reset: Bool) throws {
        let fixture = try TransportFixture()
        let proxy = try TCPProxy(targetPort: fixture.server.port)
        let whole = try Self.bytesOfAnOpening(fixture, through: proxy)
        // Spread over the whole opening, and every 50 bytes through the authentication of an Ed25519
        // key (about 2,600 to 3,400 bytes in): a bounded number of connections.
        let spread = stride(from: 1, to: whole, by: max(1, whole / 32))
        let dense = stride(from: 2600, through: min(3400, whole - 1), by: 50)
        let offsets = Array(Set(spread).union(dense)).sorted()

        var cut: [Int: TransportError] = [:]
        var wrong: [String] = []
        for offset in offsets {
            // The previous connection's last bytes (its goodbye) must not spend this cut.
            Self.waitUntilQuiet(proxy)
            proxy.cutAfter(bytes: offset, reset: reset)
            do {
                // The cut fell in the last bytes the server sends: the opening was complete.
                try fixture.connect(port: proxy.port).close()
            } catch let error as TransportError {
                cut[offset] = error
                if !error.isTransient || error.concernsTheChannel { wrong.append("at \(offset) bytes: \(error)") }
            }
        }
        #expect(wrong.isEmpty, "cuts taken for refusals:\n\(wrong.joined(separator: "\n"))")
        // A cut in the last chunk relayed comes too late to matter, and under load chunks run together:
        // every offset in the first three quarters (the authentication included) really cut the opening.
        let early = offsets.filter { $0 < whole * 3 / 4 }
        let missed = early.filter { cut[$0] == nil }
        #expect(missed.isEmpty, "no failure for cuts at \(missed) of \(whole) bytes")
        // The authentication was among them: its failures are the ones libssh2 confuses with a refusal.
        let inAuthentication = cut.values.filter { "\($0)".contains("authenticating") }
        #expect(!inAuthentication.isEmpty, "no cut fell inside the authentication: \(cut.sorted { $0.key < $1.key })")

        // The same path with nothing cut still works, and a real refusal is still one.
        Self.waitUntilQuiet(proxy)
        proxy.cutAll()  // also disarms a cut the last connection, complete before it, did not spend
        try fixture.connect(port: proxy.port).close()
        let stranger = try fixture.server.makeClientKey(type: "ed25519", authorize: false)
        let refusal = TransportFixture.transportError { _ = try fixture.connect(key: stranger, port: proxy.port) }
        guard case .authenticationRefused = refusal else {
            Issue.record("expected authenticationRefused, got \(String(describing: refusal))")
            return
        }
        #expect(refusal?.concernsTheChannel == true)
    }

    /// Bytes relayed (both ways) by one complete opening of an SFTP session through `proxy`.
    static func bytesOfAnOpening(_ fixture: TransportFixture, through proxy: TCPProxy) throws -> Int {
        let before = proxy.bytesForwarded
        let client = try fixture.connect(port: proxy.port)
        // The proxy counts a chunk once it has passed it on: let the count catch up with what arrived.
        waitUntilQuiet(proxy)
        let whole = proxy.bytesForwarded - before
        client.close()
        return whole
    }

    /// Until the proxy has relayed nothing for a while (at most a second).
    static func waitUntilQuiet(_ proxy: TCPProxy) {
        var last = proxy.bytesForwarded
        for _ in 0..<20 {
            usleep(50_000)
            let now = proxy.bytesForwarded
            if now == last { return }
            last = now
        }
    }
}
