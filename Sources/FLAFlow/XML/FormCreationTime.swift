import Foundation

/// The `FormCreationHour` of a form, `HH:MM:SS.mmm`. With the creation date it is how the platform's
/// NOTIFICATION names the form it answers, so every FI gets its own.
public struct FormCreationTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int
    public let second: Int
    public let millisecond: Int

    public init?(hour: Int, minute: Int, second: Int, millisecond: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              (0...999).contains(millisecond) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// `HH:MM:SS.mmm`, as in the FI and in the platform's answers.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 12, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: ":"),
              bytes[8] == UInt8(ascii: ".") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let h = number(0..<2), let m = number(3..<5), let s = number(6..<8), let ms = number(9..<12) else { return nil }
        self.init(hour: h, minute: m, second: s, millisecond: ms)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))"
    }

    public static func < (a: FormCreationTime, b: FormCreationTime) -> Bool {
        (a.hour, a.minute, a.second, a.millisecond) < (b.hour, b.minute, b.second, b.millisecond)
    }
}
