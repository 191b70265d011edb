import SafeXML

/// The file acknowledgement (`ACRF`): whether the platform took a submission in, and its ticket.
/// No namespace, UTF-8, the layout of the shared answer contract.
struct ACRFDocument: Hashable, Sendable {
    var created: AnswerTimestamp
    /// The GO name first, then the FI names.
    var fileNames: [String]
    /// `ReferenceOrigin`: the flow of the submission.
    var referenceOrigin: String
    /// `ReferenceNbr`: the ticket.
    var ticket: String
    var accepted: Bool
    /// `ACRF-<code>`, only when rejected.
    var errorIDs: [String]

    func bytes() throws -> [UInt8] {
        let sink = ByteBufferSink()
        let writer = XMLByteWriter(sink: sink, indentation: 2)
        try writer.writeDeclaration()
        try writer.startElement("ACRF")
        try writer.startElement("Form")
        try writer.element("Identification", text: "ACRF001")
        try writer.element("FormCreationDate", text: created.date.iso)
        try writer.element("FormCreationHour", text: created.hour.description)
        try writer.startElement("FileReference")
        for name in fileNames { try writer.element("FileName", text: name) }
        try writer.element("ReferenceOrigin", text: referenceOrigin)
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
