/// Why a text is not a valid Belgian identifier; phrased for a payroll clerk.
public enum IdentifierError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case invalidCharacters
    case wrongLength(expected: Int, found: Int)
    case badCheckDigits
    case impossibleBirthDate
    /// The check digits are those of a birth from 2000 on, and that birth date has not come yet.
    case birthDateInFuture
    case badFirstDigit

    public var description: String {
        switch self {
        case .empty: return "is empty"
        case .invalidCharacters: return "contains characters other than digits and separators"
        case .wrongLength(let expected, let found): return "has \(found) digits, expected \(expected)"
        case .badCheckDigits: return "check digits do not match"
        case .impossibleBirthDate: return "birth date part is impossible"
        case .birthDateInFuture:
            return "check digits give a birth date in the future (they fit only a birth from 2000 on): check the number"
        case .badFirstDigit: return "must start with 0 or 1"
        }
    }
}

/// Strips the separators exporters use (`.`, `-`, space, `/`) and keeps only ASCII digits.
func normalizedDigits(_ text: String) throws(IdentifierError) -> [UInt8] {
    var digits: [UInt8] = []
    digits.reserveCapacity(12)
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "/"): continue
        default: throw .invalidCharacters
        }
    }
    if digits.isEmpty { throw .empty }
    return digits
}

/// The value of `digits` read as a decimal number, modulo 97.
func mod97(_ digits: some Sequence<UInt8>, prefix: UInt64 = 0) -> UInt64 {
    var value = prefix
    for digit in digits { value = (value * 10 + UInt64(digit)) % 97 }
    return value
}

func digitString(_ digits: [UInt8]) -> String {
    String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
}
