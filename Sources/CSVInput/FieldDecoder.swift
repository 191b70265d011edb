/// Turns the raw bytes of one field into a `String`, once per field: ASCII and valid UTF-8 are copied
/// as they are; Windows-1252 is transcoded by table into a reused scratch buffer. Only fields that hold
/// a byte >= 0x80 are validated or transcoded at all.
struct FieldDecoder {
    let encoding: CSVEncoding
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    init(encoding: CSVEncoding) {
        self.encoding = encoding
        scratchCapacity = 4096
        scratch = .allocate(capacity: scratchCapacity)
    }

    /// Frees the scratch buffer (the owner calls this once, from its `deinit`).
    func deallocate() { scratch.deallocate() }

    /// Where the first byte the encoding rejects sits in `bytes`, and why; nil when all of it decodes.
    func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, kind: CSVInputError.Kind)? {
        var index = 0
        switch encoding {
        case .utf8:
            while index < bytes.count {
                if bytes[index] < 0x80 { index += 1; continue }
                guard case .valid(let length) = UTF8Sequence.check(bytes, at: index) else {
                    return (index, .invalidUTF8)
                }
                index += length
            }
        case .windows1252:
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x80, Windows1252.utf8Table[Int(byte) - 0x80] == 0 {
                    return (index, .undefinedWindows1252Byte(byte))
                }
                index += 1
            }
        }
        return nil
    }

    /// The text of bytes already checked by `firstProblem` (or known to be ASCII when `hasHighBytes` is false).
    mutating func string(from bytes: UnsafeBufferPointer<UInt8>, hasHighBytes: Bool) -> String {
        guard hasHighBytes, encoding == .windows1252 else { return String(decoding: bytes, as: UTF8.self) }
        // Each byte becomes at most 3 UTF-8 bytes.
        let needed = bytes.count * 3
        if needed > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = max(needed, scratchCapacity * 2)
            scratch = .allocate(capacity: scratchCapacity)
        }
        var out = 0
        Windows1252.utf8Table.withUnsafeBufferPointer { table in
            for byte in bytes {
                if byte < 0x80 {
                    scratch[out] = byte
                    out += 1
                    continue
                }
                let packed = table[Int(byte) - 0x80]
                let length = Int(packed >> 24)
                scratch[out] = UInt8(truncatingIfNeeded: packed)
                if length > 1 { scratch[out + 1] = UInt8(truncatingIfNeeded: packed >> 8) }
                if length > 2 { scratch[out + 2] = UInt8(truncatingIfNeeded: packed >> 16) }
                out += length
            }
        }
        return String(decoding: UnsafeBufferPointer(start: scratch, count: out), as: UTF8.self)
    }
}
