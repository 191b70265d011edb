/// The two kinds of FLA record. A CSV export holds one kind, recognised from its header.
public enum RecordKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Training rights ("droits de formation"), one per worker and year.
    case trainingRight = "training rights"
    /// Trainings followed ("formations suivies"), one per worker and training.
    case trainingFollowed = "trainings followed"

    public var description: String { rawValue }
}

extension FLARecord {
    public var kind: RecordKind {
        switch self {
        case .trainingRight: return .trainingRight
        case .trainingFollowed: return .trainingFollowed
        }
    }
}
