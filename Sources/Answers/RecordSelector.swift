/// Which record of our FI an anomaly points at: by the line the platform gives (`AnomalyLocation/LineNbr`),
/// else by the keys of its `Path` (the worker's INSS and, when given, the employer's CompanyID), else by
/// an anomaly on the INSS itself.
public enum RecordSelector: Hashable, Sendable {
    /// A line of the FI; the record whose lines hold it.
    case fiLine(Int)
    /// The first record of this worker (11 digits), for this employer (10 digits) when known.
    case keys(inss: String, companyID: String?)

    public init?(anomaly: AnswerAnomaly) {
        if let line = anomaly.place?.line, line >= 1 {
            self = .fiLine(line)
        } else if let inss = anomaly.pathValue("INSS").flatMap(Self.inssDigits) {
            self = .keys(inss: inss, companyID: anomaly.pathValue("CompanyID").flatMap(Self.companyDigits))
        } else if let tag = anomaly.tagName, PersonalDataMask.nationalNumberTags.contains(tag.uppercased()),
                  let inss = anomaly.value.flatMap(Self.inssDigits) {
            self = .keys(inss: inss, companyID: nil)
        } else {
            return nil
        }
    }

    /// The 11 digits of a national number written with or without separators.
    static func inssDigits(_ text: String) -> String? {
        digits(text, count: 11)
    }

    /// A CompanyID as our FI writes it: 10 digits (the platform may quote 9, without the leading 0).
    static func companyDigits(_ text: String) -> String? {
        guard let digits = digits(text, count: nil), digits.count == 9 || digits.count == 10 else { return nil }
        return digits.count == 9 ? "0" + digits : digits
    }

    private static func digits(_ text: String, count: Int?) -> String? {
        var digits = ""
        for character in text {
            if character.isASCIIDigit { digits.append(character) }
            else if character == "." || character == "-" || character == " " { continue }
            else { return nil }
            if digits.count > 11 { return nil }
        }
        if let count { return digits.count == count ? digits : nil }
        return digits.isEmpty ? nil : digits
    }
}
