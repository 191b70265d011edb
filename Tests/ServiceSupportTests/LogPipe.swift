import Foundation
import Synchronization

/// A kernel pipe: a log handler writes into `writeEnd`, the test reads what arrived.
final class LogPipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32
    private let writeEndOpen = Mutex(true)

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        closeWriteEnd()
        close(readEnd)
    }

    /// Idempotent, so a descriptor number reused elsewhere is never closed by mistake.
    func closeWriteEnd() {
        writeEndOpen.withLock { open in
            if open { close(writeEnd) }
            open = false
        }
    }

    /// Reads until end of file, i.e. until the write end is closed.
    func readAll() -> String {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            collected.append(contentsOf: buffer[..<count])
        }
        return String(decoding: collected, as: UTF8.self)
    }

    /// Closes the write end and returns everything written so far.
    func finish() -> String {
        closeWriteEnd()
        return readAll()
    }
}
