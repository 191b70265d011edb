import BatchFormat

/// What checking an already-formed FI found: its form identity (to name it and to match the
/// platform's answers) and every problem, each with its line.
public struct FormedFIReport: Hashable, Sendable {
    public var file: String
    /// `Form/Identification`: the flow code the file name must carry.
    public var identification: String?
    public var creationDate: CalendarDate?
    public var creationTime: FormCreationTime?
    /// Record elements found (`TrainingRight`, `TrainingFollowed`).
    public var recordCount: Int
    public var problems: [RecordProblem]

    /// Nothing stands in the way of naming, signing and sending the file.
    public var isAcceptable: Bool { problems.isEmpty }
}
