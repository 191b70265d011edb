/// Bounds that keep a hostile or broken document from exhausting memory or time.
public struct XMLParsingLimits: Hashable, Sendable {
    /// Deepest element nesting accepted; the root element is at depth 0.
    public var maxDepth: Int
    /// Largest document accepted, in bytes.
    public var maxBytes: Int
    /// Largest single text (the content between two tags), in bytes.
    public var maxTextBytes: Int

    public init(maxDepth: Int = 64, maxBytes: Int, maxTextBytes: Int = 1 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.maxTextBytes = maxTextBytes
    }

    /// For exports and formed FI files: a million records fit comfortably in 2 GiB.
    public static let largeDocuments = XMLParsingLimits(maxBytes: 2 << 30)
    /// For the platform's answers (ACRF, NOTIFICATION) and other documents read whole into memory.
    public static let smallDocuments = XMLParsingLimits(maxBytes: 16 << 20)
}
