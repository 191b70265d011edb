import ArgumentParser
import Journal

/// `fladaemon dismiss NAME --note TEXT`: an administrator has dealt with an answer or an OUT file that
/// needed attention; `status` stops listing it. The file itself stays where it is (here and on the server).
struct DismissCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dismiss",
        abstract: "Mark what 'status' lists under 'needs attention' as handled by a person.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "The name `status` lists: an answer's or OUT file's name, a submission's GO name, or export-<id>.") var name: String
    @Option(help: "What was done about it; kept in the journal.") var note: String

    func run() async throws {
        let (settings, journal) = try await options.loadWithJournal()
        guard !note.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--note must say what was done") }
        guard let marked = try journal.markHandled(name: name, note: note) else {
            throw ValidationError("nothing named \(name) needs attention in \(settings.journalPath)")
        }
        print("\(marked): marked handled")
    }
}
