import ArgumentParser
import Foundation
import Journal

/// One submission's whole story: files, state and every event.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a submission's files and history.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "A submission id, one of its file names (GO, FI or FS), or the platform's ticket.") var what: String
    @Flag(help: "One JSON document (stable snake_case fields; see the README).") var json = false

    func run() async throws {
        let (settings, journal) = try await options.loadWithJournal()
        guard let submission = try Self.find(what, in: journal), let id = submission.id else {
            throw ValidationError("no submission \(what) in \(settings.journalPath) (an id, a GO, FI or FS name, or a ticket)")
        }
        let export = try journal.export(submission.exportID)
        if json {
            return try JSONReport.print(JSONReport.Show(
                submission: JSONReport.Submission(submission), export: export.map(JSONReport.Export.init),
                files: try journal.files(of: id).map(\.name),
                anomalies: try journal.anomalies(of: id).map(JSONReport.Anomaly.init),
                answers: try journal.answers(submissionID: id).map {
                    JSONReport.Answer(name: $0.name, state: $0.state.rawValue, type: $0.type, platformSignature: $0.signature)
                },
                history: try journal.events(submissionID: id).map {
                    JSONReport.Event(at: $0.at, from: $0.fromState, to: $0.toState, detail: $0.detail)
                }))
        }
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
                var head = "  \(anomaly.errorID) [\(anomaly.anomalyClass ?? "?")]"
                if let tag = anomaly.tagName { head += " \(tag)" }
                if let value = anomaly.value { head += " = \(value)" }
                print(head + (anomaly.label.map { ": \($0)" } ?? ""))
                var place: [String] = []
                if let line = anomaly.fiLine { place.append("FI line \(line)" + (anomaly.fiColumn.map { " column \($0)" } ?? "")) }
                if let position = anomaly.recordPosition { place.append("record \(position)") }
                if let line = anomaly.exportLine { place.append("\(export?.sourceFile ?? "export") line \(line)") }
                print("      at " + (place.isEmpty ? "not located" : place.joined(separator: ", ")))
                if let path = anomaly.path { print("      keys: \(path)") }
                if let correction = anomaly.systemCorrection { print("      corrected by the platform: \(correction)") }
            }
        }
        let answers = try journal.answers(submissionID: id)
        if !answers.isEmpty {
            print("answers:")
            for answer in answers {
                print("  \(answer.name)  \(answer.state.rawValue)  platform signature: \(answer.signature ?? "none")")
            }
        }
        print("history:")
        for event in try journal.events(submissionID: id) {
            let from = event.fromState.map { "\($0) -> " } ?? ""
            print("  \(event.at.formatted(.iso8601))  \(from)\(event.toState)\(event.detail.map { ": \($0)" } ?? "")")
        }
    }

    /// By id, by one of its file names, or by ticket, in that order.
    static func find(_ what: String, in journal: Journal) throws -> SubmissionRecord? {
        if let id = Int64(what), let found = try journal.submission(id) { return found }
        if let (found, _) = try journal.submission(withFileNamed: what) { return found }
        return try journal.submission(withTicket: what)
    }
}
