import BatchFormat
import SafeXML

/// Streams one FI document (schema `fla-fi-1.xsd`) into a sink, one record at a time.
///
/// `byteCount` grows as records are appended, and `byteCountIfFinished` tells what the file would
/// weigh if closed now, so a caller can start a new part before a size limit. Dates, decimals and
/// identifiers are written digit by digit: no Foundation formatting in the per-record path.
public final class FIDocumentWriter {
    public let header: FormHeader
    public private(set) var recordCount = 0
    /// The FI line on which the last appended record starts: platform answers locate anomalies by line.
    public private(set) var lastRecordLine = 0
    private let writer: XMLByteWriter
    private var finished = false
    /// Where dates and decimals are formatted before they go into an element.
    private let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)

    /// Bytes produced so far.
    public var byteCount: Int { writer.byteCount }

    /// The size of the document if `finish()` were called now.
    public var byteCountIfFinished: Int { writer.byteCount + Self.closingByteCount }

    /// What `finish()` adds: the end tags of Records, Form and FLAOriginal, each on its own line.
    public static let closingByteCount = ("\n    </Records>" + "\n  </Form>" + "\n</FLAOriginal>" + "\n").utf8.count

    /// Writes the XML declaration, the form header and opens `<Records>`.
    public init(sink: any ByteSink, header: FormHeader) throws {
        self.header = header
        writer = XMLByteWriter(sink: sink, indentation: 2)
        try writer.writeDeclaration()
        try writer.startElement("FLAOriginal")
        try writer.startElement("Form")
        try writer.element("Identification", text: header.flowCode.text)
        try writeDate("FormCreationDate", header.creationDate)
        let time = header.creationTime
        var length = 0
        put(time.hour, digits: 2, at: &length)
        put(UInt8(ascii: ":"), at: &length)
        put(time.minute, digits: 2, at: &length)
        put(UInt8(ascii: ":"), at: &length)
        put(time.second, digits: 2, at: &length)
        put(UInt8(ascii: "."), at: &length)
        put(time.millisecond, digits: 3, at: &length)
        try writer.element("FormCreationHour", ascii: UnsafeRawBufferPointer(start: scratch, count: length))
        // Our own reference, for the platform to quote back (origin 1) in its NOTIFICATIONs.
        let stamp = "\(header.creationDate.iso) \(String(decoding: UnsafeRawBufferPointer(start: scratch, count: length), as: UTF8.self))"
        if let reference = SenderReference.text(formCreation: stamp) {
            try writer.startElement("Reference")
            try writer.element("ReferenceType", integer: SenderReference.referenceType)
            try writer.element("ReferenceOrigin", integer: 1)
            try writer.element("ReferenceNbr", text: reference)
            try writer.endElement()
        }
        try writer.startElement("Declarant")
        try writer.element("SenderNumber", text: header.senderNumber.text)
        try writer.element("Quality", text: header.quality.rawValue)
        try writer.element("CompanyID", text: header.declarant.digits)
        try writer.endElement()
        try writer.startElement("Records")
    }

    deinit { scratch.deallocate() }

    public func append(_ record: FLARecord) throws {
        guard !finished else { throw FIDocumentError.alreadyFinished }
        switch record {
        case .trainingRight(let right):
            try writer.startElement("TrainingRight")
            lastRecordLine = writer.line
            try writeRecordHeader(recordID: right.recordID, action: right.action, niss: right.niss.digits,
                                  employer: right.employer.digits, onss: right.onssNumber?.digits)
            try writer.element("Year", integer: right.year, minimumDigits: 4)
            try writeDecimal("Days", right.days)
            try writer.element("JointCommittee", text: right.jointCommittee.code)
            if let fraction = right.workFraction { try writeDecimal("WorkFraction", fraction) }
            if let start = right.periodStart { try writeDate("PeriodStart", start) }
            if let end = right.periodEnd { try writeDate("PeriodEnd", end) }
            try writer.endElement()
        case .trainingFollowed(let training):
            try writer.startElement("TrainingFollowed")
            lastRecordLine = writer.line
            try writeRecordHeader(recordID: training.recordID, action: training.action, niss: training.niss.digits,
                                  employer: training.employer.digits, onss: training.onssNumber?.digits)
            try writer.element("TrainingName", text: training.trainingName)
            try writeDate("StartDate", training.startDate)
            try writeDate("EndDate", training.endDate)
            try writeDecimal("Duration", training.duration)
            try writer.element("DurationUnit", text: training.durationUnit.rawValue)
            try writeBoolean("Followed", training.followed)
            if let certificate = training.certificate { try writeBoolean("Certificate", certificate) }
            try writeBoolean("CountsForFLA", training.countsForFLA)
            if let provider = training.provider {
                try writer.startElement("TrainingProvider")
                try writer.element("CompanyID", text: provider.digits)
                try writer.endElement()
            }
            try writer.endElement()
        }
        recordCount += 1
    }

    /// Closes the document and hands the last bytes to the sink. An FI holds at least one record.
    public func finish() throws {
        guard !finished else { throw FIDocumentError.alreadyFinished }
        guard recordCount > 0 else { throw FIDocumentError.noRecords }
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
        try writer.finish()
        finished = true
    }

    // MARK: Field writers

    private func writeRecordHeader(recordID: String, action: RecordAction, niss: String, employer: String,
                                   onss: String?) throws {
        try writer.element("RecordId", text: recordID)
        try writer.element("Action", text: action.rawValue)
        try writer.startElement("Worker")
        try writer.element("INSS", text: niss)
        try writer.endElement()
        try writer.startElement("Employer")
        try writer.element("CompanyID", text: employer)
        if let onss { try writer.element("NOSSRegistrationNbr", text: onss) }
        try writer.endElement()
    }

    /// `YYYY-MM-DD` (xs:date), formatted without Foundation.
    private func writeDate(_ name: String, _ date: CalendarDate) throws {
        var length = 0
        put(date.year, digits: 4, at: &length)
        put(UInt8(ascii: "-"), at: &length)
        put(date.month, digits: 2, at: &length)
        put(UInt8(ascii: "-"), at: &length)
        put(date.day, digits: 2, at: &length)
        try writer.element(name, ascii: UnsafeRawBufferPointer(start: scratch, count: length))
    }

    /// `5`, `1.5`, `0.125`: the canonical xs:decimal form of a `DecimalValue`.
    private func writeDecimal(_ name: String, _ value: DecimalValue) throws {
        guard value.thousandths >= 0 else { throw FIDocumentError.negativeAmount(element: name) }
        var length = 0
        let whole = Int(value.thousandths / 1000)
        var fraction = Int(value.thousandths % 1000), fractionDigits = 3
        while fraction != 0 && fraction % 10 == 0 { fraction /= 10; fractionDigits -= 1 }
        var wholeDigits = 1, probe = whole
        while probe >= 10 { probe /= 10; wholeDigits += 1 }
        put(whole, digits: wholeDigits, at: &length)
        if fraction != 0 {
            put(UInt8(ascii: "."), at: &length)
            put(fraction, digits: fractionDigits, at: &length)
        }
        try writer.element(name, ascii: UnsafeRawBufferPointer(start: scratch, count: length))
    }

    private func writeBoolean(_ name: String, _ value: Bool) throws {
        let literal: StaticString = value ? "true" : "false"
        try writer.element(name, ascii: UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Writes the `digits` lowest decimal digits of a non-negative number, zero-padded.
    private func put(_ value: Int, digits: Int, at length: inout Int) {
        var rest = value
        for position in stride(from: length + digits - 1, through: length, by: -1) {
            scratch[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        length += digits
    }

    private func put(_ byte: UInt8, at length: inout Int) {
        scratch[length] = byte
        length += 1
    }
}
