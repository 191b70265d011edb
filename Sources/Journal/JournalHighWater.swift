/// The highest names and numbers a journal knows: per sender, date and environment the highest
/// sequence handed out or its floor, and the highest export number given.
public struct JournalHighWater: Sendable, Equatable {
    public var sequences: [SequenceKey: Int]
    public var highestExportID: Int64

    public init(sequences: [SequenceKey: Int] = [:], highestExportID: Int64 = 0) {
        self.sequences = sequences
        self.highestExportID = highestExportID
    }
}
