import Foundation
import GRDB

/// The durable record of every export and submission: a SQLite file in WAL mode.
///
/// Every stage writes its intent here before its side effect, so that after a crash the next start
/// reads from here what is left to finish. Several processes (the daemon and an administrator's
/// command) may open the same file.
public final class Journal: Sendable {
    public let path: String
    let pool: DatabasePool

    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        configuration.prepareDatabase { db in
            // A committed sequence number must survive a power cut: it may already name a file on the server.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try JournalSchema.migrator.migrate(pool)
    }

    // MARK: Exports

    /// Records a newly arrived export. When the same content was already converted or is being converted,
    /// the new export is recorded as a duplicate and the earlier one is returned beside it.
    public func registerExport(_ export: ExportRecord, allowDuplicate: Bool = false)
        throws -> (export: ExportRecord, duplicateOf: ExportRecord?) {
        try pool.write { db in
            var export = export
            let duplicate = allowDuplicate ? nil : try Self.sameContent(db, as: export, in: [.received, .converted]).first
            if let duplicate {
                export.state = .duplicate
                export.detail = "same content as export \(duplicate.id ?? 0) (\(duplicate.sourceFile))"
            }
            try Self.insert(db, &export)
            return (export, duplicate)
        }
    }

    /// What registering an export for conversion came to.
    public enum ConversionRegistration: Sendable, Equatable {
        /// Recorded as a new export, to convert.
        case registered(ExportRecord)
        /// The same content was received before and its conversion never finished: convert that one.
        case resumed(ExportRecord)
        /// The same content was already converted (nothing recorded).
        case alreadyConverted(ExportRecord)
    }

    /// Registers an export to convert (the command line), looking for the same content in the same
    /// transaction, so that of several processes registering one file at once only one converts it.
    /// Content already converted is refused unless `force`; an interrupted conversion is taken up again.
    public func registerForConversion(_ export: ExportRecord, force: Bool) throws -> ConversionRegistration {
        try pool.write { db in
            let earlier = try Self.sameContent(db, as: export, in: [.received, .converted])
            if !force, let done = earlier.first(where: { $0.state == .converted }) { return .alreadyConverted(done) }
            if let interrupted = earlier.last(where: { $0.state == .received }) { return .resumed(interrupted) }
            var export = export
            try Self.insert(db, &export)
            return .registered(export)
        }
    }

    /// What asking for an export to be converted and sent again came to.
    public enum Requeueing: Sendable, Equatable {
        /// Recorded as a new export, received: the daemon converts it under new names.
        case queued(ExportRecord)
        /// The export still has submissions that are not over: nothing recorded.
        case underWay([SubmissionRecord])
        /// The same content is already queued or under way as this other export: nothing recorded.
        case alreadyQueued(ExportRecord)
        /// The platform already accepted these records (this export's submissions, or another export's
        /// of the same content): nothing recorded, unless forced with a reason.
        case accepted([SubmissionRecord])
    }

    /// Queues export `exportID` again as `again` (its copy, same content), checking in the same
    /// transaction that nothing of it is under way, so two requests at once queue it once.
    /// Sending records the platform accepted again needs `forcedBecause`, a reason of a person's, which
    /// is recorded with the new export; records still in flight are never queued again.
    public func requeue(_ exportID: Int64, as again: ExportRecord, forcedBecause reason: String? = nil) throws -> Requeueing {
        try pool.write { db in
            let own = try SubmissionRecord.filter(Column("exportID") == exportID).fetchAll(db)
            let open = own.filter { !$0.state.isFinal }
            if !open.isEmpty { return .underWay(open) }
            var accepted = own.filter { $0.state == .accepted || $0.state == .acceptedWithAnomalies }
            for other in try Self.sameContent(db, as: again, in: [.received, .converted]) where other.id != exportID {
                let pending = try SubmissionRecord.filter(Column("exportID") == other.id).fetchAll(db)
                if other.state == .received || pending.contains(where: { !$0.state.isFinal }) { return .alreadyQueued(other) }
                accepted += pending.filter { $0.state == .accepted || $0.state == .acceptedWithAnomalies }
            }
            if !accepted.isEmpty && reason == nil { return .accepted(accepted) }
            var again = again
            if let reason, !accepted.isEmpty {
                again.detail = (again.detail ?? "reprocessing export \(exportID)")
                    + "; forced although the platform accepted " + accepted.map(\.goName).joined(separator: ", ") + ": \(reason)"
            }
            try Self.insert(db, &again)
            return .queued(again)
        }
    }

    /// Exports with the content of `export` in one of `states`, oldest first.
    private static func sameContent(_ db: Database, as export: ExportRecord, in states: [ExportState]) throws -> [ExportRecord] {
        try ExportRecord
            .filter(Column("sha256") == export.sha256)
            .filter(states.map(\.rawValue).contains(Column("state")))
            .order(Column("id"))
            .fetchAll(db)
    }

    private static func insert(_ db: Database, _ export: inout ExportRecord) throws {
        try export.insert(db)
        try EventRecord.append(db, at: export.receivedAt, exportID: export.id, toState: export.state.rawValue,
                               detail: export.detail ?? "received \(export.sourceFile) sha256 \(export.sha256)")
    }

    public func setExportState(_ id: Int64, to state: ExportState, detail: String? = nil) throws {
        try pool.write { db in try Self.setExportState(db, id, to: state, detail: detail) }
    }

    private static func setExportState(_ db: Database, _ id: Int64, to state: ExportState, detail: String?) throws {
        guard var export = try ExportRecord.fetchOne(db, key: id) else { throw JournalError.notFound("export \(id)") }
        let from = export.state
        // The same state again only updates the detail (where a duplicate was set aside, say).
        guard from == state || from.allows(state) else {
            throw JournalError.forbiddenExportTransition(export: id, from: from, to: state)
        }
        export.state = state
        export.detail = detail
        export.updatedAt = Date()
        try export.update(db)
        try EventRecord.append(db, at: export.updatedAt, exportID: id, fromState: from.rawValue, toState: state.rawValue,
                               detail: detail)
    }

    public func export(_ id: Int64) throws -> ExportRecord? {
        try pool.read { db in try ExportRecord.fetchOne(db, key: id) }
    }

    public func exports(in states: [ExportState]? = nil) throws -> [ExportRecord] {
        try pool.read { db in
            var request = ExportRecord.order(Column("id"))
            if let states { request = request.filter(states.map(\.rawValue).contains(Column("state"))) }
            return try request.fetchAll(db)
        }
    }

    // MARK: Names and stamps

    /// Hands out a form creation stamp later than every one before, even if the clock went back.
    public func nextFormStamp(now: Date = Date()) throws -> FormStamp {
        try pool.write { db in
            let last = try Int64.fetchOne(db, sql: "SELECT lastLocalMillis FROM formClock WHERE id = 1") ?? Int64.min
            let candidate = FormStamp(date: now).localMillis
            let next = candidate > last ? candidate : last + 1
            try db.execute(sql: "INSERT INTO formClock (id, lastLocalMillis) VALUES (1, ?)", arguments: [next])
            return FormStamp(localMillis: next)
        }
    }

    /// Records what converting one export produced, all in one transaction: for each submission the
    /// next sequence number of its sender, date and environment, the names `names(index, sequence)`
    /// makes from it, its files, and the export marked converted. So a number is either never handed
    /// out or belongs to a recorded submission, and an export is either wholly prepared or not at all,
    /// whatever happens around this call. The files given back leave out their record lines (stored).
    public func recordConversion(
        exportID: Int64,
        submissions templates: [SubmissionRecord],
        detail: String? = nil,
        names: @Sendable (_ index: Int, _ sequence: Int) throws -> NamedFiles
    ) throws -> [(submission: SubmissionRecord, files: [SubmissionFileRecord])] {
        try pool.write { db in
            // Another process converting the same export recorded it first: nothing is prepared twice.
            guard let export = try ExportRecord.fetchOne(db, key: exportID) else { throw JournalError.notFound("export \(exportID)") }
            guard export.state == .received else {
                throw JournalError.notPending(export: exportID, state: export.state)
            }
            var recorded: [(submission: SubmissionRecord, files: [SubmissionFileRecord])] = []
            for (index, template) in templates.enumerated() {
                let sequence = try Self.nextSequence(db, sender: template.sender, nameDate: template.nameDate,
                                                     environment: template.environment)
                let named = try names(index, sequence)
                var record = template
                record.exportID = exportID
                record.sequence = sequence
                record.goName = named.goName
                record.directory = named.directory
                record.state = .prepared
                try record.insert(db)
                var stored: [SubmissionFileRecord] = []
                for var file in named.files {
                    file.submissionID = record.id!
                    try file.insert(db)
                    // Stored: not carried in memory for the rest of a large conversion.
                    file.recordLines = nil
                    file.recordFILines = nil
                    stored.append(file)
                }
                try EventRecord.append(db, at: record.createdAt, exportID: exportID, submissionID: record.id,
                                       toState: SubmissionState.prepared.rawValue,
                                       detail: "\(record.goName): \(record.parts) part(s), \(record.recordCount) record(s)")
                recorded.append((record, stored))
            }
            try Self.setExportState(db, exportID, to: .converted, detail: detail)
            return recorded
        }
    }

    /// Takes the next sequence number, above the last one handed out and above the floor that
    /// `raiseFloors` recorded from the archive or the server; 99999 is the last the name format allows.
    private static func nextSequence(_ db: Database, sender: String, nameDate: String, environment: String) throws -> Int {
        let last = try Int.fetchOne(db, sql: """
            SELECT MAX(
                COALESCE((SELECT lastSequence FROM sequenceCounter WHERE sender = ?1 AND nameDate = ?2 AND environment = ?3), 0),
                COALESCE((SELECT floor FROM sequenceFloor WHERE sender = ?1 AND nameDate = ?2 AND environment = ?3), 0))
            """, arguments: [sender, nameDate, environment]) ?? 0
        let sequence = last + 1
        guard sequence <= 99_999 else {
            throw JournalError.sequencesExhausted(sender: sender, nameDate: nameDate, environment: environment)
        }
        try db.execute(sql: """
            INSERT INTO sequenceCounter (sender, nameDate, environment, lastSequence) VALUES (?, ?, ?, ?)
            ON CONFLICT (sender, nameDate, environment) DO UPDATE SET lastSequence = excluded.lastSequence
            """, arguments: [sender, nameDate, environment, sequence])
        return sequence
    }

    // MARK: Submissions

    /// Moves a submission to `state` if the transition table allows it, and records the event.
    ///
    /// `durable: false` is for transitions whose loss in a power cut only costs a check later.
    @discardableResult
    public func transition(_ id: Int64, to state: SubmissionState, detail: String? = nil, durable: Bool = true,
                           update: (@Sendable (inout SubmissionRecord) -> Void)? = nil) throws -> SubmissionRecord {
        try write(durable: durable) { db in try self.transition(db, id, to: state, detail: detail, update: update) }
    }

    /// Moves a submission to `state` only if it is still in one of `expected`, in one transaction: what an
    /// administrator's command does, so that a stage that moved it meanwhile wins and nothing is undone.
    @discardableResult
    public func transition(_ id: Int64, ifStillIn expected: Set<SubmissionState>, to state: SubmissionState,
                           detail: String) throws -> SubmissionRecord {
        try pool.write { db in
            guard let current = try Self.submission(db, id) else { throw JournalError.notFound("submission \(id)") }
            guard expected.contains(current.state), current.state.allowsByAdministrator(state) else {
                throw JournalError.forbiddenTransition(submission: id, from: current.state, to: state)
            }
            return try self.transition(db, id, to: state, detail: detail, update: nil, byAdministrator: true)
        }
    }

    /// One transaction. `durable: false` commits without waiting for the disk; the next durable commit
    /// makes it durable too (the WAL is written in order), so nothing becomes durable before what came
    /// before it.
    func write<T>(durable: Bool, _ body: @escaping (Database) throws -> T) throws -> T {
        if durable { return try pool.write(body) }
        return try pool.writeWithoutTransaction { db in
            try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
            defer { try? db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute() }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// The one place a submission's state changes: `state` nil records the event without a move; any
    /// move is checked against the transition table (`SubmissionState.allows`).
    func transition(_ db: Database, _ id: Int64, to state: SubmissionState?, detail: String?,
                    update: (@Sendable (inout SubmissionRecord) -> Void)?, byAdministrator: Bool = false) throws -> SubmissionRecord {
        guard var submission = try Self.submission(db, id) else {
            throw JournalError.notFound("submission \(id)")
        }
        let from = submission.state
        if let state {
            guard byAdministrator ? from.allowsByAdministrator(state) : from.allows(state) else {
                throw JournalError.forbiddenTransition(submission: id, from: from, to: state)
            }
            submission.state = state
        }
        submission.updatedAt = Date()
        if let detail { submission.detail = detail }
        if let update {
            update(&submission)
            try submission.update(db)
        } else {
            // The common change touches three columns: one kept statement, no record encoding.
            try db.cachedStatement(sql: "UPDATE submission SET state = ?, updatedAt = ?, detail = ? WHERE id = ?")
                .execute(arguments: [submission.state.rawValue, submission.updatedAt, submission.detail, id])
        }
        try EventRecord.append(db, at: submission.updatedAt, exportID: submission.exportID, submissionID: id,
                               fromState: from.rawValue, toState: submission.state.rawValue, detail: detail)
        return submission
    }

    public func submission(_ id: Int64) throws -> SubmissionRecord? {
        try pool.read { db in try Self.submission(db, id) }
    }

    /// Through a kept statement: read at every step of a delivery.
    static func submission(_ db: Database, _ id: Int64) throws -> SubmissionRecord? {
        try SubmissionRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM submission WHERE id = ?"), arguments: [id])
    }

    public func submissions(in states: [SubmissionState]? = nil, exportID: Int64? = nil) throws -> [SubmissionRecord] {
        try pool.read { db in
            var request = SubmissionRecord.order(Column("id"))
            if let states { request = request.filter(states.map(\.rawValue).contains(Column("state"))) }
            if let exportID { request = request.filter(Column("exportID") == exportID) }
            return try request.fetchAll(db)
        }
    }

    public func files(of submissionID: Int64) throws -> [SubmissionFileRecord] {
        try pool.read { db in try Self.files(db, of: submissionID) }
    }

    static func files(_ db: Database, of submissionID: Int64) throws -> [SubmissionFileRecord] {
        try SubmissionFileRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM submissionFile WHERE submissionID = ? ORDER BY part = 0, part, kind"),
            arguments: [submissionID])
    }

    /// The submission file with this exact name, if we sent one.
    public func file(named name: String) throws -> SubmissionFileRecord? {
        try pool.read { db in try SubmissionFileRecord.filter(Column("name") == name).fetchOne(db) }
    }

    public func events(submissionID: Int64? = nil, exportID: Int64? = nil) throws -> [EventRecord] {
        try pool.read { db in
            var request = EventRecord.order(Column("id"))
            if let submissionID { request = request.filter(Column("submissionID") == submissionID) }
            if let exportID { request = request.filter(Column("exportID") == exportID) }
            return try request.fetchAll(db)
        }
    }

    /// Counts per state, for status lines and metrics.
    public func submissionCounts() throws -> [SubmissionState: Int] {
        try pool.read { db in
            var counts: [SubmissionState: Int] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM submission GROUP BY state")
            for row in rows {
                if let state = SubmissionState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }
}

extension Journal {
    /// Records where an export's original now lives (archive or failed folder).
    public func moveExport(_ id: Int64, to storedPath: String) throws {
        try pool.write { db in
            guard var export = try ExportRecord.fetchOne(db, key: id) else { throw JournalError.notFound("export \(id)") }
            export.storedPath = storedPath
            export.updatedAt = Date()
            try export.update(db)
            try EventRecord.append(db, at: export.updatedAt, exportID: id, fromState: export.state.rawValue,
                                   toState: export.state.rawValue, detail: "original kept at \(storedPath)")
        }
    }
}
