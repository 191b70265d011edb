import Answers
import BatchFormat
import Delivery
import Faults
import Foundation
import Journal
import Logging
import ServiceLifecycle
import Transport

/// Collects the platform's answers while submissions await them: downloads complete answers from OUT,
/// applies them to the journal, then removes (or moves) on the server the ones that answered us.
public struct ResultStage: Service {
    static let name = "results"
    let context: DaemonContext

    public init(context: DaemonContext) { self.context = context }

    public func run() async throws {
        context.liveness.register(Self.name)
        defer { context.liveness.unregister(Self.name) }
        // Downloads cut by the end of the previous run (a kill, a power cut) left their partial files.
        for name in PartialDownload.removeLeftovers(in: inbox) {
            context.logger.notice("removed \(name), left by an interrupted download")
        }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            context.liveness.beat(Self.name)
            let settings = context.settings.settings
            do {
                try await collect()
                context.resume(Self.name)
            } catch {
                switch FailureVerdict(error) {
                case .retryLater:
                    context.logger.warning("answers not collected this time: \(error)")
                case .pauseChannel:
                    // Said once by the upload stage or here; the answers wait on the server meanwhile.
                    context.session.pauseIfRefused(by: error)
                    context.logger.error("answers not collected: \(error)")
                case .pauseForMachine(let condition):
                    _ = context.pause(Self.name, by: condition, keeping: "the answers wait on the server")
                case .stopItem:
                    context.logger.error("answers not collected: \(error)")
                }
            }
            await context.idle(Self.name, upTo: .seconds(settings.results.pollIntervalSeconds), wake: context.answersWanted)
        }
    }

    /// Where answers are downloaded to.
    var inbox: String { context.layout.answers }

    /// One round: only when something awaits an answer, or an answer awaits reading.
    func collect() async throws {
        let journal = context.journal
        let awaiting = try journal.submissions(in: [.sent, .acknowledged])
        let unread = try journal.answers(in: [.downloaded])
        guard !awaiting.isEmpty || !unread.isEmpty else { return }
        let settings = context.settings.settings
        let folder = settings.channel.environment.outFolder
        let logger = context.logger
        let policy = AnswerFetchPolicy(settings)
        // A paused channel is not asked again before a reload; answers already here are still applied.
        let paused = context.session.refusalInForce != nil
        if !awaiting.isEmpty, !paused {
            _ = try await context.session.with { client in
                try AnswerFetcher(client: client, journal: journal, inbox: inbox, policy: policy, logger: logger).download(from: folder)
            }
        }
        _ = try await Blocking.run { try AnswerApplier(journal: journal, logger: logger).applyDownloaded() }
        let disposal = AnswerDisposal(rawValue: settings.results.remoteDisposal.rawValue) ?? .leave
        guard !paused else { return }
        _ = try await context.session.with { client in
            try AnswerFetcher(client: client, journal: journal, inbox: inbox, policy: policy, logger: logger).dispose(in: folder, how: disposal)
        }
    }
}
