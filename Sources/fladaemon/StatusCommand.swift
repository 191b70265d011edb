import ArgumentParser
import Foundation
import Journal
#if canImport(Glibc)
import Glibc
#endif

/// What an administrator looks at first: what needs a person, then every export, what became of it,
/// and its submissions.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List what needs attention, then exports and submissions with their state.")

    @OptionGroup var options: ConfigOption
    @Option(help: "Only exports or submissions in this state (exports: received, converted, duplicate, quarantined; submissions: prepared, uploading, sent, acknowledged, rejected, accepted, accepted-with-anomalies, failed, cancelled).")
    var state: String?
    @Option(help: "Only what changed on or after this day (YYYY-MM-DD).") var since: String?
    @Option(help: "Only exports whose file name matches this pattern (e.g. 'payroll-*.csv').") var source: String?
    @Flag(help: "One JSON document (stable snake_case fields; see the README).") var json = false

    func run() async throws {
        let (settings, journal) = try await options.loadWithJournal()
        let filter = try StatusFilter(state: state, since: since, source: source)
        let attention = try journal.attentionItems(acknowledgementDeadline: TimeInterval(settings.results.acknowledgementDeadlineHours) * 3600)
        if json { return try printJSON(journal, filter: filter, attention: attention) }
        printAttention(attention)
        var exports = try journal.exports().filter(filter.keeps)
        let kept = Set(exports.compactMap(\.id))
        let submissions = Dictionary(grouping: try journal.submissions().filter { kept.contains($0.exportID) && filter.keeps($0) },
                                     by: \.exportID)
        if filter.submissionState != nil { exports = exports.filter { submissions[$0.id ?? 0] != nil } }
        if exports.isEmpty { print(filter.isEmpty ? "nothing received yet" : "nothing matches"); return }
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

    private func printJSON(_ journal: Journal, filter: StatusFilter, attention items: [AttentionItem]) throws {
        var exports = try journal.exports().filter(filter.keeps)
        let kept = Set(exports.compactMap(\.id))
        let submissions = try journal.submissions().filter { kept.contains($0.exportID) && filter.keeps($0) }
        if filter.submissionState != nil {
            let withSubmissions = Set(submissions.map(\.exportID))
            exports = exports.filter { withSubmissions.contains($0.id ?? 0) }
        }
        let attention = items.map { JSONReport.Attention(kind: $0.kind.rawValue, name: $0.name, since: $0.since, reason: $0.reason) }
        let left = try journal.outEntries().filter { !$0.needsAttention }.map {
            JSONReport.OutEntry(folder: $0.folder, name: $0.name, reason: $0.reason)
        }
        try JSONReport.print(JSONReport.Status(needsAttention: attention, exports: exports.map(JSONReport.Export.init),
                                               submissions: submissions.map(JSONReport.Submission.init),
                                               leftInAnswerFolder: left))
    }

    /// What needs a person, first: until put right or marked handled with `fladaemon dismiss`.
    private func printAttention(_ items: [AttentionItem]) {
        guard !items.isEmpty else { return }
        print("needs attention (put it right, or mark it handled with `fladaemon dismiss NAME --note TEXT`):")
        print(TextTable.render(header: ["WHAT", "NAME", "SINCE", "WHY"],
                               rows: items.map { [$0.kind.rawValue, $0.name, $0.since.formatted(.iso8601), String($0.reason.prefix(160))] }))
        print("")
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

/// The filters of `status`: one state (of an export or a submission), a first day, a file name pattern.
struct StatusFilter {
    var exportState: ExportState?
    var submissionState: SubmissionState?
    var since: Date?
    var source: String?

    init(state: String?, since: String?, source: String?) throws {
        if let state {
            exportState = ExportState(rawValue: state)
            submissionState = SubmissionState(rawValue: state)
            guard exportState != nil || submissionState != nil else {
                throw ValidationError("unknown state \(state): see `fladaemon status --help`")
            }
        }
        if let since {
            guard let day = try? Date(since + "T00:00:00Z", strategy: .iso8601) else {
                throw ValidationError("--since \(since): expected a day as YYYY-MM-DD")
            }
            self.since = day
        }
        self.source = source
    }

    var isEmpty: Bool { exportState == nil && submissionState == nil && since == nil && source == nil }

    func keeps(_ export: ExportRecord) -> Bool {
        if let exportState, submissionState == nil, export.state != exportState { return false }
        if let since, export.updatedAt < since, submissionState == nil { return false }
        if let source, fnmatch(source, export.sourceFile, 0) != 0 { return false }
        return true
    }

    func keeps(_ submission: SubmissionRecord) -> Bool {
        if let submissionState, submission.state != submissionState { return false }
        if let since, submission.updatedAt < since { return false }
        return true
    }
}
