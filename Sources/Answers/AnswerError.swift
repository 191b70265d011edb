import SafeXML

/// Why an answer file could not be read as an ACRF or NOTIFICATION. Each case names the file and,
/// where known, the line and element, so a person can open the kept file at the right place.
public enum AnswerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Refused by the safe parser: malformed, DOCTYPE or entity, too large, too deep, or unreadable.
    case refusedXML(XMLError)
    /// The root element is neither `ACRF` nor `NOTIFICATION`.
    case unknownRoot(document: String, name: String, line: Int)
    /// A required element is absent.
    case missingElement(document: String, element: String, within: String, line: Int)
    /// An element holds a value outside what the answer format allows.
    case invalidValue(document: String, element: String, value: String, expected: String, line: Int)

    public var description: String {
        switch self {
        case .refusedXML(let error):
            return error.description
        case .unknownRoot(let document, let name, let line):
            return "\(document):\(line): root element <\(name)> is not an answer this daemon reads (expected ACRF or NOTIFICATION)"
        case .missingElement(let document, let element, let within, let line):
            return "\(document):\(line): <\(within)> has no <\(element)>"
        case .invalidValue(let document, let element, let value, let expected, let line):
            return "\(document):\(line): <\(element)> is \"\(value)\", expected \(expected)"
        }
    }
}
