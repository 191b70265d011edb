import SafeXML

/// Reads an answer file the platform put in OUT into an `ACRFAnswer` or a `NotificationAnswer`.
///
/// Strict on safety: libxml2 through SafeXML's tree parser, no network, no DOCTYPE (so no entity and
/// no DTD), bounded size, depth and text length. Tolerant on layout: below the root, elements are
/// found by local name wherever they sit, so a wrapper or a namespace prefix the platform adds does
/// not make an answer unreadable.
public struct AnswerParser: Sendable {
    /// Answers are a few kilobytes; a NOTIFICATION listing an anomaly for each of many records stays
    /// well below 16 MiB. No answer element nests deeper than 6 or holds a long text.
    public static let defaultLimits = XMLParsingLimits(maxDepth: 16, maxBytes: 16 << 20, maxTextBytes: 64 << 10)

    public var limits: XMLParsingLimits

    public init(limits: XMLParsingLimits = AnswerParser.defaultLimits) {
        self.limits = limits
    }

    public func parse(fileAt path: String) throws(AnswerError) -> PlatformAnswer {
        let root: XMLElement
        do { root = try XMLElement.parse(fileAt: path, limits: limits) } catch { throw .refusedXML(error) }
        return try answer(from: root, document: path)
    }

    public func parse(_ bytes: [UInt8], documentName: String) throws(AnswerError) -> PlatformAnswer {
        let root: XMLElement
        do { root = try XMLElement.parse(bytes, documentName: documentName, limits: limits) } catch { throw .refusedXML(error) }
        return try answer(from: root, document: documentName)
    }

    func answer(from root: XMLElement, document: String) throws(AnswerError) -> PlatformAnswer {
        // One answer holds one Form; when the platform leaves the Form level out, the root plays its part.
        let form = root.directChild(named: "Form") ?? root
        switch root.localName {
        case "ACRF": return .acrf(try acrf(form, document: document))
        case "NOTIFICATION": return .notification(try notification(form, document: document))
        default: throw .unknownRoot(document: document, name: root.name, line: root.line)
        }
    }

    private func acrf(_ form: XMLElement, document: String) throws(AnswerError) -> ACRFAnswer {
        let reception = form.firstDescendant(named: "ReceptionResult") ?? form
        let code = try resultCode(in: reception, document: document)
        guard let result = ACRFAnswer.Result(rawValue: code.value) else {
            throw .invalidValue(document: document, element: "ResultCode", value: String(code.value),
                                expected: "1 (accepted) or 0 (rejected)", line: code.line)
        }
        return ACRFAnswer(
            identification: form.directChild(named: "Identification")?.trimmedText,
            createdAt: creation(of: form),
            fileNames: form.descendants(named: "FileName").compactMap(\.trimmedText),
            referenceOrigin: form.firstDescendant(named: "ReferenceOrigin")?.trimmedText,
            ticket: form.firstDescendant(named: "ReferenceNbr")?.trimmedText,
            result: result,
            errorIDs: reception.descendants(named: "ErrorID").compactMap(\.trimmedText))
    }

    private func notification(_ form: XMLElement, document: String) throws(AnswerError) -> NotificationAnswer {
        let handling = form.firstDescendant(named: "HandlingResult") ?? form
        let code = try resultCode(in: handling, document: document)
        guard let result = NotificationAnswer.Result(rawValue: code.value) else {
            throw .invalidValue(document: document, element: "ResultCode", value: String(code.value),
                                expected: "0 (NOK), 1 (OK), 2 (proposal), 3 (temporary answer) or 4 (timeout)",
                                line: code.line)
        }
        let handled = form.firstDescendant(named: "HandledOriginalForm").map { original in
            OriginalFormReference(identification: original.directChild(named: "Identification")?.trimmedText,
                                  creationDate: original.directChild(named: "FormCreationDate")?.trimmedText,
                                  creationHour: original.directChild(named: "FormCreationHour")?.trimmedText)
        }
        let ticket = form.directChild(named: "Reference") ?? form.firstDescendant(named: "Reference")
            ?? form.firstDescendant(named: "ReferenceNbr")
        let anomalies = handling.descendants(named: "AnomalyReport").map { report in
            AnswerAnomaly(errorID: report.firstDescendant(named: "ErrorID")?.trimmedText,
                          tagName: report.firstDescendant(named: "TagName")?.trimmedText,
                          value: report.firstDescendant(named: "Value")?.trimmedText,
                          anomalyClass: report.firstDescendant(named: "AnomalyClass")?.trimmedText,
                          path: report.firstDescendant(named: "Path")?.trimmedText,
                          systemCorrection: report.firstDescendant(named: "SystemCorrection")?.trimmedText,
                          line: report.line)
        }
        return NotificationAnswer(
            identification: form.directChild(named: "Identification")?.trimmedText,
            createdAt: creation(of: form),
            fileNames: form.descendants(named: "FileName").compactMap(\.trimmedText),
            handledForm: handled,
            ticket: ticket?.trimmedText,
            result: result,
            diagnosis: handling.firstDescendant(named: "Diagnosis")?.trimmedText,
            anomalies: anomalies)
    }

    private func resultCode(in element: XMLElement, document: String) throws(AnswerError) -> (value: Int, line: Int) {
        guard let code = element.directChild(named: "ResultCode") ?? element.firstDescendant(named: "ResultCode") else {
            throw .missingElement(document: document, element: "ResultCode", within: element.name, line: element.line)
        }
        let text = code.trimmedText ?? ""
        guard text.utf8.count <= 3, let value = Int(text) else {
            throw .invalidValue(document: document, element: "ResultCode", value: String(text.prefix(20)),
                                expected: "a result number", line: code.line)
        }
        return (value, code.line)
    }

    /// The answer's own creation stamp, from the Form's direct children (not the handled form's).
    private func creation(of form: XMLElement) -> String? {
        let date = form.directChild(named: "FormCreationDate")?.trimmedText
        let hour = form.directChild(named: "FormCreationHour")?.trimmedText
        switch (date, hour) {
        case let (date?, hour?): return "\(date) \(hour)"
        case let (date?, nil): return date
        default: return nil
        }
    }
}
