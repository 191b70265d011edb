/// One batch file name, built for a submission or read from a remote listing.
///
/// `init(parsing:)` is the gate for names coming from the server: only a name made of
/// A-Z, 0-9 and dots, in exactly the documented shape, gets through, so a parsed name
/// is always safe to use as a local file name.
public struct BatchFileName: Hashable, Sendable, CustomStringConvertible {
    /// Longer than any valid name (FI names are 39 characters); bounds what a hostile server can make us hold.
    public static let maximumLength = 64

    public let kind: BatchFileKind
    /// The shared parts. In the platform's answers these are the platform's own: its sender number and
    /// sequence, and the answer type (`ACRF`, `NOTI`, ...) in place of the flow.
    public let submission: SubmissionName
    /// The part number, for the kinds that carry one (FI, FS, FO, CO); nil for GO and TD.
    public let part: Int?

    public init(kind: BatchFileKind, submission: SubmissionName, part: Int?) throws(BatchNameError) {
        if kind.hasPartNumber {
            guard let part, SubmissionName.partsRange.contains(part) else {
                throw BatchNameError(name: nil, problem: .invalidPart(.part, value: part.map(String.init) ?? "none",
                                                                      expected: "a number from 1 to 9"))
            }
            guard part <= submission.parts else {
                throw BatchNameError(name: nil, problem: .partExceedsParts(part: part, parts: submission.parts))
            }
        } else if let part {
            throw BatchNameError(name: nil, problem: .invalidPart(.part, value: String(part),
                                                                  expected: "no part number in a \(kind) name"))
        }
        self.init(checked: kind, submission: submission, part: part)
    }

    init(checked kind: BatchFileKind, submission: SubmissionName, part: Int?) {
        self.kind = kind
        self.submission = submission
        self.part = part
    }

    /// Reads a name strictly; the error says which part is wrong.
    public init(parsing text: String) throws(BatchNameError) {
        func fail(_ problem: BatchNameError.Problem) -> BatchNameError { BatchNameError(name: text, problem: problem) }

        let length = text.utf8.count
        guard length > 0 else { throw fail(.empty) }
        guard length <= Self.maximumLength else { throw fail(.tooLong(length: length, limit: Self.maximumLength)) }
        let bytes = Array(text.utf8)
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                continue
            case 0x80...: throw fail(.nonASCII(offset: offset))
            case 0..<0x20, 0x7F: throw fail(.controlCharacter(offset: offset))
            case UInt8(ascii: "/"), UInt8(ascii: "\\"): throw fail(.pathSeparator(offset: offset))
            default: throw fail(.unexpectedCharacter(Character(Unicode.Scalar(byte)), offset: offset))
            }
        }
        let fields = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if let empty = fields.firstIndex(where: \.isEmpty) { throw fail(.emptyPart(index: empty)) }

        guard let kind = BatchFileKind(rawValue: fields[0]) else {
            throw fail(.invalidPart(.prefix, value: fields[0],
                                    expected: BatchFileKind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        guard fields.count == kind.partCount else {
            throw fail(.wrongPartCount(prefix: kind.rawValue, expected: kind.partCount, found: fields.count))
        }
        let flow: FlowCode, sender: SenderNumber
        do {
            flow = try FlowCode(fields[1])
            sender = try SenderNumber(fields[2])
        } catch {
            throw BatchNameError(name: text, problem: error.problem)
        }
        guard fields[3].utf8.count == 8, fields[3].utf8.allSatisfy(isDigit),
              let date = CalendarDate(compact: fields[3]) else {
            throw fail(.invalidPart(.date, value: fields[3], expected: "a valid date YYYYMMDD"))
        }
        guard fields[4].utf8.count == 5, fields[4].utf8.allSatisfy(isDigit), let sequence = Int(fields[4]),
              SubmissionName.sequenceRange.contains(sequence) else {
            throw fail(.invalidPart(.sequence, value: fields[4], expected: "5 digits from 00001 to 99999"))
        }
        guard let environment = BatchEnvironment(letter: fields[5]) else {
            throw fail(.invalidPart(.environment, value: fields[5], expected: "R, T or S"))
        }
        guard let parts = Self.digit(fields[6]) else {
            throw fail(.invalidPart(.parts, value: fields[6], expected: "one digit from 1 to 9"))
        }
        var part: Int?
        if kind.hasPartNumber {
            guard let value = Self.digit(fields[7]) else {
                throw fail(.invalidPart(.part, value: fields[7], expected: "one digit from 1 to 9"))
            }
            guard value <= parts else { throw fail(.partExceedsParts(part: value, parts: parts)) }
            part = value
        }
        do {
            let submission = try SubmissionName(flow: flow, sender: sender, date: date, sequence: sequence,
                                                environment: environment, parts: parts)
            self.init(checked: kind, submission: submission, part: part)
        } catch {
            throw BatchNameError(name: text, problem: error.problem)
        }
    }

    /// The same submission's file of another kind, keeping the part number where both have one
    /// (e.g. the GO of an FO, the FS of an FI).
    public func sibling(_ other: BatchFileKind) -> BatchFileName {
        BatchFileName(checked: other, submission: submission, part: other.hasPartNumber ? (part ?? 1) : nil)
    }

    public var text: String {
        let head = "\(kind.rawValue).\(submission.stem)"
        return part.map { "\(head).\($0)" } ?? head
    }

    public var description: String { text }

    public var flow: FlowCode { submission.flow }
    public var sender: SenderNumber { submission.sender }
    public var date: CalendarDate { submission.date }
    public var sequence: Int { submission.sequence }
    public var environment: BatchEnvironment { submission.environment }
    public var parts: Int { submission.parts }

    private static func digit(_ field: String) -> Int? {
        guard field.utf8.count == 1, let byte = field.utf8.first,
              (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(byte) else { return nil }
        return Int(byte - UInt8(ascii: "0"))
    }
}
