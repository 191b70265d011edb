import Journal

/// What the payroll team opens for a finished submission: one row per record of each FI part (the
/// export line it came from, its record id, the worker's national number masked, the submission's
/// outcome) and, for a record the platform found fault with, one row per anomaly (id, class, label).
/// Anomalies the platform located on no record follow at the end. CSV with `;` (as spreadsheets in
/// Belgian locales read it), UTF-8, a header line.
public struct RecordOutcomeReport: Sendable {
    public static let header = ["part", "export_line", "record_id", "niss", "outcome", "anomaly_id", "anomaly_class", "anomaly_label", "field", "value"]

    let journal: Journal
    let locator: RecordLocator

    public init(journal: Journal, locator: RecordLocator = RecordLocator()) {
        self.journal = journal
        self.locator = locator
    }

    public func csv(for submission: SubmissionRecord) throws -> String {
        guard let id = submission.id else { return Self.line(Self.header) }
        let anomalies = try journal.anomalies(of: id)
        var lines = [Self.line(Self.header)]
        for part in try journal.files(of: id).filter({ $0.kind == .fi }).sorted(by: { $0.part < $1.part }) {
            let records = try locator.recordKeys(inFIAt: submission.directory + "/" + part.name)
            for (index, record) in records.enumerated() {
                let position = index + 1
                let base = [String(part.part), part.line(ofRecordAt: position).map(String.init) ?? "", record.recordID ?? "",
                            record.inss.map { PersonalDataMask.value($0, tagName: "INSS") } ?? "", submission.state.rawValue]
                let own = anomalies.filter { $0.submissionFileID == part.id && $0.recordPosition == position }
                if own.isEmpty {
                    lines.append(Self.line(base + ["", "", "", "", ""]))
                } else {
                    for anomaly in own { lines.append(Self.line(base + Self.columns(anomaly))) }
                }
            }
        }
        for anomaly in anomalies where anomaly.recordPosition == nil {
            lines.append(Self.line(["", "", "", "", "\(submission.state.rawValue) (not located on a record)"] + Self.columns(anomaly)))
        }
        return lines.joined()
    }

    private static func columns(_ anomaly: AnomalyRecord) -> [String] {
        [anomaly.errorID, anomaly.anomalyClass ?? "", anomaly.label ?? "", anomaly.tagName ?? "", anomaly.value ?? ""]
    }

    /// One CSV line: a field with `;`, `"` or a line break is quoted, its quotes doubled.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ";") + "\r\n"
    }
}
