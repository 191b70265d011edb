/// An error that carries what the system answered, so that `MachineCondition` can tell a condition of
/// the machine from a fault of one file without each module deciding for itself.
public protocol SystemFailure: Error, CustomStringConvertible {
    var systemCode: SystemCode { get }
    /// The operator's text: what failed and what the system said.
    var failureText: String { get }
}

extension SystemFailure {
    public var failureText: String { description }
}

/// What a failed call was told: an `errno` value, or a SQLite primary result code.
public enum SystemCode: Sendable, Hashable {
    case errno(Int32)
    case sqlite(Int32)
}
