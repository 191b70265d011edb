/// `AnomalyLocation`: where in the file we sent the platform found an anomaly.
public struct AnomalyPlace: Hashable, Sendable {
    /// `LineNbr`: the line in our FI.
    public var line: Int?
    /// `ColumnNbr`.
    public var column: Int?
    /// `Location`: a path of element positions such as `1,1,8,4,13,3`.
    public var location: String?

    public init(line: Int?, column: Int? = nil, location: String? = nil) {
        self.line = line; self.column = column; self.location = location
    }
}
