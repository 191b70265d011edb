import FLAFlow
import Journal

/// What converting one export came to.
public struct ConversionResult: Sendable {
    public var export: ExportRecord
    public var submissions: [PreparedSubmission]
    public var validRecords: Int
    public var rejectedRecords: Int
    public var problemCount: Int
    /// Values changed on the way (a line break folded, ...): the report names them.
    public var warningCount = 0
    /// The first problems (the report file has them all).
    public var firstProblems: [RecordProblem]
    public var reportPath: String?
    /// Why nothing was prepared; nil when submissions were.
    public var failure: ConversionError?

    public var succeeded: Bool { failure == nil }
}
