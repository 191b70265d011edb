import Journal
import SafeXML

/// Maps anomalies back to the records of the FI we sent, and through the journal to export lines.
///
/// A line the platform gives is looked up in the record lines kept when the FI was written (an FI an
/// exporter formed has none: its lines are read from the local FI). Keys are looked up by reading the
/// local FI once with the streaming reader (an FI may hold a million records), stopping as soon as
/// every selector is resolved.
public struct RecordLocator: Sendable {
    public var limits: XMLParsingLimits

    public init(limits: XMLParsingLimits = .largeDocuments) {
        self.limits = limits
    }

    /// One entry per anomaly, in order: nil for an anomaly that names no record, or one not found in the FI.
    public func locate(_ anomalies: [AnswerAnomaly], in part: SubmissionFileRecord,
                       directory: String) throws(XMLError) -> [RecordLocation?] {
        let selectors = anomalies.map(RecordSelector.init(anomaly:))
        let path = directory + "/" + part.name
        var part = part
        if part.recordFILines == nil, selectors.contains(where: { if case .fiLine = $0 { true } else { false } }) {
            part.recordFILines = SubmissionFileRecord.encodeLines(try recordStartLines(inFIAt: path))
        }
        var byKeys: [RecordSelector: Int] = [:]
        let keys = Set(selectors.compactMap { selector -> RecordSelector? in
            if case .keys = selector { return selector } else { return nil }
        })
        if !keys.isEmpty { byKeys = try positions(of: keys, inFIAt: path) }
        return selectors.map { selector in
            let position: Int?
            switch selector {
            case .fiLine(let line)?: position = part.record(atFILine: line)
            case .keys?: position = selector.flatMap { byKeys[$0] }
            case nil: position = nil
            }
            return position.map { RecordLocation(position: $0, exportLine: part.line(ofRecordAt: $0)) }
        }
    }

    /// The line each record of the FI starts on, in document order.
    public func recordStartLines(inFIAt path: String) throws(XMLError) -> [Int] {
        var lines: [Int] = []
        try walkRecords(inFIAt: path) { event in
            if case .start(let line) = event { lines.append(line) }
            return true
        }
        return lines
    }

    /// The 1-based position of the first record each `.keys` selector names; one not found is left out.
    public func positions(of selectors: Set<RecordSelector>, inFIAt path: String) throws(XMLError) -> [RecordSelector: Int] {
        var remaining = selectors
        var found: [RecordSelector: Int] = [:]
        var position = 0
        var inss: String?, company: String?
        try walkRecords(inFIAt: path) { event in
            switch event {
            case .start:
                position += 1
                inss = nil
                company = nil
            case .key(let name, let value):
                if name == "INSS" { inss = RecordSelector.inssDigits(value) }
                if name == "CompanyID" { company = RecordSelector.companyDigits(value) }
            case .end:
                guard let inss else { break }
                for candidate in [RecordSelector.keys(inss: inss, companyID: company), .keys(inss: inss, companyID: nil)]
                where remaining.remove(candidate) != nil {
                    found[candidate] = position
                }
            }
            return !remaining.isEmpty
        }
        return found
    }

    enum RecordEvent {
        case start(line: Int)
        /// A worker's INSS or an employer's CompanyID inside the current record.
        case key(name: Substring, value: String)
        case end
    }

    /// Each record of the FI in order: its record id and worker (for the payroll team's report).
    public func recordKeys(inFIAt path: String) throws(XMLError) -> [(recordID: String?, inss: String?)] {
        var records: [(recordID: String?, inss: String?)] = []
        try walkRecords(inFIAt: path) { event in
            switch event {
            case .start: records.append((nil, nil))
            case .key(let name, let value):
                if name == "RecordId" { records[records.count - 1].recordID = value }
                if name == "INSS" { records[records.count - 1].inss = value }
            case .end: break
            }
            return true
        }
        return records
    }

    /// Streams the records (the children of `Records`), telling their starts, keys and ends; `visit`
    /// returns false to stop.
    private func walkRecords(inFIAt path: String, _ visit: (RecordEvent) -> Bool) throws(XMLError) {
        let reader = try XMLStreamReader(fileAt: path, limits: limits)
        var recordsDepth: Int?
        var block: Substring = "", field: Substring = ""
        while let event = try reader.next() {
            switch event {
            case .startElement(let tag):
                let name = Self.localName(tag.name[...])
                guard let records = recordsDepth else {
                    if name == "Records" { recordsDepth = tag.depth }
                    continue
                }
                if tag.depth == records + 1 {
                    if !visit(.start(line: tag.line)) { return }
                } else if tag.depth == records + 2 {
                    block = name
                } else if tag.depth == records + 3 {
                    field = name
                }
            case .text(let text, _):
                if block == "RecordId" && field.isEmpty {
                    if !visit(.key(name: "RecordId", value: text.trimmingXMLWhitespace())) { return }
                } else if (block == "Worker" && field == "INSS") || (block == "Employer" && field == "CompanyID") {
                    if !visit(.key(name: field, value: text.trimmingXMLWhitespace())) { return }
                }
            case .endElement(_, let depth, _):
                guard let records = recordsDepth else { continue }
                // The records are over.
                if depth == records { return }
                if depth == records + 1 { if !visit(.end) { return } }
                if depth == records + 2 { block = "" }
                if depth == records + 3 { field = "" }
            }
        }
    }

    static func localName(_ name: Substring) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return name[name.index(after: colon)...]
    }
}
