import Journal

/// A submission whose files are named, recorded and in place, ready to upload.
public struct PreparedSubmission: Sendable {
    public var record: SubmissionRecord
    public var files: [SubmissionFileRecord]
}
