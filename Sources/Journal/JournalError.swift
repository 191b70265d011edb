/// Why the journal refused a request.
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(String)
    case forbiddenTransition(submission: Int64, from: SubmissionState, to: SubmissionState)
    case forbiddenExportTransition(export: Int64, from: ExportState, to: ExportState)
    case sequencesExhausted(sender: String, nameDate: String, environment: String)
    /// The export is no longer waiting for conversion: someone else converted or set it aside.
    case notPending(export: Int64, state: ExportState)

    public var description: String {
        switch self {
        case .notFound(let what):
            return "\(what) is not in the journal"
        case .forbiddenTransition(let id, let from, let to):
            return "submission \(id) cannot go from \(from.rawValue) to \(to.rawValue)"
        case .forbiddenExportTransition(let id, let from, let to):
            return "export \(id) cannot go from \(from.rawValue) to \(to.rawValue) (only a received export moves, once)"
        case .sequencesExhausted(let sender, let date, let env):
            return "all 99999 sequence numbers of sender \(sender) for \(date) (\(env)) are used; wait for the next day"
        case .notPending(let id, let state):
            return "export \(id) is already \(state.rawValue) (by another fladaemon process?): nothing was prepared again; "
                + "see `fladaemon status`"
        }
    }
}
