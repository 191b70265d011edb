extension XMLElement {
    init(_ tag: XMLStartTag) {
        self.init(name: tag.name, namespaceURI: tag.namespaceURI, attributes: tag.attributes, line: tag.line)
    }

    /// Parses a small document whole, with the same safety as `XMLStreamReader`, and returns its root.
    public static func parse(_ bytes: [UInt8], documentName: String,
                             limits: XMLParsingLimits = .smallDocuments) throws(XMLError) -> XMLElement {
        try parse(XMLStreamReader(bytes: bytes, documentName: documentName, limits: limits))
    }

    /// Reads a small file whole; see `parse(_:documentName:limits:)`.
    public static func parse(fileAt path: String, limits: XMLParsingLimits = .smallDocuments) throws(XMLError) -> XMLElement {
        try parse(XMLStreamReader(fileAt: path, limits: limits))
    }

    private static func parse(_ reader: XMLStreamReader) throws(XMLError) -> XMLElement {
        var root: XMLElement?
        while let event = try reader.next() {
            // Text outside the root cannot occur (libxml2 rejects it); comments and PIs are not events.
            if case .startElement(let tag) = event, root == nil { root = try reader.readElement(tag) }
        }
        guard let root else {
            throw XMLError(.malformed, document: reader.document, message: "the document has no root element")
        }
        return root
    }
}
