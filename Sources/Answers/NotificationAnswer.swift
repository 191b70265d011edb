/// One `Form` of the platform's verdict on a form it handled (root `NOTIFICATION`).
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
    public var attestationStatus: Int?
    public var typeForm: String?
    /// `FileReference/FileName`s, when the platform quotes the file it handled (optional).
    public var fileNames: [String]
    /// `FileReference`'s origin and number, when present.
    public var fileReference: AnswerReference?
    /// `HandledOriginalForm`: which of our forms this is about.
    public var handledForm: OriginalFormReference?
    /// Every `Reference` (up to 4): origin 2 the platform's ticket, origin 1 our own reference quoted back.
    public var references: [AnswerReference]
    /// `HandledReference`.
    public var handledReference: AnswerReference?
    /// `EmployerId`: `NOSSRegistrationNbr` (or another employer number) and `CompanyID`.
    public var employer: [AnswerKeyValue]
    public var result: Result
    /// `Diagnosis` digits, in order.
    public var diagnoses: [Int]
    public var anomalies: [AnswerAnomaly]

    public init(identification: String? = nil, createdAt: String? = nil, attestationStatus: Int? = nil,
                typeForm: String? = nil, fileNames: [String] = [], fileReference: AnswerReference? = nil,
                handledForm: OriginalFormReference? = nil, references: [AnswerReference] = [],
                handledReference: AnswerReference? = nil, employer: [AnswerKeyValue] = [], result: Result,
                diagnoses: [Int] = [], anomalies: [AnswerAnomaly] = []) {
        self.identification = identification; self.createdAt = createdAt; self.attestationStatus = attestationStatus
        self.typeForm = typeForm; self.fileNames = fileNames; self.fileReference = fileReference
        self.handledForm = handledForm; self.references = references; self.handledReference = handledReference
        self.employer = employer; self.result = result; self.diagnoses = diagnoses; self.anomalies = anomalies
    }

    private var allReferences: [AnswerReference] {
        references + [handledReference, fileReference].compactMap { $0 }
    }

    /// The platform's ticket: the first reference of origin 2, wherever it is quoted.
    public var ticket: String? { allReferences.lazy.compactMap(\.ticket).first }

    /// Our own references quoted back (origin 1).
    public var senderReferences: [String] { allReferences.compactMap(\.senderReference) }

    /// Masks what may be personal data, so that interpolating a notification into a log is safe.
    public var description: String {
        "NOTIFICATION(result: \(result), form: \(handledForm?.formCreation ?? "?"), ticket: \(ticket ?? "?"), "
            + "\(anomalies.count) anomal\(anomalies.count == 1 ? "y" : "ies"))"
    }
}
