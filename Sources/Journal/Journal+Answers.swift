import Foundation
import GRDB

extension Journal {
    /// Records an answer file once it is stored locally; the same name again returns the existing row,
    /// so a download repeated after a cut changes nothing.
    public func recordDownloadedAnswer(name: String, storedPath: String, type: String?) throws -> AnswerRecord {
        try pool.write { db in
            if let existing = try AnswerRecord.filter(Column("name") == name).fetchOne(db) { return existing }
            var answer = AnswerRecord(name: name, storedPath: storedPath, type: type)
            try answer.insert(db)
            try EventRecord.append(db, toState: "answer-downloaded", detail: name)
            return answer
        }
    }

    public func answer(named name: String) throws -> AnswerRecord? {
        try pool.read { db in try AnswerRecord.filter(Column("name") == name).fetchOne(db) }
    }

    public func answers(in states: [AnswerRecord.State]? = nil, submissionID: Int64? = nil) throws -> [AnswerRecord] {
        try pool.read { db in
            var request = AnswerRecord.order(Column("id"))
            if let states { request = request.filter(states.map(\.rawValue).contains(Column("state"))) }
            if let submissionID { request = request.filter(Column("submissionID") == submissionID) }
            return try request.fetchAll(db)
        }
    }

    public func anomalies(of submissionID: Int64) throws -> [AnomalyRecord] {
        try pool.read { db in
            try AnomalyRecord.filter(Column("submissionID") == submissionID).order(Column("id")).fetchAll(db)
        }
    }

    /// The submission that has a file with this exact name.
    public func submission(withFileNamed name: String) throws -> (SubmissionRecord, SubmissionFileRecord)? {
        try pool.read { db in
            guard let file = try SubmissionFileRecord.filter(Column("name") == name).fetchOne(db),
                  let submission = try Self.submission(db, file.submissionID) else { return nil }
            return (submission, file)
        }
    }

    /// The submission the platform gave this ticket (ACRF `ReferenceNbr`).
    public func submission(withTicket ticket: String) throws -> SubmissionRecord? {
        try pool.read { db in try SubmissionRecord.filter(Column("ticket") == ticket).fetchOne(db) }
    }

    /// The FI whose form creation date and hour are these (`YYYY-MM-DD HH:MM:SS.mmm`).
    public func fiFile(withFormCreation stamp: String) throws -> (SubmissionRecord, SubmissionFileRecord)? {
        try pool.read { db in
            guard let file = try SubmissionFileRecord.filter(Column("formCreation") == stamp).fetchOne(db),
                  let submission = try Self.submission(db, file.submissionID) else { return nil }
            return (submission, file)
        }
    }

    /// Applies a read answer in one transaction: the answer row, its anomalies, and the submission's
    /// move to `state` (if any, and if the transition table allows it).
    @discardableResult
    public func applyAnswer(_ answer: AnswerRecord, anomalies: [AnomalyRecord], moveTo state: SubmissionState?,
                            detail: String?, ticket: String? = nil) throws -> SubmissionRecord? {
        try pool.write { db in
            var answer = answer
            try answer.update(db)
            for var anomaly in anomalies {
                anomaly.answerID = answer.id!
                try anomaly.insert(db)
            }
            guard let submissionID = answer.submissionID,
                  var submission = try Self.submission(db, submissionID) else {
                try EventRecord.append(db, toState: "answer-\(answer.state.rawValue)", detail: "\(answer.name): \(detail ?? "")")
                return nil
            }
            let from = submission.state
            if let ticket, submission.ticket == nil { submission.ticket = ticket }
            if let state, state != from {
                guard from.allows(state) else {
                    throw JournalError.forbiddenTransition(submission: submissionID, from: from, to: state)
                }
                submission.state = state
            }
            submission.updatedAt = Date()
            if let detail { submission.detail = detail }
            try submission.update(db)
            try EventRecord.append(db, at: submission.updatedAt, exportID: submission.exportID, submissionID: submissionID,
                                   fromState: from.rawValue, toState: submission.state.rawValue,
                                   detail: "\(answer.name): \(detail ?? "")")
            return submission
        }
    }
}
