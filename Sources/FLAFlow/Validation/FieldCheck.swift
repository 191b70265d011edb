import BatchFormat
import Identifiers

/// Reads the fields of one row and collects a `RecordProblem` for each value that is missing or wrong.
struct FieldCheck {
    static let notDate = "is not a date: use YYYY-MM-DD or DD/MM/YYYY"
    static let notYear = "is not a year from \(ValueParser.years.lowerBound) to \(ValueParser.years.upperBound) (YYYY)"
    static let dateOutOfYears = "is not a date from \(ValueParser.years.lowerBound) to \(ValueParser.years.upperBound)"
    static let notDecimal = "is not a number (digits with at most 3 decimals after `.` or `,`)"
    static let notBoolean = "is not yes or no (yes/no, true/false, 1/0, oui/non, ja/nee)"

    let values: FieldValues
    let file: String
    let line: Int
    let columnNames: [CanonicalField: String]
    let today: ReferenceDay
    private(set) var problems: [RecordProblem] = []
    /// What was changed in a value on its way into the FI; the record is sent all the same.
    private(set) var warnings: [RecordProblem] = []
    private(set) var employer: BCE?
    private(set) var recordID: String?
    /// Values checked on earlier rows, handed from row to row by the reader.
    var recent: RecentValues

    init(values: FieldValues, file: String, line: Int, columnNames: [CanonicalField: String], today: ReferenceDay,
         recent: RecentValues = RecentValues()) {
        self.values = values
        self.file = file
        self.line = line
        self.columnNames = columnNames
        self.today = today
        self.recent = recent
    }

    struct Common {
        var niss: NISS
        var employer: BCE
        var onss: ONSSNumber?
        var recordID: String
        var action: RecordAction
    }

    /// The fields both kinds share.
    mutating func commonFields() -> Common? {
        // The memos are taken out of `self` while used: a closure may not capture `self` during a mutating call.
        var nissMemo = recent.niss, employerMemo = recent.employer, onssMemo = recent.onss
        let today = self.today
        let niss = requiredIdentifier(.niss) { text throws(IdentifierError) in
            try nissMemo.value(for: text) { text throws(IdentifierError) in try NISS(validating: text, today: today) }
        }
        employer = requiredIdentifier(.employerBCE) { text throws(IdentifierError) in
            try employerMemo.value(for: text) { text throws(IdentifierError) in try BCE(validating: text) }
        }
        let onss = optionalIdentifier(.onssNumber) { text throws(IdentifierError) in
            try onssMemo.value(for: text) { text throws(IdentifierError) in try ONSSNumber(validating: text) }
        }
        recent.niss = nissMemo
        recent.employer = employerMemo
        recent.onss = onssMemo
        recordID = required(.recordID, { Self.label($0, limit: RecordValidator.maxRecordIDLength, collapsingWhiteSpace: false)?.text },
                            "must be 1 to \(RecordValidator.maxRecordIDLength) characters, without line breaks, tabs or control characters")
        let action = optional(.action, ValueParser.action, "is not an action: use create, update or delete")
        guard let niss, let employer, let recordID else { return nil }
        return Common(niss: niss, employer: employer, onss: onss, recordID: recordID, action: action ?? .create)
    }

    /// Whether `text` has at most `limit` characters, counted as the schema counts them (code points);
    /// counting is needless when the text has no more bytes than that.
    static func fits(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count <= limit || text.unicodeScalars.count <= limit
    }

    /// A label as the FI carries it: white space runs (line breaks from a quoted CSV field included)
    /// become one space, ends trimmed; nil if empty, too long or holding another control character,
    /// which XML 1.0 cannot carry. `folded` tells whether a line break or tab was among the spaces folded.
    static func label(_ text: String, limit: Int, collapsingWhiteSpace: Bool) -> (text: String, folded: Bool)? {
        var needsWork = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F {
            guard collapsingWhiteSpace, byte == 0x09 || byte == 0x0A || byte == 0x0D else { return nil }
            needsWork = true
        }
        var result = text
        if needsWork || text.hasPrefix(" ") || text.hasSuffix(" ") || text.contains("  ") {
            guard collapsingWhiteSpace else { return nil }
            result = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                .joined(separator: " ")
        }
        guard !result.isEmpty, fits(result, limit) else { return nil }
        return (result, needsWork)
    }

    /// A free text (a training name), folded as `label` does; a line break or tab folded away is said in a
    /// warning, since the FI then differs from the export. Only then: the warning costs nothing otherwise.
    mutating func text(_ field: CanonicalField, limit: Int, _ reason: @autoclosure () -> String) -> String? {
        var folded = false
        let text = required(field, { text -> String? in
            let label = Self.label(text, limit: limit, collapsingWhiteSpace: true)
            folded = label?.folded ?? false
            return label?.text
        }, reason())
        if let text, folded {
            warnings.append(RecordProblem(file: file, line: line, field: name(field), value: Self.printable(text, of: field),
                                          reason: "held a line break or tab: it is sent with one space in its place"))
        }
        return text
    }

    func name(_ field: CanonicalField) -> String { columnNames[field] ?? field.rawValue }

    mutating func problem(_ field: CanonicalField, _ reason: @autoclosure () -> String) {
        problems.append(RecordProblem(file: file, line: line, field: name(field),
                                      value: values[field].map { Self.printable($0, of: field) }, reason: reason()))
    }

    /// The reason is an autoclosure: most values are fine, and building a message costs more than parsing.
    mutating func required<T>(_ field: CanonicalField, _ parse: (String) -> T?,
                              _ reason: @autoclosure () -> String) -> T? {
        guard let text = values[field] else {
            problems.append(RecordProblem(file: file, line: line, field: name(field), reason: "is required"))
            return nil
        }
        guard let value = parse(text) else { problem(field, reason()); return nil }
        return value
    }

    mutating func optional<T>(_ field: CanonicalField, _ parse: (String) -> T?,
                              _ reason: @autoclosure () -> String) -> T? {
        guard values[field] != nil else { return nil }
        return required(field, parse, reason())
    }

    /// A date, in the same years as `year` (`ValueParser.years`).
    mutating func date(_ field: CanonicalField, required isRequired: Bool) -> CalendarDate? {
        let date = isRequired ? required(field, ValueParser.date, Self.notDate)
                              : optional(field, ValueParser.date, Self.notDate)
        guard let date else { return nil }
        guard ValueParser.years.contains(date.year) else { problem(field, Self.dateOutOfYears); return nil }
        return date
    }

    mutating func requiredIdentifier<T>(_ field: CanonicalField,
                                        _ parse: (String) throws(IdentifierError) -> T) -> T? {
        guard let text = values[field] else {
            problems.append(RecordProblem(file: file, line: line, field: name(field), reason: "is required"))
            return nil
        }
        do { return try parse(text) } catch {
            problem(field, error.description)
            return nil
        }
    }

    mutating func optionalIdentifier<T>(_ field: CanonicalField,
                                        _ parse: (String) throws(IdentifierError) -> T) -> T? {
        guard values[field] != nil else { return nil }
        return requiredIdentifier(field, parse)
    }

    /// A value safe to print: NISS masked (in any field: some exporters use it as record id), long values cut.
    static func printable(_ text: String, of field: CanonicalField) -> String {
        if field == .niss { return maskedNISSText(text) }
        if text.utf8.count >= 11, text.filter(\.isNumber).count >= 11 { return maskedNISSText(text) }
        if text.count > 80 { return String(text.prefix(77)) + "..." }
        return text
    }
}
