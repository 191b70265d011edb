/// A named column-mapping profile for one vendor's CSV exports.
public struct ProfileSettings: Sendable, Hashable {
    public var name: String
    /// Canonical field name (`niss`, `employer_bce`, ...) to the vendor's header for it.
    public var columns: [String: String]
    /// Vendor columns to ignore instead of refusing the file.
    public var ignore: [String]

    public init(name: String, columns: [String: String] = [:], ignore: [String] = []) {
        self.name = name; self.columns = columns; self.ignore = ignore
    }
}
