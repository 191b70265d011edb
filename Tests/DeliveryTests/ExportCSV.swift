/// Canonical training-rights CSV exports (`;`, header on line 1), with valid national numbers.
enum ExportCSV {
    static let header = "niss;employer_bce;year;days;joint_committee;record_id\n"

    struct Right {
        var days = "5"
        var jointCommittee = "200"
    }

    /// `count` rights; `tag` keeps record ids (and so the file's content) apart between exports.
    /// Record `i` (0-based) is on export line `i + 2`.
    static func rights(_ count: Int, tag: String, _ adjust: (Int, inout Right) -> Void = { _, _ in }) -> String {
        header + (0..<count).map { index in
            var right = Right()
            adjust(index, &right)
            return "\(niss(index));0403170701;2026;\(right.days);\(right.jointCommittee);\(tag)-\(index + 1)\n"
        }.joined()
    }

    /// A valid NISS of someone born in the 1980s: the counter runs through 1..900 for each birth day.
    static func niss(_ index: Int) -> String {
        let day = index / 900, counter = index % 900 + 1
        let birth = "8\(day / 336 % 10)" + two(day / 28 % 12 + 1) + two(day % 28 + 1)
        let first9 = birth + three(counter)
        let check = 97 - Int(first9)! % 97
        return first9 + two(check)
    }

    /// The export line of record `index`.
    static func line(ofRecord index: Int) -> Int { index + 2 }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func three(_ value: Int) -> String { String(repeating: "0", count: 3 - String(value).count) + "\(value)" }
}
