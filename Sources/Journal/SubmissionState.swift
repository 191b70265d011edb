import GRDB
/// Where a submission stands. Every change goes through `SubmissionState.allows(_:)`, the one
/// table of transitions, and is recorded as an event.
public enum SubmissionState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Files written, named and signed locally; nothing on the server yet.
    case prepared
    /// An upload attempt is under way (or was cut): the upload log says exactly what reached the server.
    case uploading
    /// GO written on the server: the platform owns the submission now.
    case sent
    /// The platform's ACRF accepted the file; the per-declaration answer is awaited.
    case acknowledged
    /// Refused by the platform (ACRF or NOTIFICATION): a new submission is needed.
    case rejected
    case accepted
    case acceptedWithAnomalies = "accepted-with-anomalies"
    /// Stopped for a permanent reason on our side (invalid data, authentication, host key...).
    case failed
    /// Withdrawn by an administrator (`fladaemon cancel`): a prepared one locally, a sent one by a TD file.
    case cancelled

    /// The transitions the daemon may make; anything else is a bug or a confused operator and is refused.
    public func allows(_ next: SubmissionState) -> Bool {
        switch (self, next) {
        case (.prepared, .uploading), (.prepared, .failed), (.prepared, .cancelled):
            return true
        // A retried attempt re-enters uploading; a crash leaves it there until the next attempt finishes it.
        case (.uploading, .uploading), (.uploading, .sent), (.uploading, .failed), (.uploading, .cancelled):
            return true
        // Answers may come out of order: a NOTIFICATION can be read before its ACRF.
        case (.sent, .acknowledged), (.sent, .rejected), (.sent, .accepted), (.sent, .acceptedWithAnomalies),
             (.sent, .cancelled), (.sent, .failed):
            return true
        case (.acknowledged, .accepted), (.acknowledged, .acceptedWithAnomalies), (.acknowledged, .rejected):
            return true
        // Received but not yet handled: a TD asks the platform to drop it.
        case (.acknowledged, .cancelled):
            return true
        default:
            return false
        }
    }

    /// What an administrator may do on top of the daemon's transitions: `fladaemon retry` puts a
    /// submission stopped on our side back to be sent once the cause is fixed (to prepared, or to
    /// uploading when part of it is on the server already). For the stages, `failed` stays a dead end.
    public func allowsByAdministrator(_ next: SubmissionState) -> Bool {
        allows(next) || (self == .failed && (next == .prepared || next == .uploading))
    }

    /// The platform has judged it (its records were taken, with or without anomalies, or refused).
    public var isAnswered: Bool { self == .accepted || self == .acceptedWithAnomalies || self == .rejected }

    /// No further transition: the submission's story is over.
    public var isFinal: Bool {
        switch self {
        case .rejected, .accepted, .acceptedWithAnomalies, .failed, .cancelled: return true
        case .prepared, .uploading, .sent, .acknowledged: return false
        }
    }
}
