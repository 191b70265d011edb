/// The reference of ours that every FI fladaemon writes carries in `Form/Reference` (`ReferenceType` 1,
/// `ReferenceOrigin` 1), for the platform to quote back in its NOTIFICATIONs: `FLAD` followed by the
/// form's creation stamp as 17 digits (`FLAD20261204165029123`). The stamp is unique across every FI the
/// journal ever stamped, so the reference is too, and it leads back to the FI without a lookup table.
public enum SenderReference {
    public static let prefix = "FLAD"
    /// `ReferenceType` written with it.
    public static let referenceType = 1

    /// The reference for a form created at `formCreation` (`YYYY-MM-DD HH:MM:SS.mmm`); nil for another shape.
    public static func text(formCreation: String) -> String? {
        let digits = formCreation.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }
        guard formCreation.utf8.count == 23, digits.count == 17 else { return nil }
        return prefix + String(decoding: digits, as: UTF8.self)
    }

    /// The form creation stamp a reference of ours stands for; nil for a reference that is not ours.
    public static func formCreation(from reference: String) -> String? {
        guard reference.hasPrefix(prefix) else { return nil }
        let digits = Array(reference.utf8.dropFirst(prefix.utf8.count))
        guard digits.count == 17, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func part(_ range: Range<Int>) -> String { String(decoding: digits[range], as: UTF8.self) }
        return "\(part(0..<4))-\(part(4..<6))-\(part(6..<8)) \(part(8..<10)):\(part(10..<12)):\(part(12..<14)).\(part(14..<17))"
    }
}
