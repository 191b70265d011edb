/// Why the journal refused a request.
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(String)
    case forbiddenTransition(submission: Int64, from: SubmissionState, to: SubmissionState)
    case sequencesExhausted(sender: String, nameDate: String, environment: String)

    public var description: String {
        switch self {
        case .notFound(let what):
            return "\(what) is not in the journal"
        case .forbiddenTransition(let id, let from, let to):
            return "submission \(id) cannot go from \(from.rawValue) to \(to.rawValue)"
        case .sequencesExhausted(let sender, let date, let env):
            return "all 99999 sequence numbers of sender \(sender) for \(date) (\(env)) are used; wait for the next day"
        }
    }
}
