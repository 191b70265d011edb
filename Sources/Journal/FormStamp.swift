import Foundation

/// A form's creation date and hour as the FI carries them (`2026-11-23`, `10:51:02.123`), Belgian local time.
public struct FormStamp: Hashable, Sendable, CustomStringConvertible {
    /// Milliseconds of Belgian wall-clock time since 1970-01-01T00:00 (the zone offset already added).
    public let localMillis: Int64

    public init(localMillis: Int64) { self.localMillis = localMillis }

    public init(date: Date, zone: TimeZone = FormStamp.belgium) {
        let seconds = date.timeIntervalSince1970
        let offset = zone.secondsFromGMT(for: date)
        localMillis = Int64((seconds * 1000).rounded(.down)) + Int64(offset) * 1000
    }

    public static let belgium = TimeZone(identifier: "Europe/Brussels") ?? .gmt

    /// `YYYY-MM-DD`
    public var date: String {
        let days = Int(localMillis.floorDiv(86_400_000))
        let (y, m, d) = FormStamp.civil(fromDays: days)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// `HH:MM:SS.mmm`
    public var hour: String {
        let ms = Int(localMillis - localMillis.floorDiv(86_400_000) * 86_400_000)
        return String(format: "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }

    public var description: String { "\(date) \(hour)" }

    /// Howard Hinnant's civil_from_days.
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension Int64 {
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
