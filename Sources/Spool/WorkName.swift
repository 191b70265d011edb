import Foundation
import Glibc

/// The name a claimed export gets in `work/`: `<UTC time>-<random>-<original name>`, e.g.
/// `20260115T101500Z-3fa9c2-payroll.csv`. Unique even when the same name arrives twice in one
/// second, sortable by arrival, and the original name can be read back after a crash.
struct WorkName: Hashable, Sendable {
    let text: String
    /// The name as the exporter dropped it (shortened if the whole would exceed NAME_MAX).
    let sourceName: String
    let claimedAt: Date?

    init(sourceName: String, claimedAt: Date = Date()) {
        let stamp = Self.stamp(claimedAt)
        let random = (0..<3).map { _ in String(UInt8.random(in: 0...255), radix: 16) }
            .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        let prefix = "\(stamp)-\(random)-"
        let fitted = NameLength.fit(sourceName, reserving: prefix.utf8.count)
        text = prefix + fitted
        self.sourceName = fitted
        // Whole seconds: what the name can carry back after a crash.
        self.claimedAt = Self.date(stamp)
    }

    /// Reads a name found in `work/`; a name not made by intake is taken whole as the source name.
    init(parsing name: String) {
        text = name
        let parts = name.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, parts[1].count == 6, parts[1].allSatisfy(\.isHexDigit), !parts[2].isEmpty,
           let date = Self.date(String(parts[0])) {
            sourceName = String(parts[2])
            claimedAt = date
        } else {
            sourceName = name
            claimedAt = nil
        }
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC.
    static func stamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }

    static func date(_ stamp: String) -> Date? {
        let bytes = Array(stamp.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int32(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900; parts.tm_mon = month - 1; parts.tm_mday = day
        parts.tm_hour = hour; parts.tm_min = minute; parts.tm_sec = second
        let seconds = timegm(&parts)
        return seconds == -1 ? nil : Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// Keeps generated file names within NAME_MAX bytes.
enum NameLength {
    static let maximum = Int(NAME_MAX)

    /// `name` unchanged when `reserving` more bytes still fit; otherwise its start and its extension,
    /// cut on a character boundary.
    static func fit(_ name: String, reserving: Int) -> String {
        let budget = max(1, maximum - reserving)
        guard name.utf8.count > budget else { return name }
        var ext = ""
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            ext = String(name[dot...])
            if ext.utf8.count > budget / 2 { ext = "" }
        }
        var head = ""
        for character in name {
            if head.utf8.count + character.utf8.count + ext.utf8.count > budget { break }
            head.append(character)
        }
        return head + ext
    }
}
