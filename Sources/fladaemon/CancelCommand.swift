import ArgumentParser
import Delivery
import Foundation
import Journal
import Logging
import Stages

/// `fladaemon cancel SUBMISSION`: withdraws a prepared submission here, or asks the platform (a `TD`
/// file) to drop one it received but has not handled yet. Nothing the platform handled is undone.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Withdraw a prepared submission, or ask the platform to drop a sent one it has not handled yet (TD file).")

    @OptionGroup var options: ConfigOption
    @Argument(help: "A submission id, one of its file names, or its ticket.") var what: String
    @Option(help: "Why; kept in the journal.") var note: String = "asked by an administrator"
    @Flag(help: "Say what would happen, change nothing.") var dryRun = false

    func run() async throws {
        let (settings, journal, lock) = try await options.loadLocked(for: "cancel") { _ in
            "stop the service first (systemctl stop), cancel, then start it again: a submission must not be withdrawn while it is being sent"
        }
        defer { lock.release() }
        guard let submission = try ShowCommand.find(what, in: journal), let id = submission.id else {
            throw ValidationError("no submission \(what) in \(settings.journalPath)")
        }
        switch submission.state {
        case .prepared:
            if dryRun { print("would withdraw submission \(id) (\(submission.goName)) here; nothing was sent"); return }
            try journal.transition(id, ifStillIn: [.prepared], to: .cancelled, detail: "withdrawn before sending: \(note)")
            print("submission \(id) withdrawn: \(submission.goName) will not be sent")
        case .sent, .acknowledged:
            let td = try SubmissionCanceller.cancellationName(of: submission)
            if dryRun { print("would send \(td.text) to \(td.environment.inFolder), asking the platform to drop \(submission.goName)"); return }
            let client = try ChannelConnection.open(try ChannelConnection.require(settings), logger: Logger(label: "fladaemon.cancel"))
            defer { client.close() }
            try SubmissionCanceller(client: client, journal: journal, logger: Logger(label: "fladaemon.cancel"))
                .cancel(submission, because: note)
            print("submission \(id) cancelled: \(td.text) sent; the platform drops \(submission.goName) if it has not handled it yet")
        case .uploading:
            throw ValidationError("submission \(id) is half uploaded: finish it with `fladaemon push \(id)` (its GO goes last), then cancel it")
        case .accepted, .acceptedWithAnomalies, .rejected:
            throw ValidationError("submission \(id) is already \(submission.state.rawValue): the platform handled it, a TD cannot undo that")
        case .failed, .cancelled:
            throw ValidationError("submission \(id) is already \(submission.state.rawValue): nothing to cancel")
        }
    }
}
