import SafeXML

/// The `NOTIFICATION` for one handled FI form, in the platform's published shape: an optional
/// `FileReference`, the `HandledOriginalForm`, our own reference quoted back (`Reference`, origin 1),
/// the ticket (`HandledReference`, origin 2), and the `HandlingResult` with each anomaly's label, its
/// line in the FI (`AnomalyLocation`) and the record's keys (`Path`).
struct NotificationDocument: Hashable, Sendable {
    static let schemaFile = "NOTIFICATION_20251.xsd"

    var created: AnswerTimestamp
    var form: HandledForm
    /// The file quoted in `FileReference`; nil leaves `FileReference` out (it is optional).
    var fileName: String?
    /// The ticket of the submission's ACRF.
    var ticket: String

    func bytes() throws -> [UInt8] {
        let sink = ByteBufferSink()
        let writer = XMLByteWriter(sink: sink, indentation: 2)
        try writer.writeDeclaration()
        try writer.startElement("NOTIFICATION", attributes: AnswerSchemaLocation.attributes(schemaFile: Self.schemaFile))
        try writer.startElement("Form")
        try writer.element("Identification", text: "NOTI001")
        try writer.element("FormCreationDate", text: created.date.iso)
        try writer.element("FormCreationHour", text: created.hour.description)
        try writer.element("AttestationStatus", integer: 0)
        try writer.element("TypeForm", text: "FA")
        if let fileName {
            try writer.startElement("FileReference")
            try writer.element("FileName", text: fileName)
            try writer.element("ReferenceOrigin", integer: 2)
            try writer.element("ReferenceNbr", text: ticket)
            try writer.endElement()
        }
        try writer.startElement("HandledOriginalForm")
        if let identification = form.identification { try writer.element("Identification", text: identification) }
        if let date = form.creationDate { try writer.element("FormCreationDate", text: date) }
        if let hour = form.creationHour { try writer.element("FormCreationHour", text: hour) }
        try writer.element("AttestationStatus", integer: 0)
        try writer.element("TypeForm", text: "SU")
        try writer.endElement()
        if let own = form.senderReference {
            try reference(writer, type: 1, origin: 1, number: own)
        }
        try reference(writer, name: "HandledReference", type: 1, origin: 2, number: ticket)
        try writer.startElement("HandlingResult")
        try writer.element("ResultCode", integer: form.resultCode)
        if let diagnosis = form.diagnosisCode { try writer.element("Diagnosis", integer: diagnosis) }
        for anomaly in form.anomalies {
            try writer.startElement("AnomalyReport")
            try writer.element("ErrorID", text: anomaly.errorID)
            try writer.element("TagName", text: anomaly.tagName)
            try writer.element("Value", text: anomaly.value)
            try writer.element("AnomalyClass", text: anomaly.anomalyClass.rawValue)
            try writer.element("AnomalyLabel", text: anomaly.kind.label)
            if anomaly.line > 0 {
                try writer.startElement("AnomalyLocation")
                try writer.element("LineNbr", integer: anomaly.line)
                try writer.endElement()
            }
            if anomaly.companyID != nil || anomaly.inss != nil {
                // Path keys in the published order: CompanyID before INSS.
                try writer.startElement("Path")
                if let company = anomaly.companyID { try writer.element("CompanyID", text: company) }
                if let inss = anomaly.inss { try writer.element("INSS", text: inss) }
                try writer.endElement()
            }
            try writer.endElement()
        }
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
        try writer.finish()
        return sink.bytes
    }

    private func reference(_ writer: XMLByteWriter, name: String = "Reference", type: Int, origin: Int, number: String) throws {
        try writer.startElement(name)
        try writer.element("ReferenceType", integer: type)
        try writer.element("ReferenceOrigin", integer: origin)
        try writer.element("ReferenceNbr", text: number)
        try writer.endElement()
    }
}
