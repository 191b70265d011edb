/// Decides how a file is encoded before any row is read.
///
/// A byte order mark settles it. Otherwise the first non-ASCII byte is the evidence: if a valid UTF-8
/// sequence starts there the file is UTF-8, else Windows-1252. Deciding on the first non-ASCII byte (not on
/// a fixed-size prefix) matters because Windows-1252 exports are mostly ASCII: the first `é` may sit on row
/// 900,000. A pure-ASCII file is read as UTF-8 (the two agree on ASCII). The scan stops at the first
/// non-ASCII byte and walks ASCII eight bytes at a time, so it costs little even when it reads the whole file.
struct EncodingDetector {
    struct Result: Equatable {
        var encoding: CSVEncoding
        /// Bytes of byte order mark to skip (3 for a UTF-8 BOM, else 0).
        var byteOrderMarkLength: Int
    }

    static let chunkSize = 64 * 1024

    static func detect(path: String, readSize: Int = .max) throws(CSVInputError.Kind) -> Result {
        let file = try FileByteReader(path: path, readSize: readSize)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize + 4)
        defer { buffer.deallocate() }

        // Gather at least 4 bytes (or the whole file) to look for a byte order mark.
        var count = 0
        while count < 4 {
            let got = try file.read(into: buffer + count, capacity: chunkSize - count)
            if got == 0 { break }
            count += got
        }
        let head = Array(UnsafeBufferPointer(start: buffer, count: min(count, 4)))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return Result(encoding: .utf8, byteOrderMarkLength: 3) }
        if let mark = WideByteOrderMark(startOf: head) { throw .unsupportedEncoding(mark) }

        var start = 0
        while true {
            if let index = firstNonASCII(buffer + start, count: count - start) {
                let at = start + index
                // A UTF-8 sequence is at most 4 bytes: top up the buffer if it was cut at the chunk end.
                if count - at < 4 && !file.isAtEnd {
                    let kept = count - at
                    buffer.update(from: buffer + at, count: kept)
                    count = kept
                    start = 0
                    count += try file.read(into: buffer + count, capacity: chunkSize + 4 - count)
                    continue
                }
                let available = UnsafeBufferPointer(start: buffer + at, count: count - at)
                let isUTF8 = UTF8Sequence.length(at: available, index: 0) != nil
                return Result(encoding: isUTF8 ? .utf8 : .windows1252, byteOrderMarkLength: 0)
            }
            count = try file.read(into: buffer, capacity: chunkSize)
            start = 0
            if count == 0 { return Result(encoding: .utf8, byteOrderMarkLength: 0) }
        }
    }

    /// Index of the first byte >= 0x80, checking eight bytes per step.
    static func firstNonASCII(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int? {
        var index = 0
        let raw = UnsafeRawPointer(bytes)
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return index }
            index += 1
        }
        return nil
    }
}
