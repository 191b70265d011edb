import Answers
import BatchFormat
import Conversion
import Delivery
import Foundation
import Journal
import PlatformSimulation
import TestSupport
import Testing
import Transport

/// What the fetch takes from OUT, what it leaves there, and what it keeps here, against the real sshd
/// and the simulator's answers (well-behaved or not) plus files put straight on the server's disk.
@Suite struct AnswerFetchingTests {
    /// A test submission accepted by the platform, its answers waiting in OUTTEST.
    private func answered(_ fixture: DeliveryFixture, _ misbehaviour: Misbehaviour = .none,
                          tag: String) async throws -> (PreparedSubmission, SubmissionVerdict) {
        let submission = try #require(try fixture.convert("\(tag).csv", ExportCSV.rights(2, tag: tag)).first)
        try fixture.deliver([submission])
        let verdict = try #require(try await fixture.judge(misbehaviour).first)
        #expect(verdict.isAccepted)
        return (submission, verdict)
    }

    @Test(arguments: AnswerDisposal.allCases)
    func appliedAnswersAreDisposedOfAsConfigured(_ disposal: AnswerDisposal) async throws {
        let fixture = try DeliveryFixture()
        let (submission, verdict) = try await answered(fixture, tag: "DISP")
        let onServer = try fixture.remoteNames("OUTTEST")
        #expect(onServer.count == 4)  // two FO, two GO
        var served: [String: Data] = [:]
        for name in verdict.answerFiles { served[name] = try fixture.remoteBytes("OUTTEST", name) }

        let run = try fixture.fetch(disposal: disposal)
        #expect(try fixture.state(of: submission) == .accepted)
        // Each answer is kept here, byte for byte as served, whatever happens on the server.
        for answer in try fixture.journal.answers() {
            #expect(FileManager.default.contents(atPath: answer.storedPath) == served[answer.name], "\(answer.name)")
        }
        switch disposal {
        case .delete:
            #expect(Set(run.disposed) == Set(verdict.answerFiles))
            #expect(try fixture.remoteNames("OUTTEST").isEmpty)
        case .move:
            #expect(Set(run.disposed) == Set(verdict.answerFiles))
            #expect(try fixture.remoteNames("OUTTEST") == ["done"])
            #expect(try fixture.remoteNames("OUTTEST/done") == onServer)
        case .leave:
            #expect(run.disposed.isEmpty)
            #expect(try fixture.remoteNames("OUTTEST") == onServer)
        }
        // Nothing is taken or applied twice.
        let again = try fixture.fetch(disposal: disposal)
        #expect(again.downloaded.isEmpty && again.outcomes.isEmpty)
        #expect(try fixture.journal.answers().count == 2)
    }

    /// A cut during disposal, after an answer's FO was removed (or moved) and before its GO was, leaves
    /// the GO alone in OUT. The next disposal must finish the job, or the GO stays there forever.
    @Test(arguments: [AnswerDisposal.delete, .move])
    func aGOLeftByACutDisposalIsRemovedByTheNext(_ disposal: AnswerDisposal) async throws {
        let fixture = try DeliveryFixture()
        let (submission, verdict) = try await answered(fixture, tag: "ORPHAN")
        try fixture.fetch(disposal: .leave)
        #expect(try fixture.state(of: submission) == .accepted)
        // What the cut left: the ACRF's FO gone (or in done/), its GO still there.
        let acrf = try BatchFileName(parsing: try #require(verdict.answerFiles.first))
        if disposal == .move {
            try FileManager.default.createDirectory(at: fixture.server.file("OUTTEST/done"), withIntermediateDirectories: false)
            try FileManager.default.moveItem(at: fixture.server.file("OUTTEST/\(acrf.text)"),
                                             to: fixture.server.file("OUTTEST/done/\(acrf.text)"))
        } else {
            try FileManager.default.removeItem(at: fixture.server.file("OUTTEST/\(acrf.text)"))
        }

        try fixture.fetch(disposal: disposal)
        let left = try fixture.remoteNames("OUTTEST").filter { $0 != "done" }
        #expect(left.isEmpty, "\(left) stays in OUTTEST for ever")
    }

    @Test func anAnswerAboutNoneOfOurSubmissionsIsKeptHereAndLeftOnTheServer() async throws {
        let fixture = try DeliveryFixture()
        let (submission, verdict) = try await answered(fixture, Misbehaviour(unmatchedAnswer: true), tag: "UNM")
        let stray = try #require(verdict.answerFiles.last { $0.hasPrefix("FO.ACRF.") })
        let run = try fixture.fetch(disposal: .delete)
        #expect(run.downloaded.count == 3)
        #expect(run.outcomes(.unmatched).map(\.answerName) == [stray])
        #expect(run.outcomes(.applied).count == 2)
        #expect(try fixture.state(of: submission) == .accepted)

        let record = try #require(try fixture.journal.answer(named: stray))
        #expect(record.state == .unmatched && record.submissionID == nil)
        #expect(record.detail?.contains("answers none of our submissions") == true, "\(record.detail ?? "")")
        #expect(FileManager.default.fileExists(atPath: record.storedPath))
        // Ours are gone from the server, the stray one is not.
        let strayName = try BatchFileName(parsing: stray)
        #expect(try fixture.remoteNames("OUTTEST") == [stray, strayName.commitName.text].sorted())
        #expect(fixture.logs.entries(atLeast: .warning).contains { $0.message.contains("answer kept for a person") })
    }

    @Test func aMalformedAnswerIsKeptUnmatchedAndLeftOnTheServer() async throws {
        let fixture = try DeliveryFixture()
        let (submission, verdict) = try await answered(fixture, Misbehaviour(malformedAnswer: true), tag: "MAL")
        // The truncated ACRF comes first.
        let malformed = try #require(verdict.answerFiles.first)
        let run = try fixture.fetch(disposal: .delete)
        #expect(run.outcomes(.unmatched).map(\.answerName) == [malformed])
        #expect(try fixture.state(of: submission) == .accepted)
        let record = try #require(try fixture.journal.answer(named: malformed))
        #expect(record.state == .unmatched)
        #expect(record.detail?.contains("cannot be read as an answer") == true, "\(record.detail ?? "")")
        #expect(FileManager.default.contents(atPath: record.storedPath) == (try fixture.remoteBytes("OUTTEST", malformed)))
        #expect(try fixture.remoteNames("OUTTEST").count == 2)
    }

    @Test func aDuplicateAcknowledgementChangesNothing() async throws {
        let fixture = try DeliveryFixture()
        let (submission, verdict) = try await answered(fixture, Misbehaviour(answerTwice: true), tag: "TWICE")
        #expect(verdict.answerFiles.filter { $0.hasPrefix("FO.ACRF.") }.count == 2)
        let run = try fixture.fetch()
        #expect(run.outcomes.map(\.kind) == [.applied, .applied, .applied], "\(run.outcomes)")
        #expect(try fixture.state(of: submission) == .accepted)
        let events = try fixture.journal.events(submissionID: submission.id).map(\.toState)
        // The second ACRF is recorded against the submission without moving it.
        #expect(events == ["prepared", "uploading", "sent", "acknowledged", "acknowledged", "accepted"], "\(events)")
        let acrfs = try fixture.journal.answers(submissionID: submission.id).filter { $0.type == "ACRF" }
        #expect(acrfs.count == 2)
        #expect(acrfs.last?.detail?.contains("duplicate ACRF") == true, "\(acrfs.last?.detail ?? "")")
        #expect(try fixture.remoteNames("OUTTEST").isEmpty)
    }

    /// Another application's answer shares OUT: complete (with its GO), about names we never sent.
    /// Its type is not one this daemon reads: it is neither downloaded (other flows' personal data
    /// stays where it is) nor removed from the server.
    @Test func anotherApplicationsFileInOUTIsLeftOnTheServer() async throws {
        let fixture = try DeliveryFixture()
        let (submission, _) = try await answered(fixture, tag: "OWN")
        let today = CalendarDate.today().compact
        let foreign = "FO.DMFA.\(DeliveryFixture.platformSender).\(today).00077.T.1.1"
        let foreignGO = "GO.DMFA.\(DeliveryFixture.platformSender).\(today).00077.T.1"
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ACRF><Form><Identification>ACRF001</Identification>
            <FormCreationDate>\(CalendarDate.today().iso)</FormCreationDate><FormCreationHour>10:11:12.345</FormCreationHour>
            <FileReference><FileName>GO.DMFA.654321.\(today).00042.T.1</FileName><ReferenceOrigin>DMFA</ReferenceOrigin>
            <ReferenceNbr>T\(today)99990001</ReferenceNbr></FileReference>
            <ReceptionResult><ResultCode>1</ResultCode></ReceptionResult></Form></ACRF>

            """
        try Data(document.utf8).write(to: fixture.server.file("OUTTEST/\(foreign)"))
        try Data().write(to: fixture.server.file("OUTTEST/\(foreignGO)"))

        let run = try fixture.fetch(disposal: .delete)
        #expect(!run.downloaded.contains { $0.name == foreign })
        #expect(try fixture.state(of: submission) == .accepted)
        #expect(try fixture.remoteNames("OUTTEST") == [foreign, foreignGO].sorted())
        #expect(try fixture.remoteBytes("OUTTEST", foreign) == Data(document.utf8))
        #expect(try fixture.journal.answer(named: foreign) == nil)
        // A second fetch neither takes it again nor removes it.
        let again = try fixture.fetch(disposal: .delete)
        #expect(again.downloaded.isEmpty)
        #expect(try fixture.remoteNames("OUTTEST") == [foreign, foreignGO].sorted())
    }

    /// Names made on the server's disk that no safe client should act on: a control character, a
    /// leading dot, a line break (log forging), a folder and a link posing as answers, each with its GO.
    @Test func hostileNamesInOUTAreRefusedLoggedAndLeftAlone() async throws {
        let fixture = try DeliveryFixture()
        let (submission, verdict) = try await answered(fixture, tag: "HOST")
        let stem = "ACRF.\(DeliveryFixture.platformSender).\(CalendarDate.today().compact)"
        let out = fixture.server.file("OUTTEST")
        let controlName = "FO.\(stem).00081.T.1.1\u{07}"
        let hiddenName = ".FO.\(stem).00082.T.1.1"
        let breakName = "FO.\(stem).00083.T.1.1\nGO.forged"
        for name in [controlName, hiddenName, breakName] {
            try Data("<ACRF/>".utf8).write(to: out.appendingPathComponent(name))
        }
        try Data().write(to: out.appendingPathComponent(".GO.\(stem).00082.T.1"))
        // A folder and a symbolic link under an answer's name, their GOs beside them.
        try FileManager.default.createDirectory(at: out.appendingPathComponent("FO.\(stem).00084.T.1.1"),
                                                withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("FO.\(stem).00085.T.1.1").path,
                                                   withDestinationPath: "/etc/hostname")
        for sequence in ["00084", "00085"] {
            try Data().write(to: out.appendingPathComponent("GO.\(stem).\(sequence).T.1"))
        }
        let planted = try Set(fixture.remoteNames("OUTTEST")).subtracting(verdict.answerFiles.flatMap {
            [$0, try BatchFileName(parsing: $0).commitName.text]
        })

        let run = try fixture.fetch(disposal: .delete)
        #expect(Set(run.downloaded.map(\.name)) == Set(verdict.answerFiles))
        #expect(run.outcomes.map(\.kind) == [.applied, .applied])
        #expect(try fixture.state(of: submission) == .accepted)
        // Everything planted is still there, untouched; nothing of it was stored or recorded.
        #expect(try Set(fixture.remoteNames("OUTTEST")) == planted)
        #expect(try fixture.journal.answers().count == 2)
        let inbox = try FileManager.default.contentsOfDirectory(atPath: fixture.inbox)
        #expect(Set(inbox) == Set(verdict.answerFiles), "\(inbox)")

        let warnings = fixture.logs.entries(atLeast: .warning).map(\.text)
        #expect(warnings.contains { $0.contains("\\x07") && $0.contains("control character") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("starts with a dot") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("\\x0A") }, "\(warnings)")
        // No log line carries the raw bytes.
        #expect(!fixture.logs.entries.contains { $0.text.contains("\u{07}") || $0.text.contains("\nGO.forged") })
    }
}
