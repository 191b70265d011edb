import BatchFormat
import Foundation
import Journal
import Logging
import Transport

/// Asks the platform to drop a submission it has received but not handled yet: the empty `TD.…` file
/// the spec describes, recorded like any upload (the intent before the file, the file in place and the
/// `cancelled` state in one transaction after it). Safe to repeat: a TD already there is ours.
public struct SubmissionCanceller {
    let client: SFTPClient
    let journal: Journal
    let logger: Logger

    public init(client: SFTPClient, journal: Journal, logger: Logger) {
        self.client = client
        self.journal = journal
        self.logger = logger
    }

    /// The TD's name for a submission, from its GO name.
    public static func cancellationName(of submission: SubmissionRecord) throws -> BatchFileName {
        try BatchFileName(parsing: submission.goName).submission.td
    }

    @discardableResult
    public func cancel(_ submission: SubmissionRecord, because reason: String) throws -> SubmissionRecord {
        guard let id = submission.id else { throw JournalError.notFound("submission without an id") }
        let td = try Self.cancellationName(of: submission)
        let folder = td.environment.inFolder
        try journal.recordUploadStep(UploadStepRecord(submissionID: id, fileName: td.text, temporaryName: nil,
                                                      step: .writing, attempt: 1))
        do {
            try client.createEmpty(RemotePath(directory: folder, validating: td.text))
        } catch TransportError.remoteFileExists {
            // Created by an earlier attempt whose answer was lost.
        }
        var log = logger
        log[metadataKey: "remote_name"] = "\(td.text)"
        log.notice("sent \(td.text) to \(folder): the platform is asked to drop \(submission.goName)")
        let detail = "cancelled: \(td.text) sent (\(reason))"
        return try journal.recordUpload(
            of: id, steps: [UploadStepRecord(submissionID: id, fileName: td.text, temporaryName: nil, step: .inPlace, attempt: 1)],
            transitions: [(.cancelled, detail)], durable: true) ?? submission
    }
}
