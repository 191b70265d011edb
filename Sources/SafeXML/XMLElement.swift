/// An element of a small document read whole (an ACRF or NOTIFICATION answer, a test fixture).
public struct XMLElement: Hashable, Sendable {
    public var name: String
    public var namespaceURI: String?
    public var attributes: [XMLAttribute]
    /// The element's own character data (not its descendants'), white-space-only pieces left out.
    public var text: String
    public var children: [XMLElement]
    /// 1-based line of the start tag.
    public var line: Int

    public init(name: String, namespaceURI: String? = nil, attributes: [XMLAttribute] = [], text: String = "",
                children: [XMLElement] = [], line: Int) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.text = text
        self.children = children
        self.line = line
    }

    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The first child element with that name.
    public func child(_ name: String) -> XMLElement? {
        children.first { $0.name == name }
    }

    public func children(named name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// Follows child names from this element: `answer.descendant("Form", "ReceptionResult", "ResultCode")`.
    public func descendant(_ path: String...) -> XMLElement? {
        var current = self
        for name in path {
            guard let next = current.child(name) else { return nil }
            current = next
        }
        return current
    }

    /// The text of `child(name)`, trimmed of XML white space; nil when the child is absent.
    public func childText(_ name: String) -> String? {
        child(name).map { $0.text.trimmingXMLWhitespace() }
    }
}

extension String {
    /// Drops leading and trailing space, tab, CR and LF (the XML white space characters).
    public func trimmingXMLWhitespace() -> String {
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        while start < end, isXMLWhitespace(bytes[start]) { start += 1 }
        while end > start, isXMLWhitespace(bytes[end - 1]) { end -= 1 }
        if start == 0 && end == bytes.count { return self }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

@inline(__always)
func isXMLWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}
