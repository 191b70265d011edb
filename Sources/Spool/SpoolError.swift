import Faults
import Glibc

/// A failed file-system step of the spool, naming the file(s) and the system's reason.
public struct SpoolError: SystemFailure, Equatable, Sendable {
    public enum Operation: String, Sendable {
        case createFolder = "create folder"
        case list
        case inspect
        case claim
        case move
        case hash
        case writeReason = "write reason file"
        case watch
    }

    public let operation: Operation
    public let path: String
    /// The other end of a move or claim, when there is one.
    public let destination: String?
    /// The `errno` value.
    public let code: Int32

    public init(_ operation: Operation, path: String, destination: String? = nil, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.destination = destination
        self.code = code
    }

    public var systemCode: SystemCode { .errno(code) }

    public var description: String {
        let target = destination.map { " to \($0)" } ?? ""
        return "cannot \(operation.rawValue) \(path)\(target): \(String(cString: strerror(code)))"
    }
}
