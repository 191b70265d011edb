import Journal
import SafeXML

/// Maps anomalies back to the records of the FI we sent, and through the journal to export lines.
///
/// The local FI is read once per answer with the streaming reader (an FI may hold a million records),
/// and the reading stops as soon as every selector is resolved.
public struct RecordLocator: Sendable {
    public var limits: XMLParsingLimits

    public init(limits: XMLParsingLimits = .largeDocuments) {
        self.limits = limits
    }

    /// One entry per anomaly, in order: nil for an anomaly that names no record, or one not found in the FI.
    public func locate(_ anomalies: [AnswerAnomaly], in part: SubmissionFileRecord,
                       directory: String) throws(XMLError) -> [RecordLocation?] {
        let selectors = anomalies.map(RecordSelector.init(anomaly:))
        let wanted = Set(selectors.compactMap { $0 })
        guard !wanted.isEmpty else { return selectors.map { _ in nil } }
        let found = try positions(of: wanted, inFIAt: directory + "/" + part.name)
        return selectors.map { selector in
            guard let selector, let position = found[selector] else { return nil }
            return RecordLocation(position: position, exportLine: part.line(ofRecordAt: position))
        }
    }

    /// The 1-based position of the record each selector names; a selector naming no record is left out.
    public func positions(of selectors: Set<RecordSelector>, inFIAt path: String) throws(XMLError) -> [RecordSelector: Int] {
        var remaining = selectors
        var found: [RecordSelector: Int] = [:]
        func resolve(_ selector: RecordSelector, at position: Int) {
            if remaining.remove(selector) != nil { found[selector] = position }
        }

        let reader = try XMLStreamReader(fileAt: path, limits: limits)
        var recordsDepth: Int?
        var position = 0
        var countByName: [Substring: Int] = [:]
        var inWorker = false, inINSS = false
        while !remaining.isEmpty, let event = try reader.next() {
            switch event {
            case .startElement(let tag):
                let name = RecordSelector.localName(tag.name[...])
                guard let records = recordsDepth else {
                    if name == "Records" { recordsDepth = tag.depth }
                    continue
                }
                if tag.depth == records + 1 {
                    position += 1
                    let index = (countByName[name] ?? 0) + 1
                    countByName[name] = index
                    resolve(.position(position), at: position)
                    resolve(.element(name: String(name), index: index), at: position)
                } else if tag.depth == records + 2 {
                    inWorker = name == "Worker"
                } else if tag.depth == records + 3 {
                    inINSS = inWorker && name == "INSS"
                }
            case .text(let text, _):
                if inINSS, let inss = RecordSelector.inssDigits(text.trimmingXMLWhitespace()) {
                    resolve(.worker(inss: inss), at: position)
                }
            case .endElement(_, let depth, _):
                guard let records = recordsDepth else { continue }
                // The records are over: whatever is still unresolved names no record.
                if depth == records { return found }
                if depth == records + 2 { inWorker = false }
                if depth == records + 3 { inINSS = false }
            }
        }
        return found
    }
}
