import Answers
import BatchFormat
import Foundation
import Journal
import Testing
import TestSupport

@Suite struct AnswerMatchingTests {
    /// The folder is shared: an answer naming a file we never sent is another application's, whatever its ticket.
    @Test func anACRFNamingAFileNotOursIsNeverOursWhateverItsTicket() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        let other = try fixture.submission(parts: [[.right(id: "R2", inss: TestDocuments.nissB)]])
        try fixture.journal.transition(sent.id, to: .acknowledged) { $0.ticket = "T-KNOWN" }
        // A rejection naming a file we never sent, but quoting the ticket we hold.
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: ["GO.FLAX.123456.20261123.00777.T.1"], ticket: "T-KNOWN",
                                                      result: 0, errorIDs: ["ACRF-500"]))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.kind) == [.unmatched])
        #expect(outcome.map(\.submissionID) == [nil])
        #expect(try fixture.state(sent) == .acknowledged)
        #expect(try fixture.state(other) == .sent)
        #expect(try fixture.journal.answersNeedingAttention().count == 1)
        // Without a file name, the ticket alone does find it.
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [], ticket: "T-KNOWN", result: 0, errorIDs: ["ACRF-500"]))
        #expect(try fixture.applier.applyDownloaded().map(\.submissionID) == [sent.id])
        #expect(try fixture.state(sent) == .rejected)
        #expect(try fixture.journal.answers(submissionID: sent.id).first?.matchedBy == "ticket")
    }

    @Test func aNotificationIsMatchedByFormDateAndHourBeforeItsTicket() throws {
        let fixture = try AnswerFixture()
        let first = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        let second = try fixture.submission(parts: [
            [.right(id: "R2", inss: TestDocuments.nissB)],
            [.right(id: "R3", inss: TestDocuments.nissC), .right(id: "R4", inss: TestDocuments.nissA)],
        ], state: .acknowledged)
        try fixture.journal.transition(first.id, to: .acknowledged) { $0.ticket = "T-FIRST" }
        // The form stamp names part 2 of the second submission; the (wrong) ticket is not looked at.
        let part = second.parts[1]
        try fixture.answer("NOTI", TestDocuments.notification(
            handled: (part.date, part.hour), ticket: "T-FIRST", result: 1,
            anomalies: [.init(errorID: "x", tagName: "INSS", value: TestDocuments.nissA)]))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.submissionID) == [second.id])
        let answer = try #require(try fixture.journal.answers(submissionID: second.id).first)
        #expect(answer.matchedBy == "form-creation")
        #expect(answer.submissionFileID == part.file.id)
        // Export lines: part 1 holds line 2, part 2 lines 3 and 4; the nissA worker is the 2nd record of part 2.
        #expect(try fixture.journal.anomalies(of: second.id).map(\.exportLine) == [4])
        #expect(try fixture.state(first) == .acknowledged)
    }

    @Test func aNotificationWithOnlyATicketFindsItsSubmission() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        try fixture.journal.transition(sent.id, to: .acknowledged) { $0.ticket = "T-ONLY" }
        try fixture.answer("NOTI", TestDocuments.notification(
            handled: ("2026-01-01", "00:00:00.001"), ticket: "T-ONLY", result: 1,
            anomalies: [.init(errorID: "x", line: 13)]))
        try fixture.applier.applyDownloaded()
        let answer = try #require(try fixture.journal.answers(submissionID: sent.id).first)
        #expect(answer.matchedBy == "ticket")
        // One part only: there is no doubt which one, so its records are located.
        #expect(answer.submissionFileID == sent.parts[0].file.id)
        #expect(try fixture.journal.anomalies(of: sent.id).map(\.exportLine) == [2])
        #expect(try fixture.state(sent) == .acceptedWithAnomalies)
    }

    @Test func aTicketOnlyNotificationOfAMultiPartSubmissionDoesNotGuessThePart() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)],
                                                  [.right(id: "R2", inss: TestDocuments.nissB)]])
        try fixture.journal.transition(sent.id, to: .acknowledged) { $0.ticket = "T-MULTI" }
        try fixture.answer("NOTI", TestDocuments.notification(ticket: "T-MULTI", result: 1))
        try fixture.answer("NOTI", TestDocuments.notification(ticket: "T-MULTI", result: 1))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.kind) == [.applied, .applied])
        #expect(outcome.allSatisfy { $0.detail.contains("does not say which part") })
        #expect(try fixture.state(sent) == .acknowledged)
    }

    @Test func aFileNameOfOursWinsOverEverythingElse() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)],
                                                  [.right(id: "R2", inss: TestDocuments.nissB)]])
        let other = try fixture.submission(parts: [[.right(id: "R3", inss: TestDocuments.nissC)]])
        try fixture.journal.transition(other.id, to: .acknowledged) { $0.ticket = "T-OTHER" }
        try fixture.answer("NOTI", TestDocuments.notification(
            fileName: sent.parts[1].file.name, handled: (other.parts[0].date, other.parts[0].hour),
            ticket: "T-OTHER", result: 0))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.submissionID) == [sent.id])
        #expect(try fixture.journal.answers(submissionID: sent.id).first?.submissionFileID == sent.parts[1].file.id)
        #expect(try fixture.state(sent) == .rejected)
        #expect(try fixture.state(other) == .acknowledged)
    }

    @Test func anFSNameStandsForTheFIItSignsAndAGONameForTheOnlyPart() throws {
        let fixture = try AnswerFixture()
        let multi = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)],
                                                   [.right(id: "R2", inss: TestDocuments.nissB)]], signed: true)
        let single = try fixture.submission(parts: [[.right(id: "R3", inss: TestDocuments.nissC)]], signed: true)
        let fsName = try #require(try fixture.journal.files(of: multi.id).first { $0.kind == .fs && $0.part == 2 }?.name)
        try fixture.answer("NOTI", TestDocuments.notification(fileName: fsName, result: 1))
        try fixture.answer("NOTI", TestDocuments.notification(fileName: single.goName, result: 1))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.submissionID) == [multi.id, single.id])
        #expect(try fixture.journal.answers(submissionID: multi.id).first?.submissionFileID == multi.parts[1].file.id)
        #expect(try fixture.journal.answers(submissionID: single.id).first?.submissionFileID == single.parts[0].file.id)
        #expect(outcome.map(\.state) == [.sent, .accepted])
        #expect(outcome[0].detail.contains("part 2 of 2"))
    }

    @Test func anUnmatchedAnswerIsKeptAndReported() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        let stray = try fixture.answer("NOTI", TestDocuments.notification(
            fileName: "FI.DMFA.123456.20261123.00001.T.1.1", handled: ("2026-11-23", "08:00:00.000"),
            ticket: "T-NOBODY", result: 0))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.kind) == [.unmatched])
        let kept = try #require(try fixture.journal.answer(named: stray.name))
        #expect(kept.state == .unmatched)
        #expect(kept.submissionID == nil)
        #expect(kept.type == "NOTI")
        #expect(kept.ticket == "T-NOBODY")
        #expect(kept.detail == "NOTI answers none of our submissions: it quotes file name(s) FI.DMFA.123456.20261123.00001.T.1.1; ticket T-NOBODY; form created 2026-11-23 08:00:00.000")
        #expect(FileManager.default.fileExists(atPath: stray.storedPath))
        #expect(try fixture.state(sent) == .sent)
        #expect(try fixture.journal.events().last?.toState == "answer-unmatched")
        let warning = try #require(fixture.logs.entries.first { $0.level == .warning })
        #expect(warning.message.contains("none of our submissions"))
        #expect(warning.metadata["remote_name"] == "\(stray.name)")
    }

    @Test func unreadableAnswersAreKeptUnmatchedAndTheStageGoesOn() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        let malformed = try fixture.answer("ACRF", "<ACRF><Form><ReceptionResult><ResultCode>1</ResultCode>")
        let doctype = try fixture.answer("ACRF", """
            <?xml version="1.0"?>
            <!DOCTYPE ACRF [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <ACRF><Form><FileReference><FileName>&e;</FileName></FileReference></Form></ACRF>
            """)
        let huge = try fixture.answer("NOTI", TestDocuments.notification(
            fileName: sent.parts[0].file.name, result: 1,
            anomalies: (0..<100_000).map { _ in .init(errorID: "00000-000", tagName: "Days", value: "1", line: 13) }))
        let unknown = try fixture.answer("ACRF", "<DMFA><Form/></DMFA>")
        let gone = try fixture.journal.recordDownloadedAnswer(name: "FO.ACRF.999999.20261123.09999.T.1.1",
                                                              storedPath: fixture.directory.path + "/answers/missing", type: "ACRF")
        let good = try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [sent.goName], result: 1))

        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.kind) == [.unmatched, .unmatched, .unmatched, .unmatched, .unmatched, .applied])
        #expect(outcome.last?.answerName == good.name)
        #expect(try fixture.state(sent) == .acknowledged)

        func detail(_ answer: AnswerRecord) throws -> String {
            try #require(try fixture.journal.answer(named: answer.name)?.detail)
        }
        #expect(try detail(malformed).hasPrefix("cannot be read as an answer: \(malformed.storedPath)"))
        #expect(try detail(doctype).contains("DOCTYPE"))
        #expect(try detail(huge).contains("bytes"))
        #expect(try detail(unknown).contains("root element <DMFA>"))
        #expect(try detail(gone).contains("cannot open"))
        for answer in [malformed, doctype, huge, unknown] {
            #expect(FileManager.default.fileExists(atPath: answer.storedPath))
        }
        #expect(try fixture.journal.anomalies(of: sent.id).isEmpty)
        #expect(fixture.logs.entries.filter { $0.level == .warning }.count == 5)
    }
}

/// The platform quotes our names in whatever length it likes; our own reference leads to the FI part;
/// a person marks an answer that needed attention as handled.
@Suite struct AnswerQuotingTests {
    @Test func ourGOQuotedInSixFieldsIsStillOurs() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        let short = sent.goName.split(separator: ".").prefix(6).joined(separator: ".")
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [short], result: 1))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.submissionID) == [sent.id])
        #expect(try fixture.state(sent) == .acknowledged)
        #expect(try fixture.journal.submission(sent.id)?.ticket == "03804UE9XCMQZ")
    }

    @Test func ourReferenceQuotedBackFindsThePartOfAGONamedNotification() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [
            [.right(id: "R1", inss: TestDocuments.nissA)], [.right(id: "R2", inss: TestDocuments.nissB)],
        ], state: .acknowledged)
        let second = sent.parts[1]
        let reference = try #require(SenderReference.text(formCreation: "\(second.date) \(second.hour)"))
        try fixture.answer("NOTI", TestDocuments.notification(fileName: sent.goName, senderReference: reference, result: 1))
        try fixture.applier.applyDownloaded()
        let answer = try #require(try fixture.journal.answers(submissionID: sent.id).first)
        #expect(answer.matchedBy == "file-name")
        #expect(answer.submissionFileID == second.file.id)
        // Without the file name, the reference alone finds it.
        try fixture.answer("NOTI", TestDocuments.notification(senderReference: reference, result: 1))
        try fixture.applier.applyDownloaded()
        #expect(try fixture.journal.answers(submissionID: sent.id).map(\.matchedBy) == ["file-name", "sender-reference"])
        #expect(SenderReference.formCreation(from: reference) == "\(second.date) \(second.hour)")
        #expect(SenderReference.formCreation(from: "2025/1") == nil)
    }

    @Test func anUnmatchedAnswerNeedsAttentionUntilMarkedHandled() throws {
        let fixture = try AnswerFixture()
        let stray = try fixture.answer("ACRF", TestDocuments.acrf(fileNames: ["GO.OTHR.654321.20261123.00001.T.1"], result: 1))
        try fixture.applier.applyDownloaded()
        #expect(try fixture.journal.answersNeedingAttention().map(\.name) == [stray.name])
        #expect(try fixture.journal.markHandled(name: "FO.NOPE", note: "x") == nil)
        #expect(try fixture.journal.markHandled(name: stray.name, note: "another application's answer") == "answer \(stray.name)")
        #expect(try fixture.journal.answersNeedingAttention().isEmpty)
        // Marked once: a second time there is nothing left to mark.
        #expect(try fixture.journal.markHandled(name: stray.name, note: "again") == nil)
        #expect(try fixture.journal.events().contains { $0.toState == "answer-handled" && $0.detail?.contains("another application") == true })
    }
}
