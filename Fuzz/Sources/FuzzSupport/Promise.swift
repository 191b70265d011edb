#if canImport(Glibc)
import Glibc
#endif

/// Stops the run when a reader breaks one of its promises: libFuzzer keeps the input as a crash.
public func promise(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatal("broken promise at \(file):\(line): \(message())") }
}

public func fatal(_ message: String) -> Never {
    let line = Array("\(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}

/// The number of lines of a text, as the readers count them (CR, LF and CRLF each end one):
/// a line a reader names is at most this plus one.
public func lineCount(_ data: UnsafeBufferPointer<UInt8>) -> Int {
    let size = data.count
    var lines = 1
    var index = 0
    while index < size {
        let byte = data[index]
        if byte == 13 {
            lines += 1
            if index + 1 < size, data[index + 1] == 10 { index += 1 }
        } else if byte == 10 {
            lines += 1
        }
        index += 1
    }
    return lines
}
