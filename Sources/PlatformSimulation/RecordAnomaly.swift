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
    /// `/FLAOriginal/Form/Records/TrainingRight[2]`: the n-th element of that name among the records.
    public var path: String

    public init(kind: Kind, value: String, path: String) {
        self.kind = kind
        self.value = value
        self.path = path
    }

    public var errorID: String { kind.errorID }
    public var tagName: String { kind.tagName }
    public var anomalyClass: AnomalyClass { kind.anomalyClass }
}
