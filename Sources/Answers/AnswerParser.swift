import SafeXML

/// Reads an answer file the platform put in OUT into its forms: `ACRFAnswer`s or `NotificationAnswer`s.
///
/// The shapes are those of the platform's published answer schemas (root `ACRF` or `NOTIFICATION`, no
/// namespace, one or more `Form`s; see the project's own `acrf.xsd` and `notification.xsd`). Strict on
/// safety: libxml2 through SafeXML's tree parser, no network, no DOCTYPE (so no entity and no DTD),
/// bounded size, depth and text length. Tolerant on layout: CRLF, tabs, a namespace prefix and blocks
/// we do not read (flow-specific ones) change nothing.
public struct AnswerParser: Sendable {
    /// Answers are a few kilobytes; a NOTIFICATION listing an anomaly for each of many records stays
    /// well below 16 MiB. No answer element nests deeper than 8 or holds a long text.
    public static let defaultLimits = XMLParsingLimits(maxDepth: 16, maxBytes: 16 << 20, maxTextBytes: 64 << 10)

    public var limits: XMLParsingLimits

    public init(limits: XMLParsingLimits = AnswerParser.defaultLimits) {
        self.limits = limits
    }

    public func parse(fileAt path: String) throws(AnswerError) -> [PlatformAnswer] {
        let root: XMLElement
        do { root = try XMLElement.parse(fileAt: path, limits: limits) } catch { throw .refusedXML(error) }
        return try answers(from: root, document: path)
    }

    public func parse(_ bytes: [UInt8], documentName: String) throws(AnswerError) -> [PlatformAnswer] {
        let root: XMLElement
        do { root = try XMLElement.parse(bytes, documentName: documentName, limits: limits) } catch { throw .refusedXML(error) }
        return try answers(from: root, document: documentName)
    }

    func answers(from root: XMLElement, document: String) throws(AnswerError) -> [PlatformAnswer] {
        // One answer file holds one or more Forms; when the platform leaves the Form level out, the root plays its part.
        var forms = root.children.filter { $0.localName == "Form" }
        if forms.isEmpty { forms = [root] }
        var answers: [PlatformAnswer] = []
        switch root.localName {
        case "ACRF":
            for form in forms { answers.append(.acrf(try acrf(form, document: document))) }
        case "NOTIFICATION":
            for form in forms { answers.append(.notification(try notification(form, document: document))) }
        default:
            throw .unknownRoot(document: document, name: root.name, line: root.line)
        }
        return answers
    }

    private func acrf(_ form: XMLElement, document: String) throws(AnswerError) -> ACRFAnswer {
        let reception = form.firstDescendant(named: "ReceptionResult") ?? form
        let code = try resultCode(in: reception, document: document)
        guard let result = ACRFAnswer.Result(rawValue: code.value) else {
            throw .invalidValue(document: document, element: "ResultCode", value: String(code.value),
                                expected: "1 (accepted) or 0 (rejected)", line: code.line)
        }
        let fileReference = form.directChild(named: "FileReference") ?? form.firstDescendant(named: "FileReference")
        return ACRFAnswer(
            identification: form.directChild(named: "Identification")?.trimmedText,
            createdAt: creation(of: form),
            attestationStatus: integer(form.directChild(named: "AttestationStatus")),
            typeForm: form.directChild(named: "TypeForm")?.trimmedText,
            fileNames: (fileReference ?? form).descendants(named: "FileName").compactMap(\.trimmedText),
            reference: fileReference.map(reference),
            result: result,
            errorIDs: reception.descendants(named: "ErrorID").compactMap(\.trimmedText))
    }

    private func notification(_ form: XMLElement, document: String) throws(AnswerError) -> NotificationAnswer {
        guard let handling = form.directChild(named: "HandlingResult") ?? form.firstDescendant(named: "HandlingResult") else {
            throw .missingElement(document: document, element: "HandlingResult", within: form.name, line: form.line)
        }
        let code = try resultCode(in: handling, document: document)
        guard let result = NotificationAnswer.Result(rawValue: code.value) else {
            throw .invalidValue(document: document, element: "ResultCode", value: String(code.value),
                                expected: "0 (NOK), 1 (OK), 2 (proposal), 3 (temporary answer) or 4 (timeout)",
                                line: code.line)
        }
        let handled = form.directChild(named: "HandledOriginalForm").map { original in
            OriginalFormReference(identification: original.directChild(named: "Identification")?.trimmedText,
                                  creationDate: original.directChild(named: "FormCreationDate")?.trimmedText,
                                  creationHour: original.directChild(named: "FormCreationHour")?.trimmedText,
                                  attestationStatus: integer(original.directChild(named: "AttestationStatus")),
                                  typeForm: original.directChild(named: "TypeForm")?.trimmedText)
        }
        let fileReference = form.directChild(named: "FileReference")
        return NotificationAnswer(
            identification: form.directChild(named: "Identification")?.trimmedText,
            createdAt: creation(of: form),
            attestationStatus: integer(form.directChild(named: "AttestationStatus")),
            typeForm: form.directChild(named: "TypeForm")?.trimmedText,
            fileNames: fileReference?.descendants(named: "FileName").compactMap(\.trimmedText) ?? [],
            fileReference: fileReference.map(reference),
            handledForm: handled,
            references: form.children.filter { $0.localName == "Reference" }.map(reference),
            handledReference: form.directChild(named: "HandledReference").map(reference),
            employer: form.directChild(named: "EmployerId").map(keyValues) ?? [],
            result: result,
            diagnoses: handling.children.filter { $0.localName == "Diagnosis" }.compactMap(integer),
            anomalies: handling.descendants(named: "AnomalyReport").map(anomaly))
    }

    private func anomaly(_ report: XMLElement) -> AnswerAnomaly {
        let place = report.directChild(named: "AnomalyLocation").map { location in
            AnomalyPlace(line: integer(location.directChild(named: "LineNbr")),
                         column: integer(location.directChild(named: "ColumnNbr")),
                         location: location.directChild(named: "Location")?.trimmedText)
        }
        let correction = report.directChild(named: "SystemCorrection").map { correction in
            SystemCorrection(
                correctionType: correction.directChild(named: "CorrectionType")?.trimmedText,
                blocks: correction.children.filter { $0.localName == "BlockAction" }.map { block in
                    let simple = block.children.filter { $0.children.isEmpty }
                    return SystemCorrection.BlockAction(
                        action: block.directChild(named: "Action")?.trimmedText,
                        blockName: block.directChild(named: "BlockName")?.trimmedText,
                        keys: simple.filter { $0.localName != "Action" && $0.localName != "BlockName" }.compactMap(keyValue),
                        newValues: block.children.filter { $0.localName == "DataValue" }.compactMap { value in
                            guard let field = value.directChild(named: "FieldName")?.trimmedText else { return nil }
                            return AnswerKeyValue(name: field, value: value.directChild(named: "NewValue")?.trimmedText ?? "")
                        })
                })
        }
        return AnswerAnomaly(errorID: report.directChild(named: "ErrorID")?.trimmedText,
                             tagName: report.directChild(named: "TagName")?.trimmedText,
                             value: report.directChild(named: "Value")?.trimmedText,
                             anomalyClass: report.directChild(named: "AnomalyClass")?.trimmedText,
                             label: report.directChild(named: "AnomalyLabel")?.trimmedText,
                             place: place,
                             path: report.directChild(named: "Path").map(keyValues) ?? [],
                             systemCorrection: correction,
                             line: report.line)
    }

    /// `ReferenceType`, `ReferenceOrigin`, `ReferenceNbr` below a reference element.
    private func reference(_ element: XMLElement) -> AnswerReference {
        AnswerReference(type: integer(element.directChild(named: "ReferenceType")),
                        origin: integer(element.directChild(named: "ReferenceOrigin")),
                        number: element.directChild(named: "ReferenceNbr")?.trimmedText)
    }

    /// Every simple child, in order (a structured block's keys).
    private func keyValues(_ element: XMLElement) -> [AnswerKeyValue] {
        element.children.compactMap(keyValue)
    }

    private func keyValue(_ element: XMLElement) -> AnswerKeyValue? {
        guard element.children.isEmpty, let value = element.trimmedText else { return nil }
        return AnswerKeyValue(name: String(element.localName), value: value)
    }

    /// A small non-negative integer element (a digit, a line number); nil when absent or not one.
    private func integer(_ element: XMLElement?) -> Int? {
        guard let text = element?.trimmedText, text.utf8.count <= 15, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return Int(text)
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
