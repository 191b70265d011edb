import BatchFormat
import Journal

/// Ties an answer to one of our submissions through the journal, in the documented order:
/// an ACRF by the file names it quotes, then its ticket; a NOTIFICATION by file name, then the handled
/// form's creation date and hour, then the ticket.
public struct AnswerMatcher: Sendable {
    let journal: Journal

    public init(journal: Journal) {
        self.journal = journal
    }

    /// nil when the answer is about none of our submissions.
    public func match(_ answer: PlatformAnswer) throws -> AnswerMatch? {
        switch answer {
        case .acrf(let acrf): return try match(acrf)
        case .notification(let notification): return try match(notification)
        }
    }

    public func match(_ acrf: ACRFAnswer) throws -> AnswerMatch? {
        if let (submission, _) = try submission(quoting: acrf.fileNames) {
            return AnswerMatch(submission: submission, part: nil, method: .fileName)
        }
        if let ticket = acrf.ticket, let submission = try journal.submission(withTicket: ticket) {
            return AnswerMatch(submission: submission, part: nil, method: .ticket)
        }
        return nil
    }

    public func match(_ notification: NotificationAnswer) throws -> AnswerMatch? {
        if let (submission, file) = try submission(quoting: notification.fileNames) {
            return AnswerMatch(submission: submission, part: try fiPart(of: submission, for: file), method: .fileName)
        }
        if let stamp = notification.handledForm?.formCreation,
           let (submission, file) = try journal.fiFile(withFormCreation: stamp) {
            return AnswerMatch(submission: submission, part: file, method: .formCreation)
        }
        if let ticket = notification.ticket, let submission = try journal.submission(withTicket: ticket) {
            return AnswerMatch(submission: submission, part: try onlyFIPart(of: submission), method: .ticket)
        }
        return nil
    }

    /// The first quoted name that is one of our files (GO, FI or FS).
    private func submission(quoting names: [String]) throws -> (SubmissionRecord, SubmissionFileRecord)? {
        // Longer than any batch name means not ours: no need to ask the journal.
        for name in names where name.utf8.count <= BatchFileName.maximumLength {
            if let found = try journal.submission(withFileNamed: name) { return found }
        }
        return nil
    }

    /// The FI part a quoted file stands for: itself, the FI its FS signs, or for a GO the only part.
    private func fiPart(of submission: SubmissionRecord, for file: SubmissionFileRecord) throws -> SubmissionFileRecord? {
        switch file.kind {
        case .fi: return file
        case .fs: return try journal.files(of: file.submissionID).first { $0.kind == .fi && $0.part == file.part }
        case .go: return try onlyFIPart(of: submission)
        }
    }

    /// With a single part there is no doubt which one an answer is about.
    private func onlyFIPart(of submission: SubmissionRecord) throws -> SubmissionFileRecord? {
        guard let id = submission.id else { return nil }
        let parts = try journal.files(of: id).filter { $0.kind == .fi }
        return parts.count == 1 ? parts[0] : nil
    }
}
