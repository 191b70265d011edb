import Answers
import BatchFormat
import Foundation
import PlatformSimulation
import SafeXML
import Testing
import TestSupport

/// Every answer the simulator writes, in every option, is valid against the project's own answer
/// schemas (written from the platform's published structure), for our validator and for xmllint,
/// and reads back through the daemon's parser.
@Suite("Simulator answers against the answer schemas")
struct AnswerSchemaTests {
    static let options: [(String, Misbehaviour)] = [
        ("as usual", .none),
        ("FI name quoted, no FileReference in NOTIFICATIONs", Misbehaviour(quoteFIName: true, omitNotificationFileReference: true)),
        ("rejected and foreign", Misbehaviour(unmatchedAnswer: true, otherApplicationsNoise: true)),
    ]

    @Test(arguments: [0, 1, 2])
    func everyAnswerValidates(option: Int) async throws {
        let fixture = try SimulatorFixture()
        let simulator = try fixture.simulator(Self.options[option].1)
        try fixture.submit(try fixture.name(sequence: 1), documents: [FIText.document(records: [
            FIText.trainingRight(id: "R1"), FIText.trainingRight(id: "R2", inss: FIText.invalidINSS), FIText.trainingFollowed(id: "F1"),
        ])])
        try fixture.submit(try fixture.name(sequence: 2, sender: "654321"), documents: [FIText.simple])
        _ = try await simulator.processOnce()
        let acrf = try XSDValidator(schemaAt: AnswerSchemas.acrfSchemaPath)
        let notification = try XSDValidator(schemaAt: AnswerSchemas.notificationSchemaPath)
        let answers = try fixture.answers(in: "OUTTEST").filter { ["ACRF", "NOTI"].contains($0.type) }
        #expect(answers.count >= 3)
        for answer in answers {
            let path = fixture.root + "/OUTTEST/" + answer.name.text
            let schema = answer.type == "ACRF" ? AnswerSchemas.acrfSchemaPath : AnswerSchemas.notificationSchemaPath
            #expect((answer.type == "ACRF" ? acrf : notification).validate(fileAt: path) == [], "\(answer.name)")
            let lint = try Command.run("xmllint", ["--noout", "--schema", schema, path])
            #expect(lint.succeeded, "\(answer.name): \(lint.stderr)")
            #expect(!(try AnswerParser().parse(fileAt: path)).isEmpty)
        }
        // Answer names have 6 fields, as the platform writes them.
        #expect(answers.allSatisfy { $0.name.length == .six && $0.committed })
    }

    @Test func aRefusedSchemaCheckIsSeen() throws {
        // The schemas are not lax: a ResultCode of 7 and a text Reference fail.
        let directory = try TemporaryDirectory()
        let bad = try directory.write("bad.xml", """
            <NOTIFICATION><Form><Identification>NOTI001</Identification><FormCreationDate>2026-01-01</FormCreationDate>\
            <FormCreationHour>10:00:00.000</FormCreationHour><AttestationStatus>0</AttestationStatus><TypeForm>FA</TypeForm>\
            <Reference>T1</Reference><HandledReference><ReferenceType>1</ReferenceType><ReferenceOrigin>2</ReferenceOrigin></HandledReference>\
            <HandlingResult><ResultCode>7</ResultCode></HandlingResult></Form></NOTIFICATION>
            """)
        #expect(try XSDValidator(schemaAt: AnswerSchemas.notificationSchemaPath).validate(fileAt: bad.path).count >= 2)
    }
}
