import Transport
import BatchFormat
import Foundation
import Journal
import LogFields
import Logging

/// Delivers prepared submissions exactly once: every FI and FS under a temporary name, size-checked,
/// renamed to its final name, and the GO last.
///
/// Each remote step is written to the journal before it is made and after it is done, so a cut at
/// any point leaves a record that says what may be on the server; `deliver` called again reads it and
/// finishes: a partial temporary file is removed and written again, a completed one is renamed, a
/// final file found without a record is compared with ours before it is reused, and a GO is never
/// created twice. A final name is never reused for other content.
public final class SubmissionUploader {
    let client: SFTPClient
    let journal: Journal
    let logger: Logger

    public init(client: SFTPClient, journal: Journal, logger: Logger = Logger(label: "fladaemon.upload")) {
        self.client = client
        self.journal = journal
        self.logger = logger
    }

    /// Puts one submission on the server and moves it to `sent`. Safe to call again after any failure:
    /// transient errors (`TransportError.isTransient`) leave it in `uploading` for a later attempt.
    @discardableResult
    public func deliver(_ submissionID: Int64) throws -> SubmissionRecord {
        guard let known = try journal.uploadState(of: submissionID) else {
            throw JournalError.notFound("submission \(submissionID)")
        }
        let submission = known.submission, steps = known.steps
        guard submission.state == .prepared || submission.state == .uploading else { return submission }
        guard let environment = BatchEnvironment(letter: submission.environment) else {
            throw UploadError.unknownEnvironment(submission.environment)
        }
        let attempt = (steps.values.map(\.attempt).max() ?? 0) + 1
        // Nothing of a submission still `prepared` has ever been sent: no leftovers to look for.
        let firstAttempt = submission.state == .prepared
        let folder = environment.inFolder
        var log = logger
        log[metadataKey: LogKey.submissionID] = "\(submissionID)"
        log[metadataKey: LogKey.flow] = "\(submission.flow)"
        log[metadataKey: LogKey.sequence] = "\(submission.sequence)"
        log[metadataKey: LogKey.state] = "uploading"
        var record = DeliveryLog(journal: journal, submissionID: submissionID)
        // Goes with the first step's intent, before anything is changed on the server (a recorded step
        // means an earlier attempt already made the submission `uploading`).
        record.enter(.uploading, detail: "upload attempt \(attempt) to \(folder)")
        log.info("uploading \(submission.goName) to \(folder), attempt \(attempt)")

        let go = try RemotePath(directory: folder, validating: submission.goName)
        let dataFiles = known.files.filter { $0.kind != .go }

        // Once the GO's step is recorded, every data file was in place: never touch them again, only
        // find out whether the GO exists, or the platform already took the whole submission.
        if let goStep = steps[submission.goName] {
            let goExists = try goStep.step == .inPlace || client.exists(go)
            if goExists {
                return try finish(&record, go: submission.goName, attempt: attempt, log: log, note: "GO already in place")
            }
            let remaining = try dataFiles.filter { try client.exists(RemotePath(directory: folder, validating: $0.name)) }
            if remaining.isEmpty {
                return try finish(&record, go: submission.goName, attempt: attempt, log: log,
                                  note: "GO and files already taken by the platform")
            }
        } else {
            for file in dataFiles {
                try put(file, of: submission, into: folder, step: steps[file.name], attempt: attempt,
                        firstAttempt: firstAttempt, record: &record, log: log)
            }
        }
        // The one record that must be on disk before its step: a GO is never created twice.
        try record.write(UploadStepRecord(submissionID: submissionID, fileName: submission.goName, temporaryName: nil,
                                          step: .writing, attempt: attempt), durable: true)
        do {
            try client.createEmpty(go)
        } catch TransportError.remoteFileExists {
            // Created by the previous attempt, whose answer was lost with the connection.
        }
        log[metadataKey: LogKey.remoteName] = "\(submission.goName)"
        return try finish(&record, go: submission.goName, attempt: attempt, log: log, note: "GO written")
    }

    /// The GO in place and `sent` are one fact. Not waited for on disk: the GO's intent is, and from it
    /// the next attempt finds the GO on the server and comes back here.
    private func finish(_ record: inout DeliveryLog, go: String, attempt: Int, log: Logger,
                        note: String) throws -> SubmissionRecord {
        guard let sent = try record.write(UploadStepRecord(submissionID: record.submissionID, fileName: go,
                                                           temporaryName: nil, step: .inPlace, attempt: attempt),
                                          enter: .sent, detail: note, durable: false) else {
            throw JournalError.notFound("submission \(record.submissionID)")
        }
        var log = log
        log[metadataKey: LogKey.state] = "sent"
        log.notice("sent \(go)")
        return sent
    }

    /// One FI or FS: written under a temporary name, checked, renamed; what a cut attempt left is finished.
    private func put(_ file: SubmissionFileRecord, of submission: SubmissionRecord, into folder: String,
                     step: UploadStepRecord?, attempt: Int, firstAttempt: Bool, record: inout DeliveryLog,
                     log: Logger) throws {
        let id = submission.id!
        let local = submission.directory + "/" + file.name
        let final = try RemotePath(directory: folder, validating: file.name)
        let size = UInt64(file.byteCount)
        var log = log
        log[metadataKey: LogKey.remoteName] = "\(file.name)"
        func stepRecord(_ kind: UploadStepRecord.Step, _ temporary: String?) -> UploadStepRecord {
            UploadStepRecord(submissionID: id, fileName: file.name, temporaryName: temporary, step: kind, attempt: attempt)
        }

        if step?.step == .inPlace, try sizeOnServer(final) == size { return }
        if step?.step == .written, let temporaryName = step?.temporaryName {
            let temporary = try RemotePath(directory: folder, validating: temporaryName)
            if try sizeOnServer(temporary) == size {
                try client.rename(from: temporary, to: final)
                record.done(stepRecord(.inPlace, temporaryName))
                return
            }
            // The rename went through but its record did not.
            if try sizeOnServer(final) == size {
                record.done(stepRecord(.inPlace, temporaryName))
                return
            }
        }
        if let previous = step?.temporaryName {
            let temporary = try RemotePath(directory: folder, validating: previous)
            if try client.exists(temporary) { try client.remove(temporary) }
        }
        if !firstAttempt, try client.exists(final) {
            if try reuseOrRemove(final, file, record: &record, step: stepRecord(.inPlace, nil), log: log) { return }
        }
        let temporaryName = "tmp-\(file.name)-\(attempt)"
        let temporary = try RemotePath(directory: folder, validating: temporaryName)
        // Not waited for on disk: if lost, the next attempt takes the same temporary name and looks.
        try record.write(stepRecord(.writing, temporaryName), durable: false)
        let written = try client.writeFile(local: local, remotePath: temporary)
        guard written == size else {
            throw UploadError.localFileChanged(path: local, expected: size, actual: written)
        }
        try client.verifySize(of: temporary, expected: size)
        do {
            try client.rename(from: temporary, to: final)
        } catch TransportError.remoteFileExists {
            // Only possible on a first attempt, which does not look first: someone else's file.
            if try reuseOrRemove(final, file, record: &record, step: stepRecord(.inPlace, nil), log: log) {
                try client.remove(temporary)
                return
            }
            try client.rename(from: temporary, to: final)
        }
        record.done(stepRecord(.inPlace, temporaryName))
        log.debug("\(file.name) in place (\(size) bytes)")
    }

    /// A final name found on the server that nothing of ours says got there: reused only if it is
    /// byte for byte ours (true), else removed so ours can take its place (false).
    private func reuseOrRemove(_ final: RemotePath, _ file: SubmissionFileRecord, record: inout DeliveryLog,
                               step inPlace: UploadStepRecord, log: Logger) throws -> Bool {
        if try sameContent(final, as: file) {
            log.info("\(file.name) already on the server with the same content: reused")
            record.done(inPlace)
            return true
        }
        log.warning("\(file.name) on the server differs from ours: removed before upload")
        try client.remove(final)
        return false
    }

    private func sizeOnServer(_ path: RemotePath) throws -> UInt64? {
        guard try client.exists(path) else { return nil }
        return try client.stat(path).size
    }

    private func sameContent(_ path: RemotePath, as file: SubmissionFileRecord) throws -> Bool {
        guard try client.stat(path).size == UInt64(file.byteCount) else { return false }
        let copy = NSTemporaryDirectory() + "fladaemon-compare-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try client.download(remotePath: path, to: copy)
        return try SHA256.hex(ofFileAt: copy) == file.sha256
    }
}

/// A submission that cannot be uploaded as recorded.
public enum UploadError: Error, Sendable, CustomStringConvertible {
    case unknownEnvironment(String)
    case localFileChanged(path: String, expected: UInt64, actual: UInt64)

    public var description: String {
        switch self {
        case .unknownEnvironment(let letter): return "unknown environment letter \(letter)"
        case .localFileChanged(let path, let expected, let actual):
            return "\(path) has \(actual) bytes, the journal recorded \(expected): the local file was changed"
        }
    }
}
