/// One reason an export, or one of its records, cannot be sent: file, line, field, value and why.
///
/// `value` is already safe to print: NISS values are masked where the problem is built.
public struct RecordProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var field: String?
    public var value: String?
    public var reason: String

    public init(file: String, line: Int? = nil, field: String? = nil, value: String? = nil, reason: String) {
        self.file = file; self.line = line; self.field = field; self.value = value; self.reason = reason
    }

    /// `payroll.csv:12: niss "*********53": check digits do not match`
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field {
            text += field
            if let value { text += " \"\(value)\"" }
            text += ": "
        }
        return text + reason
    }
}
