/// The dot-separated parts of a batch file name, for saying which one is wrong.
public enum BatchNamePart: String, Sendable, CaseIterable, CustomStringConvertible {
    case prefix
    /// The application code (`DMFA`, ...) or, in the platform's answers, the answer type (`ACRF`, `NOTI`).
    case flow
    case sender
    case date
    case sequence
    case environment
    case parts
    case part

    public var description: String { rawValue }
}

/// Why a batch file name was refused. Names come from the remote server too, so the message
/// never echoes unprintable bytes and never echoes more than a bounded prefix of the name.
public struct BatchNameError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case empty
        case tooLong(length: Int, limit: Int)
        case nonASCII(offset: Int)
        case controlCharacter(offset: Int)
        case pathSeparator(offset: Int)
        /// An ASCII character that never occurs in a batch name (lower case, space, punctuation).
        case unexpectedCharacter(Character, offset: Int)
        /// Two dots in a row, or a leading or trailing dot (this is where `..` ends up).
        case emptyPart(index: Int)
        case wrongPartCount(prefix: String, expected: [Int], found: Int)
        case invalidPart(BatchNamePart, value: String, expected: String)
        case partExceedsParts(part: Int, parts: Int)
        case dateInFuture(CalendarDate, today: CalendarDate)
        case dateTooOld(CalendarDate, today: CalendarDate, maxAgeDays: Int)
    }

    /// The name as received, made printable and cut short; nil when a name was being built, not read.
    public let name: String?
    public let problem: Problem

    public init(name: String?, problem: Problem) {
        self.name = name.map(Self.printable)
        self.problem = problem
    }

    /// The part the problem is in, when it is in one part.
    public var part: BatchNamePart? {
        switch problem {
        case .invalidPart(let part, _, _): return part
        case .partExceedsParts: return .part
        case .dateInFuture, .dateTooOld: return .date
        default: return nil
        }
    }

    public var description: String {
        let subject = name.map { "batch file name \"\($0)\"" } ?? "batch file name"
        return "\(subject): \(reason)"
    }

    public var reason: String {
        switch problem {
        case .empty: return "is empty"
        case .tooLong(let length, let limit): return "is \(length) bytes long, at most \(limit) allowed"
        case .nonASCII(let offset): return "has a non-ASCII byte at offset \(offset)"
        case .controlCharacter(let offset): return "has a control character at offset \(offset)"
        case .pathSeparator(let offset): return "has a path separator at offset \(offset)"
        case .unexpectedCharacter(let c, let offset):
            return "has an unexpected character \"\(c)\" at offset \(offset) (only A-Z, 0-9 and dots)"
        case .emptyPart(let index): return "part \(index + 1) is empty (double, leading or trailing dot)"
        case .wrongPartCount(let prefix, let expected, let found):
            let counts = expected.map(String.init)
            let allowed = counts.count > 1 ? counts.dropLast().joined(separator: ", ") + " or " + counts.last! : counts.joined()
            return "has \(found) dot-separated parts, a \(prefix) name has \(allowed)"
        case .invalidPart(let part, let value, let expected):
            return "\(part) \"\(Self.printable(value))\" is invalid: expected \(expected)"
        case .partExceedsParts(let part, let parts): return "part \(part) is greater than the number of parts \(parts)"
        case .dateInFuture(let date, let today): return "date \(date.compact) is after today (\(today.compact))"
        case .dateTooOld(let date, let today, let maxAgeDays):
            return "date \(date.compact) is more than \(maxAgeDays) days before today (\(today.compact))"
        }
    }

    /// Replaces anything but printable ASCII by `?` and keeps the first 80 characters.
    static func printable(_ text: String) -> String {
        let limit = 80
        var out = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            out.unicodeScalars.append((0x20..<0x7F).contains(scalar.value) ? scalar : "?")
        }
        return text.unicodeScalars.count > limit ? out + "..." : out
    }
}
