import Foundation
import GRDB
import Testing
import TestSupport
@testable import Journal

private func newExport(_ journal: Journal, sha: String = UUID().uuidString, name: String = "payroll.csv") throws -> ExportRecord {
    try journal.registerExport(ExportRecord(sourceFile: name, storedPath: "/tmp/\(name)", sha256: sha, byteCount: 10)).export
}

/// Records one submission of `exportID`, or of a new export (an export is converted once).
private func prepare(_ journal: Journal, exportID: Int64? = nil, date: String = "20261123", env: String = "T",
                     sender: String = "123456") throws -> SubmissionRecord {
    let exportID = try exportID ?? newExport(journal).id!
    let template = SubmissionRecord(exportID: exportID, flow: "FLAX", sender: sender, environment: env,
                                    nameDate: date, sequence: 0, parts: 1, recordCount: 3, goName: "",
                                    directory: "/tmp/out")
    return try journal.recordConversion(exportID: exportID, submissions: [template]) { _, seq in
        let base = "FLAX.\(sender).\(date).\(String(format: "%05d", seq)).\(env).1"
        return NamedFiles(goName: "GO.\(base)", directory: "/tmp/out/\(seq)",
                          files: [SubmissionFileRecord(kind: .fi, part: 1, name: "FI.\(base).1", byteCount: 5,
                                                       sha256: "x", formCreation: "\(base)-stamp")])
    }[0].submission
}

@Suite struct JournalTests {
    @Test func opensInWALModeAndMigrates() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("db/journal.sqlite").path)
        let mode = try journal.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let applied = try journal.pool.read { db in try JournalSchema.migrator.appliedMigrations(db) }
        #expect(applied == JournalSchema.migrator.migrations)
    }

    @Test func sequencesIncreasePerSenderDateAndEnvironmentAndSurviveReopen() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("journal.sqlite").path
        var journal = try Journal(path: path)
        #expect(try prepare(journal).sequence == 1)
        #expect(try prepare(journal).sequence == 2)
        #expect(try prepare(journal, env: "R").sequence == 1)
        #expect(try prepare(journal, date: "20261124").sequence == 1)
        journal = try Journal(path: path)
        #expect(try prepare(journal).sequence == 3)
    }

    @Test func aFailedPreparationConsumesNoNumber() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("journal.sqlite").path)
        let export = try newExport(journal)
        struct Boom: Error {}
        let template = SubmissionRecord(exportID: export.id!, flow: "FLAX", sender: "123456", environment: "T",
                                        nameDate: "20261123", sequence: 0, parts: 1, recordCount: 1, goName: "",
                                        directory: "/tmp")
        #expect(throws: Boom.self) {
            try journal.recordConversion(exportID: export.id!, submissions: [template, template]) { index, seq in
                if index == 1 { throw Boom() }
                return NamedFiles(goName: "GO.\(seq)", directory: "/tmp", files: [])
            }
        }
        // Neither the first submission nor the export's new state survived the failure of the second.
        #expect(try journal.submissions().isEmpty)
        #expect(try journal.export(export.id!)?.state == .received)
        #expect(try prepare(journal, exportID: export.id!).sequence == 1)
        #expect(try journal.export(export.id!)?.state == .converted)
    }

    @Test func twoProcessesSharingTheFileNeverGetTheSameNumber() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("journal.sqlite").path
        let first = try Journal(path: path), second = try Journal(path: path)
        let sequences = try await withThrowingTaskGroup(of: [Int].self) { group in
            for journal in [first, second] {
                group.addTask {
                    try (0..<50).map { _ in try prepare(journal).sequence }
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(sequences.count == 100)
        #expect(Set(sequences) == Set(1...100))
    }

    /// Two processes converting one export at once: the second to record finds it converted and
    /// records nothing.
    @Test func anExportIsRecordedAsConvertedOnce() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("journal.sqlite").path
        let first = try Journal(path: path), second = try Journal(path: path)
        let export = try newExport(first)
        _ = try prepare(first, exportID: export.id!)
        #expect(throws: JournalError.notPending(export: export.id!, state: .converted)) {
            try prepare(second, exportID: export.id!)
        }
        #expect(try first.submissions(exportID: export.id!).count == 1)
    }

    /// The content check and the record are one transaction: content converted is refused, an
    /// interrupted conversion is taken up again, `force` records the same content anew.
    @Test func registeringForConversionLooksForTheSameContentAtOnce() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("journal.sqlite").path)
        let export = ExportRecord(sourceFile: "p.csv", storedPath: "/tmp/p.csv", sha256: "same", byteCount: 1)
        guard case .registered(let first) = try journal.registerForConversion(export, force: false) else {
            Issue.record("expected a new export")
            return
        }
        guard case .resumed(let again) = try journal.registerForConversion(export, force: false) else {
            Issue.record("expected the interrupted export")
            return
        }
        #expect(again.id == first.id)
        _ = try prepare(journal, exportID: first.id!)
        guard case .alreadyConverted(let done) = try journal.registerForConversion(export, force: false) else {
            Issue.record("expected a refusal of converted content")
            return
        }
        #expect(done.id == first.id && done.state == .converted)
        guard case .registered(let forced) = try journal.registerForConversion(export, force: true) else {
            Issue.record("expected a new export with force")
            return
        }
        #expect(forced.id != first.id)
        #expect(try journal.exports().count == 2)
    }

    /// Reprocessing checks and queues in one transaction: two requests for one export queue it once.
    @Test func anExportIsQueuedAgainOnce() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("journal.sqlite").path
        let first = try Journal(path: path), second = try Journal(path: path)
        let export = try newExport(first, sha: "content")
        let submission = try prepare(first, exportID: export.id!)
        let copy = ExportRecord(sourceFile: export.sourceFile, storedPath: "/tmp/copy", sha256: "content", byteCount: 10)
        guard case .underWay(let open) = try first.requeue(export.id!, as: copy) else {
            Issue.record("a prepared submission is under way")
            return
        }
        #expect(open.map(\.id) == [submission.id])
        try first.transition(submission.id!, to: .failed, detail: "test")
        guard case .queued(let queued) = try first.requeue(export.id!, as: copy) else {
            Issue.record("expected the export queued again")
            return
        }
        #expect(queued.state == .received && queued.id != export.id)
        guard case .alreadyQueued(let other) = try second.requeue(export.id!, as: copy) else {
            Issue.record("expected a refusal: the content is queued already")
            return
        }
        #expect(other.id == queued.id)
        #expect(try first.exports().count == 2)
    }

    /// Records the platform accepted are not queued again without a person's reason, which is kept.
    @Test func anAcceptedExportIsQueuedAgainOnlyWhenForcedWithAReason() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("journal.sqlite").path)
        let export = try newExport(journal, sha: "accepted-content")
        let submission = try prepare(journal, exportID: export.id!)
        for state in [SubmissionState.uploading, .sent, .acknowledged, .accepted] {
            try journal.transition(submission.id!, to: state, detail: "test")
        }
        let copy = ExportRecord(sourceFile: export.sourceFile, storedPath: "/tmp/copy", sha256: "accepted-content", byteCount: 10)
        guard case .accepted(let accepted) = try journal.requeue(export.id!, as: copy) else {
            Issue.record("an accepted export must not be queued again unforced")
            return
        }
        #expect(accepted.map(\.id) == [submission.id])
        #expect(try journal.exports().count == 1)
        guard case .queued(let queued) = try journal.requeue(export.id!, as: copy, forcedBecause: "the employer asked for a correction") else {
            Issue.record("forced with a reason, it is queued")
            return
        }
        #expect(queued.detail?.contains("forced although the platform accepted \(submission.goName): the employer asked for a correction") == true)
    }

    @Test func theDatabaseRefusesAReusedName() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("journal.sqlite").path)
        let export = try newExport(journal)
        let s = try prepare(journal, exportID: export.id!)
        #expect(throws: DatabaseError.self) {
            try journal.pool.write { db in
                var copy = s
                copy.id = nil
                copy.goName = "GO.other"
                try copy.insert(db)
            }
        }
    }

    @Test func transitionsFollowTheTableAndAreRecorded() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("journal.sqlite").path)
        let export = try newExport(journal)
        let id = try prepare(journal, exportID: export.id!).id!
        #expect(throws: JournalError.forbiddenTransition(submission: id, from: .prepared, to: .accepted)) {
            try journal.transition(id, to: .accepted)
        }
        try journal.transition(id, to: .uploading, detail: "attempt 1")
        try journal.transition(id, to: .uploading, detail: "attempt 2")
        try journal.transition(id, to: .sent)
        let done = try journal.transition(id, to: .acknowledged) { $0.ticket = "T-1" }
        #expect(done.ticket == "T-1")
        try journal.transition(id, to: .acceptedWithAnomalies)
        #expect(throws: JournalError.self) { try journal.transition(id, to: .sent) }
        let states = try journal.events(submissionID: id).map(\.toState)
        #expect(states == ["prepared", "uploading", "uploading", "sent", "acknowledged", "accepted-with-anomalies"])
        #expect(try journal.submissionCounts() == [.acceptedWithAnomalies: 1])
    }

    @Test func everyFinalStateIsAReachableDeadEnd() {
        for state in SubmissionState.allCases where state.isFinal {
            #expect(SubmissionState.allCases.allSatisfy { !state.allows($0) }, "\(state) must be final")
            #expect(SubmissionState.allCases.contains { $0.allows(state) }, "\(state) must be reachable")
        }
    }

    @Test func eventsAreAppendOnly() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("journal.sqlite").path)
        _ = try newExport(journal)
        #expect(throws: DatabaseError.self) {
            try journal.pool.write { db in try db.execute(sql: "UPDATE event SET detail = 'rewritten'") }
        }
        #expect(throws: DatabaseError.self) {
            try journal.pool.write { db in try db.execute(sql: "DELETE FROM event") }
        }
    }

    @Test func theSameContentTwiceIsADuplicateUnlessForced() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("journal.sqlite").path)
        let first = try journal.registerExport(ExportRecord(sourceFile: "a.csv", storedPath: "a", sha256: "abc", byteCount: 1))
        #expect(first.duplicateOf == nil)
        let second = try journal.registerExport(ExportRecord(sourceFile: "b.csv", storedPath: "b", sha256: "abc", byteCount: 1))
        #expect(second.duplicateOf?.id == first.export.id)
        #expect(second.export.state == .duplicate)
        let forced = try journal.registerExport(ExportRecord(sourceFile: "c.csv", storedPath: "c", sha256: "abc", byteCount: 1),
                                                allowDuplicate: true)
        #expect(forced.export.state == .received)
        // A quarantined export does not block the corrected file with the same content being tried again.
        let bad = try journal.registerExport(ExportRecord(sourceFile: "x.csv", storedPath: "x", sha256: "def", byteCount: 1))
        try journal.setExportState(bad.export.id!, to: .quarantined, detail: "invalid records")
        #expect(try journal.registerExport(ExportRecord(sourceFile: "y.csv", storedPath: "y", sha256: "def", byteCount: 1)).duplicateOf == nil)
    }

    @Test func formStampsStrictlyIncreaseEvenWhenTheClockGoesBack() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("journal.sqlite").path)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let a = try journal.nextFormStamp(now: now)
        let b = try journal.nextFormStamp(now: now)
        let c = try journal.nextFormStamp(now: now.addingTimeInterval(-3600))
        #expect(a.localMillis < b.localMillis && b.localMillis < c.localMillis)
        #expect(Set([a.description, b.description, c.description]).count == 3)
    }

    @Test func formStampsAreBelgianWallClock() {
        // 2026-10-25 00:30 UTC is 02:30 CEST; one hour later the clocks fall back and 02:30 comes again (CET).
        let summer = FormStamp(date: Date(timeIntervalSince1970: 1_792_888_200))
        #expect(summer.date == "2026-10-25")
        #expect(summer.hour == "02:30:00.000")
        let winter = FormStamp(date: Date(timeIntervalSince1970: 1_792_888_200 + 3600))
        #expect(winter.hour == "02:30:00.000")
    }

    @Test func recordLinesRoundTrip() {
        let file = SubmissionFileRecord(kind: .fi, part: 1, name: "n", byteCount: 0, sha256: "",
                                        recordLines: SubmissionFileRecord.encodeLines([2, 3, 7, 100_000]))
        #expect(file.line(ofRecordAt: 1) == 2)
        #expect(file.line(ofRecordAt: 3) == 7)
        #expect(file.line(ofRecordAt: 4) == 100_000)
        #expect(file.line(ofRecordAt: 5) == nil)
        #expect(file.line(ofRecordAt: 0) == nil)
    }
}

/// Export states have their own table: only a received export moves, once.
@Suite struct ExportTransitionTests {
    @Test func onlyAReceivedExportMovesAndOnlyOnce() throws {
        #expect(ExportState.received.allows(.converted) && ExportState.received.allows(.quarantined))
        #expect(!ExportState.converted.allows(.quarantined) && !ExportState.quarantined.allows(.received))
        #expect(!ExportState.received.allows(.received))
        let directory = try TemporaryDirectory("export-table")
        let journal = try Journal(path: directory.file("journal.sqlite").path)
        let (export, _) = try journal.registerExport(ExportRecord(sourceFile: "a.csv", storedPath: "/nowhere/a.csv",
                                                                 sha256: "ab", byteCount: 1))
        let id = try #require(export.id)
        try journal.setExportState(id, to: .quarantined, detail: "bad file")
        #expect(throws: JournalError.forbiddenExportTransition(export: id, from: .quarantined, to: .converted)) {
            try journal.setExportState(id, to: .converted)
        }
        #expect(try journal.export(id)?.state == .quarantined)
    }
}

/// `retry` is the administrator's, not the stages': `failed` stays a dead end for the daemon.
@Suite struct AdministratorTransitionTests {
    @Test func onlyAnAdministratorPutsAFailedSubmissionBack() {
        #expect(!SubmissionState.failed.allows(.prepared) && !SubmissionState.failed.allows(.uploading))
        #expect(SubmissionState.failed.allowsByAdministrator(.prepared) && SubmissionState.failed.allowsByAdministrator(.uploading))
        #expect(!SubmissionState.accepted.allowsByAdministrator(.prepared))
        #expect(!SubmissionState.rejected.allowsByAdministrator(.uploading))
    }
}
