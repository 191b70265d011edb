import Foundation
import Logging
import Settings
import Synchronization
import Transport

/// The one SSH session of the channel, shared by the upload and answer stages one at a time: opened
/// when work needs it, reused while work is queued, closed after a quiet while or when broken.
///
/// A refusal that concerns the whole channel (our key, the server's host key, what the account may
/// do) pauses it: no connection is tried again until the configuration is reloaded, and whoever asks
/// meanwhile gets that refusal at once.
public actor ChannelSession {
    private let settings: SettingsBox
    private let logger: Logger
    private var client: SFTPClient?
    private var lastUse = ContinuousClock.now
    /// libssh2 sessions are not thread-safe, and an actor lets another call in while one awaits its
    /// blocking work: callers take turns explicitly.
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// The refusal that paused the channel, and the settings generation it was met with. Outside the
    /// actor: an upload's outcome is handled on its worker thread.
    private nonisolated let refusal = Mutex<(generation: Int, error: TransportError)?>(nil)

    public init(settings: SettingsBox, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Runs `body` with an open session, off the cooperative threads. A transient failure closes the
    /// session so the next use starts a fresh one.
    public func with<T: Sendable>(_ body: @escaping @Sendable (SFTPClient) throws -> T) async throws -> T {
        await takeTurn()
        defer { passTurn() }
        let client = try await current()
        lastUse = .now
        do {
            let box = UncheckedClient(client)
            // A cancelled stage (a stop that ran out of time) must not wait for a hung server.
            let result = try await withTaskCancellationHandler {
                try await Blocking.run { try body(box.client) }
            } onCancel: {
                box.client.interrupt()
            }
            lastUse = .now
            return result
        } catch {
            if !client.isUsable || (error as? TransportError)?.isTransient == true { drop() }
            pauseIfRefused(by: error)
            throw error
        }
    }

    /// The refusal that pauses the channel until the configuration is reloaded, if any.
    public nonisolated var refusalInForce: TransportError? {
        let generation = settings.generation
        return refusal.withLock { $0?.generation == generation ? $0?.error : nil }
    }

    /// Pauses the channel until the next reload if `error` is a refusal of the channel itself (see
    /// `TransportError.concernsTheChannel`); anything else is left to the caller.
    public nonisolated func pauseIfRefused(by error: Error) {
        guard let error = error as? TransportError, error.concernsTheChannel else { return }
        let generation = settings.generation
        refusal.withLock { $0 = (generation, error) }
    }

    private func takeTurn() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func passTurn() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    /// Closes the session if it has not been used for `idle` (and nobody is using it).
    public func closeIfIdle(after idle: Duration) {
        if client != nil, !busy, ContinuousClock.now - lastUse >= idle {
            logger.debug("closing the idle SSH session")
            drop()
        }
    }

    public func close() async {
        await takeTurn()
        drop()
        passTurn()
    }

    private func current() async throws -> SFTPClient {
        if let client, client.isUsable { return client }
        drop()
        if let refused = refusalInForce { throw refused }
        let sftp = try ChannelConnection.require(settings.settings)
        let logger = self.logger
        let opened: SFTPClient
        do {
            opened = try await Blocking.run { UncheckedClient(try ChannelConnection.open(sftp, logger: logger)) }.client
        } catch {
            pauseIfRefused(by: error)
            throw error
        }
        logger.info("SSH session open to \(sftp.host):\(sftp.port)")
        client = opened
        return opened
    }

    private func drop() {
        client?.close()
        client = nil
    }
}
