import Foundation

/// Canonical CSV exports for the daemon tests. Every export names a `tag` in its record ids, so two
/// exports with different tags never share a SHA-256 (and are never duplicates of each other).
enum SampleExport {
    /// Valid national numbers, one written with the usual separators.
    static let nationalNumbers = ["85.07.30-033.28", "90022512361", "78110456758", "05061234553"]
    /// One with a wrong check digit (makes an export invalid).
    static let invalidNationalNumber = "85073003329"

    /// Every way a national number of these exports could appear in clear in a log.
    static var clearForms: [String] {
        let digits = (nationalNumbers + [invalidNationalNumber]).map { $0.filter(\.isNumber) }
        let dotted = digits.map { number -> String in
            let d = Array(number)
            return "\(String(d[0..<2])).\(String(d[2..<4])).\(String(d[4..<6]))-\(String(d[6..<9])).\(String(d[9..<11]))"
        }
        return digits + dotted
    }

    static var year: Int { Calendar(identifier: .gregorian).component(.year, from: Date()) }

    /// Training rights, all valid: `records` lines.
    static func trainingRights(tag: String, records: Int = 3) -> String {
        var lines = ["niss;employer_bce;year;days;joint_committee;record_id"]
        for index in 0..<records {
            let niss = nationalNumbers[index % nationalNumbers.count]
            lines.append("\(niss);0403170701;\(year);\(index % 5 + 1);200;\(tag)-\(index + 1)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An export whose second record has a bad check digit: nothing of it may be sent.
    static func invalid(tag: String) -> String {
        """
        niss;employer_bce;year;days;joint_committee;record_id
        90022512361;0403170701;\(year);5;200;\(tag)-1
        \(invalidNationalNumber);0403170701;\(year);5;200;\(tag)-2

        """
    }
}
