/// What a sequence number is unique within: one sender, one name date, one environment (code 133
/// refuses a name whose sender, date, sequence and environment were seen before, whatever its flow).
public struct SequenceKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let sender: String
    /// `YYYYMMDD`.
    public let nameDate: String
    /// The environment letter: R, T or S.
    public let environment: String

    public init(sender: String, nameDate: String, environment: String) {
        self.sender = sender
        self.nameDate = nameDate
        self.environment = environment
    }

    public static func < (lhs: SequenceKey, rhs: SequenceKey) -> Bool {
        (lhs.sender, lhs.nameDate, lhs.environment) < (rhs.sender, rhs.nameDate, rhs.environment)
    }

    public var description: String { "sender \(sender), \(nameDate), environment \(environment)" }
}
