/// The platform's verdict on one FI form it handled (root `NOTIFICATION`).
public struct NotificationAnswer: Hashable, Sendable, CustomStringConvertible {
    public enum Result: Int, Hashable, Sendable, CustomStringConvertible {
        /// NOK: the form is refused.
        case notOK = 0
        case ok = 1
        case proposal = 2
        case temporaryAnswer = 3
        case timeout = 4

        public var description: String {
            switch self {
            case .notOK: return "not OK"
            case .ok: return "OK"
            case .proposal: return "proposal"
            case .temporaryAnswer: return "temporary answer"
            case .timeout: return "timeout"
            }
        }
    }

    /// `Form/Identification`, normally `NOTI001`.
    public var identification: String?
    /// The notification's own creation, as written by the platform.
    public var createdAt: String?
    /// `FileReference/FileName`s, when the platform quotes the FI it handled.
    public var fileNames: [String]
    /// `HandledOriginalForm`: which of our forms this is about.
    public var handledForm: OriginalFormReference?
    /// `Reference`: the same ticket as the ACRF's `ReferenceNbr`.
    public var ticket: String?
    public var result: Result
    /// Free text; may quote personal data, so it is masked before it is stored or logged.
    public var diagnosis: String?
    public var anomalies: [AnswerAnomaly]

    public init(identification: String? = nil, createdAt: String? = nil, fileNames: [String] = [],
                handledForm: OriginalFormReference? = nil, ticket: String? = nil, result: Result,
                diagnosis: String? = nil, anomalies: [AnswerAnomaly] = []) {
        self.identification = identification; self.createdAt = createdAt; self.fileNames = fileNames
        self.handledForm = handledForm; self.ticket = ticket; self.result = result; self.diagnosis = diagnosis
        self.anomalies = anomalies
    }

    /// Masks what may be personal data, so that interpolating a notification into a log is safe.
    public var description: String {
        "NOTIFICATION(result: \(result), form: \(handledForm?.formCreation ?? "?"), ticket: \(ticket ?? "?"), "
            + "\(anomalies.count) anomal\(anomalies.count == 1 ? "y" : "ies"))"
    }
}
