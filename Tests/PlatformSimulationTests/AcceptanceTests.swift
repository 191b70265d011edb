import BatchFormat
import FLAFlow
import Foundation
import Identifiers
import PlatformSimulation
import SafeXML
import Testing
import TestSupport

@Suite("Accepted submissions")
struct AcceptanceTests {
    @Test("a test submission gets ACRF 1 and one NOTIFICATION in OUTTEST, and leaves INTEST empty")
    func acceptedTestSubmission() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        let name = try fixture.name(sequence: 7)
        try fixture.submit(name, documents: [FIText.document(records: [FIText.trainingRight(id: "R1"),
                                                                       FIText.trainingFollowed(id: "F1")])])

        let verdicts = try await simulator.processOnce()

        let verdict = try #require(verdicts.first)
        #expect(verdicts.count == 1)
        #expect(verdict.isAccepted)
        #expect(verdict.folder == "INTEST")
        #expect(verdict.fileName == name.go.text)
        // The platform's ticket shape: 13 upper-case letters and digits.
        #expect(verdict.ticket.count == 13)
        #expect(verdict.ticket.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) })
        #expect(try fixture.files(in: "INTEST").isEmpty)
        #expect(try fixture.files(in: "OUT").isEmpty)

        let answers = try fixture.answers(in: "OUTTEST")
        #expect(answers.map(\.type) == ["ACRF", "NOTI"])
        #expect(answers.allSatisfy { $0.committed })
        // Nothing but the two triplets' FO and GO: no temporary file left behind.
        #expect(try fixture.files(in: "OUTTEST").count == 4)
        for (index, answer) in answers.enumerated() {
            #expect(answer.name.sender.text == "999999")
            #expect(answer.name.environment == .test)
            #expect(answer.name.date == fixture.today)
            #expect(answer.name.sequence == index + 1)
            // 6 fields, as the platform usually names its answers.
            #expect(answer.name.text == "FO.\(answer.type).999999.\(fixture.today.compact).0000\(index + 1).T")
        }
        #expect(verdict.answerFiles == answers.map(\.name.text))

        let acrf = try answers[0].root()
        #expect(acrf.name == "ACRF")
        #expect(acrf.namespaceURI == nil)
        let form = try #require(acrf.child("Form"))
        #expect(form.childText("Identification") == "ACRF001")
        #expect(CalendarDate(iso: form.childText("FormCreationDate") ?? "") != nil)
        #expect(FormCreationTime(form.childText("FormCreationHour") ?? "") != nil)
        let reference = try #require(form.child("FileReference"))
        #expect(reference.children(named: "FileName").map { $0.text } == [name.go.text])
        #expect(reference.childText("ReferenceOrigin") == "2")
        #expect(form.childText("AttestationStatus") == "0")
        #expect(form.childText("TypeForm") == "PA")
        #expect(acrf.attribute("xsi:noNamespaceSchemaLocation") == "ACRF_20251.xsd")
        #expect(reference.childText("ReferenceNbr") == verdict.ticket)
        #expect(form.descendant("ReceptionResult", "ResultCode")?.text == "1")
        #expect(form.child("ReceptionResult")?.children(named: "ErrorID").isEmpty == true)

        let notification = try answers[1].root()
        #expect(notification.name == "NOTIFICATION")
        let noti = try #require(notification.child("Form"))
        #expect(noti.childText("Identification") == "NOTI001")
        #expect(noti.descendant("FileReference", "FileName")?.text == name.go.text)
        #expect(noti.descendant("HandledOriginalForm", "Identification")?.text == "FLAX")
        #expect(noti.descendant("HandledOriginalForm", "FormCreationDate")?.text == "2026-01-15")
        #expect(noti.descendant("HandledOriginalForm", "FormCreationHour")?.text == "10:20:30.123")
        #expect(noti.descendant("HandledReference", "ReferenceNbr")?.text == verdict.ticket)
        #expect(noti.descendant("HandledReference", "ReferenceOrigin")?.text == "2")
        #expect(noti.descendant("HandlingResult", "ResultCode")?.text == "1")
        #expect(noti.child("HandlingResult")?.children(named: "AnomalyReport").isEmpty == true)
        #expect(verdict.handledForms.first?.recordCount == 2)
    }

    @Test("a production submission written by FIDocumentWriter and signed with the registered certificate is accepted")
    func productionWithValidSignature() async throws {
        let fixture = try SimulatorFixture(pki: true)
        let simulator = try fixture.simulator()
        let name = try fixture.name(sequence: 3, environment: .production)
        let header = FormHeader(flowCode: try FlowCode("FLAX"), creationDate: fixture.today,
                                creationTime: try #require(FormCreationTime(hour: 9, minute: 8, second: 7, millisecond: 6)),
                                senderNumber: try SenderNumber("123456"), quality: .employer,
                                declarant: try BCE(validating: "0403577903"))
        let sink = ByteBufferSink()
        let writer = try FIDocumentWriter(sink: sink, header: header)
        try writer.append(.trainingRight(TrainingRight(
            niss: try NISS(validating: FIText.validINSS), employer: try BCE(validating: "0403577903"), year: 2026,
            days: try #require(DecimalValue(parsing: "2.5")), jointCommittee: try #require(JointCommittee("124.01")),
            recordID: "right-1")))
        try writer.finish()
        try fixture.submitSigned(name, document: sink.string)

        let verdict = try #require(try await simulator.processOnce().first)

        #expect(verdict.isAccepted, "\(verdict)")
        #expect(verdict.ticket.count == 13)
        #expect(Set(verdict.consumedFiles) == [name.fi().text, name.fs().text, name.go.text])
        #expect(try fixture.files(in: "IN").isEmpty)
        let answers = try fixture.answers(in: "OUT")
        #expect(answers.map(\.type) == ["ACRF", "NOTI"])
        #expect(answers.allSatisfy { $0.name.environment == .production })
        #expect(try answers[0].form().descendant("ReceptionResult", "ResultCode")?.text == "1")
        let handled = try #require(try answers[1].form().child("HandledOriginalForm"))
        #expect(handled.childText("FormCreationDate") == fixture.today.iso)
        #expect(handled.childText("FormCreationHour") == "09:08:07.006")
        #expect(try fixture.answers(in: "OUTTEST").isEmpty)
    }

    @Test("a submission in several parts gets one NOTIFICATION per FI, in part order")
    func multiPartSubmission() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        let name = try fixture.name(sequence: 4, parts: 2)
        try fixture.submit(name, documents: [
            FIText.document(hour: "10:00:00.001", records: [FIText.trainingRight(id: "A")]),
            FIText.document(hour: "10:00:00.002", records: [FIText.trainingRight(id: "B", inss: FIText.invalidINSS)]),
        ])

        let verdict = try #require(try await simulator.processOnce().first)

        #expect(verdict.isAccepted)
        let answers = try fixture.answers(in: "OUTTEST")
        #expect(answers.map(\.type) == ["ACRF", "NOTI", "NOTI"])
        let fileNames = try answers[0].form().child("FileReference")?.children(named: "FileName").map(\.text)
        #expect(fileNames == [name.go.text])
        let first = try answers[1].form(), second = try answers[2].form()
        #expect(first.descendant("FileReference", "FileName")?.text == name.go.text)
        #expect(first.descendant("HandledOriginalForm", "FormCreationHour")?.text == "10:00:00.001")
        #expect(first.descendant("HandlingResult", "ResultCode")?.text == "1")
        #expect(second.descendant("FileReference", "FileName")?.text == name.go.text)
        #expect(second.descendant("HandledOriginalForm", "FormCreationHour")?.text == "10:00:00.002")
        #expect(second.descendant("HandlingResult", "ResultCode")?.text == "0")
    }

    @Test("files without a GO, hidden temporary files, TD files and a folder named like a GO are left alone")
    func incompleteSubmissionLeftAlone() async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator()
        let name = try fixture.name(sequence: 5)
        try fixture.put(name.fi().text, in: "INTEST", FIText.simple)
        try fixture.put(".\(name.fi().text).tmp", in: "INTEST", "<half")
        try fixture.put(".GO.FLAX.tmp", in: "INTEST", "")
        try fixture.put(name.td.text, in: "INTEST", "")
        // A folder named like a GO is no upload: it cannot be consumed, so it is never answered.
        let folderLikeGO = try fixture.name(sequence: 6).go.text
        try FileManager.default.createDirectory(atPath: fixture.path("INTEST", folderLikeGO), withIntermediateDirectories: false)
        let before = try fixture.files(in: "INTEST")

        let verdicts = try await simulator.processOnce()

        #expect(verdicts.isEmpty)
        #expect(try fixture.files(in: "INTEST") == before)
        #expect(try fixture.files(in: "OUTTEST").isEmpty)

        // Once the GO arrives the same files make a complete submission.
        try fixture.put(name.go.text, in: "INTEST", "")
        let later = try await simulator.processOnce()
        #expect(later.map(\.isAccepted) == [true])
        #expect(try fixture.files(in: "INTEST") == [".GO.FLAX.tmp", ".\(name.fi().text).tmp", name.td.text, folderLikeGO].sorted())
    }

    @Test("the simulator creates the six platform folders")
    func createsFolders() throws {
        let fixture = try SimulatorFixture()
        _ = try fixture.simulator()
        let folders = try FileManager.default.contentsOfDirectory(atPath: fixture.root).sorted()
        #expect(folders == ["IN", "INTEST", "INTEST-S", "OUT", "OUTTEST", "OUTTEST-S"])
    }
}
