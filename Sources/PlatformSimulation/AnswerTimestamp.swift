import BatchFormat
import FLAFlow
import Foundation

/// When the platform made an answer, on the Belgian clock: `FormCreationDate` and `FormCreationHour`.
struct AnswerTimestamp: Hashable, Sendable {
    var date: CalendarDate
    var hour: FormCreationTime

    static func now(zone: TimeZone = TimeZone(identifier: "Europe/Brussels") ?? .gmt, at instant: Date = Date()) -> AnswerTimestamp {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: instant)
        let date = CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(year: 1970, month: 1, day: 1)!
        let hour = FormCreationTime(hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0,
                                    millisecond: min(999, (parts.nanosecond ?? 0) / 1_000_000))
            ?? FormCreationTime(hour: 0, minute: 0, second: 0, millisecond: 0)!
        return AnswerTimestamp(date: date, hour: hour)
    }
}
