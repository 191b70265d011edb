import BatchFormat
import CLibSSH2
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One authenticated SSH session over one TCP connection (libssh2).
///
/// Order of the opening matters: the host key is checked right after the key exchange and
/// before authentication, so no signature made with our key ever reaches an unverified server.
/// The opening runs in blocking mode under libssh2's timeout; once authenticated the session is
/// non-blocking and every call goes through `perform`, so the SFTP channels of several threads
/// share it (`SessionMultiplexer`), each call within its own limit.
///
/// Owned by the `SFTPClient` that opened it, which closes it after its sibling channels. After a
/// timeout or a network error the libssh2 state machine may be half-way through a packet, so the
/// session is marked broken and every later call fails fast with `TransportError.sessionClosed`:
/// the caller opens a new one.
final class SSHConnection: @unchecked Sendable {
    let endpoint: SSHEndpoint
    let timeouts: TransportTimeouts
    let hostKey: ServerHostKey
    let session: OpaquePointer
    /// Internal so that tests can shrink its buffers.
    let socket: Int32
    private let multiplexer: SessionMultiplexer
    /// Both guarded by the multiplexer's lock: channels on other threads read them.
    private var brokenReasonValue: String?
    private var closedValue = false

    init(endpoint: SSHEndpoint, identity: SSHIdentity, hostKeyPolicy: HostKeyPolicy, timeouts: TransportTimeouts) throws {
        try LibSSH2Library.ensureInitialized()
        let deadline = ContinuousClock.now + timeouts.connect
        let socket = try TCPConnector.connect(to: endpoint, deadline: deadline)
        guard let session = libssh2_session_init_ex(nil, nil, nil, nil) else {
            Glibc.close(socket)
            throw TransportError.libraryUnavailable(detail: "libssh2 could not allocate a session")
        }
        do {
            libssh2_session_set_blocking(session, 1)
            try Self.applyRemaining(until: deadline, to: session, step: "the SSH handshake with \(endpoint)")
            let handshake = libssh2_session_handshake(session, socket)
            guard handshake == 0 else {
                throw Self.handshakeError(handshake, session: session, endpoint: endpoint)
            }
            let key = try ServerHostKey(session: session)
            try hostKeyPolicy.verify(key, endpoint: endpoint, session: session)
            try Self.applyRemaining(until: deadline, to: session, step: "authenticating to \(endpoint)")
            try Self.authenticate(identity, session: session)
            hostKey = key
        } catch {
            Self.release(session: session, socket: socket, politely: true)
            throw error
        }
        self.endpoint = endpoint
        self.timeouts = timeouts
        self.session = session
        self.socket = socket
        multiplexer = SessionMultiplexer(socket: socket)
        let keepalive = timeouts.keepaliveInterval.components.seconds
        if keepalive > 0 { libssh2_keepalive_config(session, 1, UInt32(clamping: max(2, keepalive))) }
        libssh2_session_set_blocking(session, 0)
    }

    deinit { close() }

    var isUsable: Bool { multiplexer.locked { !closedValue && brokenReasonValue == nil } }

    /// Throws unless the session can still carry requests.
    func ensureUsable() throws {
        let (closed, broken) = multiplexer.locked { (closedValue, brokenReasonValue) }
        if closed { throw TransportError.sessionClosed(reason: "it was closed") }
        if let broken { throw TransportError.sessionClosed(reason: broken) }
    }

    /// Runs one libssh2 call to its end within `limit`: repeated while libssh2 says it would block
    /// (`wouldBlock`), other threads' calls going on meanwhile. Past the limit the session is broken
    /// (libssh2 is half-way through the call) and `TransportError.timedOut` is thrown.
    func perform<T>(_ operation: @autoclosure () -> String, within limit: Duration, _ body: () -> T,
                    wouldBlock: (T) -> Bool) throws -> T {
        try ensureUsable()
        if let result = multiplexer.perform(session: session, until: .now + limit, body, wouldBlock: wouldBlock) {
            return result
        }
        let error = TransportError.timedOut(operation: operation(), limit: limit)
        markBroken("an earlier call failed (\(error))")
        throw error
    }

    /// `perform` for the libssh2 calls that answer with a code (negative on failure).
    func performCode<Code: BinaryInteger>(_ operation: @autoclosure () -> String, within limit: Duration,
                                          _ body: () -> Code) throws -> Code {
        try perform(operation(), within: limit, body, wouldBlock: { $0 == LIBSSH2_ERROR_EAGAIN })
    }

    /// `perform` for the libssh2 calls that answer with a pointer, nil on failure; the error code
    /// is read under the same lock, before another thread's call can change it.
    func performPointer(_ operation: @autoclosure () -> String, within limit: Duration,
                        _ body: () -> OpaquePointer?) throws -> (pointer: OpaquePointer?, code: Int32) {
        try perform(operation(), within: limit, {
            let pointer = body()
            return (pointer, pointer == nil ? libssh2_session_last_errno(session) : 0)
        }, wouldBlock: { $0.pointer == nil && $0.code == LIBSSH2_ERROR_EAGAIN })
    }

    /// Sends an SSH keepalive if the interval has passed since the last traffic.
    func keepalive() throws {
        var secondsToNext: Int32 = 0
        let rc = try performCode("sending a keepalive", within: timeouts.operation) {
            libssh2_keepalive_send(session, &secondsToNext)
        }
        if rc != 0 { throw failure(rc, operation: "sending a keepalive") }
    }

    /// Interprets a libssh2 session-level error code and marks the session broken: anything
    /// other than an SFTP status (handled by `SFTPClient`) leaves the transport in doubt.
    func failure(_ code: Int32, operation: String, limit: Duration? = nil) -> TransportError {
        let message = multiplexer.locked { Self.lastErrorMessage(session) }
        let error = Self.error(for: code, message: message, operation: operation, limit: limit ?? timeouts.operation)
        markBroken("an earlier call failed (\(error))")
        return error
    }

    private func markBroken(_ reason: String) {
        multiplexer.locked { if brokenReasonValue == nil { brokenReasonValue = reason } }
    }

    /// Ends the TCP connection under libssh2 (both directions), leaving the session to be freed.
    /// Safe from any thread: calls waiting on the socket wake and fail at once.
    func shutDownSocket() {
        guard !multiplexer.locked({ closedValue }) else { return }
        shutdown(socket, Int32(SHUT_RDWR))
    }

    /// Polite when healthy (SSH disconnect message), quick when broken; never blocks long.
    /// Only once every channel on it is done.
    func close() {
        let (wasClosed, broken) = multiplexer.locked { () -> (Bool, Bool) in
            defer { closedValue = true }
            return (closedValue, brokenReasonValue != nil)
        }
        guard !wasClosed else { return }
        Self.release(session: session, socket: socket, politely: !broken)
    }

    // MARK: - Opening steps

    private static func applyRemaining(until deadline: ContinuousClock.Instant, to session: OpaquePointer, step: String) throws {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { throw TransportError.timedOut(operation: step, limit: nil) }
        libssh2_session_set_timeout(session, remaining.clampedMilliseconds)
    }

    private static func handshakeError(_ code: Int32, session: OpaquePointer, endpoint: SSHEndpoint) -> TransportError {
        let message = lastErrorMessage(session)
        switch code {
        case LIBSSH2_ERROR_KEX_FAILURE, LIBSSH2_ERROR_METHOD_NONE:
            return .noCommonAlgorithm(detail: "\(endpoint): \(message)")
        case LIBSSH2_ERROR_TIMEOUT, LIBSSH2_ERROR_SOCKET_TIMEOUT:
            return .timedOut(operation: "in the SSH handshake with \(endpoint) (no SSH banner or key exchange)", limit: nil)
        default:
            return .handshakeFailed(detail: "\(endpoint): \(message) (libssh2 code \(code))")
        }
    }

    private static func authenticate(_ identity: SSHIdentity, session: OpaquePointer) throws {
        let keyPath = identity.privateKeyPath
        guard FileManager.default.isReadableFile(atPath: keyPath) else {
            throw TransportError.privateKeyUnreadable(path: keyPath, detail: "the file does not exist or is not readable")
        }
        if let exposure = SecretFile.exposure(of: keyPath) {
            throw TransportError.privateKeyUnreadable(path: keyPath, detail: exposure)
        }
        let rc = libssh2_userauth_publickey_fromfile_ex(
            session, identity.user, UInt32(identity.user.utf8.count), identity.publicKeyPath, keyPath,
            identity.passphrase ?? "")
        switch rc {
        case 0:
            return
        case LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED, LIBSSH2_ERROR_AUTHENTICATION_FAILED:
            if try !confirmRefusal(of: identity, session: session) { return }
            // libssh2 1.10 signs RSA with ssh-rsa (SHA-1) only; OpenSSH >= 8.8 refuses that by default.
            if SSHKeyAlgorithm.detect(privateKeyPath: keyPath, publicKeyPath: identity.publicKeyPath) == .rsa {
                throw TransportError.rsaSignatureRefused(user: identity.user, keyPath: keyPath)
            }
            throw TransportError.authenticationRefused(user: identity.user, keyPath: keyPath)
        case LIBSSH2_ERROR_FILE, LIBSSH2_ERROR_KEYFILE_AUTH_FAILED, LIBSSH2_ERROR_METHOD_NOT_SUPPORTED:
            let hint = identity.passphrase == nil
                ? " (if the key is protected, give its passphrase file)"
                : " (check the passphrase)"
            throw TransportError.privateKeyUnreadable(path: keyPath, detail: lastErrorMessage(session) + hint)
        default:
            throw error(for: rc, message: lastErrorMessage(session), operation: "authenticating as \(identity.user)",
                        limit: nil)
        }
    }

    /// libssh2 answers a connection lost while it waits for the server's verdict with the same codes
    /// as a refusal. Only a server that still talks has refused: asked which methods it accepts, it
    /// answers, and the refusal stands; if the connection is gone, the failure was the network's
    /// (transient). Costs one round trip, on a refusal only. False if the server let us in after all
    /// (it accepts the `none` method).
    private static func confirmRefusal(of identity: SSHIdentity, session: OpaquePointer) throws -> Bool {
        let methods = libssh2_userauth_list(session, identity.user, UInt32(identity.user.utf8.count))
        if methods != nil { return true }
        if libssh2_userauth_authenticated(session) != 0 { return false }
        let code = libssh2_session_last_errno(session)
        throw error(for: code, message: lastErrorMessage(session),
                    operation: "authenticating as \(identity.user) (the connection failed before the server answered)",
                    limit: nil)
    }

    // MARK: - Errors and teardown

    static func error(for code: Int32, message: String, operation: String, limit: Duration?) -> TransportError {
        switch code {
        case LIBSSH2_ERROR_TIMEOUT, LIBSSH2_ERROR_SOCKET_TIMEOUT:
            return .timedOut(operation: operation, limit: limit)
        case LIBSSH2_ERROR_SOCKET_SEND, LIBSSH2_ERROR_SOCKET_RECV, LIBSSH2_ERROR_SOCKET_DISCONNECT,
             LIBSSH2_ERROR_BAD_SOCKET, LIBSSH2_ERROR_SOCKET_NONE, LIBSSH2_ERROR_CHANNEL_CLOSED,
             LIBSSH2_ERROR_CHANNEL_EOF_SENT, LIBSSH2_ERROR_BANNER_RECV, LIBSSH2_ERROR_BANNER_SEND,
             LIBSSH2_ERROR_INVALID_MAC, LIBSSH2_ERROR_DECRYPT, LIBSSH2_ERROR_ENCRYPT:
            return .connectionLost(operation: operation, detail: message.isEmpty ? "libssh2 code \(code)" : message)
        default:
            return .protocolFailure(operation: operation, detail: "\(message) (libssh2 code \(code))")
        }
    }

    static func lastErrorMessage(_ session: OpaquePointer) -> String {
        var message: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        libssh2_session_last_error(session, &message, &length, 0)
        guard let message, length > 0 else { return "" }
        return String(cString: message)
    }

    private static func release(session: OpaquePointer, socket: Int32, politely: Bool) {
        // A dead peer must not hold shutdown: one second for the goodbye, then drop it.
        libssh2_session_set_blocking(session, 1)
        libssh2_session_set_timeout(session, 1000)
        if politely {
            _ = libssh2_session_disconnect_ex(session, SSH_DISCONNECT_BY_APPLICATION, "closing", "")
        } else {
            // Whatever libssh2 still tries to send while freeing fails at once instead of waiting.
            shutdown(socket, Int32(SHUT_RDWR))
        }
        libssh2_session_free(session)
        Glibc.close(socket)
    }
}
