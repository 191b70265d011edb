import Answers
import BatchFormat
import Delivery
import Foundation
import Journal
import PlatformSimulation
import TestSupport
import Testing
import Transport

/// A real export, converted, uploaded to a real sshd, judged by the platform simulator, and its
/// answers fetched and applied: each verdict the platform can give ends in the matching journal state.
@Suite struct OutcomeTests {
    @Test func aTestSubmissionIsAcceptedAndEveryStepIsJournaled() async throws {
        let fixture = try DeliveryFixture()
        let submissions = try fixture.convert("rights.csv", ExportCSV.rights(3, tag: "OK"))
        let submission = try #require(submissions.first)
        #expect(submissions.count == 1)

        try fixture.deliver(submissions)
        // Test circuit: FI and GO, no FS, nothing else.
        #expect(try fixture.remoteNames("INTEST") == [submission.record.goName, submission.files[0].name].sorted())

        let verdicts = try await fixture.judge()
        #expect(verdicts.count == 1 && verdicts[0].isAccepted, "\(verdicts)")
        #expect(verdicts.first?.answerFiles.count == 2)

        let run = try fixture.fetch()
        #expect(run.downloaded.count == 2)
        #expect(run.outcomes.map(\.kind) == [.applied, .applied], "\(run.outcomes)")
        let record = try #require(try fixture.journal.submission(submission.id))
        #expect(record.state == .accepted)
        #expect(record.ticket == verdicts.first?.ticket)
        let events = try fixture.journal.events(submissionID: submission.id).map(\.toState)
        #expect(events == ["prepared", "uploading", "sent", "acknowledged", "accepted"])
        let answers = try fixture.journal.answers(submissionID: submission.id)
        #expect(answers.map(\.type) == ["ACRF", "NOTI"])
        #expect(answers.allSatisfy { $0.state == .applied && $0.matchedBy == "file-name" })
        // Stored here before they left the server.
        for answer in answers {
            #expect(FileManager.default.fileExists(atPath: answer.storedPath), "\(answer.storedPath)")
        }
        #expect(try fixture.remoteNames("OUTTEST").isEmpty)
        #expect(try fixture.remoteNames("INTEST").isEmpty)
    }

    @Test func aProductionSubmissionIsSignedVerifiedByThePlatformAndAccepted() async throws {
        let fixture = try DeliveryFixture(environment: .production)
        let submission = try #require(try fixture.convert("rights.csv", ExportCSV.rights(4, tag: "PROD")).first)
        try fixture.deliver([submission])
        let fi = try #require(submission.files.first { $0.kind == .fi })
        let fs = try #require(submission.files.first { $0.kind == .fs })
        #expect(try fixture.remoteNames("IN") == [fi.name, fs.name, submission.record.goName].sorted())

        // What the platform will verify, checked once more with the real openssl against the CA.
        let der = try #require(FSEncoding.decode(Array(try fixture.remoteBytes("IN", fs.name))))
        let derPath = try fixture.directory.write("signature.der", bytes: Data(der)).path
        let openssl = try Command.run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", derPath,
                                                  "-content", fixture.server.file("IN/\(fi.name)").path,
                                                  "-CAfile", fixture.trustedCertificates, "-purpose", "any", "-out", "/dev/null"])
        #expect(openssl.succeeded, "\(openssl.stderr)")

        let verdicts = try await fixture.judge()
        #expect(verdicts.map(\.isAccepted) == [true], "\(verdicts)")
        let run = try fixture.fetch()
        #expect(run.outcomes.map(\.kind) == [.applied, .applied])
        #expect(try fixture.state(of: submission) == .accepted)
        #expect(try fixture.remoteNames("OUT").isEmpty)
    }

    @Test func zeroTrainingDaysAreAcceptedWithAnAnomalyTracedToTheExportLine() async throws {
        let fixture = try DeliveryFixture()
        let csv = ExportCSV.rights(6, tag: "ZERO") { index, right in if index == 3 { right.days = "0" } }
        let submission = try #require(try fixture.convert("zero.csv", csv).first)
        try fixture.deliver([submission])
        try await fixture.judge()
        let run = try fixture.fetch()
        #expect(run.outcomes.map(\.kind) == [.applied, .applied])
        #expect(try fixture.state(of: submission) == .acceptedWithAnomalies)

        let anomalies = try fixture.journal.anomalies(of: submission.id)
        let anomaly = try #require(anomalies.first)
        #expect(anomalies.count == 1)
        #expect(anomaly.errorID == "00058-004")
        #expect(anomaly.anomalyClass == "W")
        #expect(anomaly.recordPosition == 4)
        #expect(anomaly.exportLine == ExportCSV.line(ofRecord: 3))
        // The CSV line the platform complains about is indeed the zero-day right.
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[ExportCSV.line(ofRecord: 3) - 1].contains(";2026;0;"))
        #expect(anomaly.submissionFileID == submission.files.first { $0.kind == .fi }?.id)
        let noti = try #require(try fixture.journal.answers(submissionID: submission.id).first { $0.type == "NOTI" })
        #expect(anomaly.answerID == noti.id)
    }

    @Test func anUnknownJointCommitteeIsRejectedByTheNotification() async throws {
        let fixture = try DeliveryFixture()
        let csv = ExportCSV.rights(3, tag: "JC") { index, right in if index == 1 { right.jointCommittee = "999" } }
        let submission = try #require(try fixture.convert("committee.csv", csv).first)
        try fixture.deliver([submission])
        let verdicts = try await fixture.judge()
        // The file itself is taken in; the declaration is refused.
        #expect(verdicts.map(\.isAccepted) == [true])
        let run = try fixture.fetch()
        #expect(run.outcomes.map(\.kind) == [.applied, .applied])
        let record = try #require(try fixture.journal.submission(submission.id))
        #expect(record.state == .rejected)
        #expect(record.detail?.contains("00032-018") == true, "\(record.detail ?? "")")
        let events = try fixture.journal.events(submissionID: submission.id).map(\.toState)
        #expect(events.suffix(3) == ["sent", "acknowledged", "rejected"])
        let anomaly = try #require(try fixture.journal.anomalies(of: submission.id).first)
        #expect(anomaly.anomalyClass == "B")
        #expect(anomaly.exportLine == ExportCSV.line(ofRecord: 1))
    }

    @Test func aSenderTheAccountDoesNotOwnIsRejectedByTheAcknowledgement() async throws {
        let fixture = try DeliveryFixture()
        let submission = try #require(try fixture.convert("rights.csv", ExportCSV.rights(2, tag: "SND")).first)
        try fixture.deliver([submission])
        let verdicts = try await fixture.judge(accountSender: "654321")
        #expect(verdicts.first?.rejectionCodes == [.senderNotAccount])
        let run = try fixture.fetch()
        // An ACRF only: a refused file has no declaration to notify about.
        #expect(run.downloaded.map { $0.type } == ["ACRF"])
        let record = try #require(try fixture.journal.submission(submission.id))
        #expect(record.state == .rejected)
        #expect(record.detail?.contains("ACRF-108") == true, "\(record.detail ?? "")")
        #expect(try fixture.remoteNames("INTEST").isEmpty)
    }

    /// A journal lost and started again hands out sequence 1 once more: the platform refuses the
    /// reused name, and the new journal learns it from the ACRF.
    @Test func aReusedNameIsRejectedWith133() async throws {
        let fixture = try DeliveryFixture()
        let first = try #require(try fixture.convert("first.csv", ExportCSV.rights(2, tag: "FIRST")).first)
        try fixture.deliver([first])
        try await fixture.judge()
        try fixture.fetch()
        #expect(try fixture.state(of: first) == .accepted)

        let reinstalled = try fixture.freshJournal("reinstalled.sqlite")
        let second = try #require(try fixture.convert("second.csv", ExportCSV.rights(2, tag: "SECOND"), journal: reinstalled).first)
        #expect(second.record.goName == first.record.goName)
        try fixture.deliver([second], journal: reinstalled)
        let verdicts = try await fixture.judge()
        #expect(verdicts.first?.rejectionCodes == [.nameAlreadyUsed])

        let client = try fixture.connect()
        defer { client.close() }
        let fetcher = AnswerFetcher(client: client, journal: reinstalled, inbox: fixture.directory.file("inbox2").path,
                                    policy: AnswerFetchPolicy(environment: .test))
        #expect(try fetcher.download(from: "OUTTEST").count == 1)
        let outcomes = try AnswerApplier(journal: reinstalled, logger: fixture.logs.logger).applyDownloaded()
        #expect(outcomes.map(\.kind) == [.applied])
        let record = try #require(try reinstalled.submission(second.id))
        #expect(record.state == .rejected)
        #expect(record.detail?.contains("ACRF-133") == true, "\(record.detail ?? "")")
        // The first journal's verdict is untouched.
        #expect(try fixture.state(of: first) == .accepted)
    }

    /// Three FI parts under one GO: the submission is accepted only when the third part's
    /// NOTIFICATION is in, and an answer whose GO has not arrived is not even downloaded.
    @Test func aThreePartSubmissionIsAcceptedOnlyAfterEveryPart() async throws {
        let fixture = try DeliveryFixture()
        fixture.conversion.maxRecordsPerFI = 2
        let submissions = try fixture.convert("parts.csv", ExportCSV.rights(6, tag: "PARTS"))
        let submission = try #require(submissions.first)
        #expect(submissions.count == 1 && submission.record.parts == 3)
        try fixture.deliver(submissions)
        #expect(try fixture.remoteNames("INTEST").filter { $0.hasPrefix("FI.") }.count == 3)

        let verdict = try #require(try await fixture.judge().first)
        #expect(verdict.handledForms.count == 3)
        let answers = try verdict.answerFiles.map { try BatchFileName(parsing: $0) }
        #expect(answers.map(\.flow.text) == ["ACRF", "NOTI", "NOTI", "NOTI"])
        // The platform has not committed the notifications of parts 2 and 3 yet: their GO is elsewhere.
        let held = fixture.directory.file("held")
        try FileManager.default.createDirectory(at: held, withIntermediateDirectories: true)
        for answer in answers.suffix(2) {
            try FileManager.default.moveItem(at: fixture.server.file("OUTTEST/\(answer.commitName.text)"),
                                             to: held.appendingPathComponent(answer.commitName.text))
        }

        let firstRun = try fixture.fetch()
        #expect(Set(firstRun.downloaded.map(\.name)) == Set(answers.prefix(2).map(\.text)))
        #expect(try fixture.state(of: submission) == .acknowledged)
        #expect(try fixture.journal.submission(submission.id)?.detail?.contains("waiting for part(s) 2, 3") == true)
        for answer in answers.suffix(2) {
            #expect(try fixture.journal.answer(named: answer.text) == nil)
            #expect(try fixture.remoteNames("OUTTEST").contains(answer.text))
        }

        for (index, answer) in answers.suffix(2).enumerated() {
            try FileManager.default.moveItem(at: held.appendingPathComponent(answer.commitName.text),
                                             to: fixture.server.file("OUTTEST/\(answer.commitName.text)"))
            let run = try fixture.fetch()
            #expect(run.downloaded.map(\.name) == [answer.text])
            #expect(try fixture.state(of: submission) == (index == 0 ? .acknowledged : .accepted))
        }
        let parts = try fixture.journal.answers(submissionID: submission.id).compactMap(\.submissionFileID)
        #expect(Set(parts) == Set(submission.files.filter { $0.kind == .fi }.compactMap(\.id)))
        #expect(try fixture.remoteNames("OUTTEST").isEmpty)
    }

    /// The platform may point at a record by its worker rather than its position: by an INSS condition
    /// in the path, or by an anomaly on the INSS itself. Both lead back to that worker's export line,
    /// and the national numbers are stored masked.
    @Test func anAnomalyNamingAWorkerIsTracedToThatWorkersExportLine() async throws {
        let fixture = try DeliveryFixture()
        let submission = try #require(try fixture.convert("workers.csv", ExportCSV.rights(5, tag: "WRK")).first)
        try fixture.deliver([submission])
        // The simulator acknowledges; the notification is the platform's, written as it writes them.
        let verdict = try #require(try await fixture.judge(Misbehaviour(skipNotification: true)).first)
        let fi = try #require(submission.files.first { $0.kind == .fi })
        let stamp = try #require(fi.formCreation?.split(separator: " "))
        let byPath = ExportCSV.niss(3), byValue = ExportCSV.niss(1)
        let today = CalendarDate.today()
        let name = "FO.NOTI.\(DeliveryFixture.platformSender).\(today.compact).00090.T.1.1"
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <NOTIFICATION><Form><Identification>NOTI001</Identification>
            <FormCreationDate>\(today.iso)</FormCreationDate><FormCreationHour>09:08:07.654</FormCreationHour>
            <FileReference><FileName>\(fi.name)</FileName></FileReference>
            <HandledOriginalForm><Identification>FLAX</Identification><FormCreationDate>\(stamp[0])</FormCreationDate>
            <FormCreationHour>\(stamp[1])</FormCreationHour></HandledOriginalForm>
            <HandledReference><ReferenceType>1</ReferenceType><ReferenceOrigin>2</ReferenceOrigin><ReferenceNbr>\(verdict.ticket)</ReferenceNbr></HandledReference>
            <HandlingResult><ResultCode>1</ResultCode><Diagnosis>7</Diagnosis>
            <AnomalyReport><ErrorID>00071-002</ErrorID><TagName>Days</TagName><Value>5</Value><AnomalyClass>W</AnomalyClass>
            <Path><INSS>\(byPath)</INSS></Path></AnomalyReport>
            <AnomalyReport><ErrorID>00011-160</ErrorID><TagName>INSS</TagName><Value>\(byValue)</Value><AnomalyClass>W</AnomalyClass>
            </AnomalyReport></HandlingResult></Form></NOTIFICATION>

            """.utf8).write(to: fixture.server.file("OUTTEST/\(name)"))
        try Data().write(to: fixture.server.file("OUTTEST/GO.NOTI.\(DeliveryFixture.platformSender).\(today.compact).00090.T.1"))

        let run = try fixture.fetch()
        #expect(run.outcomes.map(\.kind) == [.applied, .applied], "\(run.outcomes)")
        #expect(try fixture.state(of: submission) == .acceptedWithAnomalies)
        let anomalies = try fixture.journal.anomalies(of: submission.id)
        #expect(anomalies.map(\.exportLine) == [ExportCSV.line(ofRecord: 3), ExportCSV.line(ofRecord: 1)])
        #expect(anomalies.map(\.recordPosition) == [4, 2])
        // Stored, logged and reported without the national numbers in clear.
        for anomaly in anomalies {
            let stored = [anomaly.value, anomaly.path, anomaly.systemCorrection].compactMap { $0 }.joined(separator: " ")
            #expect(!stored.contains(byPath) && !stored.contains(byValue), "\(stored)")
        }
        #expect(!fixture.logs.entries.contains { $0.text.contains(byPath) || $0.text.contains(byValue) })
        #expect(try fixture.journal.submission(submission.id)?.detail?.contains(byValue) == false)
    }
}
