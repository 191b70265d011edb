import Faults
import GRDB

/// SQLite's answer, for `MachineCondition` to tell a journal that cannot be written now from a faulty request.
extension DatabaseError: SystemFailure {
    public var systemCode: SystemCode { .sqlite(resultCode.primaryResultCode.rawValue) }
    /// SQLite's message without the statement, which says nothing to an operator.
    public var failureText: String { message ?? "\(resultCode)" }
}
