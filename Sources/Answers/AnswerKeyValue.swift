/// One element of a structured block the platform quotes (a `Path` key, a `SystemCorrection` field):
/// its name and text, in document order. Values may hold a national number: `masked` is what is
/// stored and shown.
public struct AnswerKeyValue: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name; self.value = value
    }

    /// `INSS=85.07.30-***.**`: the value masked when it is, or may be, a national number.
    public var masked: String { "\(name)=\(PersonalDataMask.value(value, tagName: name))" }

    /// Every key, masked, in order: how a path or a correction is kept in the journal.
    public static func maskedText(_ keys: [AnswerKeyValue]) -> String? {
        keys.isEmpty ? nil : keys.map(\.masked).joined(separator: ", ")
    }
}
