/// One step through a document, in document order.
public enum XMLEvent: Hashable, Sendable {
    case startElement(XMLStartTag)
    /// Character data (text, CDATA, character and predefined entity references), merged between two tags.
    /// Text made only of XML white space is not reported.
    case text(String, line: Int)
    case endElement(name: String, depth: Int, line: Int)
}
