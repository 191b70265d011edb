import Answers
import Foundation
import Journal
import Testing
import TestSupport

/// The stage end to end: real journal, real FI files, real answer files.
@Suite struct AnswerApplierTests {
    let ticket = "T2026112300000042"

    @Test func acknowledgedThenAcceptedWithTheTicketKept() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        let fi = sent.parts[0].file.name
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [sent.goName, fi], ticket: ticket, result: 1))
        let first = try fixture.applier.applyDownloaded()
        #expect(first.map(\.kind) == [.applied])
        #expect(first[0].state == .acknowledged)
        #expect(try fixture.journal.submission(sent.id)?.ticket == ticket)

        try fixture.answer("NOTI", TestDocuments.notification(fileName: fi, handled: (sent.parts[0].date, sent.parts[0].hour),
                                                              ticket: ticket, result: 1))
        let second = try fixture.applier.applyDownloaded()
        #expect(second.map(\.state) == [.accepted])
        #expect(try fixture.state(sent) == .accepted)

        let answers = try fixture.journal.answers(submissionID: sent.id)
        #expect(answers.map(\.state) == [.applied, .applied])
        #expect(answers.map(\.type) == ["ACRF", "NOTI"])
        #expect(answers.map(\.resultCode) == [1, 1])
        #expect(answers.map(\.matchedBy) == ["file-name", "file-name"])
        #expect(answers.map(\.ticket) == [ticket, ticket])
        #expect(answers[0].submissionFileID == nil)
        #expect(answers[1].submissionFileID == sent.parts[0].file.id)
        let events = try fixture.journal.events(submissionID: sent.id).map(\.toState)
        #expect(events == ["prepared", "uploading", "sent", "acknowledged", "accepted"])

        let applied = fixture.logs.entries.filter { $0.message.hasPrefix("answer applied") }
        #expect(applied.count == 2)
        #expect(applied.last?.metadata["submission_id"] == "\(sent.id)")
        #expect(applied.last?.metadata["state"] == "accepted")
        #expect(applied.last?.metadata["remote_name"] == "\(answers[1].name)")
    }

    @Test func aRejectingACRFKeepsItsErrorIDs() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [sent.goName], ticket: nil, result: 0,
                                                      errorIDs: ["ACRF-133", "ACRF-125"]))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.state) == [.rejected])
        let submission = try #require(try fixture.journal.submission(sent.id))
        #expect(submission.state == .rejected)
        #expect(submission.detail?.contains("ACRF-133, ACRF-125") == true)
        let answer = try #require(try fixture.journal.answers(submissionID: sent.id).first)
        #expect(answer.resultCode == 0)
        #expect(answer.detail?.contains("ACRF-133") == true)
        #expect(try fixture.journal.events(submissionID: sent.id).last?.detail?.contains("ACRF-125") == true)
    }

    @Test func anomaliesAreStoredWithTheirRecordAndExportLineAndNoClearNationalNumber() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[
            .right(id: "R1", inss: TestDocuments.nissA),
            .followed(id: "F1", inss: TestDocuments.nissB),
            .right(id: "R2", inss: TestDocuments.nissC),
        ]], state: .acknowledged)
        let part = sent.parts[0]
        try fixture.answer("NOTI", TestDocuments.notification(
            fileName: part.file.name, ticket: ticket, result: 1,
            diagnosis: 7,
            anomalies: [
                // The Days line of the third record (lines 37-45 of the FI).
                .init(errorID: "00011-155", tagName: "Days", value: "7", anomalyClass: "W", label: "Too many days", line: 43),
                // No line: the record's keys say which one.
                .init(errorID: "00011-200", tagName: "INSS", value: TestDocuments.nissB, anomalyClass: "B",
                      label: "Unknown worker \(TestDocuments.nissB)",
                      path: [("CompanyID", "0202239951"), ("INSS", TestDocuments.nissB)]),
                // The form's header (line 10): no record.
                .init(errorID: "00011-300", tagName: "CompanyID", value: "0202239951", anomalyClass: "I", line: 10),
            ]))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.state) == [.acceptedWithAnomalies])

        let anomalies = try fixture.journal.anomalies(of: sent.id)
        #expect(anomalies.map(\.errorID) == ["00011-155", "00011-200", "00011-300"])
        // Lines 2, 3, 4 of the export hold records 1, 2, 3.
        #expect(anomalies.map(\.recordPosition) == [3, 2, nil])
        #expect(anomalies.map(\.exportLine) == [4, 3, nil])
        #expect(anomalies.allSatisfy { $0.submissionFileID == part.file.id })
        #expect(anomalies.map(\.anomalyClass) == ["W", "B", "I"])
        #expect(anomalies[0].value == "7")
        #expect(anomalies[1].value == "*********23")
        #expect(anomalies[1].path == "CompanyID=0202239951, INSS=*********23")
        #expect(anomalies[1].label == "Unknown worker *********23")
        #expect(anomalies.map(\.fiLine) == [43, nil, 10])
        #expect(anomalies[0].fiColumn == 9 && anomalies[0].location == "1,1,8,4")
        #expect(anomalies[2].value == "0202239951")

        // Nowhere in the journal or the logs does the number appear in clear.
        let stored = try fixture.journal.answers().compactMap(\.detail)
            + fixture.journal.events().compactMap(\.detail)
            + anomalies.flatMap { [$0.value, $0.path, $0.label].compactMap { $0 } }
        #expect(!stored.joined().contains(TestDocuments.nissB))
        #expect(stored.joined().contains("diagnosis 7"))
        #expect(!fixture.logs.allText.contains(TestDocuments.nissB))
    }

    @Test func aNotOKNotificationRejectsTheSubmission() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]], state: .acknowledged)
        try fixture.answer("NOTI", TestDocuments.notification(
            handled: (sent.parts[0].date, sent.parts[0].hour), result: 0,
            anomalies: [.init(errorID: "00011-999", tagName: "Year", value: "1999", line: 18)]))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.state) == [.rejected])
        #expect(try fixture.state(sent) == .rejected)
        #expect(try fixture.journal.anomalies(of: sent.id).map(\.exportLine) == [2])
        #expect(try fixture.journal.answers(submissionID: sent.id).first?.matchedBy == "form-creation")
    }

    @Test func aMultiPartSubmissionIsAcceptedOnlyOnceEveryPartIs() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [
            [.right(id: "R1", inss: TestDocuments.nissA), .right(id: "R2", inss: TestDocuments.nissB)],
            [.followed(id: "F1", inss: TestDocuments.nissC)],
            [.right(id: "R3", inss: TestDocuments.nissC)],
        ])
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [sent.goName], ticket: ticket, result: 1))
        // Part 2 with an anomaly, part 1 twice (a repeated notification counts once), then part 3.
        try fixture.answer("NOTI", TestDocuments.notification(
            fileName: sent.parts[1].file.name, ticket: ticket, result: 1,
            anomalies: [.init(errorID: "00020-001", tagName: "Duration", value: "8", anomalyClass: "W",
                              line: 13)]))
        try fixture.answer("NOTI", TestDocuments.notification(fileName: sent.parts[0].file.name, ticket: ticket, result: 1))
        try fixture.answer("NOTI", TestDocuments.notification(
            handled: (sent.parts[0].date, sent.parts[0].hour), ticket: ticket, result: 1))
        let early = try fixture.applier.applyDownloaded()
        #expect(early.map(\.kind) == [.applied, .applied, .applied, .applied])
        #expect(early.map(\.state) == [.acknowledged, .acknowledged, .acknowledged, .acknowledged])
        #expect(early[2].detail.contains("waiting for part(s) 3"))
        #expect(try fixture.journal.anomalies(of: sent.id).map(\.exportLine) == [4])

        try fixture.answer("NOTI", TestDocuments.notification(fileName: sent.parts[2].file.name, ticket: ticket, result: 1))
        let last = try fixture.applier.applyDownloaded()
        // Part 3 had no anomaly, but part 2 did: the submission as a whole has some.
        #expect(last.map(\.state) == [.acceptedWithAnomalies])
        #expect(try fixture.journal.events(submissionID: sent.id).map(\.toState).suffix(2)
                == ["acknowledged", "accepted-with-anomalies"])
    }

    @Test func aNotificationReadBeforeItsACRFMovesStraightOn() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        try fixture.answer("NOTI", TestDocuments.notification(
            handled: (sent.parts[0].date, sent.parts[0].hour), ticket: ticket, result: 1))
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [sent.goName], ticket: ticket, result: 1))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.kind) == [.applied, .applied])
        #expect(outcome.map(\.state) == [.accepted, .accepted])
        #expect(outcome[1].detail.contains("already accepted"))
        let submission = try #require(try fixture.journal.submission(sent.id))
        #expect(submission.state == .accepted)
        #expect(submission.ticket == ticket)
        #expect(try fixture.journal.events(submissionID: sent.id).map(\.toState)
                == ["prepared", "uploading", "sent", "accepted", "accepted"])
    }

    @Test func aDuplicateACRFChangesNothingAndDoesNotFail() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        let acrf = TestDocuments.acrf(fileNames: [sent.goName], ticket: ticket, result: 1)
        try fixture.answer("ACRF", acrf)
        try fixture.answer("ACRF", acrf)
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.kind) == [.applied, .applied])
        #expect(outcome.map(\.state) == [.acknowledged, .acknowledged])
        #expect(outcome[1].detail.contains("duplicate"))
        #expect(try fixture.journal.events(submissionID: sent.id).map(\.toState)
                == ["prepared", "uploading", "sent", "acknowledged", "acknowledged"])
        #expect(try fixture.journal.answers(in: [.applied]).count == 2)
    }

    @Test func aRejectionAfterAnAcceptanceIsRecordedAsAConflictWithoutAMove() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]], state: .acknowledged)
        try fixture.answer("NOTI", TestDocuments.notification(fileName: sent.parts[0].file.name, result: 1))
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [sent.goName], result: 0, errorIDs: ["ACRF-999"]))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.state) == [.accepted, .accepted])
        #expect(outcome[1].detail.contains("not applied"))
        #expect(fixture.logs.entries.contains { $0.level == .warning && $0.message.contains("ACRF-999") })
    }

    @Test(arguments: [2, 3, 4])
    func proposalsTemporaryAnswersAndTimeoutsChangeNoState(code: Int) throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]], state: .acknowledged)
        try fixture.answer("NOTI", TestDocuments.notification(
            fileName: sent.parts[0].file.name, result: code,
            anomalies: [.init(errorID: "00001-001", line: 13)]))
        let outcome = try fixture.applier.applyDownloaded()
        #expect(outcome.map(\.kind) == [.applied])
        #expect(try fixture.state(sent) == .acknowledged)
        // The event is there, with what was said; the anomaly is kept with its record.
        let last = try #require(try fixture.journal.events(submissionID: sent.id).last)
        #expect(last.fromState == "acknowledged" && last.toState == "acknowledged")
        #expect(last.detail?.contains(code == 4 ? "timed out" : "not final") == true)
        #expect(try fixture.journal.anomalies(of: sent.id).map(\.exportLine) == [2])
        // A later OK still accepts it.
        try fixture.answer("NOTI", TestDocuments.notification(fileName: sent.parts[0].file.name, result: 1))
        try fixture.applier.applyDownloaded()
        #expect(try fixture.state(sent) == .accepted)
    }

    @Test func applyingAgainChangesNothing() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]])
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [sent.goName], ticket: ticket, result: 1))
        try fixture.answer("NOTI", TestDocuments.notification(
            fileName: sent.parts[0].file.name, result: 1,
            anomalies: [.init(errorID: "1", line: 13)]))
        try fixture.answer("NOTI", "<not xml")
        #expect(try fixture.applier.applyDownloaded().count == 3)
        let events = try fixture.journal.events()
        let anomalies = try fixture.journal.anomalies(of: sent.id)
        let answers = try fixture.journal.answers()

        #expect(try fixture.applier.applyDownloaded().isEmpty)
        // Handing the applier an answer it already applied does nothing either.
        let again = answers.map { fixture.applier.apply($0) }
        #expect(again.map(\.kind) == [.skipped, .skipped, .skipped])
        #expect(try fixture.journal.events() == events)
        #expect(try fixture.journal.anomalies(of: sent.id) == anomalies)
        #expect(try fixture.journal.answers() == answers)
    }

    @Test func anAnswerForASubmissionStillUploadingWaitsForTheNextRun() throws {
        let fixture = try AnswerFixture()
        let sent = try fixture.submission(parts: [[.right(id: "R1", inss: TestDocuments.nissA)]], state: .uploading)
        try fixture.answer("ACRF", TestDocuments.acrf(fileNames: [sent.goName], ticket: ticket, result: 1))
        let first = try fixture.applier.applyDownloaded()
        #expect(first.map(\.kind) == [.deferred])
        #expect(try fixture.journal.answers(in: [.downloaded]).count == 1)
        #expect(try fixture.state(sent) == .uploading)

        try fixture.journal.transition(sent.id, to: .sent)
        let second = try fixture.applier.applyDownloaded()
        #expect(second.map(\.state) == [.acknowledged])
    }
}
