import BatchFormat
import FLAFlow
import Foundation
import Identifiers
import SafeXML

/// Access to Fixtures/xml and the records and header the XML tests share.
enum XMLFixtures {
    static func path(_ name: String) -> String {
        Bundle.module.bundlePath + "/Fixtures/xml/" + name
    }

    static func niss(_ text: String) -> NISS { try! NISS(validating: text) }
    static func bce(_ text: String) -> BCE { try! BCE(validating: text) }
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    static let header = FormHeader(
        flowCode: try! FlowCode("FLAX"), creationDate: date("2025-03-01"),
        creationTime: FormCreationTime(hour: 9, minute: 5, second: 7, millisecond: 42)!,
        senderNumber: try! SenderNumber("123456"), quality: .mandatary, declarant: bce("1234567894"))

    static func right(_ id: String, niss: String = "85073003328", days: Int64 = 5000) -> FLARecord {
        .trainingRight(TrainingRight(niss: self.niss(niss), employer: bce("0403123486"), year: 2025,
                                     days: DecimalValue(thousandths: days), jointCommittee: JointCommittee("200")!,
                                     recordID: id))
    }

    static func followed(_ id: String, name: String = "First aid") -> FLARecord {
        .trainingFollowed(TrainingFollowed(niss: niss("90010112395"), employer: bce("0875432126"), recordID: id,
                                           trainingName: name, startDate: date("2025-05-01"),
                                           endDate: date("2025-05-02"), duration: DecimalValue(thousandths: 14000),
                                           durationUnit: .hours, followed: true))
    }

    /// Writes records into an FI in memory.
    static func fi(_ records: [FLARecord], header: FormHeader = header) throws -> [UInt8] {
        let sink = ByteBufferSink()
        let writer = try FIDocumentWriter(sink: sink, header: header)
        for record in records { try writer.append(record) }
        try writer.finish()
        return sink.bytes
    }
}
