import CSVInput
import Foundation
import Testing
import TestSupport

/// The parser against an independent one: random but well-formed files (quotes, doubled quotes, delimiters
/// and every line end style inside quotes, non-ASCII text, fields far longer than the read buffer) read by
/// `CSVSource` and by Python's `csv` module must give the same fields, and the rows the lines they were
/// written on.
@Suite struct PythonAgreementTests {
    @Test(arguments: [
        (CSVDelimiter.semicolon, CSVEncoding.utf8, UInt64(1)),
        (.comma, .utf8, 2),
        (.tab, .utf8, 3),
        (.semicolon, .windows1252, 4),
        (.comma, .windows1252, 5),
    ])
    func agreesWithPythonsCSVModule(delimiter: CSVDelimiter, encoding: CSVEncoding, seed: UInt64) throws {
        var generator = RandomCSV(delimiter: delimiter, encoding: encoding, seed: seed)
        let (text, expectedLines) = generator.file(rows: 3000)
        let bytes = encoding == .utf8 ? Array(text.utf8) : try #require(RandomCSV.windows1252Bytes(text))
        let file = try CSVTestFile(bytes: bytes)

        let script = """
            import csv, json, sys
            csv.field_size_limit(1 << 30)
            with open(sys.argv[1], encoding=sys.argv[2], newline='') as f:
                rows = [row for row in csv.reader(f, delimiter=sys.argv[3], strict=True) if row]
            sys.stdout.write(json.dumps(rows[1:]))
            """
        let python = try Command.check("python3", ["-c", script, file.path, encoding == .utf8 ? "utf-8" : "cp1252",
                                                   String(UnicodeScalar(delimiter.byte))])
        let pythonRows = try JSONDecoder().decode([[String]].self, from: Data(python.stdout.utf8))

        var source = try file.open()
        #expect(source.encoding == encoding)
        #expect(source.delimiter == delimiter)
        var rows: [CSVRow] = []
        while let row = try source.nextRow() { rows.append(row) }
        #expect(rows.count == pythonRows.count)
        #expect(rows.count == expectedLines.count)
        for (index, row) in rows.enumerated() where index < pythonRows.count && index < expectedLines.count {
            #expect(row.fields == pythonRows[index], "row \(index + 1)")
            #expect(row.line == expectedLines[index], "row \(index + 1)")
        }
        // The long fields did cross the 256 KiB read buffer, repeatedly.
        #expect(bytes.count > 2 << 20)
    }
}

/// Writes random well-formed CSV text and knows the line each row starts on.
struct RandomCSV {
    let delimiter: CSVDelimiter
    let encoding: CSVEncoding
    var random: SplitMix64

    init(delimiter: CSVDelimiter, encoding: CSVEncoding, seed: UInt64) {
        self.delimiter = delimiter
        self.encoding = encoding
        random = SplitMix64(seed: seed)
    }

    /// The text (header `a,b,c,d` and `rows` rows of four fields) and the start line of each row.
    mutating func file(rows: Int) -> (text: String, lines: [Int]) {
        let separator = String(UnicodeScalar(delimiter.byte))
        var text = ["a", "b", "c", "d"].joined(separator: separator) + "\n"
        var line = 2
        var lines: [Int] = []
        for _ in 0..<rows {
            lines.append(line)
            let fields = (0..<4).map { _ in field() }
            let record = fields.joined(separator: separator)
            line += Self.lineEnds(in: record)
            text += record
            text += ["\n", "\r\n", "\r"][Int(random.next() % 3)]
            line += 1
        }
        return (text, lines)
    }

    /// One field as written: plain, empty, quoted with awkward content, or very long.
    private mutating func field() -> String {
        switch random.next() % 100 {
        case 0..<40: return word()
        case 40..<50: return ""
        case 50..<55: return "5\" disk " + word()   // a quote inside an unquoted field is literal
        case 55..<99: return quoted()
        default:
            guard random.next() % 8 == 0 else { return quoted() }
            // 300-700 KB: longer than the read buffer, shorter than the field limit.
            let length = 300_000 + Int(random.next() % 400_000)
            let body = String(repeating: "x\u{e9}\"\"" + String(UnicodeScalar(delimiter.byte)), count: length / 5)
            return random.next() % 2 == 0 ? "\"" + body + "\r\n\"" : String(repeating: "y", count: length)
        }
    }

    private mutating func word() -> String {
        // Unquoted, so without the delimiter: a decimal comma only when commas do not separate fields.
        let pieces = ["alpha", "Beta", delimiter == .comma ? "12.5" : "12,5", "2025-03-01", "caf\u{e9}", "\u{20ac}30",
                      "na\u{ef}ve", "x y"]
            + (encoding == .utf8 ? ["\u{1F600}", "\u{65e5}\u{672c}"] : ["\u{2013}", "\u{153}uvre"])
        let count = 1 + Int(random.next() % 3)
        return (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }

    private mutating func quoted() -> String {
        let parts = ["\"\"", String(UnicodeScalar(delimiter.byte)), "\n", "\r\n", "\r", " ", word(), word()]
        let count = Int(random.next() % 6)
        let body = (0..<count).map { _ in parts[Int(random.next() % UInt64(parts.count))] }.joined()
        return "\"" + body + "\""
    }

    /// Line ends as the parser counts them: CR, LF and CRLF once each.
    static func lineEnds(in text: String) -> Int {
        var count = 0, lastWasCR = false
        for byte in text.utf8 {
            if byte == 13 || (byte == 10 && !lastWasCR) { count += 1 }
            lastWasCR = byte == 13
        }
        return count
    }

    /// The text in Windows-1252, or nil if a character has no byte there.
    static func windows1252Bytes(_ text: String) -> [UInt8]? {
        let extra: [Unicode.Scalar: UInt8] = ["\u{20ac}": 0x80, "\u{2013}": 0x96, "\u{153}": 0x9C]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                bytes.append(UInt8(scalar.value))
            } else if let byte = extra[scalar] {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        return bytes
    }
}
