/// One batch file name, built for a submission or read from a remote listing.
///
/// `init(parsing:)` is the one gate for every name: the ones we write, the ones listed in OUT and the
/// ones quoted inside answers. Only a name made of A-Z, 0-9 and dots, in one of the documented
/// shapes (6, 7 or 8 fields, `BatchNameLength`), gets through, so a parsed name is always safe to
/// use as a local file name.
public struct BatchFileName: Hashable, Sendable, CustomStringConvertible {
    /// Longer than any valid name (FI names are 39 characters); bounds what a hostile server can make us hold.
    public static let maximumLength = 64

    public let kind: BatchFileKind
    /// The shared parts. In the platform's answers these are the platform's own: its sender number and
    /// sequence, and the answer type (`ACRF`, `NOTI`, ...) in place of the flow. A 6-field name has no
    /// part count: `submission.parts` is then 1.
    public let submission: SubmissionName
    /// The part number, when the name carries one (8 fields).
    public let part: Int?
    /// How many fields the name has; the text is written back in the same shape.
    public let length: BatchNameLength

    /// A name in the long form we write: FI and FS with part count and part, GO and TD with the count.
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
        self.init(checked: kind, submission: submission, part: part, length: .written(for: kind))
    }

    init(checked kind: BatchFileKind, submission: SubmissionName, part: Int?, length: BatchNameLength) {
        self.kind = kind
        self.submission = submission
        self.part = part
        self.length = length
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
        let readable = BatchNameLength.readable(for: kind)
        guard let length = BatchNameLength(rawValue: fields.count), readable.contains(length) else {
            throw fail(.wrongPartCount(prefix: kind.rawValue, expected: readable.map(\.rawValue), found: fields.count))
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
        let sequenceField = fields[4]
        let alphanumeric = sequenceField.utf8.count == 5 && sequenceField.utf8.allSatisfy(isUpperAlphanumeric)
            && !sequenceField.utf8.allSatisfy(isDigit)
        let sequence = alphanumeric ? nil : Int(sequenceField)
        guard alphanumeric || (sequenceField.utf8.count == 5 && sequenceField.utf8.allSatisfy(isDigit)
                               && sequence.map(SubmissionName.sequenceRange.contains) == true) else {
            throw fail(.invalidPart(.sequence, value: sequenceField,
                                    expected: "5 digits from 00001 to 99999 (or, from the platform, 5 of A-Z and 0-9)"))
        }
        guard let environment = BatchEnvironment(letter: fields[5]) else {
            throw fail(.invalidPart(.environment, value: fields[5], expected: "R, T or S"))
        }
        var parts = 1, part: Int?
        if length != .six {
            guard let value = Self.digit(fields[6]) else {
                throw fail(.invalidPart(.parts, value: fields[6], expected: "one digit from 1 to 9"))
            }
            parts = value
        }
        if length == .eight {
            guard let value = Self.digit(fields[7]) else {
                throw fail(.invalidPart(.part, value: fields[7], expected: "one digit from 1 to 9"))
            }
            guard value <= parts else { throw fail(.partExceedsParts(part: value, parts: parts)) }
            part = value
        }
        guard let sequence else {
            self.init(checked: kind, submission: SubmissionName(flow: flow, sender: sender, date: date,
                                                                alphanumericSequence: sequenceField,
                                                                environment: environment, parts: parts),
                      part: part, length: length)
            return
        }
        do {
            let submission = try SubmissionName(flow: flow, sender: sender, date: date, sequence: sequence,
                                                environment: environment, parts: parts)
            self.init(checked: kind, submission: submission, part: part, length: length)
        } catch {
            throw BatchNameError(name: text, problem: error.problem)
        }
    }

    /// The same submission's file of another kind in the long form we write, keeping the part number
    /// where both have one (e.g. the FS of an FI, the GO of an FI).
    public func sibling(_ other: BatchFileKind) -> BatchFileName {
        BatchFileName(checked: other, submission: submission, part: other.hasPartNumber ? (part ?? 1) : nil,
                      length: .written(for: other))
    }

    /// The same name with another type prefix, in the same length class: the FS that signs a returned
    /// FO, the FO a CO stands for. Only a GO or TD drops the part number, so an 8-field name gives
    /// a 7-field GO.
    public func counterpart(_ other: BatchFileKind) -> BatchFileName {
        if length == .eight && !other.hasPartNumber {
            return BatchFileName(checked: other, submission: submission, part: nil, length: .seven)
        }
        return BatchFileName(checked: other, submission: submission, part: part, length: length)
    }

    /// The GO that says this file is complete: the same name in the same length class.
    public var commitName: BatchFileName { counterpart(.go) }

    /// What names one answer of the platform whatever its length and its files' kinds: the fields
    /// after the type, without part count or part. The platform's sequence is unique per answer.
    public var answerKey: String {
        "\(flow.text).\(sender.text).\(date.compact).\(submission.sequenceText).\(environment.letter)"
    }

    public var text: String {
        switch length {
        case .six: return "\(kind.rawValue).\(answerKey)"
        case .seven: return "\(kind.rawValue).\(submission.stem)"
        case .eight: return "\(kind.rawValue).\(submission.stem).\(part ?? 1)"
        }
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
