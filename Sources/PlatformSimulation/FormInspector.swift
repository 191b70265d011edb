import Identifiers
import SafeXML

/// Reads an FI (already valid against the XSD) the way the platform's handling does: the form's
/// identity from its header, then the record checks, one record at a time so memory does not grow
/// with the file.
///
/// Records are the children of `Records` (depth 3); each is read whole, and its `INSS`,
/// `JointCommittee` and (in a `TrainingRight`) `Days` are checked wherever they sit inside it.
struct FormInspector {
    let maxAnomalies: Int
    let limits: XMLParsingLimits

    init(maxAnomalies: Int, limits: XMLParsingLimits = .largeDocuments) {
        self.maxAnomalies = maxAnomalies
        self.limits = limits
    }

    func inspect(fileAt path: String, fileName: String) throws(XMLError) -> HandledForm {
        var form = HandledForm(fileName: fileName)
        let reader = try XMLStreamReader(fileAt: path, limits: limits)
        var open: [String] = []
        var ordinals: [String: Int] = [:]
        let today = ReferenceDay.today()
        while let event = try reader.next() {
            switch event {
            case .startElement(let tag):
                if open.count == 3, open[2] == "Records" {
                    let record = try reader.readElement(tag)
                    form.recordCount += 1
                    let ordinal = (ordinals[tag.name] ?? 0) + 1
                    ordinals[tag.name] = ordinal
                    let recordPath = "/" + open.joined(separator: "/") + "/\(tag.name)[\(ordinal)]"
                    check(record, path: recordPath, today: today, into: &form)
                } else if open.count == 2, tag.name != "Records" {
                    let field = try reader.readElement(tag)
                    let text = field.text.trimmingXMLWhitespace()
                    switch field.name {
                    case "Identification": form.identification = text
                    case "FormCreationDate": form.creationDate = text
                    case "FormCreationHour": form.creationHour = text
                    case "Reference":
                        if field.childText("ReferenceOrigin")?.trimmingXMLWhitespace() == "1" {
                            form.senderReference = field.childText("ReferenceNbr")?.trimmingXMLWhitespace()
                        }
                    default: break
                    }
                } else {
                    open.append(tag.name)
                }
            case .endElement:
                if !open.isEmpty { open.removeLast() }
            case .text:
                break
            }
        }
        return form
    }

    private func check(_ record: XMLElement, path: String, today: ReferenceDay, into form: inout HandledForm) {
        // The record's keys, as the platform's Path quotes them.
        let inss = record.child("Worker")?.childText("INSS")?.trimmingXMLWhitespace()
        let company = record.child("Employer")?.childText("CompanyID")?.trimmingXMLWhitespace()
        var line = record.line
        func report(_ kind: RecordAnomaly.Kind, _ value: String) {
            if kind.anomalyClass.isBlocking { form.blockingCount += 1 } else { form.nonBlockingCount += 1 }
            if form.anomalies.count < maxAnomalies {
                form.anomalies.append(RecordAnomaly(kind: kind, value: value, path: path, line: line, inss: inss,
                                                    companyID: company))
            }
        }
        visit(record) { element in
            line = element.line
            let text = element.text.trimmingXMLWhitespace()
            switch element.name {
            case "INSS":
                if (try? NISS(validating: text, today: today)) == nil { report(.invalidINSS, text) }
            case "JointCommittee":
                if text.hasPrefix("999") { report(.unknownJointCommittee, text) }
            case "Days" where record.name == "TrainingRight":
                if Self.isZero(text) { report(.zeroTrainingDays, text) }
            default:
                break
            }
        }
    }

    private func visit(_ element: XMLElement, _ body: (XMLElement) -> Void) {
        for child in element.children {
            body(child)
            visit(child, body)
        }
    }

    /// `0`, `0.0`, `0.000`: digits (at least one) and a dot, none of the digits other than 0.
    static func isZero(_ text: String) -> Bool {
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0"): sawDigit = true
            case UInt8(ascii: "."): continue
            default: return false
            }
        }
        return sawDigit
    }
}
