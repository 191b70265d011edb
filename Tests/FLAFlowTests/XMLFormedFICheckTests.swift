import BatchFormat
import FLAFlow
import Foundation
import SafeXML
import Testing
import TestSupport

@Suite struct XMLFormedFICheckTests {
    let check = FormedFICheck(validator: try! FLASchemas.fiValidator(), expectedFlowCode: try! FlowCode("FLAX"))

    @Test func passesAGoodFormedFIAndReportsItsFormIdentity() {
        let report = check.check(fileAt: XMLFixtures.path("fi-formed-good.xml"), displayName: "fi.xml")
        #expect(report.problems == [])
        #expect(report.isAcceptable)
        #expect(report.identification == "FLAX")
        #expect(report.creationDate == CalendarDate(year: 2025, month: 3, day: 1))
        #expect(report.creationTime == FormCreationTime(hour: 10, minute: 15, second: 30, millisecond: 123))
        #expect(report.recordCount == 2)
    }

    @Test func passesWhatFIDocumentWriterWrites() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("FI.xml", bytes: Data(XMLFixtures.fi([XMLFixtures.right("R1"), XMLFixtures.followed("F1")])))
        let report = check.check(fileAt: file.path)
        #expect(report.problems == [])
        #expect(report.recordCount == 2)
        #expect(report.creationTime?.description == "09:05:07.042")
    }

    @Test func reportsSchemaAndIdentifierProblemsByLine() {
        let report = check.check(fileAt: XMLFixtures.path("fi-formed-bad.xml"), displayName: "fi-bad.xml")
        #expect(!report.isAcceptable)
        #expect(report.problems.map(\.description) == [
            "fi-bad.xml:4: Identification \"DMFA\": differs from the channel's flow code FLAX: the platform would reject the file (158)",
            "fi-bad.xml:16: INSS \"*********29\": check digits do not match",
            "fi-bad.xml:17: CompanyID \"0403123487\": check digits do not match",
            "fi-bad.xml:19: Element 'Days': '5,5' is not a valid value of the atomic type 'NonNegativeAmountType'.",
            "fi-bad.xml:25: Element 'INSS': [facet 'pattern'] The value '8507300332' is not accepted by the pattern '[0-9]{11}'.",
            "fi-bad.xml:25: INSS \"********32\": has 10 digits, expected 11",
            "fi-bad.xml:26: NOSSRegistrationNbr \"012345675\": check digits do not match",
            "fi-bad.xml:28: Element 'StartDate': '2025-02-30' is not a valid value of the atomic type 'xs:date'.",
            "fi-bad.xml:31: Element 'DurationUnit': [facet 'enumeration'] The value 'weeks' is not an element of the set {'hours', 'days'}.",
            "fi-bad.xml:32: Element 'Followed': 'yes' is not a valid value of the atomic type 'BooleanType'.",
        ])
        #expect(report.recordCount == 2)
    }

    @Test func refusesHostileOrBrokenFIWithoutScanningIt() throws {
        let directory = try TemporaryDirectory()
        let xxe = try directory.write("xxe.xml", """
        <?xml version="1.0"?>
        <!DOCTYPE FLAOriginal [<!ENTITY e SYSTEM "file:///etc/passwd">]>
        <FLAOriginal><Form><Identification>&e;</Identification></Form></FLAOriginal>
        """)
        let report = check.check(fileAt: xxe.path, displayName: "xxe.xml")
        #expect(report.problems.map(\.description) == [
            "xxe.xml:2: DOCTYPE declarations are not accepted (no DTD, entity or external reference is processed)",
        ])
        let truncated = try directory.write("cut.xml", "<FLAOriginal>\n<Form>\n<Identification>FLAX")
        let cut = check.check(fileAt: truncated.path, displayName: "cut.xml")
        #expect(cut.problems.count == 1)
        #expect(cut.problems.first?.line == 3)
        #expect(cut.identification == nil)
    }

    @Test func skipsTheFlowComparisonWhenNotConfigured() throws {
        let lenient = FormedFICheck(validator: try FLASchemas.fiValidator(), expectedFlowCode: nil)
        let report = lenient.check(fileAt: XMLFixtures.path("fi-formed-bad.xml"))
        #expect(report.identification == "DMFA")
        #expect(!report.problems.contains { $0.field == "Identification" })
    }
}
