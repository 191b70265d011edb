/// A writer refused to produce XML that would be invalid or would not read back as written.
public enum XMLWriterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text holds a character XML 1.0 forbids (a control character other than tab, LF, CR; U+FFFE; U+FFFF).
    case illegalCharacter(UInt32, element: String)
    case invalidName(String)
    /// `endElement` with nothing open, `finish` with elements still open, or writing after `finish`.
    case unbalanced(String)

    public var description: String {
        switch self {
        case .illegalCharacter(let scalar, let element):
            let hex = String(scalar, radix: 16, uppercase: true)
            return "<\(element)>: character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) is not allowed in XML 1.0"
        case .invalidName(let name): return "\"\(name)\" is not an XML name this writer accepts"
        case .unbalanced(let detail): return detail
        }
    }
}
