import SafeXML

/// The `NOTIFICATION` for one handled FI form: the result of the record checks and their anomalies.
struct NotificationDocument: Hashable, Sendable {
    var created: AnswerTimestamp
    var form: HandledForm
    /// `Reference`: the same ticket as the submission's ACRF.
    var ticket: String

    func bytes() throws -> [UInt8] {
        let sink = ByteBufferSink()
        let writer = XMLByteWriter(sink: sink, indentation: 2)
        try writer.writeDeclaration()
        try writer.startElement("NOTIFICATION")
        try writer.startElement("Form")
        try writer.element("Identification", text: "NOTI001")
        try writer.element("FormCreationDate", text: created.date.iso)
        try writer.element("FormCreationHour", text: created.hour.description)
        try writer.startElement("FileReference")
        try writer.element("FileName", text: form.fileName)
        try writer.endElement()
        try writer.startElement("HandledOriginalForm")
        if let identification = form.identification { try writer.element("Identification", text: identification) }
        if let date = form.creationDate { try writer.element("FormCreationDate", text: date) }
        if let hour = form.creationHour { try writer.element("FormCreationHour", text: hour) }
        try writer.endElement()
        try writer.element("Reference", text: ticket)
        try writer.startElement("HandlingResult")
        try writer.element("ResultCode", integer: form.resultCode)
        try writer.element("Diagnosis", text: form.diagnosis)
        for anomaly in form.anomalies {
            try writer.startElement("AnomalyReport")
            try writer.element("ErrorID", text: anomaly.errorID)
            try writer.element("TagName", text: anomaly.tagName)
            try writer.element("Value", text: anomaly.value)
            try writer.element("AnomalyClass", text: anomaly.anomalyClass.rawValue)
            try writer.element("Path", text: anomaly.path)
            try writer.endElement()
        }
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
        try writer.finish()
        return sink.bytes
    }
}
