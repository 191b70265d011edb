import ArgumentParser
import Foundation
import Journal

/// What an administrator looks at first: every submission and where it stands.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List submissions and their state from the journal.")

    @OptionGroup var options: ConfigOption
    @Option(help: "Only submissions in this state (prepared, uploading, sent, acknowledged, rejected, accepted, accepted-with-anomalies, failed, cancelled).")
    var state: String?

    func run() async throws {
        let settings = try await options.load()
        let journal = try Journal(path: settings.journalPath)
        var states: [SubmissionState]?
        if let state {
            guard let parsed = SubmissionState(rawValue: state) else {
                throw ValidationError("unknown state \(state)")
            }
            states = [parsed]
        }
        let submissions = try journal.submissions(in: states)
        if submissions.isEmpty { print("no submissions"); return }
        print(TextTable.render(
            header: ["ID", "EXPORT", "NAME", "PARTS", "RECORDS", "STATE", "UPDATED"],
            rows: submissions.map {
                [String($0.id ?? 0), String($0.exportID), $0.goName, String($0.parts), String($0.recordCount),
                 $0.state.rawValue, $0.updatedAt.formatted(.iso8601)]
            }))
    }
}
