/// Which names in `incoming/` intake leaves alone: files still being written by a tool that renames
/// them when done, editor leftovers, and hidden files.
public struct IntakeFilter: Sendable, Hashable {
    /// Compared without regard to case (`.TMP` from Windows tools counts).
    public var ignoredSuffixes: [String]

    public static let defaultIgnoredSuffixes = [".tmp", ".part", ".filepart", ".swp", "~"]

    public init(ignoredSuffixes: [String] = IntakeFilter.defaultIgnoredSuffixes) {
        self.ignoredSuffixes = ignoredSuffixes.map { $0.lowercased() }
    }

    /// Whether intake must not take this entry of `incoming/`.
    public func ignores(_ name: String, isDirectory: Bool = false) -> Bool {
        if isDirectory || name.isEmpty || name.hasPrefix(".") || name.contains("/") { return true }
        let lowered = name.lowercased()
        return ignoredSuffixes.contains { lowered.hasSuffix($0) }
    }
}
