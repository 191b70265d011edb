import Foundation
import GRDB

extension Journal {
    /// What the journal knows of a submission's files on the server.
    public func uploadSteps(of submissionID: Int64) throws -> [UploadStepRecord] {
        try pool.read { db in
            try UploadStepRecord.filter(Column("submissionID") == submissionID).order(Column("fileName")).fetchAll(db)
        }
    }

    /// Records how far a file got (or is about to get) on the server; replaces the previous step.
    ///
    /// `durable: false` commits without waiting for the disk: for steps whose loss in a power cut only
    /// costs a check on the next attempt. The next durable commit makes them durable too (the WAL is
    /// written in order), so a step is never durable before the ones that came before it.
    public func recordUploadStep(_ step: UploadStepRecord, durable: Bool = true) throws {
        try write(durable: durable) { db in try step.upsert(db) }
    }

    /// Records the last step and moves the submission on, in one transaction: the GO in place and
    /// `sent` are one fact.
    @discardableResult
    public func recordUploadStep(_ step: UploadStepRecord, thenTransitionTo state: SubmissionState,
                                 detail: String?) throws -> SubmissionRecord {
        try pool.write { db in
            try step.upsert(db)
            return try transition(db, step.submissionID, to: state, detail: detail, update: nil)
        }
    }

    /// Forgets the steps of a submission (an administrator re-sending it under a new name starts over).
    public func clearUploadSteps(of submissionID: Int64) throws {
        _ = try pool.write { db in
            try UploadStepRecord.filter(Column("submissionID") == submissionID).deleteAll(db)
        }
    }
}
