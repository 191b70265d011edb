import Faults
import Glibc

/// A failed system call on a file, naming the file and the system's reason.
public struct FileSystemError: SystemFailure, Equatable, Sendable {
    public enum Operation: String, Sendable {
        case create, open, read, write, sync, publish, remove
    }

    public let operation: Operation
    public let path: String
    /// The `errno` value.
    public let code: Int32

    public init(_ operation: Operation, path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var systemCode: SystemCode { .errno(code) }

    /// The final name is already taken: nothing was overwritten.
    public var isAlreadyExists: Bool { code == EEXIST }

    public var description: String {
        if operation == .publish, isAlreadyExists { return "cannot publish \(path): a file with that name already exists" }
        return "cannot \(operation.rawValue) \(path): \(String(cString: strerror(code)))"
    }
}
