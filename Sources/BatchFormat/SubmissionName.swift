/// What names one submission: the parts its FI, FS, GO and TD file names share.
///
/// `FI.<FLOW>.<SENDER>.<YYYYMMDD>.<SEQ>.<ENV>.<PARTS>.<PART>`, and `GO.` / `TD.` without `<PART>`.
/// A name the platform has seen once is rejected forever (code 133): the caller owns uniqueness.
public struct SubmissionName: Hashable, Sendable, CustomStringConvertible {
    public static let sequenceRange = 1...99_999
    public static let partsRange = 1...9

    public let flow: FlowCode
    public let sender: SenderNumber
    public let date: CalendarDate
    public let sequence: Int
    public let environment: BatchEnvironment
    public let parts: Int
    /// The sequence as written in names: 5 digits (or, in the platform's own names, 5 letters and digits).
    public let sequenceText: String

    public init(flow: FlowCode, sender: SenderNumber, date: CalendarDate, sequence: Int,
                environment: BatchEnvironment, parts: Int = 1) throws(BatchNameError) {
        guard Self.sequenceRange.contains(sequence) else {
            throw BatchNameError(name: nil, problem: .invalidPart(.sequence, value: String(sequence),
                                                                  expected: "a number from 1 to 99999"))
        }
        guard Self.partsRange.contains(parts) else {
            throw BatchNameError(name: nil, problem: .invalidPart(.parts, value: String(parts),
                                                                  expected: "a number from 1 to 9"))
        }
        self.flow = flow
        self.sender = sender
        self.date = date
        self.sequence = sequence
        let digits = String(sequence)
        self.sequenceText = String(repeating: "0", count: max(0, 5 - digits.count)) + digits
        self.environment = environment
        self.parts = parts
    }

    /// A name the platform wrote with a sequence of letters and digits (it goes alphanumeric once its
    /// numbers run out, e.g. `24AZG`). `sequence` is then the base-36 value above the numeric range,
    /// so it never equals a number of ours; such a name is only ever read, never sent.
    init(flow: FlowCode, sender: SenderNumber, date: CalendarDate, alphanumericSequence text: String,
         environment: BatchEnvironment, parts: Int) {
        self.flow = flow
        self.sender = sender
        self.date = date
        self.sequence = Self.sequenceRange.upperBound + 1 + (Int(text, radix: 36) ?? 0)
        self.sequenceText = text
        self.environment = environment
        self.parts = parts
    }

    /// Whether the sequence is the numeric kind a sender may use.
    public var hasNumericSequence: Bool { Self.sequenceRange.contains(sequence) }

    /// The data file of one part (1 by default). `part` must be within `1...parts`.
    public func fi(part: Int = 1) -> BatchFileName { file(.fi, part: part) }

    /// The signature file of one part; only production sends it.
    public func fs(part: Int = 1) -> BatchFileName { file(.fs, part: part) }

    /// The empty commit file, written last.
    public var go: BatchFileName { BatchFileName(checked: .go, submission: self, part: nil, length: .seven) }

    /// The empty file asking the platform to cancel this submission if not yet processed.
    public var td: BatchFileName { BatchFileName(checked: .td, submission: self, part: nil, length: .seven) }

    /// Refuses a date after `today` or more than `maxAgeDays` before it (codes 109-111, 126).
    /// How old the platform tolerates is not published: `maxAgeDays` is configuration.
    public func validate(today: CalendarDate = .today(), maxAgeDays: Int) throws(BatchNameError) {
        if date > today {
            throw BatchNameError(name: go.text, problem: .dateInFuture(date, today: today))
        }
        if today.dayNumber - date.dayNumber > maxAgeDays {
            throw BatchNameError(name: go.text, problem: .dateTooOld(date, today: today, maxAgeDays: maxAgeDays))
        }
    }

    /// `<FLOW>.<SENDER>.<YYYYMMDD>.<SEQ>.<ENV>.<PARTS>`, the part every file name of the submission shares.
    public var stem: String {
        "\(flow.text).\(sender.text).\(date.compact).\(sequenceText).\(environment.letter).\(parts)"
    }


    public var description: String { stem }

    private func file(_ kind: BatchFileKind, part: Int) -> BatchFileName {
        precondition((1...parts).contains(part), "part \(part) outside 1...\(parts) for \(stem)")
        return BatchFileName(checked: kind, submission: self, part: part, length: .eight)
    }
}
