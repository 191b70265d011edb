/// One finding of a schema validation: where, how serious, and libxml2's message.
public struct XMLDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case warning, error
        /// The document could not be read to the end (not well-formed, refused, unreadable).
        case fatal
    }

    public var severity: Severity
    public var document: String
    public var line: Int?
    public var message: String

    public init(_ severity: Severity, document: String, line: Int? = nil, message: String) {
        self.severity = severity
        self.document = document
        self.line = line
        self.message = message
    }

    init(_ error: XMLError) {
        self.init(.fatal, document: error.document, line: error.line, message: error.message)
    }

    /// `FI.xml:40: error: Element 'INSS': [facet 'pattern'] The value '123' is not accepted ...`
    public var description: String {
        var text = document
        if let line { text += ":\(line)" }
        return text + ": \(severity.rawValue): " + message
    }
}
