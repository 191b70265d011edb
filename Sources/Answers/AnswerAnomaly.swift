/// One `AnomalyReport` of a NOTIFICATION, read whole, as the platform wrote it.
///
/// `value`, `path` and `systemCorrection` may hold a national number: `description` masks them, and the
/// journal only ever receives masked copies.
public struct AnswerAnomaly: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// E.g. `00011-155`; nil when the platform left it out.
    public var errorID: String?
    public var tagName: String?
    public var value: String?
    /// B, NB, NP, P, D, W or I.
    public var anomalyClass: String?
    /// `AnomalyLabel`: the platform's text for the anomaly.
    public var label: String?
    /// `AnomalyLocation`: the line, column and element positions in our FI.
    public var place: AnomalyPlace?
    /// `Path`: the keys of the record concerned (`NOSSRegistrationNbr`, `CompanyID`, `INSS`, ...), every one kept.
    public var path: [AnswerKeyValue]
    public var systemCorrection: SystemCorrection?
    /// Line of the `AnomalyReport` in the answer file.
    public var line: Int

    public init(errorID: String?, tagName: String? = nil, value: String? = nil, anomalyClass: String? = nil,
                label: String? = nil, place: AnomalyPlace? = nil, path: [AnswerKeyValue] = [],
                systemCorrection: SystemCorrection? = nil, line: Int = 0) {
        self.errorID = errorID; self.tagName = tagName; self.value = value; self.anomalyClass = anomalyClass
        self.label = label; self.place = place; self.path = path; self.systemCorrection = systemCorrection
        self.line = line
    }

    /// The value of one `Path` key, by name.
    public func pathValue(_ name: String) -> String? {
        path.first { $0.name == name }?.value
    }

    public var description: String {
        var text = "anomaly \(errorID ?? "?")"
        if let tagName { text += " on \(tagName)" }
        if let value { text += " = \(PersonalDataMask.value(value, tagName: tagName))" }
        if let anomalyClass { text += " [\(anomalyClass)]" }
        if let line = place?.line { text += " at FI line \(line)" }
        if let path = AnswerKeyValue.maskedText(path) { text += " (\(path))" }
        return text
    }

    public var debugDescription: String { description }
}
