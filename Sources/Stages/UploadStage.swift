import Delivery
import Faults
import Foundation
import Journal
import LogFields
import Logging
import ServiceLifecycle
import Synchronization
import Transport

/// Delivers prepared submissions over the shared SSH session, retrying transient failures with
/// per-submission backoff and stopping permanent ones in `failed` with their reason. A refusal of the
/// channel itself (our key, the host key, the account) is no fault of the submissions: they stay as
/// they are while the channel is paused, and go out by themselves once a reload lifts the pause.
public struct UploadStage: Service {
    static let name = "upload"
    let context: DaemonContext
    let retries = RetrySchedule()

    public init(context: DaemonContext) { self.context = context }

    static let keeping = "the submissions wait as they are (prepared, or uploading with their upload log)"

    public func run() async throws {
        context.liveness.register(Self.name)
        defer { context.liveness.unregister(Self.name) }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            context.liveness.beat(Self.name)
            let settings = context.settings.settings
            if context.session.refusalInForce == nil {
                do {
                    try await deliverDue()
                } catch {
                    guard let condition = MachineCondition(error) else { throw error }
                    _ = context.pause(Self.name, by: condition, keeping: Self.keeping)
                }
            }
            await context.session.closeIfIdle(after: .seconds(settings.spool.idleCloseSeconds))
            // Wake for the next retry, or in time to close an idle session.
            var wait = Duration.seconds(settings.spool.idleCloseSeconds)
            if let due = retries.nextDue() { wait = min(wait, max(.milliseconds(50), due)) }
            await context.idle(Self.name, upTo: wait, wake: context.uploadWanted)
        }
        await context.session.close()
    }

    /// One pass over the submissions waiting for the server, oldest first, up to
    /// `sftp.parallel_uploads` at once on the one session.
    func deliverDue() async throws {
        let waiting = try context.journal.submissions(in: [.uploading, .prepared]).filter { retries.isDue($0.id!) }
        guard let first = waiting.first else { return }
        let width = context.settings.settings.sftp?.parallelUploads ?? 1
        let byID = Dictionary(uniqueKeysWithValues: waiting.map { ($0.id!, $0) })
        let stopping = StopFlag()
        let journal = context.journal, logger = context.logger
        do {
            try await withGracefulShutdownHandler {
                _ = try await context.session.with { client in
                    try ParallelDelivery(client: client, journal: journal, width: width, logger: logger)
                        .deliver(waiting.map { $0.id! }) { id, result in
                            if handle(result, of: byID[id]!) == .stop { return .stop }
                            return stopping.isSet ? .stop : .proceed
                        }
                }
            } onGracefulShutdown: {
                stopping.set()
            }
        } catch {
            // The session could not be opened: the oldest submission carries the reason.
            _ = handle(.failure(error), of: first)
        }
    }

    /// Records one submission's outcome; `.stop` when the rest would only fail the same way now.
    /// Called from the delivery's worker threads.
    private func handle(_ result: Result<SubmissionRecord, Error>, of submission: SubmissionRecord) -> ParallelDelivery.Next {
        context.liveness.beat(Self.name)
        let id = submission.id!
        var log = context.logger
        log[metadataKey: LogKey.submissionID] = "\(id)"
        log[metadataKey: LogKey.flow] = "\(submission.flow)"
        log[metadataKey: LogKey.sequence] = "\(submission.sequence)"
        log[metadataKey: LogKey.remoteName] = "\(submission.goName)"
        let error: any Error
        switch result {
        case .success:
            retries.succeeded(id)
            context.resume(Self.name)
            context.answersWanted.kick()
            return .proceed
        case .failure(let failure):
            error = failure
        }
        let settings = context.settings.settings
        switch FailureVerdict(error) {
        case .retryLater:
            let delay = retries.failed(id, base: .seconds(settings.spool.retryBaseSeconds),
                                       cap: .seconds(settings.spool.retryMaxSeconds))
            log[metadataKey: LogKey.state] = "uploading"
            log.warning("upload of \(submission.goName) interrupted: \(error); retrying in \(delay.formatted())")
            // The session is gone; the others would only fail the same way now.
            return .stop
        case .pauseChannel:
            // The submission stays as it is (prepared, or uploading with its upload log).
            context.session.pauseIfRefused(by: error)
            retries.succeeded(id)
            log[metadataKey: LogKey.state] = "\(submission.state.rawValue)"
            log.critical("uploads paused until the configuration is reloaded (systemctl reload): \(error); the waiting submissions are kept and go out after the reload")
            return .stop
        case .pauseForMachine(let condition):
            // The journal or the spool cannot be written: no fault of the submission, which stays as
            // it is and is tried again like after a cut.
            retries.failed(id, base: .seconds(settings.spool.retryBaseSeconds), cap: .seconds(settings.spool.retryMaxSeconds))
            _ = context.pause(Self.name, by: condition, keeping: Self.keeping)
            return .stop
        case .stopItem:
            log[metadataKey: LogKey.state] = "failed"
            log.error("upload of \(submission.goName) stopped: \(error)")
            _ = try? context.journal.transition(id, to: .failed, detail: "upload: \(error)")
            retries.succeeded(id)
            return .proceed
        }
    }
}

/// Set once a graceful shutdown begins: no further submission is started.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

extension Duration {
    func formatted() -> String {
        let ms = milliseconds
        return ms < 10_000 ? "\(ms) ms" : "\(ms / 1000) s"
    }
}
