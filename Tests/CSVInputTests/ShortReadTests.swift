@testable import CSVInput
import Testing

/// Reads that return a few bytes at a time put a buffer boundary at every byte: inside a doubled quote,
/// a CRLF, a UTF-8 sequence, the byte order mark. What is read must not depend on where they fall.
@Suite struct ShortReadTests {
    @Test(arguments: [
        "a;b\n\"q\"\"q\";\"x\r\ny\"\r\n\"\";\"\"\"\"\r3;\"4\"\n",
        "\u{FEFF}INSS,Nom\r\n92123100118,\"Sécurité, premiers secours\"\r\n\r\n68011522284,Prévention €\r\n",
        "a;b\n1;\"never closed\n",
        "a;b\n1;2;3\n4;5\n",
    ])
    func everyReadSizeReadsTheSame(text: String) throws {
        try expectSameReading(bytes: Array(text.utf8))
    }

    @Test func windows1252ReadsTheSame() throws {
        // "Durée;Sécurité €" in Windows-1252, then an undefined byte on line 3.
        let bytes: [UInt8] = Array("Dur".utf8) + [0xE9, 0x65] + Array(";S".utf8) + [0xE9] + Array("curit".utf8)
            + [0xE9, 0x0D, 0x0A] + Array("7,5;".utf8) + [0x80, 0x0D, 0x0A] + Array("1;".utf8) + [0x81, 0x0A]
        try expectSameReading(bytes: bytes)
    }

    private func expectSameReading(bytes: [UInt8]) throws {
        let file = try CSVTestFile(bytes: bytes)
        let expected = reading(file.path, readSize: .max)
        for readSize in 1...9 {
            #expect(reading(file.path, readSize: readSize) == expected, "reads of \(readSize) bytes")
        }
    }

    /// The header and every row, or the error that stopped the reading (after recoverable ones).
    private func reading(_ path: String, readSize: Int) -> [String] {
        var lines: [String] = []
        do {
            var source = try CSVSource(path: path, displayName: nil, limits: .default, readSize: readSize)
            lines.append("\(source.encoding) \(source.delimiter) \(source.headerLine): \(source.header)")
            while true {
                do {
                    guard let row = try source.nextRow() else { break }
                    lines.append("\(row.line): \(row.fields)")
                } catch where error.isRecoverable {
                    lines.append("\(error)")
                }
            }
        } catch {
            lines.append("\(error)")
        }
        return lines
    }
}
