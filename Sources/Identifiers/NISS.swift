/// A worker's national number (NISS / INSZ), or a BIS number.
///
/// Personal data: `description` is masked so that string interpolation into a log can never
/// leak it; use `digits` only where the number itself must be written (the FI document).
public struct NISS: Hashable, Sendable, CustomStringConvertible {
    /// The 11 digits, without separators.
    public let digits: String

    /// - Parameter today: the day the birth date must not come after (see `ReferenceDay`).
    public init(validating text: String, today: ReferenceDay = .today()) throws(IdentifierError) {
        let d = try normalizedDigits(text)
        guard d.count == 11 else { throw .wrongLength(expected: 11, found: d.count) }
        let check = UInt64(d[9]) * 10 + UInt64(d[10])
        let body = d[0..<9]
        // Born before 2000: 97 - (first 9 digits mod 97); from 2000 on, the same over "2" + those digits.
        // The two never agree (2 000 000 000 is not a multiple of 97), so the check digits pick the century.
        let century: Int
        switch check {
        case 97 - mod97(body): century = 1900
        case 97 - mod97(body, prefix: 2): century = 2000
        default: throw .badCheckDigits
        }
        var month = Int(d[2]) * 10 + Int(d[3])
        let day = Int(d[4]) * 10 + Int(d[5])
        // BIS numbers add 20 or 40 to the month; month and day may be 00 when unknown.
        if month >= 40 { month -= 40 } else if month >= 20 { month -= 20 }
        guard month <= 12, day <= 31 else { throw .impossibleBirthDate }
        // The century the check digits pick must not put the birth after today, as far as the date is known.
        let year = century + Int(d[0]) * 10 + Int(d[1])
        if today.precedes(year: year, month: month == 0 ? nil : month, day: month == 0 || day == 0 ? nil : day) {
            throw .birthDateInFuture
        }
        digits = digitString(d)
    }

    /// Whether the number is a BIS number (month shifted by 20 or 40).
    public var isBIS: Bool {
        let month = Int(digits.utf8.dropFirst(2).prefix(2).reduce(0) { $0 * 10 + Int($1 - 48) })
        return month >= 20
    }

    /// Only the two check digits stay visible: enough to tell two lines apart, useless to identify a person.
    public var masked: String { "*********" + String(digits.suffix(2)) }

    public var description: String { masked }
}

/// Masks anything that may be a NISS in a free text before it is logged (for values we could not parse).
public func maskedNISSText(_ text: String) -> String {
    let digits = text.filter(\.isNumber)
    if digits.count < 4 { return String(repeating: "*", count: text.count) }
    return String(repeating: "*", count: max(0, digits.count - 2)) + digits.suffix(2)
}
