import Answers
import BatchFormat
import Delivery
import Faults
import Foundation
import Journal
import Logging
import ServiceLifecycle
import Spool
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
        let outcomes = try await Blocking.run { try AnswerApplier(journal: journal, logger: logger).applyDownloaded() }
        let finished = Set(outcomes.filter { $0.kind == .applied && ($0.state?.isAnswered ?? false) }.compactMap(\.submissionID))
        if !finished.isEmpty {
            let layout = context.layout
            try await Blocking.run { try Self.publishRecordReports(of: finished, journal: journal, layout: layout, logger: logger) }
        }
        let disposal = AnswerDisposal(rawValue: settings.results.remoteDisposal.rawValue) ?? .leave
        guard !paused else { return }
        _ = try await context.session.with { client in
            try AnswerFetcher(client: client, journal: journal, inbox: inbox, policy: policy, logger: logger).dispose(in: folder, how: disposal)
        }
    }

    /// The payroll team's record-by-record report of each submission the platform has now judged, in
    /// `reports/` (replaced when a later answer changes it). A report that cannot be written is logged,
    /// not fatal: the journal holds the same and `fladaemon report` writes it again.
    static func publishRecordReports(of submissionIDs: Set<Int64>, journal: Journal, layout: SpoolLayout, logger: Logger) throws {
        let report = RecordOutcomeReport(journal: journal)
        for id in submissionIDs.sorted() {
            guard let submission = try journal.submission(id) else { continue }
            let path = layout.recordReportPath(exportID: submission.exportID, goName: submission.goName)
            do {
                let text = try report.csv(for: submission)
                try? FileManager.default.removeItem(atPath: path)
                try AtomicFileWriter.write(Array(text.utf8), to: path)
                logger.info("record report of \(submission.goName) written: \(path)")
            } catch {
                logger.warning("record report of \(submission.goName) not written: \(error)")
            }
        }
    }
}
