import Glibc

/// Writes to an open file descriptor, which the caller keeps owning (opens, fsyncs and closes).
public struct FileDescriptorSink: ByteSink {
    public struct WriteError: Error, Hashable, Sendable, CustomStringConvertible {
        public var code: Int32
        public var description: String { "write failed: \(String(cString: strerror(code)))" }
    }

    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(code: errno)
            }
            next += written
            remaining -= written
        }
    }
}
