/// Why an XML document was refused or could not be read: the document, the line when known, and why.
public struct XMLError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Not well-formed XML (syntax error, truncated document, bad encoding).
        case malformed
        /// The document declares a DOCTYPE: refused outright, so no DTD, entity or external reference is processed.
        case doctypeRefused
        /// A reference to an entity other than the five predefined ones.
        case entityRefused
        /// Elements nested deeper than the configured limit.
        case tooDeep
        /// The document, or one text in it, is larger than the configured limit.
        case tooLarge
        /// The file could not be opened or read.
        case unreadable
        /// The schema itself could not be read or compiled.
        case invalidSchema
    }

    public var kind: Kind
    /// The file path or the name given to an in-memory document.
    public var document: String
    /// 1-based line, when the parser knew it.
    public var line: Int?
    public var message: String

    public init(_ kind: Kind, document: String, line: Int? = nil, message: String) {
        self.kind = kind
        self.document = document
        self.line = line
        self.message = message
    }

    /// `export.xml:12: DOCTYPE declarations are not accepted`
    public var description: String {
        var text = document
        if let line { text += ":\(line)" }
        return text + ": " + message
    }
}
