import Identifiers
import SafeXML

/// Masks national numbers in what the platform quotes back before it is stored or logged.
public enum PersonalDataMask {
    /// Tag names under which the platform quotes a worker's national number.
    static let nationalNumberTags: Set<String> = ["INSS", "NISS", "INSZ", "SSIN"]

    /// An anomaly's `Value`: masked whole when its tag names a national number or it is one,
    /// otherwise with any NISS-looking number inside it masked.
    public static func value(_ value: String, tagName: String?) -> String {
        let trimmed = value.trimmingXMLWhitespace()
        if let niss = try? NISS(validating: trimmed) { return niss.masked }
        if let tagName, nationalNumberTags.contains(tagName.uppercased()) { return maskedNISSText(trimmed) }
        return text(value)
    }

    /// Free text (a label, a path, a correction): every NISS-shaped number masked, by the one scanner
    /// the logs use too.
    public static func text(_ text: String) -> String {
        NISSMasking.masking(text)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
