/// An enterprise number (BCE / KBO): 10 digits, first digit 0 or 1.
public struct BCE: Hashable, Sendable, CustomStringConvertible {
    public let digits: String

    public init(validating text: String) throws(IdentifierError) {
        var d = try normalizedDigits(text)
        // Legacy 9-digit numbers get a leading 0.
        if d.count == 9 { d.insert(0, at: 0) }
        guard d.count == 10 else { throw .wrongLength(expected: 10, found: d.count) }
        guard d[0] <= 1 else { throw .badFirstDigit }
        let check = UInt64(d[8]) * 10 + UInt64(d[9])
        guard check == 97 - mod97(d[0..<8]) else { throw .badCheckDigits }
        digits = digitString(d)
    }

    public var description: String { digits }
}
