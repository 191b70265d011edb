/// A configuration that cannot be used, with the key at fault and what is expected.
public struct SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var source: String
    public var key: String?
    public var problem: String

    public init(source: String, key: String? = nil, problem: String) {
        self.source = source; self.key = key; self.problem = problem
    }

    public var description: String {
        if let key { return "configuration \(source): \(key): \(problem)" }
        return "configuration \(source): \(problem)"
    }
}
