/// One `AnomalyReport` of a NOTIFICATION, as the platform wrote it.
///
/// `value` and `path` may hold a national number: `description` masks them, and the journal only ever
/// receives `PersonalDataMask`ed copies.
public struct AnswerAnomaly: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// E.g. `00011-155`; nil when the platform left it out.
    public var errorID: String?
    public var tagName: String?
    public var value: String?
    /// B, P, NP, D, W, I or NB.
    public var anomalyClass: String?
    /// XPath-like location in our FI, e.g. `/FLAOriginal/Form/Records/TrainingRight[2]`.
    public var path: String?
    public var systemCorrection: String?
    /// Line of the `AnomalyReport` in the answer file.
    public var line: Int

    public init(errorID: String?, tagName: String? = nil, value: String? = nil, anomalyClass: String? = nil,
                path: String? = nil, systemCorrection: String? = nil, line: Int = 0) {
        self.errorID = errorID; self.tagName = tagName; self.value = value; self.anomalyClass = anomalyClass
        self.path = path; self.systemCorrection = systemCorrection; self.line = line
    }

    public var description: String {
        var text = "anomaly \(errorID ?? "?")"
        if let tagName { text += " on \(tagName)" }
        if let value { text += " = \(PersonalDataMask.value(value, tagName: tagName))" }
        if let anomalyClass { text += " [\(anomalyClass)]" }
        if let path { text += " at \(PersonalDataMask.text(path))" }
        return text
    }

    public var debugDescription: String { description }
}
