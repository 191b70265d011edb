import COpenSSL

/// A failed OpenSSL call, with the library's own error queue turned into readable lines.
public struct OpenSSLError: Error, Sendable, CustomStringConvertible {
    /// What we were doing, e.g. `reading private key /etc/fla/key.pem`.
    public let operation: String
    /// OpenSSL's messages, oldest first (`error:...:lib:func:reason:detail`).
    public let details: [String]

    public init(operation: String, details: [String]) {
        self.operation = operation
        self.details = details
    }

    /// Drains this thread's OpenSSL error queue into an error for `operation`.
    public static func drain(_ operation: String) -> OpenSSLError {
        OpenSSLError(operation: operation, details: drainQueue())
    }

    public var description: String {
        details.isEmpty ? "\(operation) failed" : "\(operation) failed: \(details.joined(separator: "; "))"
    }

    /// The queue is per thread; we empty it fully so an old error never shows up in a later message.
    static func drainQueue() -> [String] {
        var lines: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            var data: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 { break }
            ERR_error_string_n(code, &buffer, buffer.count)
            var line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if flags & ERR_TXT_STRING != 0, let data, data.pointee != 0 {
                line += " (\(String(cString: data)))"
            }
            if lines.count < 16 { lines.append(line) }
        }
        return lines
    }
}
