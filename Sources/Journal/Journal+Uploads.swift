import Foundation
import GRDB

extension Journal {
    /// What the journal knows of a submission's files on the server.
    public func uploadSteps(of submissionID: Int64) throws -> [UploadStepRecord] {
        try pool.read { db in try Self.uploadSteps(db, of: submissionID) }
    }

    /// A submission, its files and its upload steps, read together: where a delivery starts from.
    public func uploadState(of submissionID: Int64) throws -> UploadState? {
        try pool.read { db in
            guard let submission = try Self.submission(db, submissionID) else { return nil }
            return UploadState(submission: submission, files: try Self.files(db, of: submissionID),
                               steps: try Self.uploadSteps(db, of: submissionID))
        }
    }

    /// Records how far a file got (or is about to get) on the server; replaces the previous step.
    public func recordUploadStep(_ step: UploadStepRecord, durable: Bool = true) throws {
        try recordUpload(of: step.submissionID, steps: [step], durable: durable)
    }

    /// Records steps of one submission's upload and the state changes that go with them, in order, in
    /// one transaction: a state and the steps that make it true are one fact. Returns the submission
    /// after the last change, if any.
    ///
    /// `durable: false` commits without waiting for the disk: for records whose loss in a power cut only
    /// costs a check on the next attempt. The next durable commit makes them durable too (the WAL is
    /// written in order), so a record is never durable before the ones that came before it.
    @discardableResult
    public func recordUpload(of submissionID: Int64, steps: [UploadStepRecord],
                             transitions: [(state: SubmissionState, detail: String?)] = [],
                             durable: Bool) throws -> SubmissionRecord? {
        try write(durable: durable) { db in
            for step in steps { try step.save(db) }
            var submission: SubmissionRecord?
            for (state, detail) in transitions {
                submission = try self.transition(db, submissionID, to: state, detail: detail, update: nil)
            }
            return submission
        }
    }

    static func uploadSteps(_ db: Database, of submissionID: Int64) throws -> [UploadStepRecord] {
        try UploadStepRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM uploadStep WHERE submissionID = ? ORDER BY fileName"),
            arguments: [submissionID])
    }
}

/// Where a delivery starts from: the submission, its files (GO last) and what is known of them on the server.
public struct UploadState: Sendable {
    public var submission: SubmissionRecord
    public var files: [SubmissionFileRecord]
    /// By final file name.
    public var steps: [String: UploadStepRecord]

    init(submission: SubmissionRecord, files: [SubmissionFileRecord], steps: [UploadStepRecord]) {
        self.submission = submission
        self.files = files
        self.steps = Dictionary(steps.map { ($0.fileName, $0) }) { _, later in later }
    }
}
