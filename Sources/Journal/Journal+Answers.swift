import Foundation
import GRDB

extension Journal {
    /// Records an answer file once it is stored locally; the same name again returns the existing row,
    /// so a download repeated after a cut changes nothing.
    public func recordDownloadedAnswer(name: String, storedPath: String, type: String?,
                                       signature: String? = nil) throws -> AnswerRecord {
        try pool.write { db in
            if let existing = try AnswerRecord.filter(Column("name") == name).fetchOne(db) { return existing }
            var answer = AnswerRecord(name: name, storedPath: storedPath, type: type, signature: signature)
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

    /// Applies a read answer in one transaction: the answer row, and for each of its forms the anomalies
    /// and the submission's move (if any, and if the transition table allows it).
    @discardableResult
    public func applyAnswer(_ answer: AnswerRecord, effects: [AnswerEffect]) throws -> [SubmissionRecord] {
        try pool.write { db in
            var answer = answer
            try answer.update(db)
            guard !effects.isEmpty else {
                try EventRecord.append(db, toState: "answer-\(answer.state.rawValue)", detail: "\(answer.name): \(answer.detail ?? "")")
                return []
            }
            var updated: [SubmissionRecord] = []
            for effect in effects {
                for var anomaly in effect.anomalies {
                    anomaly.answerID = answer.id!
                    anomaly.submissionID = effect.submissionID
                    try anomaly.insert(db)
                }
                // Through the one transition of the journal: the same table as every other change.
                let ticket = effect.ticket
                let submission = try self.transition(db, effect.submissionID, to: effect.moveTo,
                                                     detail: "\(answer.name): \(effect.detail)") { submission in
                    if let ticket, submission.ticket == nil { submission.ticket = ticket }
                }
                updated.append(submission)
            }
            return updated
        }
    }

    // MARK: What needs a person

    /// Lists a file of OUT that is not downloaded, once: true when it was not listed before.
    @discardableResult
    public func noteOutEntry(_ entry: OutEntryRecord) throws -> Bool {
        try pool.write { db in
            if try OutEntryRecord.filter(Column("folder") == entry.folder && Column("name") == entry.name).fetchOne(db) != nil {
                return false
            }
            var entry = entry
            try entry.insert(db)
            try EventRecord.append(db, at: entry.firstSeenAt, toState: "out-entry-listed",
                                   detail: "\(entry.folder)/\(entry.name): \(entry.reason)")
            return true
        }
    }

    /// The names of `folder` already listed.
    public func outEntryNames(in folder: String) throws -> Set<String> {
        try pool.read { db in Set(try String.fetchAll(db, sql: "SELECT name FROM outEntry WHERE folder = ?", arguments: [folder])) }
    }

    public func outEntries(needingAttentionOnly: Bool = false) throws -> [OutEntryRecord] {
        try pool.read { db in
            var request = OutEntryRecord.order(Column("id"))
            if needingAttentionOnly { request = request.filter(Column("needsAttention") == true && Column("handledAt") == nil) }
            return try request.fetchAll(db)
        }
    }

    /// Answers a person must look at (unmatched, unreadable, or whose platform signature failed) and
    /// has not marked handled.
    public func answersNeedingAttention() throws -> [AnswerRecord] {
        try pool.read { db in try Self.answersNeedingAttention(db) }
    }

    static func answersNeedingAttention(_ db: Database) throws -> [AnswerRecord] {
        try answersNeedingAttention.order(Column("id")).fetchAll(db)
    }

    /// The one definition of an answer that needs a person.
    static var answersNeedingAttention: QueryInterfaceRequest<AnswerRecord> {
        AnswerRecord.filter(Column("handledAt") == nil)
            .filter(Column("state") == AnswerRecord.State.unmatched.rawValue
                    || Column("signature").like(AnswerSignature.invalidPrefix + "%"))
    }

    /// The name of every answer recorded, whatever its state: what the fetcher already holds.
    public func answerNames() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM answer ORDER BY id") }
    }

    /// Everything that needs a person, oldest first: exports set aside and submissions stopped or
    /// refused (until put right or dismissed), submissions sent and unacknowledged past the deadline,
    /// answers and OUT files that need a look.
    public func attentionItems(acknowledgementDeadline: TimeInterval, now: Date = Date()) throws -> [AttentionItem] {
        try pool.read { db in
            let dismissedExports = Set(try Int64.fetchAll(db, sql: "SELECT exportID FROM event WHERE toState = 'dismissed' AND exportID IS NOT NULL"))
            let dismissedSubmissions = Set(try Int64.fetchAll(db, sql: "SELECT submissionID FROM event WHERE toState = 'dismissed' AND submissionID IS NOT NULL"))
            // Sent again (reprocessed): the same content converted by a later export.
            let convertedLater = try Row.fetchAll(db, sql: "SELECT id, sha256 FROM export WHERE state = 'converted'")
                .map { (id: $0["id"] as Int64, sha: $0["sha256"] as String) }
            func reprocessed(_ export: ExportRecord) -> Bool {
                convertedLater.contains { $0.sha == export.sha256 && $0.id > (export.id ?? 0) }
            }
            var items: [AttentionItem] = []
            for export in try ExportRecord.filter(Column("state") == ExportState.quarantined.rawValue).fetchAll(db)
            where !dismissedExports.contains(export.id ?? 0) && !reprocessed(export) {
                items.append(AttentionItem(kind: .quarantinedExport, name: "export-\(export.id ?? 0)",
                                           reason: "\(export.sourceFile): \(export.detail ?? "set aside")", since: export.updatedAt))
            }
            let exports = Dictionary(uniqueKeysWithValues: try ExportRecord.fetchAll(db).map { ($0.id ?? 0, $0) })
            let stopped = try SubmissionRecord.filter([SubmissionState.failed.rawValue, SubmissionState.rejected.rawValue].contains(Column("state")))
                .fetchAll(db)
            for submission in stopped where !dismissedSubmissions.contains(submission.id ?? 0) {
                if let export = exports[submission.exportID], reprocessed(export) { continue }
                items.append(AttentionItem(kind: submission.state == .failed ? .failedSubmission : .rejectedSubmission,
                                           name: submission.goName, reason: submission.detail ?? submission.state.rawValue,
                                           since: submission.updatedAt))
            }
            let late = now.addingTimeInterval(-acknowledgementDeadline)
            for submission in try SubmissionRecord.filter(Column("state") == SubmissionState.sent.rawValue && Column("updatedAt") < late).fetchAll(db)
            where !dismissedSubmissions.contains(submission.id ?? 0) {
                items.append(AttentionItem(kind: .unacknowledged, name: submission.goName,
                                           reason: "sent \(submission.updatedAt.formatted(.iso8601)) and not acknowledged yet: look in OUT, or ask the platform",
                                           since: submission.updatedAt))
            }
            for answer in try Self.answersNeedingAttention(db) {
                items.append(AttentionItem(kind: .answer, name: answer.name,
                                           reason: answer.detail ?? "platform signature \(answer.signature ?? "?")", since: answer.receivedAt))
            }
            for entry in try OutEntryRecord.filter(Column("needsAttention") == true && Column("handledAt") == nil).fetchAll(db) {
                items.append(AttentionItem(kind: .outEntry, name: entry.name, reason: "in \(entry.folder): \(entry.reason)",
                                           since: entry.firstSeenAt))
            }
            return items.sorted { $0.since < $1.since }
        }
    }

    /// Marks something that needed attention as handled by a person, with why: an answer or an OUT
    /// entry by name, a submission by its GO name, an export as `export-<id>`. Returns what was
    /// marked; nil when nothing of that name needs attention.
    public func markHandled(name: String, note: String, at date: Date = Date()) throws -> String? {
        try pool.write { db in
            if name.hasPrefix("export-"), let id = Int64(name.dropFirst("export-".count)),
               try ExportRecord.fetchOne(db, key: id) != nil {
                try EventRecord.append(db, at: date, exportID: id, toState: "dismissed", detail: note)
                return "export \(id)"
            }
            if let submission = try SubmissionRecord.filter(Column("goName") == name).fetchOne(db),
               [.failed, .rejected, .sent].contains(submission.state) {
                try EventRecord.append(db, at: date, exportID: submission.exportID, submissionID: submission.id,
                                       toState: "dismissed", detail: note)
                return "submission \(submission.id ?? 0)"
            }
            if var answer = try Self.answersNeedingAttention.filter(Column("name") == name).fetchOne(db) {
                answer.handledAt = date
                answer.handledNote = note
                try answer.update(db)
                try EventRecord.append(db, at: date, submissionID: answer.submissionID, toState: "answer-handled",
                                       detail: "\(name): \(note)")
                return "answer \(name)"
            }
            let entries = try OutEntryRecord.filter(Column("name") == name && Column("handledAt") == nil
                                                    && Column("needsAttention") == true).fetchAll(db)
            guard !entries.isEmpty else { return nil }
            for var entry in entries {
                entry.handledAt = date
                entry.handledNote = note
                try entry.update(db)
                try EventRecord.append(db, at: date, toState: "out-entry-handled", detail: "\(entry.folder)/\(name): \(note)")
            }
            return "OUT entry \(name)"
        }
    }
}
