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

    /// Free text (a path, a diagnosis): every run of 11 digits, with or without `.`/`-` separators,
    /// is masked, valid check digits or not: a typo'd number is still a person's.
    public static func text(_ text: String) -> String {
        var output = ""
        var run = ""
        var digits = 0
        func flush() {
            guard !run.isEmpty else { return }
            var tail = ""
            while let last = run.last, !last.isASCIIDigit { tail.insert(run.removeLast(), at: tail.startIndex) }
            output += digits == 11 ? maskedNISSText(run) : run
            output += tail
            run = ""
            digits = 0
        }
        for character in text {
            if character.isASCIIDigit {
                run.append(character)
                digits += 1
            } else if (character == "." || character == "-"), !run.isEmpty {
                run.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
