import CSystemd
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One journal entry, laid out as `NAME=value` fields back to back in a single buffer so that
/// sending it costs one buffer plus one stack-allocated iovec array.
struct JournalRecord {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(expectedFields: Int = 16) {
        bytes.reserveCapacity(256)
        ends.reserveCapacity(expectedFields)
    }

    /// `name` must already be a valid journald field name (see `JournalFieldName`).
    mutating func append(_ name: String, _ value: String) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: "="))
        bytes.append(contentsOf: value.utf8)
        ends.append(bytes.count)
    }

    /// The fields in order, for tests and diagnostics.
    var fields: [(name: String, value: String)] {
        var start = 0
        return ends.map { end in
            let field = bytes[start..<end]
            start = end
            let equals = field.firstIndex(of: UInt8(ascii: "=")) ?? end
            return (String(decoding: field[..<equals], as: UTF8.self),
                    String(decoding: field[min(equals + 1, end)...], as: UTF8.self))
        }
    }

    /// Hands the entry to journald over its native socket; returns 0 or a negative errno.
    /// Values may hold newlines: `sd_journal_sendv` switches to the binary field encoding itself.
    mutating func send() -> Int32 {
        let count = ends.count
        let ends = self.ends
        return bytes.withUnsafeMutableBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return -EINVAL }
            return withUnsafeTemporaryAllocation(of: iovec.self, capacity: count) { vectors -> Int32 in
                var start = 0
                for (index, end) in ends.enumerated() {
                    vectors[index] = iovec(iov_base: base + start, iov_len: end - start)
                    start = end
                }
                return sd_journal_sendv(vectors.baseAddress, Int32(count))
            }
        }
    }
}
