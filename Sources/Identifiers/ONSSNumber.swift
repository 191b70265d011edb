/// An employer's ONSS / RSZ registration number: 9 digits whose value mod 97 is 96.
public struct ONSSNumber: Hashable, Sendable, CustomStringConvertible {
    public let digits: String

    public init(validating text: String) throws(IdentifierError) {
        let d = try normalizedDigits(text)
        guard d.count == 9 else { throw .wrongLength(expected: 9, found: d.count) }
        guard mod97(d) == 96 else { throw .badCheckDigits }
        digits = digitString(d)
    }

    public var description: String { digits }
}
