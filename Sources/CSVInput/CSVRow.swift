/// One data row and the 1-based line of the file where it starts.
public struct CSVRow: Hashable, Sendable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
