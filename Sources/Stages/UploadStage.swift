import Synchronization
import Foundation
import Journal
import Logging
import ServiceLifecycle
import Transport

/// Delivers prepared submissions over the shared SSH session, retrying transient failures with
/// per-submission backoff and stopping permanent ones in `failed` with their reason.
public struct UploadStage: Service {
    static let name = "upload"
    let context: DaemonContext
    let retries = RetrySchedule()
    /// Set when the server refused who we are (host key, key): nothing more is tried until a reload.
    let pausedUntilReload = PauseFlag()

    public init(context: DaemonContext) { self.context = context }

    public func run() async throws {
        context.liveness.register(Self.name)
        defer { context.liveness.unregister(Self.name) }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            context.liveness.beat(Self.name)
            let settings = context.settings.settings
            if pausedUntilReload.isSet(generation: context.settings.generation) == false {
                try await deliverDue()
            }
            await context.session.closeIfIdle(after: .seconds(settings.spool.idleCloseSeconds))
            // Wake for the next retry, or in time to close an idle session.
            var wait = Duration.seconds(settings.spool.idleCloseSeconds)
            if let due = retries.nextDue() { wait = min(wait, max(.milliseconds(50), due)) }
            await context.idle(Self.name, upTo: wait, wake: context.uploadWanted)
        }
        await context.session.close()
    }

    /// One pass over the submissions waiting for the server, oldest first.
    func deliverDue() async throws {
        let waiting = try context.journal.submissions(in: [.uploading, .prepared]).filter { retries.isDue($0.id!) }
        let settings = context.settings.settings
        for submission in waiting {
            if Task.isShuttingDownGracefully { return }
            context.liveness.beat(Self.name)
            let id = submission.id!
            var log = context.logger
            log[metadataKey: "submission_id"] = "\(id)"
            log[metadataKey: "sequence"] = "\(submission.sequence)"
            log[metadataKey: "remote_name"] = "\(submission.goName)"
            let journal = context.journal
            let uploadLog = log
            do {
                _ = try await context.session.with { client in
                    try SubmissionUploader(client: client, journal: journal, logger: uploadLog).deliver(id)
                }
                retries.succeeded(id)
                context.answersWanted.kick()
            } catch let error as TransportError where error.isTransient {
                let delay = retries.failed(id, base: .seconds(settings.spool.retryBaseSeconds),
                                           cap: .seconds(settings.spool.retryMaxSeconds))
                log[metadataKey: "fla_state"] = "uploading"
                log.warning("upload of \(submission.goName) interrupted: \(error); retrying in \(delay.formatted())")
                // The session is gone; the others would only fail the same way now.
                return
            } catch {
                log[metadataKey: "fla_state"] = "failed"
                log.error("upload of \(submission.goName) stopped: \(error)")
                _ = try? journal.transition(id, to: .failed, detail: "upload: \(error)")
                retries.succeeded(id)
                if let transport = error as? TransportError, transport.concernsTheChannel {
                    log.critical("uploads paused until the configuration is reloaded: \(transport)")
                    pausedUntilReload.set(generation: context.settings.generation)
                    return
                }
            }
        }
    }
}

extension TransportError {
    /// A refusal that every upload would meet: who we are or who the server is.
    var concernsTheChannel: Bool {
        switch self {
        case .hostKeyUnknown, .hostKeyChanged, .hostKeyRevoked, .authenticationRefused, .rsaSignatureRefused,
             .knownHostsUnreadable, .passphraseFileUnreadable, .privateKeyUnreadable, .noHostKeyPolicy,
             .invalidFingerprint, .noCommonAlgorithm, .libraryUnavailable:
            return true
        default:
            return false
        }
    }
}

/// Remembers the settings generation in which something stopped, so a reload lifts the stop.
final class PauseFlag: Sendable {
    private let generationPaused = Mutex<Int?>(nil)
    func set(generation: Int) { generationPaused.withLock { $0 = generation } }
    func isSet(generation: Int) -> Bool { generationPaused.withLock { $0 == generation } }
}

extension Duration {
    func formatted() -> String {
        let ms = milliseconds
        return ms < 10_000 ? "\(ms) ms" : "\(ms / 1000) s"
    }
}
