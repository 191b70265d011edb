import Answers
import Foundation
import SafeXML
import Testing
import TestSupport

@Suite struct AnswerParserTests {
    let parser = AnswerParser()

    private func parse(_ text: String, name: String = "answer.xml") throws -> PlatformAnswer {
        let forms = try parser.parse(Array(text.utf8), documentName: name)
        return try #require(forms.first)
    }

    @Test func readsAnAcceptingACRF() throws {
        let xml = TestDocuments.acrf(fileNames: ["GO.FLAX.123456.20261123.00001.T.1", "FI.FLAX.123456.20261123.00001.T.1.1"],
                                     ticket: "T2026112300000042", result: 1)
        guard case .acrf(let acrf) = try parse(xml) else { Issue.record("not read as an ACRF"); return }
        #expect(acrf.identification == "ACRF001")
        #expect(acrf.createdAt == "2026-11-23 12:30:35.001")
        #expect(acrf.fileNames == ["GO.FLAX.123456.20261123.00001.T.1", "FI.FLAX.123456.20261123.00001.T.1.1"])
        #expect(acrf.reference == AnswerReference(origin: 2, number: "T2026112300000042"))
        #expect(acrf.ticket == "T2026112300000042")
        #expect(acrf.attestationStatus == 0)
        #expect(acrf.typeForm == "PA")
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
            ticket: "03804UE9XCMQZ", senderReference: "FLAD20261123123034195", result: 1, diagnosis: 7,
            anomalies: [
                .init(errorID: "00011-155", tagName: "INSS", value: TestDocuments.nissA, anomalyClass: "B",
                      label: "Unknown worker", line: 22, path: [("CompanyID", "202239951"), ("INSS", TestDocuments.nissA)]),
                .init(errorID: "00012-001", tagName: "Days", value: "7", anomalyClass: "W"),
            ])
        let answer = try parse(xml)
        guard case .notification(let notification) = answer else { Issue.record("not read as a NOTIFICATION"); return }
        #expect(answer.typeCode == "NOTI")
        #expect(notification.identification == "NOTI001")
        #expect(notification.createdAt == "2026-11-23 12:30:36.000")
        #expect(notification.attestationStatus == 0 && notification.typeForm == "FA")
        #expect(notification.fileNames == ["FI.FLAX.123456.20261123.00001.T.1.1"])
        #expect(notification.handledForm?.identification == "FLAX")
        #expect(notification.handledForm?.typeForm == "SU")
        // The handled form's stamp, not the notification's own.
        #expect(notification.handledForm?.formCreation == "2026-11-23 12:30:34.195")
        #expect(notification.references == [AnswerReference(type: 1, origin: 1, number: "FLAD20261123123034195")])
        #expect(notification.handledReference == AnswerReference(type: 1, origin: 2, number: "03804UE9XCMQZ"))
        #expect(notification.ticket == "03804UE9XCMQZ")
        #expect(notification.senderReferences == ["FLAD20261123123034195"])
        #expect(notification.employer == [AnswerKeyValue(name: "NOSSRegistrationNbr", value: "123456789"),
                                          AnswerKeyValue(name: "CompanyID", value: "0202239951")])
        #expect(notification.result == .ok)
        #expect(notification.diagnoses == [7])
        #expect(notification.anomalies.count == 2)
        let first = try #require(notification.anomalies.first)
        #expect(first.errorID == "00011-155")
        #expect(first.tagName == "INSS")
        #expect(first.value == TestDocuments.nissA)
        #expect(first.anomalyClass == "B")
        #expect(first.label == "Unknown worker")
        #expect(first.place == AnomalyPlace(line: 22, column: 9, location: "1,1,8,4"))
        #expect(first.path == [AnswerKeyValue(name: "CompanyID", value: "202239951"), AnswerKeyValue(name: "INSS", value: TestDocuments.nissA)])
        #expect(first.line > 1)
        #expect(notification.anomalies[1].anomalyClass == "W")
        #expect(notification.anomalies[1].path.isEmpty && notification.anomalies[1].place == nil)
    }

    /// Every shape of the spec: FileName as our GO or an FI in any length, CRLF and tabs, no FileReference,
    /// a SystemCorrection, several forms in one file.
    @Test(arguments: ["GO.FLAX.123456.20261123.00001.T.1", "FI.FLAX.123456.20261123.00001.T.1.1", "FI.FLAX.123456.20261123.00001.T"])
    func readsAnACRFWithCRLFAndTabsWhateverFileItQuotes(fileName: String) throws {
        guard case .acrf(let acrf) = try parse(TestDocuments.acrf(fileNames: [fileName], result: 1, lineEnd: "\r\n")) else {
            Issue.record("not an ACRF"); return
        }
        #expect(acrf.fileNames == [fileName])
        #expect(acrf.ticket == "03804UE9XCMQZ")
    }

    @Test func readsANotificationWithoutFileReferenceAndASystemCorrection() throws {
        let xml = """
        <NOTIFICATION>\r
        \t<Form>\r
        \t\t<Identification>NOTI001</Identification><FormCreationDate>2026-11-23</FormCreationDate>\r
        \t\t<FormCreationHour>10:00:00.000</FormCreationHour><AttestationStatus>0</AttestationStatus><TypeForm>FA</TypeForm>\r
        \t\t<Reference><ReferenceType>0</ReferenceType><ReferenceOrigin>2</ReferenceOrigin><ReferenceNbr>0380579A83Q1Z</ReferenceNbr></Reference>\r
        \t\t<HandledReference><ReferenceType>1</ReferenceType><ReferenceOrigin>2</ReferenceOrigin><ReferenceNbr>2BX002PAEVZAZ</ReferenceNbr></HandledReference>\r
        \t\t<WorkerRecordIdentification><Anything>ignored</Anything></WorkerRecordIdentification>\r
        \t\t<HandlingResult><ResultCode>1</ResultCode>\r
        \t\t\t<AnomalyReport><ErrorID>00024-152</ErrorID><AnomalyClass>NB</AnomalyClass>\r
        \t\t\t\t<SystemCorrection><CorrectionType>RC</CorrectionType><BlockAction><Action>1</Action><BlockName>Occupation</BlockName>\r
        \t\t\t\t\t<INSS>\(TestDocuments.nissA)</INSS><DataValue><FieldName>WorkingDays</FieldName><NewValue>5</NewValue></DataValue></BlockAction></SystemCorrection>\r
        \t\t\t</AnomalyReport></HandlingResult>\r
        \t</Form>\r
        \t<Form><Identification>NOTI001</Identification><HandledReference><ReferenceOrigin>2</ReferenceOrigin></HandledReference><HandlingResult><ResultCode>0</ResultCode></HandlingResult></Form>\r
        </NOTIFICATION>\r
        """
        let forms = try parser.parse(Array(xml.utf8), documentName: "crlf.xml")
        #expect(forms.count == 2)
        guard case .notification(let notification) = forms[0], case .notification(let second) = forms[1] else {
            Issue.record("not read as NOTIFICATIONs"); return
        }
        #expect(notification.fileNames.isEmpty && notification.fileReference == nil)
        // The first reference of origin 2 is the ticket.
        #expect(notification.ticket == "0380579A83Q1Z")
        let correction = try #require(notification.anomalies.first?.systemCorrection)
        #expect(correction.correctionType == "RC")
        #expect(correction.blocks == [SystemCorrection.BlockAction(action: "1", blockName: "Occupation",
                                                                   keys: [AnswerKeyValue(name: "INSS", value: TestDocuments.nissA)],
                                                                   newValues: [AnswerKeyValue(name: "WorkingDays", value: "5")])])
        #expect(!correction.maskedText.contains(TestDocuments.nissA))
        #expect(second.result == .notOK && second.ticket == nil)
    }

    @Test(arguments: [(0, NotificationAnswer.Result.notOK), (1, .ok), (2, .proposal), (3, .temporaryAnswer), (4, .timeout)])
    func readsEveryHandlingResult(code: Int, expected: NotificationAnswer.Result) throws {
        guard case .notification(let notification) = try parse(TestDocuments.notification(ticket: "T1", result: code)) else {
            Issue.record("not read as a NOTIFICATION"); return
        }
        #expect(notification.result == expected)
    }

    @Test func readsADeclaredLatin1AnswerWithPrefixesAndAShorterHour() throws {
        let xml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <n:NOTIFICATION xmlns:n="urn:example:noti">
          <n:Form>
            <n:Identification>NOTI001</n:Identification>
            <n:HandledOriginalForm>
              <n:FormCreationDate>2026-11-23+01:00</n:FormCreationDate>
              <n:FormCreationHour>12:30:34.5</n:FormCreationHour>
            </n:HandledOriginalForm>
            <n:HandledReference><n:ReferenceType>1</n:ReferenceType><n:ReferenceOrigin>2</n:ReferenceOrigin><n:ReferenceNbr> T77 </n:ReferenceNbr></n:HandledReference>
            <n:HandlingResult><n:ResultCode>0</n:ResultCode><n:Diagnosis>3</n:Diagnosis>
              <n:AnomalyReport><n:ErrorID>1</n:ErrorID><n:AnomalyLabel>d\u{E9}j\u{E0} vu</n:AnomalyLabel></n:AnomalyReport>
            </n:HandlingResult>
          </n:Form>
        </n:NOTIFICATION>
        """
        // Written in Latin-1, as its declaration says.
        let bytes = Array(xml.data(using: .isoLatin1)!)
        guard case .notification(let notification) = try #require(try parser.parse(bytes, documentName: "latin1.xml").first) else {
            Issue.record("not read as a NOTIFICATION"); return
        }
        #expect(notification.handledForm?.formCreation == "2026-11-23 12:30:34.500")
        #expect(notification.ticket == "T77")
        #expect(notification.result == .notOK)
        #expect(notification.diagnoses == [3])
        #expect(notification.anomalies.first?.label == "d\u{E9}j\u{E0} vu")
    }

    @Test func readsAnAnswerFromItsFile() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("FO.ACRF.999999.20261123.00001.T.1.1",
                                       TestDocuments.acrf(fileNames: ["GO.X"], result: 1))
        guard case .acrf(let acrf) = try #require(try parser.parse(fileAt: file.path).first) else { Issue.record("not an ACRF"); return }
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
                                    path: [AnswerKeyValue(name: "INSS", value: TestDocuments.nissA)])
        let notification = NotificationAnswer(result: .ok, anomalies: [anomaly])
        for text in [anomaly.description, String(describing: anomaly), String(reflecting: anomaly),
                     "\(notification)", String(reflecting: [anomaly])] {
            #expect(!text.contains(TestDocuments.nissA), "\(text)")
        }
        #expect(anomaly.description.contains("*********28"))
    }
}
