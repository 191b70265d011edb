import ArgumentParser
import Journal

/// `fladaemon retry SUBMISSION`: a submission stopped on our side (`failed`) goes out again, under the
/// same names, once the cause is fixed. The daemon (or `fladaemon push`) sends it; the upload log it
/// kept makes the next attempt finish what was on the server, never send the GO twice.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Put a failed submission back to be uploaded, once the cause is fixed.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "A submission id, one of its file names, or its ticket.") var what: String
    @Flag(help: "Say what would happen, change nothing.") var dryRun = false

    func run() async throws {
        let (settings, journal) = try await options.loadWithJournal()
        guard let submission = try ShowCommand.find(what, in: journal), let id = submission.id else {
            throw ValidationError("no submission \(what) in \(settings.journalPath)")
        }
        guard submission.state == .failed else {
            throw ValidationError("submission \(id) is \(submission.state.rawValue): only a failed one is retried"
                                  + (submission.state == .rejected ? " (a rejected one is sent again with `fladaemon reprocess`)" : ""))
        }
        let steps = try journal.uploadSteps(of: id)
        if steps.contains(where: { $0.fileName == submission.goName && $0.step == .inPlace }) {
            throw ValidationError("the GO of submission \(id) is on the server: the platform has it; wait for its answer (`fladaemon fetch`)")
        }
        let target: SubmissionState = steps.isEmpty ? .prepared : .uploading
        if dryRun { print("would put submission \(id) (\(submission.goName)) back to \(target.rawValue)"); return }
        // Only the journal changes, in one checked transaction: the running daemon picks it up.
        try journal.transition(id, ifStillIn: [.failed], to: target, detail: "retry asked by an administrator")
        print("submission \(id) is \(target.rawValue) again: the daemon (or `fladaemon push`) sends it")
    }
}
