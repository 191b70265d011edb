/// A non-negative decimal as exporters write it (`1.5`, `1,5`), kept exactly in thousandths.
///
/// Binary floating point would turn `0.1` days into a different number in the FI; Foundation's
/// Decimal is slow on a million rows. Three decimals is what day and hour counts need.
public struct DecimalValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let thousandths: Int64

    public init(thousandths: Int64) { self.thousandths = thousandths }

    /// Accepts digits with at most one `.` or `,` and at most three decimals; no sign, no exponent.
    public init?(parsing text: some StringProtocol) {
        var whole: Int64 = 0, fraction: Int64 = 0, fractionDigits = 0
        var seenSeparator = false, seenDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                let digit = Int64(byte - UInt8(ascii: "0"))
                if seenSeparator {
                    fractionDigits += 1
                    guard fractionDigits <= 3 else { return nil }
                    fraction = fraction * 10 + digit
                } else {
                    guard whole < 1_000_000_000 else { return nil }
                    whole = whole * 10 + digit
                }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !seenSeparator else { return nil }
                seenSeparator = true
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        while fractionDigits < 3 { fraction *= 10; fractionDigits += 1 }
        thousandths = whole * 1000 + fraction
    }

    /// Canonical XML decimal: `5`, `1.5`, `0.125`.
    public var description: String {
        let whole = thousandths / 1000, fraction = thousandths % 1000
        if fraction == 0 { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    public static func < (a: DecimalValue, b: DecimalValue) -> Bool { a.thousandths < b.thousandths }
    public static let zero = DecimalValue(thousandths: 0)
    public static let one = DecimalValue(thousandths: 1000)
}
