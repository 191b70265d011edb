import ArgumentParser
import Foundation
import Journal

/// What an administrator looks at first: what needs a person, then every export, what became of it,
/// and its submissions.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List what needs attention, then exports and submissions with their state.")

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
        printAttention(journal)
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
        let left = try journal.outEntries().filter { !$0.needsAttention }
        if !left.isEmpty {
            print("")
            print("left in the answer folder (other applications' files; never touched):")
            print(TextTable.render(header: ["FOLDER", "NAME", "REASON"], rows: left.map { [$0.folder, $0.name, $0.reason] }))
        }
    }

    /// Answers and OUT files that need a person, until marked handled with `fladaemon dismiss`.
    private func printAttention(_ journal: Journal) {
        do {
            let answers = try journal.answersNeedingAttention()
            let entries = try journal.outEntries(needingAttentionOnly: true)
            guard !answers.isEmpty || !entries.isEmpty else { return }
            print("needs attention (mark each handled with `fladaemon dismiss NAME --note TEXT`):")
            var rows = answers.map { ["answer", $0.name, String(($0.detail ?? $0.signature ?? "").prefix(160))] }
            rows += entries.map { ["in \($0.folder)", $0.name, String($0.reason.prefix(160))] }
            print(TextTable.render(header: ["WHAT", "NAME", "WHY"], rows: rows))
            print("")
        } catch {
            print("needs attention: cannot be read from the journal: \(error)")
        }
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
