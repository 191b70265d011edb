import BatchFormat
import Journal

/// Ties one form of an answer to one of our submissions through the journal, most certain first:
/// the file names it quotes (GO, FI or FS), our own reference quoted back (origin 1), the handled
/// form's creation date and hour, then the platform's ticket (origin 2).
///
/// An answer that quotes a file name which is not ours is never ours, whatever its ticket: the OUT
/// folder is shared with other applications, and their tickets are not ours to judge.
public struct AnswerMatcher: Sendable {
    let journal: Journal

    public init(journal: Journal) {
        self.journal = journal
    }

    /// nil when the answer is about none of our submissions.
    public func match(_ answer: PlatformAnswer) throws -> AnswerMatch? {
        switch answer {
        case .acrf(let acrf):
            return try match(fileNames: acrf.fileNames, senderReferences: [], handledForm: nil, ticket: acrf.ticket,
                             wantsPart: false)
        case .notification(let notification):
            return try match(fileNames: notification.fileNames, senderReferences: notification.senderReferences,
                             handledForm: notification.handledForm?.formCreation, ticket: notification.ticket,
                             wantsPart: true)
        }
    }

    private func match(fileNames: [String], senderReferences: [String], handledForm: String?, ticket: String?,
                       wantsPart: Bool) throws -> AnswerMatch? {
        if !fileNames.isEmpty {
            guard let (submission, file) = try submission(quoting: fileNames) else { return nil }
            var part = wantsPart ? try fiPart(of: submission, for: file) : nil
            if wantsPart, part == nil {
                // A GO names the submission, not the part: our reference or the form stamp says which.
                let stamps = senderReferences.compactMap(SenderReference.formCreation(from:)) + [handledForm].compactMap { $0 }
                for stamp in stamps {
                    if let (other, file) = try journal.fiFile(withFormCreation: stamp), other.id == submission.id { part = file; break }
                }
            }
            return AnswerMatch(submission: submission, part: part, method: .fileName)
        }
        for reference in senderReferences {
            if let stamp = SenderReference.formCreation(from: reference), let (submission, file) = try journal.fiFile(withFormCreation: stamp) {
                return AnswerMatch(submission: submission, part: wantsPart ? file : nil, method: .senderReference)
            }
        }
        if let handledForm, let (submission, file) = try journal.fiFile(withFormCreation: handledForm) {
            return AnswerMatch(submission: submission, part: wantsPart ? file : nil, method: .formCreation)
        }
        if let ticket, let submission = try journal.submission(withTicket: ticket) {
            return AnswerMatch(submission: submission, part: wantsPart ? try onlyFIPart(of: submission) : nil, method: .ticket)
        }
        return nil
    }

    /// The first quoted name that is one of our files (GO, FI or FS), in whatever shape it is quoted.
    private func submission(quoting names: [String]) throws -> (SubmissionRecord, SubmissionFileRecord)? {
        for quoted in names {
            // Read through the one name parser: a name that is not a batch name is no file of ours.
            guard let name = try? BatchFileName(parsing: quoted) else { continue }
            if let found = try journal.submission(withFileNamed: name.text) { return found }
            // Quoted in a shorter shape than we wrote it: ours is the long form.
            if let long = Self.longForm(of: name), long != name, let found = try journal.submission(withFileNamed: long.text) {
                return found
            }
        }
        return nil
    }

    /// The name in the shape we write, when the quoted one says enough to know it.
    static func longForm(of name: BatchFileName) -> BatchFileName? {
        switch name.kind {
        case .go: return name.submission.go
        case .td: return name.submission.td
        case .fi where name.part != nil || name.parts == 1: return name.submission.fi(part: name.part ?? 1)
        case .fs where name.part != nil || name.parts == 1: return name.submission.fs(part: name.part ?? 1)
        default: return nil
        }
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
