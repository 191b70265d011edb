import CSVInput

/// Reads a CSV export row by row into validated records.
///
/// The header is checked when the reader is made: unknown or missing columns, or a header whose record kind
/// cannot be told, throw before any row is read. A row with problems comes out as `.rejected` and reading
/// goes on; a malformed file (encoding, quoting, limits) throws from `next()` and ends the reading.
public struct CSVExportReader: ExportReader {
    public let file: String
    public let kind: RecordKind
    public let mapping: HeaderMapping
    public var encoding: CSVEncoding { source.encoding }
    public var delimiter: CSVDelimiter { source.delimiter }

    private var source: CSVSource
    private let validator: RecordValidator
    private var duplicates: DuplicateRecordDetector
    /// Reused from row to row (see `FieldValues.fill`).
    private var values = FieldValues()
    private var recentValues = RecentValues()

    public init(path: String, profile: ColumnProfile? = nil, displayName: String? = nil,
                limits: CSVLimits = .default,
                duplicates: DuplicateRecordDetector = DuplicateRecordDetector()) throws(RecordProblem) {
        self.duplicates = duplicates
        do {
            source = try CSVSource(path: path, displayName: displayName, limits: limits)
        } catch {
            throw Self.problem(error)
        }
        file = source.file
        mapping = try HeaderMapping(header: source.header, profile: profile, file: source.file, line: source.headerLine)
        kind = mapping.kind
        validator = RecordValidator(file: source.file, columnNames: mapping.columnNames)
    }

    public mutating func lateDuplicates() throws(RecordProblem) -> LateDuplicates {
        try duplicates.lateDuplicates(file: file)
    }

    public mutating func next() throws(RecordProblem) -> ExportItem? {
        while true {
            let row: CSVRow
            do {
                guard let next = try source.nextRow() else { return nil }
                row = next
            } catch where error.isRecoverable {
                return .rejected([Self.problem(error)])
            } catch {
                throw Self.problem(error)
            }
            // Spreadsheets leave rows of empty cells (`;;;;`) below the data: not records.
            if row.fields.allSatisfy({ FieldValues.trimmed($0) == nil }) { continue }
            return item(for: row)
        }
    }

    private mutating func item(for row: CSVRow) -> ExportItem {
        values.fill(row: row.fields, mapping: mapping)
        var outcome = validator.validate(values, kind: kind, line: row.line, recent: &recentValues)
        for index in mapping.unnamedColumns where FieldValues.trimmed(row.fields[index]) != nil {
            outcome.problems.append(RecordProblem(file: file, line: row.line, field: "column \(index + 1)",
                                                  reason: "has a value but no header name"))
        }
        if let employer = outcome.employer, let recordID = outcome.recordID,
           let earlier = duplicates.register(kind: kind, employer: employer, recordID: recordID, line: row.line) {
            outcome.problems.append(RecordProblem(
                file: file, line: row.line, field: mapping.columnName(of: .recordID),
                value: FieldCheck.printable(recordID, of: .recordID),
                reason: "is already used on line \(earlier) for employer \(employer)"))
        }
        guard outcome.problems.isEmpty, let record = outcome.record else { return .rejected(outcome.problems) }
        return .record(SourcedRecord(record: record, line: row.line, warnings: outcome.warnings))
    }

    static func problem(_ error: CSVInputError) -> RecordProblem {
        RecordProblem(file: error.file, line: error.line, reason: error.reason)
    }
}
