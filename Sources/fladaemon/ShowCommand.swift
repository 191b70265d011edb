import ArgumentParser
import Foundation
import Journal

/// One submission's whole story: files, state and every event.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a submission's files and history.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "Submission id.") var id: Int64

    func run() async throws {
        let (settings, journal) = try await options.loadWithJournal()
        guard let submission = try journal.submission(id) else {
            throw ValidationError("no submission \(id) in \(settings.journalPath)")
        }
        let export = try journal.export(submission.exportID)
        print("submission \(id): \(submission.goName)")
        print("  state:   \(submission.state.rawValue)\(submission.detail.map { " (\($0))" } ?? "")")
        print("  export:  \(export?.sourceFile ?? "?") sha256 \(export?.sha256 ?? "?")")
        print("  records: \(submission.recordCount) in \(submission.parts) part(s)")
        if let ticket = submission.ticket { print("  ticket:  \(ticket)") }
        print("  folder:  \(submission.directory)")
        print("files:")
        for file in try journal.files(of: id) {
            print("  \(file.name)  \(file.byteCount) bytes  sha256 \(file.sha256)")
        }
        let anomalies = try journal.anomalies(of: id)
        if !anomalies.isEmpty {
            print("anomalies:")
            for anomaly in anomalies {
                let place = anomaly.exportLine.map { "\(export?.sourceFile ?? "export") line \($0)" } ?? (anomaly.path ?? "")
                print("  \(anomaly.errorID) [\(anomaly.anomalyClass ?? "?")] \(anomaly.tagName ?? "") \(anomaly.value ?? "") at \(place)")
            }
        }
        print("history:")
        for event in try journal.events(submissionID: id) {
            let from = event.fromState.map { "\($0) -> " } ?? ""
            print("  \(event.at.formatted(.iso8601))  \(from)\(event.toState)\(event.detail.map { ": \($0)" } ?? "")")
        }
    }
}
