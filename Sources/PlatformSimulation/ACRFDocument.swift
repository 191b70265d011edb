import SafeXML

/// The file acknowledgement (`ACRF`) in the platform's published shape: no namespace, the schema file
/// named on the root, one `Form` with `FileReference` (the file name quoted, origin 2, the ticket) and
/// `ReceptionResult`.
struct ACRFDocument: Hashable, Sendable {
    static let schemaFile = "ACRF_20251.xsd"

    var created: AnswerTimestamp
    /// The file quoted: our GO name, or (as the platform sometimes does) an FI name.
    var fileName: String
    /// `ReferenceNbr`: the ticket, 13 letters and digits.
    var ticket: String
    var accepted: Bool
    /// `ACRF-<code>`, only when rejected.
    var errorIDs: [String]

    func bytes() throws -> [UInt8] {
        let sink = ByteBufferSink()
        let writer = XMLByteWriter(sink: sink, indentation: 2)
        try writer.writeDeclaration()
        try writer.startElement("ACRF", attributes: AnswerSchemaLocation.attributes(schemaFile: Self.schemaFile))
        try writer.startElement("Form")
        try writer.element("Identification", text: "ACRF001")
        try writer.element("FormCreationDate", text: created.date.iso)
        try writer.element("FormCreationHour", text: created.hour.description)
        try writer.element("AttestationStatus", integer: 0)
        try writer.element("TypeForm", text: "PA")
        try writer.startElement("FileReference")
        try writer.element("FileName", text: fileName)
        try writer.element("ReferenceOrigin", integer: 2)
        try writer.element("ReferenceNbr", text: ticket)
        try writer.endElement()
        try writer.startElement("ReceptionResult")
        try writer.element("ResultCode", integer: accepted ? 1 : 0)
        for id in errorIDs { try writer.element("ErrorID", text: id) }
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
        try writer.finish()
        return sink.bytes
    }
}
