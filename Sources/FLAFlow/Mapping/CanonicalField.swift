/// A field of the canonical export (export-format.md), named as in the canonical CSV header.
public enum CanonicalField: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case niss
    case employerBCE = "employer_bce"
    case onssNumber = "onss_number"
    case recordID = "record_id"
    case action
    // Training rights.
    case year
    case days
    case jointCommittee = "joint_committee"
    case workFraction = "work_fraction"
    case periodStart = "period_start"
    case periodEnd = "period_end"
    // Trainings followed.
    case trainingName = "training_name"
    case startDate = "start_date"
    case endDate = "end_date"
    case duration
    case durationUnit = "duration_unit"
    case followed
    case certificate
    case countsForFLA = "counts_for_fla"
    case providerBCE = "provider_bce"

    public var description: String { rawValue }

    /// The kinds whose records carry this field.
    public var kinds: Set<RecordKind> {
        switch self {
        case .niss, .employerBCE, .onssNumber, .recordID, .action: return [.trainingRight, .trainingFollowed]
        case .year, .days, .jointCommittee, .workFraction, .periodStart, .periodEnd: return [.trainingRight]
        case .trainingName, .startDate, .endDate, .duration, .durationUnit, .followed, .certificate,
             .countsForFLA, .providerBCE:
            return [.trainingFollowed]
        }
    }

    /// Whether every record of `kind` needs a value.
    public func isRequired(for kind: RecordKind) -> Bool {
        guard kinds.contains(kind) else { return false }
        switch self {
        case .niss, .employerBCE, .recordID, .year, .days, .jointCommittee, .trainingName, .startDate, .endDate,
             .duration, .durationUnit, .followed:
            return true
        case .onssNumber, .action, .workFraction, .periodStart, .periodEnd, .certificate, .countsForFLA, .providerBCE:
            return false
        }
    }

    /// The fields of one kind, in canonical column order.
    public static func fields(of kind: RecordKind) -> [CanonicalField] {
        allCases.filter { $0.kinds.contains(kind) }
    }

    /// Dense index for per-row arrays (a switch, not a search: it runs for every field of every row).
    var ordinal: Int {
        switch self {
        case .niss: return 0
        case .employerBCE: return 1
        case .onssNumber: return 2
        case .recordID: return 3
        case .action: return 4
        case .year: return 5
        case .days: return 6
        case .jointCommittee: return 7
        case .workFraction: return 8
        case .periodStart: return 9
        case .periodEnd: return 10
        case .trainingName: return 11
        case .startDate: return 12
        case .endDate: return 13
        case .duration: return 14
        case .durationUnit: return 15
        case .followed: return 16
        case .certificate: return 17
        case .countsForFLA: return 18
        case .providerBCE: return 19
        }
    }
}
