import ArgumentParser
import Foundation
import Journal

/// What an administrator looks at first: every export, what became of it, and its submissions.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List exports and submissions with their state, from the journal.")

    @OptionGroup var options: ConfigOption
    @Option(help: "Only submissions in this state (prepared, uploading, sent, acknowledged, rejected, accepted, accepted-with-anomalies, failed, cancelled).")
    var state: String?

    func run() async throws {
        let (_, journal) = try await options.loadWithJournal()
        if let state {
            guard let parsed = SubmissionState(rawValue: state) else { throw ValidationError("unknown state \(state)") }
            print(submissionTable(try journal.submissions(in: [parsed])))
            return
        }
        let exports = try journal.exports()
        if exports.isEmpty { print("nothing received yet"); return }
        let submissions = Dictionary(grouping: try journal.submissions(), by: \.exportID)
        print(TextTable.render(
            header: ["EXPORT", "FILE", "STATE", "OUTCOME"],
            rows: exports.map { export in
                let own = submissions[export.id ?? 0] ?? []
                let outcome = own.isEmpty
                    ? (export.detail ?? "")
                    : own.map { "#\($0.id ?? 0) \($0.state.rawValue)" }.joined(separator: ", ")
                return [String(export.id ?? 0), export.sourceFile, export.state.rawValue, outcome]
            }))
        let all = submissions.values.flatMap { $0 }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        if !all.isEmpty { print(""); print(submissionTable(all)) }
    }

    private func submissionTable(_ submissions: [SubmissionRecord]) -> String {
        if submissions.isEmpty { return "no submissions" }
        return TextTable.render(
            header: ["ID", "EXPORT", "NAME", "PARTS", "RECORDS", "STATE", "UPDATED"],
            rows: submissions.map {
                [String($0.id ?? 0), String($0.exportID), $0.goName, String($0.parts), String($0.recordCount),
                 $0.state.rawValue, $0.updatedAt.formatted(.iso8601)]
            })
    }
}
