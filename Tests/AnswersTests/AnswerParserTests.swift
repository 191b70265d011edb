import Answers
import Foundation
import SafeXML
import Testing
import TestSupport

@Suite struct AnswerParserTests {
    let parser = AnswerParser()

    private func parse(_ text: String, name: String = "answer.xml") throws -> PlatformAnswer {
        try parser.parse(Array(text.utf8), documentName: name)
    }

    @Test func readsAnAcceptingACRF() throws {
        let xml = TestDocuments.acrf(fileNames: ["GO.FLAX.123456.20261123.00001.T.1", "FI.FLAX.123456.20261123.00001.T.1.1"],
                                     ticket: "T2026112300000042", result: 1)
        guard case .acrf(let acrf) = try parse(xml) else { Issue.record("not read as an ACRF"); return }
        #expect(acrf.identification == "ACRF001")
        #expect(acrf.createdAt == "2026-11-23 12:30:35.001")
        #expect(acrf.fileNames == ["GO.FLAX.123456.20261123.00001.T.1", "FI.FLAX.123456.20261123.00001.T.1.1"])
        #expect(acrf.referenceOrigin == "FLAX")
        #expect(acrf.ticket == "T2026112300000042")
        #expect(acrf.result == .accepted)
        #expect(acrf.errorIDs.isEmpty)
    }

    @Test func readsARejectingACRFWithItsErrorIDs() throws {
        let xml = TestDocuments.acrf(fileNames: ["GO.FLAX.123456.20261123.00001.T.1"], ticket: nil, result: 0,
                                     errorIDs: ["ACRF-133", "ACRF-125"])
        let answer = try parse(xml)
        guard case .acrf(let acrf) = answer else { Issue.record("not read as an ACRF"); return }
        #expect(acrf.result == .rejected)
        #expect(acrf.errorIDs == ["ACRF-133", "ACRF-125"])
        #expect(acrf.ticket == nil)
        #expect(answer.typeCode == "ACRF")
        #expect(answer.resultCode == 0)
    }

    @Test func readsANotificationWithItsAnomalies() throws {
        let xml = TestDocuments.notification(
            fileName: "FI.FLAX.123456.20261123.00001.T.1.1", handled: ("2026-11-23", "12:30:34.195"),
            ticket: "T2026112300000042", result: 1, diagnosis: "2 remarks",
            anomalies: [
                .init(errorID: "00011-155", tagName: "INSS", value: TestDocuments.nissA, anomalyClass: "B",
                      path: "/FLAOriginal/Form/Records/TrainingRight[2]", systemCorrection: "none"),
                .init(errorID: "00012-001", tagName: "Days", value: "7", anomalyClass: "W", path: nil),
            ])
        let answer = try parse(xml)
        guard case .notification(let notification) = answer else { Issue.record("not read as a NOTIFICATION"); return }
        #expect(answer.typeCode == "NOTI")
        #expect(notification.identification == "NOTI001")
        #expect(notification.createdAt == "2026-11-23 12:30:36.000")
        #expect(notification.fileNames == ["FI.FLAX.123456.20261123.00001.T.1.1"])
        #expect(notification.handledForm?.identification == "FLAX")
        // The handled form's stamp, not the notification's own.
        #expect(notification.handledForm?.formCreation == "2026-11-23 12:30:34.195")
        #expect(notification.ticket == "T2026112300000042")
        #expect(notification.result == .ok)
        #expect(notification.diagnosis == "2 remarks")
        #expect(notification.anomalies.count == 2)
        let first = try #require(notification.anomalies.first)
        #expect(first.errorID == "00011-155")
        #expect(first.tagName == "INSS")
        #expect(first.value == TestDocuments.nissA)
        #expect(first.anomalyClass == "B")
        #expect(first.path == "/FLAOriginal/Form/Records/TrainingRight[2]")
        #expect(first.systemCorrection == "none")
        #expect(first.line > 1)
        #expect(notification.anomalies[1].anomalyClass == "W")
        #expect(notification.anomalies[1].path == nil)
    }

    @Test(arguments: [(0, NotificationAnswer.Result.notOK), (1, .ok), (2, .proposal), (3, .temporaryAnswer), (4, .timeout)])
    func readsEveryHandlingResult(code: Int, expected: NotificationAnswer.Result) throws {
        guard case .notification(let notification) = try parse(TestDocuments.notification(ticket: "T1", result: code)) else {
            Issue.record("not read as a NOTIFICATION"); return
        }
        #expect(notification.result == expected)
    }

    @Test func toleratesPrefixesWrappersAndAShorterHour() throws {
        let xml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <n:NOTIFICATION xmlns:n="urn:example:noti">
          <n:Form>
            <n:Identification>NOTI001</n:Identification>
            <n:Envelope>
              <n:HandledOriginalForm>
                <n:FormCreationDate>2026-11-23+01:00</n:FormCreationDate>
                <n:FormCreationHour>12:30:34.5</n:FormCreationHour>
              </n:HandledOriginalForm>
              <n:Reference> T77 </n:Reference>
            </n:Envelope>
            <n:HandlingResult><n:ResultCode>0</n:ResultCode><n:Diagnosis>d\u{E9}j\u{E0} vu</n:Diagnosis></n:HandlingResult>
          </n:Form>
        </n:NOTIFICATION>
        """
        // Written in Latin-1, as its declaration says.
        let bytes = Array(xml.data(using: .isoLatin1)!)
        guard case .notification(let notification) = try parser.parse(bytes, documentName: "latin1.xml") else {
            Issue.record("not read as a NOTIFICATION"); return
        }
        #expect(notification.handledForm?.formCreation == "2026-11-23 12:30:34.500")
        #expect(notification.ticket == "T77")
        #expect(notification.result == .notOK)
        #expect(notification.diagnosis == "d\u{E9}j\u{E0} vu")
    }

    @Test func readsAnAnswerFromItsFile() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("FO.ACRF.999999.20261123.00001.T.1.1",
                                       TestDocuments.acrf(fileNames: ["GO.X"], result: 1))
        guard case .acrf(let acrf) = try parser.parse(fileAt: file.path) else { Issue.record("not an ACRF"); return }
        #expect(acrf.fileNames == ["GO.X"])
    }

    @Test func refusesAnUnknownRootNamingIt() throws {
        #expect(throws: AnswerError.unknownRoot(document: "x.xml", name: "DMFA", line: 1)) {
            try parse("<DMFA><Form/></DMFA>", name: "x.xml")
        }
    }

    @Test func refusesAnAnswerWithoutAResultCode() throws {
        let error = #expect(throws: AnswerError.self) {
            try parse("<ACRF>\n<Form>\n<ReceptionResult/>\n</Form>\n</ACRF>", name: "a.xml")
        }
        #expect(error == .missingElement(document: "a.xml", element: "ResultCode", within: "ReceptionResult", line: 3))
        #expect(error?.description == "a.xml:3: <ReceptionResult> has no <ResultCode>")
    }

    @Test(arguments: ["7", "yes", "", "99999999999"])
    func refusesAResultCodeOutsideTheFormat(code: String) throws {
        let error = #expect(throws: AnswerError.self) {
            try parse("<ACRF><Form><ReceptionResult><ResultCode>\(code)</ResultCode></ReceptionResult></Form></ACRF>")
        }
        guard case .invalidValue(_, let element, _, _, _) = error else {
            Issue.record("unexpected \(String(describing: error))"); return
        }
        #expect(element == "ResultCode")
    }

    @Test func aNotificationResultOutsideTheFormatIsRefusedToo() throws {
        #expect(throws: AnswerError.self) { try parse(TestDocuments.notification(result: 5)) }
    }

    @Test func anAnomalyDescriptionNeverShowsTheNationalNumber() throws {
        let anomaly = AnswerAnomaly(errorID: "00011-155", tagName: "INSS", value: TestDocuments.nissA,
                                    path: "/FLAOriginal/Form/Records/TrainingRight[Worker/INSS='\(TestDocuments.nissA)']")
        let notification = NotificationAnswer(result: .ok, anomalies: [anomaly])
        for text in [anomaly.description, String(describing: anomaly), String(reflecting: anomaly),
                     "\(notification)", String(reflecting: [anomaly])] {
            #expect(!text.contains(TestDocuments.nissA), "\(text)")
        }
        #expect(anomaly.description.contains("*********28"))
    }
}
