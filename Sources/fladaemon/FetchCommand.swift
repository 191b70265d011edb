import Answers
import ArgumentParser
import Delivery
import Foundation
import Journal
import Logging
import Spool
import Stages
import Transport

/// `fladaemon fetch`: brings the platform's answers home and applies them to the journal.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch", abstract: "Download answers from OUT, match them to submissions and record the outcome.")

    @OptionGroup var options: ConfigOption
    @Option(help: "Local folder for downloaded answers (default: <spool>/archive/answers).") var inbox: String?

    func run() async throws {
        let (settings, journal, lock) = try await options.loadLocked(for: "fetch") { _ in
            "it fetches and applies the answers by itself every results.poll_seconds (see `fladaemon status`)"
        }
        defer { lock.release() }
        let logger = Logger(label: "fladaemon.fetch")
        let folder = settings.channel.environment.outFolder
        let inbox = self.inbox ?? SpoolLayout(root: settings.spool.root).answers
        PartialDownload.removeLeftovers(in: inbox)
        let client = try ChannelConnection.open(try ChannelConnection.require(settings), logger: logger)
        defer { client.close() }
        let fetcher = AnswerFetcher(client: client, journal: journal, inbox: inbox, policy: AnswerFetchPolicy(settings),
                                    logger: logger)
        let downloaded = try fetcher.download(from: folder)
        print("\(downloaded.count) answer(s) downloaded from \(folder)")
        let outcomes = try AnswerApplier(journal: journal, logger: logger).applyDownloaded()
        var unmatched = 0
        for outcome in outcomes {
            if outcome.kind == .unmatched { unmatched += 1 }
            let target = outcome.submissionID.map { "submission \($0)" } ?? "no submission"
            let state = outcome.state.map { " now \($0.rawValue)" } ?? ""
            print("  \(outcome.answerName): \(outcome.kind.rawValue) -> \(target)\(state): \(outcome.detail)")
        }
        let disposal = AnswerDisposal(rawValue: settings.results.remoteDisposal.rawValue) ?? .leave
        let disposed = try fetcher.dispose(in: folder, how: disposal)
        if !disposed.isEmpty { print("\(disposed.count) answer(s) \(disposal == .move ? "moved aside" : "removed") on the server") }
        if unmatched > 0 {
            FileHandle.standardError.write(Data("\(unmatched) answer(s) matched none of our submissions: kept in \(inbox)\n".utf8))
            throw ExitCode(1)
        }
    }
}
