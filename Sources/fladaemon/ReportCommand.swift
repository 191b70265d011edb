import Answers
import ArgumentParser
import Foundation
import Journal

/// `fladaemon report SUBMISSION`: the payroll team's record-by-record report of a submission (as the
/// daemon writes it in `reports/` once the platform has judged it), on demand.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print a submission's record-by-record outcome as CSV (export line, record id, masked NISS, anomalies).")

    @OptionGroup var options: ConfigOption
    @Argument(help: "A submission id, one of its file names, or its ticket.") var what: String
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func run() async throws {
        let (settings, journal) = try await options.loadWithJournal()
        guard let submission = try ShowCommand.find(what, in: journal) else {
            throw ValidationError("no submission \(what) in \(settings.journalPath)")
        }
        let text = try RecordOutcomeReport(journal: journal).csv(for: submission)
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        } else {
            print(text, terminator: "")
        }
    }
}
