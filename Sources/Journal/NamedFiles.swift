/// What a sequence number turns into: the submission's GO name, its folder and its files.
public struct NamedFiles: Sendable {
    public var goName: String
    public var directory: String
    public var files: [SubmissionFileRecord]

    public init(goName: String, directory: String, files: [SubmissionFileRecord]) {
        self.goName = goName; self.directory = directory; self.files = files
    }
}
