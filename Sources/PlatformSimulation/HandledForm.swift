/// What the platform made of one FI of an accepted submission: the content of its NOTIFICATION.
public struct HandledForm: Hashable, Sendable {
    /// The FI's file name.
    public var fileName: String
    /// `Form/Identification`, `FormCreationDate`, `FormCreationHour` of the FI, as written there.
    public var identification: String?
    public var creationDate: String?
    public var creationHour: String?
    /// The sender's own reference in the FI (`Form/Reference/ReferenceNbr`), quoted back with origin 1.
    public var senderReference: String?
    /// Record elements under `Records`.
    public var recordCount: Int
    /// The anomalies reported, at most the configured number per NOTIFICATION.
    public var anomalies: [RecordAnomaly]
    /// All blocking anomalies found, reported or not.
    public var blockingCount: Int
    /// All other anomalies found, reported or not.
    public var nonBlockingCount: Int

    public init(fileName: String, identification: String? = nil, creationDate: String? = nil,
                creationHour: String? = nil, recordCount: Int = 0, anomalies: [RecordAnomaly] = [],
                blockingCount: Int = 0, nonBlockingCount: Int = 0) {
        self.fileName = fileName
        self.identification = identification
        self.creationDate = creationDate
        self.creationHour = creationHour
        self.recordCount = recordCount
        self.anomalies = anomalies
        self.blockingCount = blockingCount
        self.nonBlockingCount = nonBlockingCount
    }

    /// `HandlingResult/ResultCode`: 0 (NOK) when a blocking anomaly was found, else 1 (OK).
    public var resultCode: Int { blockingCount > 0 ? 0 : 1 }

    /// `HandlingResult/Diagnosis`: 3 refused for blocking anomalies, 7 anomalies present, nil for a clean form.
    public var diagnosisCode: Int? {
        if blockingCount > 0 { return 3 }
        return nonBlockingCount > 0 ? 7 : nil
    }

    /// What the simulator says of the form in its own report.
    public var diagnosis: String {
        let records = recordCount == 1 ? "1 record" : "\(recordCount) records"
        if blockingCount == 0 && nonBlockingCount == 0 { return "\(records) handled without anomaly" }
        var text = "\(records) handled: \(blockingCount) blocking, \(nonBlockingCount) non-blocking anomalies"
        let total = blockingCount + nonBlockingCount
        if anomalies.count < total { text += " (first \(anomalies.count) reported)" }
        return text
    }

    /// `OK` or `NOK`, for the one-line summary.
    public var summary: String {
        let word = resultCode == 1 ? "OK" : "NOK"
        let total = blockingCount + nonBlockingCount
        return total == 0 ? word : "\(word) (\(total) anomal\(total == 1 ? "y" : "ies"))"
    }
}
