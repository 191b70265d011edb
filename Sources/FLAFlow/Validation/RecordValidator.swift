import BatchFormat
import Identifiers

/// Turns the field values of one row into a `TrainingRight` or `TrainingFollowed`, or into every problem the
/// row has (not just the first: a clerk fixes a line once). Shared by the CSV and XML readers.
public struct RecordValidator: Sendable {
    /// What one row gave: the record if it has no problem, and the employer and id when they parsed (for
    /// the duplicate check, which must also see rejected rows).
    public struct Outcome: Sendable {
        public var record: FLARecord?
        public var employer: BCE?
        public var recordID: String?
        public var problems: [RecordProblem]
        /// What was changed in the record's values on the way (see `SourcedRecord.warnings`).
        public var warnings: [RecordProblem]
    }

    public static let maxTrainingNameLength = 200
    public static let maxRecordIDLength = 100

    public let file: String
    /// The header text of each field, so problems name the column as the exporter wrote it.
    public let columnNames: [CanonicalField: String]
    /// The day no NISS birth date may come after: taken once per export, not once per row.
    public let today: ReferenceDay

    public init(file: String, columnNames: [CanonicalField: String] = [:], today: ReferenceDay = .today()) {
        self.file = file
        self.columnNames = columnNames
        self.today = today
    }

    public func validate(_ values: FieldValues, kind: RecordKind, line: Int) -> Outcome {
        var recent = RecentValues()
        return validate(values, kind: kind, line: line, recent: &recent)
    }

    /// Validates one row of a reader that carries `recent` from row to row, so repeated values (the
    /// employer of every row, a worker on consecutive rows) are checked once.
    func validate(_ values: FieldValues, kind: RecordKind, line: Int, recent: inout RecentValues) -> Outcome {
        var check = FieldCheck(values: values, file: file, line: line, columnNames: columnNames, today: today,
                               recent: recent)
        let record: FLARecord?
        switch kind {
        case .trainingRight: record = trainingRight(&check).map(FLARecord.trainingRight)
        case .trainingFollowed: record = trainingFollowed(&check).map(FLARecord.trainingFollowed)
        }
        recent = check.recent
        return Outcome(record: check.problems.isEmpty ? record : nil, employer: check.employer,
                       recordID: check.recordID, problems: check.problems, warnings: check.warnings)
    }

    private func trainingRight(_ check: inout FieldCheck) -> TrainingRight? {
        let common = check.commonFields()
        let year = check.required(.year, ValueParser.year, FieldCheck.notYear)
        let days = check.required(.days, { DecimalValue(parsing: $0) }, FieldCheck.notDecimal)
        if let days, days > DecimalValue(thousandths: 366_000) {
            check.problem(.days, "is more than the 366 days of a year")
        }
        var committeeMemo = check.recent.jointCommittee
        let committee = check.required(.jointCommittee, { committeeMemo.value(for: $0) { JointCommittee($0) } },
                                       "is not a joint committee code (like 200, 124.01 or 302.01.02)")
        check.recent.jointCommittee = committeeMemo
        let fraction = check.optional(.workFraction, { DecimalValue(parsing: $0) }, FieldCheck.notDecimal)
        if let fraction, fraction == .zero || fraction > .one {
            check.problem(.workFraction, "must be more than 0 and at most 1")
        }
        let start = check.date(.periodStart, required: false)
        let end = check.date(.periodEnd, required: false)
        if let year {
            for (field, date) in [(CanonicalField.periodStart, start), (.periodEnd, end)] {
                if let date, date.year != year { check.problem(field, "is not in year \(year)") }
            }
        }
        if let start, let end, end < start {
            let startName = check.name(.periodStart)
            check.problem(.periodEnd, "is before \(startName) \(start)")
        }

        guard let common, let year, let days, let committee else { return nil }
        return TrainingRight(niss: common.niss, employer: common.employer, onssNumber: common.onss, year: year,
                             days: days, jointCommittee: committee, workFraction: fraction, periodStart: start,
                             periodEnd: end, recordID: common.recordID, action: common.action)
    }

    private func trainingFollowed(_ check: inout FieldCheck) -> TrainingFollowed? {
        let common = check.commonFields()
        let name = check.text(.trainingName, limit: Self.maxTrainingNameLength,
                              "must be 1 to \(Self.maxTrainingNameLength) characters without control characters")
        let start = check.date(.startDate, required: true)
        let end = check.date(.endDate, required: true)
        if let start, let end, end < start {
            let startName = check.name(.startDate)
            check.problem(.endDate, "is before \(startName) \(start)")
        }
        let duration = check.required(.duration, { DecimalValue(parsing: $0) }, FieldCheck.notDecimal)
        if let duration, duration == .zero { check.problem(.duration, "must be more than 0") }
        let unit = check.required(.durationUnit, ValueParser.durationUnit, "is not a duration unit: use hours or days")
        let followed = check.required(.followed, ValueParser.boolean, FieldCheck.notBoolean)
        let certificate = check.optional(.certificate, ValueParser.boolean, FieldCheck.notBoolean)
        let counts = check.optional(.countsForFLA, ValueParser.boolean, FieldCheck.notBoolean)
        var providerMemo = check.recent.provider
        let provider = check.optionalIdentifier(.providerBCE) { text throws(IdentifierError) in
            try providerMemo.value(for: text) { text throws(IdentifierError) in try BCE(validating: text) }
        }
        check.recent.provider = providerMemo

        guard let common, let name, let start, let end, let duration, let unit, let followed else { return nil }
        return TrainingFollowed(niss: common.niss, employer: common.employer, onssNumber: common.onss,
                                recordID: common.recordID, action: common.action, trainingName: name,
                                startDate: start, endDate: end, duration: duration, durationUnit: unit,
                                followed: followed, certificate: certificate, countsForFLA: counts ?? true,
                                provider: provider)
    }
}
