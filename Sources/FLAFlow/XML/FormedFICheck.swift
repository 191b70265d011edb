import BatchFormat
import Identifiers
import SafeXML

/// Checks an FI the exporter formed itself; fladaemon then only names and signs it, byte for byte.
///
/// Two streaming passes, both with SafeXML's safety rules: XSD validation (the bundled
/// fla-fi-1.xsd, or the official schema when the operator has it), then the checks XSD 1.0 cannot
/// make: check digits of every `INSS`, `CompanyID` and `NOSSRegistrationNbr` (element names the
/// platform's forms share, so this also holds under the official schema), and a flow code that
/// matches the channel's (else the platform rejects the file with code 158).
public struct FormedFICheck: Sendable {
    public let validator: XSDValidator
    /// The flow the channel is configured for; nil to skip that comparison.
    public let expectedFlowCode: FlowCode?
    public let limits: XMLParsingLimits

    public init(validator: XSDValidator, expectedFlowCode: FlowCode?, limits: XMLParsingLimits = .largeDocuments) {
        self.validator = validator
        self.expectedFlowCode = expectedFlowCode
        self.limits = limits
    }

    public func check(fileAt path: String, displayName: String? = nil) -> FormedFIReport {
        let file = displayName ?? path
        var report = FormedFIReport(file: file, recordCount: 0, problems: [])
        let diagnostics = validator.validate(fileAt: path, limits: limits)
        for diagnostic in diagnostics where diagnostic.severity != .warning {
            report.problems.append(RecordProblem(file: file, line: diagnostic.line, reason: diagnostic.message))
        }
        // A document that could not even be read to its end gives nothing more to check.
        guard !diagnostics.contains(where: { $0.severity == .fatal }) else { return report }
        do {
            try scanIdentifiers(path: path, into: &report)
        } catch {
            report.problems.append(RecordProblem(file: file, line: error.line, reason: error.message))
        }
        // Both passes report in document order; merged by line, a clerk reads the file top to bottom.
        report.problems = report.problems.enumerated().sorted { a, b in
            (a.element.line ?? 0, a.offset) < (b.element.line ?? 0, b.offset)
        }.map(\.element)
        return report
    }

    private func scanIdentifiers(path: String, into report: inout FormedFIReport) throws(XMLError) {
        let reader = try XMLStreamReader(fileAt: path, limits: limits)
        let today = ReferenceDay.today()
        var path: [String] = []
        var text = ""
        var textLine = 0
        while let event = try reader.next() {
            switch event {
            case .startElement(let tag):
                path.append(tag.name)
                text = ""
                textLine = tag.line
                if path.count == 4, path[2] == "Records" { report.recordCount += 1 }
            case .text(let value, let line):
                text += value
                textLine = line
            case .endElement(let name, _, _):
                inspect(name: name, parent: path.count >= 2 ? path[path.count - 2] : nil,
                        isFormField: path.count == 3 && path[1] == "Form",
                        text: text.trimmingXMLWhitespace(), line: textLine, today: today, report: &report)
                path.removeLast()
                text = ""
            }
        }
    }

    private func inspect(name: String, parent: String?, isFormField: Bool, text: String, line: Int,
                         today: ReferenceDay, report: inout FormedFIReport) {
        func problem(_ reason: String, value: String?) {
            report.problems.append(RecordProblem(file: report.file, line: line, field: name, value: value, reason: reason))
        }
        switch name {
        case "INSS":
            do { _ = try NISS(validating: text, today: today) } catch { problem(error.description, value: maskedNISSText(text)) }
        case "CompanyID":
            do { _ = try BCE(validating: text) } catch { problem(error.description, value: text) }
        case "NOSSRegistrationNbr":
            do { _ = try ONSSNumber(validating: text) } catch { problem(error.description, value: text) }
        case "Identification" where isFormField:
            report.identification = text
            if let expectedFlowCode, text != expectedFlowCode.text {
                problem("differs from the channel's flow code \(expectedFlowCode): the platform would reject the file (158)",
                        value: text)
            }
        case "FormCreationDate" where isFormField:
            report.creationDate = CalendarDate(iso: text)
        case "FormCreationHour" where isFormField:
            report.creationTime = FormCreationTime(text)
        default:
            break
        }
    }
}
