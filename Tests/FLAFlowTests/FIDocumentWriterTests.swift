import BatchFormat
import FLAFlow
import Foundation
import Identifiers
import SafeXML
import Testing
import TestSupport

@Suite struct FIDocumentWriterTests {
    static let names = ["Excel", "Sécurité & <prévention> \"niveau 2\" l'atelier", "日本語 – Ørsted – 😀", "a\tb"]

    /// Every optional field present and absent, every action, unit, boolean and decimal shape.
    static func everyCombination() -> [FLARecord] {
        var records: [FLARecord] = []
        let niss = [XMLFixtures.niss("85073003328"), XMLFixtures.niss("05031500192"), XMLFixtures.niss("85223004524")]
        let onss: [ONSSNumber?] = [nil, try! ONSSNumber(validating: "012345674")]
        let amounts: [Int64] = [0, 5000, 2500, 1250, 1125, 366_000, 999_999_999_999]
        let committees = ["200", "124.01", "302.01.02"]
        var id = 0
        for onssNumber in onss {
            for fraction in [nil, DecimalValue(thousandths: 1), DecimalValue(thousandths: 500), DecimalValue.one] {
                for period in [false, true] {
                    for action in RecordAction.allCases {
                        id += 1
                        records.append(.trainingRight(TrainingRight(
                            niss: niss[id % 3], employer: XMLFixtures.bce("0403123486"), onssNumber: onssNumber,
                            year: 2024 + id % 3, days: DecimalValue(thousandths: amounts[id % amounts.count]),
                            jointCommittee: JointCommittee(committees[id % 3])!, workFraction: fraction,
                            periodStart: period ? XMLFixtures.date("2025-01-01") : nil,
                            periodEnd: period ? XMLFixtures.date("2025-12-31") : nil,
                            recordID: "TR-\(id)", action: action)))
                    }
                }
            }
        }
        for certificate in [nil, true, false] {
            for counts in [true, false] {
                for provider in [nil, XMLFixtures.bce("1234567894")] {
                    for unit in DurationUnit.allCases {
                        for followed in [true, false] {
                            for action in RecordAction.allCases {
                                id += 1
                                records.append(.trainingFollowed(TrainingFollowed(
                                    niss: niss[id % 3], employer: XMLFixtures.bce("0875432126"),
                                    onssNumber: onss[id % 2], recordID: "TF-\(id) & <\(id)>", action: action,
                                    trainingName: names[id % names.count], startDate: XMLFixtures.date("2024-02-29"),
                                    endDate: XMLFixtures.date("2025-01-09"),
                                    duration: DecimalValue(thousandths: max(1, amounts[id % amounts.count])),
                                    durationUnit: unit, followed: followed, certificate: certificate,
                                    countsForFLA: counts, provider: provider)))
                            }
                        }
                    }
                }
            }
        }
        return records
    }

    @Test func everyFieldCombinationIsValidForOurValidatorAndForXmllint() throws {
        let records = Self.everyCombination()
        #expect(records.count == 48 + 144)
        let directory = try TemporaryDirectory()
        let file = try directory.write("FI.xml", bytes: Data(XMLFixtures.fi(records)))
        let validator = try FLASchemas.fiValidator()
        #expect(validator.validate(fileAt: file.path) == [])
        let lint = try Command.run("xmllint", ["--noout", "--schema", FLASchemas.fiSchemaPath, file.path])
        #expect(lint.succeeded, "\(lint.stderr)")
        #expect(lint.stderr.contains("validates"))
    }

    @Test func recordsReadBackExactlyAsWritten() throws {
        let records = Self.everyCombination()
        let bytes = try XMLFixtures.fi(records)
        let reader = try XMLStreamReader(bytes: bytes, documentName: "FI.xml", limits: .largeDocuments)
        var decoded: [FLARecord] = []
        while let event = try reader.next() {
            if case .startElement(let tag) = event, tag.name == "TrainingRight" || tag.name == "TrainingFollowed" {
                decoded.append(try FIRecordDecoder.decode(reader.readElement(tag)))
            }
        }
        #expect(decoded == records)
    }

    @Test func writesTheHeaderAndLayoutExactly() throws {
        let text = String(decoding: try XMLFixtures.fi([XMLFixtures.right("R1", days: 1500)]), as: UTF8.self)
        #expect(text == """
        <?xml version="1.0" encoding="UTF-8"?>
        <FLAOriginal>
          <Form>
            <Identification>FLAX</Identification>
            <FormCreationDate>2025-03-01</FormCreationDate>
            <FormCreationHour>09:05:07.042</FormCreationHour>
            <Reference>
              <ReferenceType>1</ReferenceType>
              <ReferenceOrigin>1</ReferenceOrigin>
              <ReferenceNbr>FLAD20250301090507042</ReferenceNbr>
            </Reference>
            <Declarant>
              <SenderNumber>123456</SenderNumber>
              <Quality>mandatary</Quality>
              <CompanyID>1234567894</CompanyID>
            </Declarant>
            <Records>
              <TrainingRight>
                <RecordId>R1</RecordId>
                <Action>create</Action>
                <Worker>
                  <INSS>85073003328</INSS>
                </Worker>
                <Employer>
                  <CompanyID>0403123486</CompanyID>
                </Employer>
                <Year>2025</Year>
                <Days>1.5</Days>
                <JointCommittee>200</JointCommittee>
              </TrainingRight>
            </Records>
          </Form>
        </FLAOriginal>

        """)
    }

    @Test func countsBytesAndPredictsTheFinishedSize() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("FI.xml").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let writer = try FIDocumentWriter(sink: FileDescriptorSink(descriptor: descriptor), header: XMLFixtures.header)
        var previous = writer.byteCount
        for index in 0..<3000 {
            try writer.append(index % 2 == 0 ? XMLFixtures.right("R\(index)") : XMLFixtures.followed("F\(index)"))
            #expect(writer.byteCount > previous)
            previous = writer.byteCount
        }
        let predicted = writer.byteCountIfFinished
        try writer.finish()
        #expect(writer.byteCount == predicted)
        #expect(writer.recordCount == 3000)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(size == predicted)
    }

    @Test func refusesAnEmptyFIAndWritingAfterFinish() throws {
        let writer = try FIDocumentWriter(sink: ByteBufferSink(), header: XMLFixtures.header)
        #expect(throws: FIDocumentError.noRecords) { try writer.finish() }
        try writer.append(XMLFixtures.right("R1"))
        try writer.finish()
        #expect(throws: FIDocumentError.alreadyFinished) { try writer.append(XMLFixtures.right("R2")) }
    }

    @Test func refusesATrainingNameXMLCannotCarry() throws {
        let writer = try FIDocumentWriter(sink: ByteBufferSink(), header: XMLFixtures.header)
        #expect(throws: XMLWriterError.illegalCharacter(0x0B, element: "TrainingName")) {
            try writer.append(XMLFixtures.followed("F1", name: "Excel\u{0B}2"))
        }
    }

    @Test func aHandBrokenFIFailsWithTheLinesOfItsFaults() throws {
        var text = String(decoding: try XMLFixtures.fi([XMLFixtures.right("R1"), XMLFixtures.followed("F1")]), as: UTF8.self)
        text = text.replacingOccurrences(of: "<INSS>85073003328</INSS>", with: "<INSS>8507300332X</INSS>")
        text = text.replacingOccurrences(of: "<Days>5</Days>", with: "<Days>-1</Days>")
        text = text.replacingOccurrences(of: "<DurationUnit>hours</DurationUnit>\n", with: "")
        text = text.replacingOccurrences(of: "<Quality>mandatary</Quality>", with: "<Quality>secretariat</Quality>")
        let lines = text.components(separatedBy: "\n")
        func line(of marker: String) -> Int { (lines.firstIndex { $0.contains(marker) } ?? -1) + 1 }
        let directory = try TemporaryDirectory()
        let file = try directory.write("FI.broken.xml", text)

        let diagnostics = try FLASchemas.fiValidator().validate(fileAt: file.path)
        // -1 breaks both the pattern and the minimum of Days: two findings on its line.
        let expectedLines = [line(of: "secretariat"), line(of: "8507300332X"), line(of: "<Days>-1"), line(of: "<Days>-1"),
                             line(of: "<Followed>")]
        try #require(diagnostics.map(\.line) == expectedLines)
        #expect(diagnostics[0].message.contains("'secretariat' is not an element of the set"))
        #expect(diagnostics[1].message.contains("The value '8507300332X' is not accepted by the pattern '[0-9]{11}'"))
        #expect(diagnostics[4].message.contains("Expected is ( DurationUnit )"))
        let lint = try Command.run("xmllint", ["--noout", "--schema", FLASchemas.fiSchemaPath, file.path])
        #expect(!lint.succeeded)
        for expected in expectedLines { #expect(lint.stderr.contains("FI.broken.xml:\(expected):")) }
    }
}

/// Reads a record element of an FI back into a record, to prove the writer wrote the values it was given.
enum FIRecordDecoder {
    struct Failure: Error { let what: String }

    static func decode(_ element: XMLElement) throws -> FLARecord {
        func text(_ path: String...) throws -> String {
            var current = element
            for name in path {
                guard let next = current.child(name) else { throw Failure(what: path.joined(separator: "/")) }
                current = next
            }
            return current.text
        }
        func optional(_ path: String...) -> String? {
            var current = element
            for name in path {
                guard let next = current.child(name) else { return nil }
                current = next
            }
            return current.text
        }
        func decimal(_ text: String) throws -> DecimalValue {
            guard let value = DecimalValue(parsing: text) else { throw Failure(what: text) }
            return value
        }
        func date(_ text: String) throws -> CalendarDate {
            guard let value = CalendarDate(iso: text) else { throw Failure(what: text) }
            return value
        }
        func boolean(_ text: String) throws -> Bool {
            switch text {
            case "true": return true
            case "false": return false
            default: throw Failure(what: text)
            }
        }
        let niss = try NISS(validating: try text("Worker", "INSS"))
        let employer = try BCE(validating: try text("Employer", "CompanyID"))
        let onss = try optional("Employer", "NOSSRegistrationNbr").map { try ONSSNumber(validating: $0) }
        guard let action = RecordAction(rawValue: try text("Action")) else { throw Failure(what: "Action") }
        let recordID = try text("RecordId")
        if element.name == "TrainingRight" {
            guard let year = Int(try text("Year")), let committee = JointCommittee(try text("JointCommittee")) else {
                throw Failure(what: "Year/JointCommittee")
            }
            return .trainingRight(TrainingRight(
                niss: niss, employer: employer, onssNumber: onss, year: year, days: try decimal(text("Days")),
                jointCommittee: committee, workFraction: try optional("WorkFraction").map(decimal),
                periodStart: try optional("PeriodStart").map(date), periodEnd: try optional("PeriodEnd").map(date),
                recordID: recordID, action: action))
        }
        guard let unit = DurationUnit(rawValue: try text("DurationUnit")) else { throw Failure(what: "DurationUnit") }
        return .trainingFollowed(TrainingFollowed(
            niss: niss, employer: employer, onssNumber: onss, recordID: recordID, action: action,
            trainingName: try text("TrainingName"), startDate: try date(text("StartDate")),
            endDate: try date(text("EndDate")), duration: try decimal(text("Duration")), durationUnit: unit,
            followed: try boolean(text("Followed")), certificate: try optional("Certificate").map(boolean),
            countsForFLA: try boolean(text("CountsForFLA")),
            provider: try optional("TrainingProvider", "CompanyID").map { try BCE(validating: $0) }))
    }
}

extension FIDocumentWriterTests {
    @Test func refusesANegativeAmountInsteadOfWritingGarbage() throws {
        let writer = try FIDocumentWriter(sink: ByteBufferSink(), header: XMLFixtures.header)
        #expect(throws: FIDocumentError.negativeAmount(element: "Days")) {
            try writer.append(XMLFixtures.right("R1", days: -500))
        }
    }
}
