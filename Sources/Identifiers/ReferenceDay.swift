import Foundation

/// The day a NISS birth date must not come after. Callers that check many numbers take it once;
/// tests pass a fixed day so that they do not change meaning as years go by.
public struct ReferenceDay: Hashable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Today on the Belgian calendar, where the numbers are issued and checked.
    public static func today(now: Date = Date()) -> ReferenceDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Brussels") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return ReferenceDay(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Whether a birth date known only as far as it goes (month and day nil when unknown) lies after this day.
    func precedes(year: Int, month: Int?, day: Int?) -> Bool {
        if year != self.year { return year > self.year }
        guard let month else { return false }
        if month != self.month { return month > self.month }
        guard let day else { return false }
        return day > self.day
    }
}
