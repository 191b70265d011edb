/// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
enum UTF8Sequence {
    enum Check: Equatable {
        /// A valid sequence of this many bytes.
        case valid(Int)
        /// Valid so far but cut by the end of the bytes at hand.
        case truncated
        case invalid
    }

    /// Checks the sequence that starts at `index` (whose lead byte is >= 0x80).
    @inline(__always)
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Check {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF   // range of the first continuation byte
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return .invalid
        }
        for offset in 1..<length {
            guard index + offset < bytes.count else { return .truncated }
            let byte = bytes[index + offset]
            let range = offset == 1 ? low...high : 0x80...0xBF
            guard range.contains(byte) else { return .invalid }
        }
        return .valid(length)
    }

    /// The length of the valid sequence at `index`, or nil (a truncated sequence counts as invalid).
    static func length(at bytes: UnsafeBufferPointer<UInt8>, index: Int) -> Int? {
        if case .valid(let length) = check(bytes, at: index) { return length }
        return nil
    }
}
