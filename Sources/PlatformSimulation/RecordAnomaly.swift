/// One finding on one record of an accepted FI: an `AnomalyReport` of the NOTIFICATION.
public struct RecordAnomaly: Hashable, Sendable {
    /// The platform's anomaly classes (`B` blocking, `W` warning, ...).
    public enum AnomalyClass: String, Hashable, Sendable, CaseIterable {
        case blocking = "B"
        case penalty = "P"
        case nonPenalty = "NP"
        case doubtful = "D"
        case warning = "W"
        case information = "I"
        case nonBlocking = "NB"

        /// Whether the record is refused: one such anomaly makes the NOTIFICATION's ResultCode 0.
        public var isBlocking: Bool { self == .blocking }
    }

    /// The simulated checks. The ids follow the platform's `<zone>-<number>` shape; like the FLA
    /// anomaly list itself they are not public, so these are the simulator's own.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// `INSS` fails the NISS check digits or birth date.
        case invalidINSS
        /// `JointCommittee` starting with `999`: no such committee.
        case unknownJointCommittee
        /// `TrainingRight` with `Days` 0: accepted, but worth a look.
        case zeroTrainingDays

        public var errorID: String {
            switch self {
            case .invalidINSS: return "00011-155"
            case .unknownJointCommittee: return "00032-018"
            case .zeroTrainingDays: return "00058-004"
            }
        }

        public var tagName: String {
            switch self {
            case .invalidINSS: return "INSS"
            case .unknownJointCommittee: return "JointCommittee"
            case .zeroTrainingDays: return "Days"
            }
        }

        /// `AnomalyLabel`: the simulator's own words (the FLA anomaly list is not public).
        public var label: String {
            switch self {
            case .invalidINSS: return "The INSS is not a valid national number."
            case .unknownJointCommittee: return "The joint committee does not exist."
            case .zeroTrainingDays: return "The training right is zero days."
            }
        }

        public var anomalyClass: AnomalyClass {
            switch self {
            case .invalidINSS, .unknownJointCommittee: return .blocking
            case .zeroTrainingDays: return .warning
            }
        }
    }

    public var kind: Kind
    /// The offending value as found in the FI.
    public var value: String
    /// `/FLAOriginal/Form/Records/TrainingRight[2]`: the n-th element of that name among the records
    /// (the simulator's own summary; the answer carries the line and the record's keys).
    public var path: String
    /// The FI line of the offending element, as the platform's `AnomalyLocation/LineNbr` gives it.
    public var line: Int
    /// The record's keys, as the platform's `Path` quotes them: the worker's INSS and the employer's CompanyID.
    public var inss: String?
    public var companyID: String?

    public init(kind: Kind, value: String, path: String, line: Int = 0, inss: String? = nil, companyID: String? = nil) {
        self.kind = kind
        self.value = value
        self.path = path
        self.line = line
        self.inss = inss
        self.companyID = companyID
    }

    public var errorID: String { kind.errorID }
    public var tagName: String { kind.tagName }
    public var anomalyClass: AnomalyClass { kind.anomalyClass }
}
