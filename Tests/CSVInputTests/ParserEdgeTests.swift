import CSVInput
import Testing

/// Cases the byte-level parser must get right at its own seams: the end of the read buffer, the end of the
/// file, and the order of problems within one field.
@Suite struct ParserEdgeTests {
    /// Every byte of a row full of quoting decisions lands, at some padding, on the first read buffer's end
    /// (256 KiB): a doubled quote, a closing quote, a CR of a CRLF, split across two reads.
    @Test func quotingSplitByTheReadBufferEnd() throws {
        let header = "a;b\n"
        let special = "\"q\"\"q\";\"x\r\ny\"\r\n\"\";\"\"\"\"\r3;\"4\"\n"
        for padding in 0...special.utf8.count {
            // The special row starts `padding` bytes before the buffer end.
            let fillerLength = 256 * 1024 - header.utf8.count - 3 - padding
            let filler = String(repeating: "f", count: fillerLength)
            let rows = try CSVTestFile(header + filler + ";1\n" + special + "z;z\n").readAll()
            #expect(rows == [
                CSVRow(line: 2, fields: [filler, "1"]),
                CSVRow(line: 3, fields: ["q\"q", "x\r\ny"]),
                CSVRow(line: 5, fields: ["", "\""]),
                CSVRow(line: 6, fields: ["3", "4"]),
                CSVRow(line: 7, fields: ["z", "z"]),
            ], "padding \(padding)")
        }
    }

    @Test func theEndOfTheFileClosesTheLastField() throws {
        #expect(try CSVTestFile("a;b\n1;\"x\"").readAll() == [CSVRow(line: 2, fields: ["1", "x"])])
        #expect(try CSVTestFile("a;b\n1;").readAll() == [CSVRow(line: 2, fields: ["1", ""])])
        #expect(try CSVTestFile("a;b\r\n1;2\r").readAll() == [CSVRow(line: 2, fields: ["1", "2"])])
    }

    @Test func anEncodingErrorBeforeANulInOneFieldIsReportedFirst() throws {
        // The header's é makes the file UTF-8; the lone FF comes before the NUL.
        let bytes = Array("a;\u{e9}\n1;x".utf8) + [0xFF, 0x00] + Array("y\n".utf8)
        let error = try #require(try CSVTestFile(bytes: bytes).failure())
        #expect(error.kind == .invalidUTF8)
        #expect(error.line == 2)
    }

    @Test func aNulPastTheFieldLimitIsReportedAsTheLimit() throws {
        let bytes = Array("a;b\n1;".utf8) + Array(repeating: UInt8(ascii: "x"), count: 20) + [0] + Array("\n".utf8)
        let error = try #require(try CSVTestFile(bytes: bytes).failure(limits: CSVLimits(maxFieldBytes: 10)))
        #expect(error.kind == .fieldTooLong(limit: 10))
        #expect(error.line == 2)
    }

    @Test func problemsInsideAMultiLineFieldNameTheirOwnLine() throws {
        let invalid = Array("a;\u{e9}\n1;\"x\ny".utf8) + [0xFF] + Array("\"\n".utf8)
        let utf8Error = try #require(try CSVTestFile(bytes: invalid).failure())
        #expect(utf8Error.kind == .invalidUTF8)
        #expect(utf8Error.line == 3)

        // Windows-1252 (decided by the E9 of the header), with an undefined 0x81 two lines into the field.
        let undefined = Array("a;caf".utf8) + [0xE9] + Array("\n1;\"x\r\ny\rz".utf8) + [0x81] + Array("\"\n".utf8)
        let cp1252Error = try #require(try CSVTestFile(bytes: undefined).failure())
        #expect(cp1252Error.kind == .undefinedWindows1252Byte(0x81))
        #expect(cp1252Error.line == 4)

        let afterQuote = try #require(try CSVTestFile("a;b\n1;\"x\ny\"z\n").failure())
        #expect(afterQuote.kind == .characterAfterClosingQuote)
        #expect(afterQuote.line == 3)
    }

    @Test func aWindows1252QuotedFieldWithDoubledQuotes() throws {
        let bytes = Array("name;n\n\"Caf".utf8) + [0xE9] + Array(" \"\"Le Coin\"\" ".utf8) + [0x80] + Array("\";1\n".utf8)
        #expect(try CSVTestFile(bytes: bytes).readAll() == [CSVRow(line: 2, fields: ["Café \"Le Coin\" €", "1"])])
    }

    @Test func aMalformedFileKeepsFailingWithTheSameProblem() throws {
        var source = try CSVTestFile("a;b\n1;2\n\"x\"y;3\n4;5\n").open()
        #expect(try source.nextRow()?.fields == ["1", "2"])
        var errors: [CSVInputError] = []
        for _ in 0..<2 {
            do { _ = try source.nextRow() } catch { errors.append(error) }
        }
        #expect(errors.count == 2)
        #expect(errors.first == errors.last)
        #expect(errors.first?.kind == .characterAfterClosingQuote)
    }
}
