import BatchFormat
import Identifiers

/// What a record asks of the platform for the exporter's `record_id`.
public enum RecordAction: String, Sendable, CaseIterable {
    case create, update, delete
}

public enum DurationUnit: String, Sendable, CaseIterable {
    case hours, days
}

/// A joint committee code: `200`, `124.01` or `302.01.02`.
public struct JointCommittee: Hashable, Sendable, CustomStringConvertible {
    public let code: String

    public init?(_ text: some StringProtocol) {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count <= 3, groups[0].count == 3,
              groups.dropFirst().allSatisfy({ $0.count == 2 }),
              groups.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }) else { return nil }
        code = String(text)
    }

    public var description: String { code }
}

/// Training rights ("droits de formation") of one worker for one year.
public struct TrainingRight: Hashable, Sendable {
    public var niss: NISS
    public var employer: BCE
    public var onssNumber: ONSSNumber?
    public var year: Int
    public var days: DecimalValue
    public var jointCommittee: JointCommittee
    public var workFraction: DecimalValue?
    public var periodStart: CalendarDate?
    public var periodEnd: CalendarDate?
    public var recordID: String
    public var action: RecordAction

    public init(niss: NISS, employer: BCE, onssNumber: ONSSNumber? = nil, year: Int, days: DecimalValue,
                jointCommittee: JointCommittee, workFraction: DecimalValue? = nil,
                periodStart: CalendarDate? = nil, periodEnd: CalendarDate? = nil,
                recordID: String, action: RecordAction = .create) {
        self.niss = niss; self.employer = employer; self.onssNumber = onssNumber; self.year = year
        self.days = days; self.jointCommittee = jointCommittee; self.workFraction = workFraction
        self.periodStart = periodStart; self.periodEnd = periodEnd; self.recordID = recordID; self.action = action
    }
}

/// A training a worker followed ("formation suivie").
public struct TrainingFollowed: Hashable, Sendable {
    public var niss: NISS
    public var employer: BCE
    public var onssNumber: ONSSNumber?
    public var recordID: String
    public var action: RecordAction
    public var trainingName: String
    public var startDate: CalendarDate
    public var endDate: CalendarDate
    public var duration: DecimalValue
    public var durationUnit: DurationUnit
    public var followed: Bool
    public var certificate: Bool?
    public var countsForFLA: Bool
    public var provider: BCE?

    public init(niss: NISS, employer: BCE, onssNumber: ONSSNumber? = nil, recordID: String,
                action: RecordAction = .create, trainingName: String, startDate: CalendarDate,
                endDate: CalendarDate, duration: DecimalValue, durationUnit: DurationUnit, followed: Bool,
                certificate: Bool? = nil, countsForFLA: Bool = true, provider: BCE? = nil) {
        self.niss = niss; self.employer = employer; self.onssNumber = onssNumber; self.recordID = recordID
        self.action = action; self.trainingName = trainingName; self.startDate = startDate
        self.endDate = endDate; self.duration = duration; self.durationUnit = durationUnit
        self.followed = followed; self.certificate = certificate; self.countsForFLA = countsForFLA
        self.provider = provider
    }
}

/// One validated record of either kind.
public enum FLARecord: Hashable, Sendable {
    case trainingRight(TrainingRight)
    case trainingFollowed(TrainingFollowed)

    public var niss: NISS {
        switch self {
        case .trainingRight(let r): return r.niss
        case .trainingFollowed(let r): return r.niss
        }
    }

    public var employer: BCE {
        switch self {
        case .trainingRight(let r): return r.employer
        case .trainingFollowed(let r): return r.employer
        }
    }

    public var recordID: String {
        switch self {
        case .trainingRight(let r): return r.recordID
        case .trainingFollowed(let r): return r.recordID
        }
    }
}

/// A record with the place in the export it came from, so answers can be traced back to a line.
public struct SourcedRecord: Hashable, Sendable {
    public var record: FLARecord
    /// 1-based line of the export where the record starts (for XML, the element's line).
    public var line: Int
    /// What was changed in its values on the way into the FI (a line break folded, ...), for the report.
    public var warnings: [RecordProblem]

    public init(record: FLARecord, line: Int, warnings: [RecordProblem] = []) {
        self.record = record
        self.line = line
        self.warnings = warnings
    }
}
