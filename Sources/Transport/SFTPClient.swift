import CLibSSH2
import Logging

/// An SFTP session on the platform's server: one SSH connection serving many submissions.
///
/// Threading: a plain class, deliberately not `Sendable`: one client (one SFTP channel) is used by
/// one thread at a time. Several threads share the connection through sibling channels
/// (`channels(_:)`), each a client of its own, so that their round trips overlap; the connection
/// serialises their libssh2 calls. Every call blocks the calling thread for at most the
/// applicable `TransportTimeouts` limit, so run it from a context that may block (a dedicated
/// thread or a task whose executor tolerates blocking), not from a hot actor.
///
/// After any timeout or network error the connection is unusable (`isUsable == false`, for every
/// channel on it) and every call throws `TransportError.sessionClosed`; open a new client to retry.
public final class SFTPClient {
    public let endpoint: SSHEndpoint
    public let timeouts: TransportTimeouts
    /// Ask the server to flush uploaded files to disk (`fsync@openssh.com`) before they are
    /// renamed or counted as sent. Ignored by servers without the extension.
    public var syncsWrites = true
    /// Nil until the first fsync was tried; false once the server said it lacks the extension.
    public internal(set) var serverSupportsFsync: Bool?

    let connection: SSHConnection
    let sftp: OpaquePointer
    let logger: Logger
    /// The first client opened the connection and closes it; sibling channels only end themselves.
    private let ownsConnection: Bool
    /// Sibling channels opened by `channels(_:)`, kept for the next pass and closed with this client.
    private var siblings: [SFTPClient] = []
    private var closed = false

    /// Bytes per SFTP read/write call: libssh2 pipelines it as several ~30 KiB packets.
    static let chunkSize = 64 * 1024
    /// A hostile server must not make a listing loop forever.
    static let maximumListingEntries = 200_000

    /// Connects, checks the host key (before authenticating), authenticates with the key and
    /// starts the SFTP subsystem. Throws `TransportError`.
    public convenience init(endpoint: SSHEndpoint, identity: SSHIdentity, hostKeyPolicy: HostKeyPolicy,
                            timeouts: TransportTimeouts = TransportTimeouts(),
                            logger: Logger = Logger(label: "fladaemon.transport")) throws {
        let connection = try SSHConnection(endpoint: endpoint, identity: identity, hostKeyPolicy: hostKeyPolicy,
                                           timeouts: timeouts)
        do {
            try self.init(connection: connection, ownsConnection: true, logger: logger)
        } catch {
            connection.close()
            throw error
        }
        logger.debug("SFTP session open", metadata: ["endpoint": "\(endpoint)", "hostKey": "\(connection.hostKey)"])
    }

    private init(connection: SSHConnection, ownsConnection: Bool, logger: Logger) throws {
        let (sftp, code) = try connection.performPointer("starting the SFTP subsystem on \(connection.endpoint)",
                                                         within: connection.timeouts.operation) {
            libssh2_sftp_init(connection.session)
        }
        guard let sftp else {
            let operation = "starting the SFTP subsystem on \(connection.endpoint)"
            // The server declined one more channel (sshd's MaxSessions): the session itself is fine.
            if code == LIBSSH2_ERROR_CHANNEL_FAILURE, !ownsConnection {
                throw SSHConnection.error(for: code, message: "the server opened no channel", operation: operation,
                                          limit: nil)
            }
            throw connection.failure(code, operation: operation)
        }
        self.endpoint = connection.endpoint
        self.timeouts = connection.timeouts
        self.connection = connection
        self.sftp = sftp
        self.logger = logger
        self.ownsConnection = ownsConnection
    }

    /// This client and up to `count - 1` more SFTP channels on the same SSH session, one for each
    /// thread that works at once: their round trips overlap. The extra channels stay open for the
    /// next call and end with this client. Fewer come back when the server allows no more (sshd's
    /// `MaxSessions`); never none.
    public func channels(_ count: Int) throws -> [SFTPClient] {
        try ensureOpen()
        while siblings.count < count - 1 {
            do {
                let channel = try SFTPClient(connection: connection, ownsConnection: false, logger: logger)
                channel.syncsWrites = syncsWrites
                channel.serverSupportsFsync = serverSupportsFsync
                siblings.append(channel)
            } catch where connection.isUsable {
                logger.debug("the server opened no more SFTP channels", metadata: [
                    "open": "\(siblings.count + 1)", "reason": "\(error)"])
                break
            }
        }
        return [self] + siblings.prefix(max(0, count - 1))
    }

    deinit { close() }

    /// The host key the server proved it holds (already checked against the policy).
    public var hostKey: ServerHostKey { connection.hostKey }

    /// False once closed or after a timeout or network error.
    public var isUsable: Bool { !closed && connection.isUsable }

    /// Ends the session; safe to call twice, blocks at most about two seconds on a stalled server.
    /// Safe from another thread: cuts the connection, so a call blocked in libssh2 returns at once
    /// with a transient error. Used to keep a shutdown within its bound when the server hangs.
    public func interrupt() {
        connection.shutDownSocket()
    }

    public func close() {
        guard !closed else { return }
        closed = true
        for sibling in siblings { sibling.close() }
        siblings = []
        // On a broken session the socket is shut first, so the goodbye fails at once instead of
        // waiting on a dead peer; libssh2 still frees the SFTP state.
        if ownsConnection, !connection.isUsable { connection.shutDownSocket() }
        if connection.isUsable {
            _ = try? connection.performCode("closing the SFTP channel", within: .seconds(1)) { libssh2_sftp_shutdown(sftp) }
        }
        if ownsConnection { connection.close() }
    }

    /// Keeps an idle session alive through NAT and server idle timers; call it while idling
    /// (it only sends when `keepaliveInterval` has passed without traffic).
    public func sendKeepalive() throws {
        try ensureOpen()
        try connection.keepalive()
    }

    // MARK: - Metadata

    public func stat(_ path: RemotePath) throws -> RemoteFileStatus {
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        try call("reading the status of", path.path) {
            libssh2_sftp_stat_ex(sftp, path.path, UInt32(path.path.utf8.count), LIBSSH2_SFTP_STAT, &attributes)
        }
        return RemoteFileStatus(attributes: attributes)
    }

    public func exists(_ path: RemotePath) throws -> Bool {
        do {
            _ = try stat(path)
            return true
        } catch TransportError.remoteFileMissing {
            return false
        }
    }

    /// Renames without ever replacing: SFTP v3 (libssh2 1.10) has no overwrite flag and
    /// OpenSSH's server links then unlinks, so an existing target makes the rename fail;
    /// that failure is reported as `TransportError.remoteFileExists(target)`.
    public func rename(from source: RemotePath, to target: RemotePath) throws {
        let flags = Int(LIBSSH2_SFTP_RENAME_ATOMIC | LIBSSH2_SFTP_RENAME_NATIVE)
        do {
            try call("renaming to \(target.path)", source.path) {
                libssh2_sftp_rename_ex(sftp, source.path, UInt32(source.path.utf8.count),
                                       target.path, UInt32(target.path.utf8.count), flags)
            }
        } catch let error as TransportError where Self.mayMeanExists(error) {
            if try exists(target) { throw TransportError.remoteFileExists(path: target.path) }
            throw error
        }
    }

    public func remove(_ path: RemotePath) throws {
        try call("deleting", path.path) {
            libssh2_sftp_unlink_ex(sftp, path.path, UInt32(path.path.utf8.count))
        }
    }

    /// Creates a folder (for answers moved aside); an existing one is an error the caller checks first.
    public func makeDirectory(_ path: String) throws {
        try call("creating folder", path) {
            libssh2_sftp_mkdir_ex(sftp, path, UInt32(path.utf8.count), 0o750)
        }
    }

    /// Creates an empty file, failing if it exists (`O_EXCL`): a GO file is never written twice.
    /// There are no bytes to flush, so no fsync round trip: what matters is that the name exists.
    public func createEmpty(_ path: RemotePath) throws {
        let flags = UInt(LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_EXCL)
        let handle: OpaquePointer
        do {
            handle = try open(path.path, flags: flags, operation: "creating")
        } catch let error as TransportError where Self.mayMeanExists(error) {
            if try exists(path) { throw TransportError.remoteFileExists(path: path.path) }
            throw error
        }
        try closeHandle(handle, path: path.path).get()
    }

    /// The folder's entries except `.` and `..`; every name passes the remote-name gate or is
    /// reported in `refused`.
    public func list(directory: String) throws -> RemoteListing {
        let target = directory.isEmpty ? "." : directory
        let handle = try open(target, flags: 0, operation: "listing", type: LIBSSH2_SFTP_OPENDIR)
        var entries: [RemoteEntry] = []
        var refused: [RemoteListing.RefusedName] = []
        var failure: Error?
        var buffer = [CChar](repeating: 0, count: 4096)
        var count = 0
        while failure == nil {
            var attributes = LIBSSH2_SFTP_ATTRIBUTES()
            let length: Int32
            do {
                length = try connection.performCode("listing \(target)", within: timeouts.operation) {
                    libssh2_sftp_readdir_ex(handle, &buffer, buffer.count, nil, 0, &attributes)
                }
            } catch {
                failure = error
                break
            }
            if length == 0 { break }
            if length < 0 {
                failure = length == LIBSSH2_ERROR_BUFFER_TOO_SMALL
                    ? TransportError.remoteFailure(operation: "listing", path: target, code: 0,
                                                   detail: "the server sent a name longer than \(buffer.count) bytes")
                    : self.failure(length, operation: "listing", path: target)
                break
            }
            count += 1
            if count > Self.maximumListingEntries {
                failure = TransportError.remoteFailure(operation: "listing", path: target, code: 0,
                                                       detail: "more than \(Self.maximumListingEntries) entries")
                break
            }
            let bytes = buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            do {
                let name = try RemoteName(validatingBytes: bytes)
                entries.append(RemoteEntry(name: name, status: RemoteFileStatus(attributes: attributes)))
            } catch TransportError.refusedRemoteName(let printable, let reason) {
                refused.append(RemoteListing.RefusedName(printableName: printable, reason: reason))
            }
        }
        let closing = closeHandle(handle, path: target)
        if let failure { throw failure }
        try closing.get()
        if !refused.isEmpty {
            logger.warning("refused remote names", metadata: [
                "folder": "\(target)", "names": "\(refused.map(\.description).joined(separator: "; "))"])
        }
        return RemoteListing(directory: directory, entries: entries, refused: refused)
    }

    // MARK: - Building blocks

    func ensureOpen() throws {
        if closed { throw TransportError.sessionClosed(reason: "it was closed") }
        try connection.ensureUsable()
    }

    /// Runs one SFTP call to its end under `limit` (the operation limit by default); returns its
    /// non-negative result.
    @discardableResult
    func call<Code: BinaryInteger>(_ operation: String, _ path: String, limit: Duration? = nil,
                                   _ body: () -> Code) throws -> Code {
        try ensureOpen()
        let rc = try connection.performCode("\(operation) \(path)", within: limit ?? timeouts.operation, body)
        if rc < 0 { throw failure(Int32(truncatingIfNeeded: rc), operation: operation, path: path, limit: limit) }
        return rc
    }

    func open(_ path: String, flags: UInt, mode: Int = 0o644, operation: String,
              type: Int32 = LIBSSH2_SFTP_OPENFILE) throws -> OpaquePointer {
        try ensureOpen()
        let (handle, code) = try connection.performPointer("\(operation) \(path)", within: timeouts.operation) {
            libssh2_sftp_open_ex(sftp, path, UInt32(path.utf8.count), flags, mode, type)
        }
        guard let handle else { throw failure(code, operation: operation, path: path) }
        return handle
    }

    /// Releases the handle; the result tells whether the server confirmed the close (for written
    /// files a failed close can mean lost data). On a broken session the handle goes with it.
    func closeHandle(_ handle: OpaquePointer, path: String) -> Result<Void, Error> {
        guard connection.isUsable else { return .success(()) }
        do {
            let rc = try connection.performCode("closing \(path)", within: timeouts.operation) {
                libssh2_sftp_close_handle(handle)
            }
            if rc < 0 { return .failure(failure(rc, operation: "closing", path: path)) }
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// `fsync@openssh.com` when wanted and not known to be missing.
    func syncIfWanted(_ handle: OpaquePointer, path: String) throws {
        guard syncsWrites, serverSupportsFsync != false else { return }
        try ensureOpen()
        let rc = try connection.performCode("flushing (fsync) \(path)", within: timeouts.operation) {
            libssh2_sftp_fsync(handle)
        }
        if rc == 0 {
            serverSupportsFsync = true
        } else if rc == LIBSSH2_ERROR_SFTP_PROTOCOL, libssh2_sftp_last_error(sftp) == LIBSSH2_FX_OP_UNSUPPORTED {
            serverSupportsFsync = false
            logger.info("the SFTP server does not offer fsync@openssh.com; uploads are not flushed explicitly",
                        metadata: ["endpoint": "\(endpoint)"])
        } else {
            throw failure(rc, operation: "flushing (fsync)", path: path)
        }
    }

    /// SFTP statuses keep the session usable; anything else is handed to the connection,
    /// which marks the session broken.
    func failure(_ code: Int32, operation: String, path: String, limit: Duration? = nil) -> TransportError {
        guard code == LIBSSH2_ERROR_SFTP_PROTOCOL else {
            return connection.failure(code, operation: "\(operation) \(path)", limit: limit)
        }
        let status = libssh2_sftp_last_error(sftp)
        switch status {
        case LIBSSH2_FX_NO_SUCH_FILE, LIBSSH2_FX_NO_SUCH_PATH:
            return .remoteFileMissing(path: path)
        case LIBSSH2_FX_PERMISSION_DENIED, LIBSSH2_FX_WRITE_PROTECT:
            return .permissionDenied(operation: operation, path: path)
        case LIBSSH2_FX_FILE_ALREADY_EXISTS:
            return .remoteFileExists(path: path)
        default:
            return .remoteFailure(operation: operation, path: path, code: status, detail: Self.statusName(status))
        }
    }

    /// OpenSSH reports EEXIST as a generic failure; only a follow-up stat can tell.
    private static func mayMeanExists(_ error: TransportError) -> Bool {
        switch error {
        case .remoteFileExists: return true
        case .remoteFailure(_, _, let code, _): return code == LIBSSH2_FX_FAILURE
        default: return false
        }
    }

    static func statusName(_ status: UInt) -> String {
        switch status {
        case LIBSSH2_FX_EOF: return "end of file"
        case LIBSSH2_FX_FAILURE: return "failure"
        case LIBSSH2_FX_BAD_MESSAGE: return "bad message"
        case LIBSSH2_FX_NO_CONNECTION: return "no connection"
        case LIBSSH2_FX_CONNECTION_LOST: return "connection lost"
        case LIBSSH2_FX_OP_UNSUPPORTED: return "operation unsupported"
        case LIBSSH2_FX_INVALID_HANDLE: return "invalid handle"
        case LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM: return "no space on the server's file system"
        case LIBSSH2_FX_QUOTA_EXCEEDED: return "quota exceeded"
        case LIBSSH2_FX_LOCK_CONFLICT: return "lock conflict"
        case LIBSSH2_FX_DIR_NOT_EMPTY: return "folder not empty"
        case LIBSSH2_FX_NOT_A_DIRECTORY: return "not a folder"
        case LIBSSH2_FX_INVALID_FILENAME: return "invalid file name"
        default: return "status \(status)"
        }
    }
}

/// Not Sendable on purpose: one libssh2 session must not be used from two threads at once.
@available(*, unavailable)
extension SFTPClient: Sendable {}
