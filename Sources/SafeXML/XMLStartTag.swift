/// An element's start tag.
public struct XMLStartTag: Hashable, Sendable {
    /// The qualified name as written (`prefix:local` or `local`).
    public var name: String
    public var namespaceURI: String?
    public var attributes: [XMLAttribute]
    /// 0 for the root element.
    public var depth: Int
    /// 1-based line of the end of the start tag (where libxml2 reports an element).
    public var line: Int

    public init(name: String, namespaceURI: String? = nil, attributes: [XMLAttribute] = [], depth: Int, line: Int) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.depth = depth
        self.line = line
    }

    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

public struct XMLAttribute: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
