import CSVInput
import Foundation
import Testing
import TestSupport

@Suite struct EncodingTests {
    @Test func utf8WithAndWithoutByteOrderMark() throws {
        for bom: [UInt8] in [[], [0xEF, 0xBB, 0xBF]] {
            let file = try CSVTestFile(bytes: bom + Array("niss;name\n1;Sécurité – niveau 2 €\n".utf8))
            var source = try file.open()
            #expect(source.encoding == .utf8)
            #expect(source.hasByteOrderMark == !bom.isEmpty)
            #expect(source.header == ["niss", "name"])   // no BOM left on the first name
            #expect(try source.nextRow()?.fields == ["1", "Sécurité – niveau 2 €"])
        }
    }

    @Test func windows1252IsTranscoded() throws {
        // "Sécurité – 5 €" in Windows-1252: é = E9, en dash = 96, euro = 80.
        let bytes: [UInt8] = Array("name;n\n".utf8) + [0x53, 0xE9, 0x63, 0x75, 0x72, 0x69, 0x74, 0xE9, 0x20, 0x96,
                                                        0x20, 0x35, 0x20, 0x80] + Array(";1\n".utf8)
        var source = try CSVTestFile(bytes: bytes).open()
        #expect(source.encoding == .windows1252)
        #expect(try source.nextRow()?.fields == ["Sécurité – 5 €", "1"])
    }

    /// Every defined byte 0x80-0xFF against Python's cp1252 codec.
    @Test func windows1252TableMatchesPython() throws {
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        let high = (UInt8(0x80)...0xFF).filter { !undefined.contains($0) }
        var bytes = Array("value\n".utf8)
        for byte in high { bytes += [0x78, byte, 0x0A] }   // one row per byte: x<byte>
        let file = try CSVTestFile(bytes: bytes)
        let script = """
            import sys
            data = open(sys.argv[1], 'rb').read()
            sys.stdout.buffer.write(data.decode('cp1252').encode('utf-8'))
            """
        let expected = try Command.check("python3", ["-c", script, file.path]).stdout
        let expectedRows = expected.split(separator: "\n").dropFirst().map { [String($0)] }
        let rows = try file.readAll()
        #expect(rows.count == high.count)
        #expect(rows.map(\.fields) == expectedRows)
    }

    @Test(arguments: [UInt8(0x81), 0x8D, 0x8F, 0x90, 0x9D])
    func undefinedWindows1252BytesAreAnError(byte: UInt8) throws {
        let bytes = Array("a;b\n1;caf".utf8) + [0xE9] + Array("\n2;x".utf8) + [byte] + Array("\n".utf8)
        let file = try CSVTestFile(bytes: bytes)
        #expect(try file.open().encoding == .windows1252)
        let error = try #require(file.failure())
        #expect(error.kind == .undefinedWindows1252Byte(byte))
        #expect(error.line == 3)
    }

    /// The decision rests on the first non-ASCII byte, wherever it is: far past the first read buffer here.
    @Test func windows1252IsRecognisedFromALateAccent() throws {
        var text = "name;n\n"
        for index in 0..<20_000 { text += "plain ascii row;\(index)\n" }
        let bytes = Array(text.utf8) + [0x63, 0x61, 0x66, 0xE9] + Array(";last\n".utf8)
        let rows = try CSVTestFile(bytes: bytes).readAll()
        #expect(rows.count == 20_001)
        #expect(rows.last == CSVRow(line: 20_002, fields: ["café", "last"]))
    }

    @Test func invalidUTF8AfterValidUTF8NamesItsLine() throws {
        // The first non-ASCII is valid UTF-8 (é), so the file is UTF-8 and a later lone E9 is an error.
        let bytes = Array("a;b\n1;é\n2;ok\n3;caf".utf8) + [0xE9] + Array("\n".utf8)
        let file = try CSVTestFile(bytes: bytes)
        var source = try file.open()
        #expect(source.encoding == .utf8)
        #expect(try source.nextRow()?.fields == ["1", "é"])
        #expect(try source.nextRow()?.fields == ["2", "ok"])
        do {
            _ = try source.nextRow()
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidUTF8)
            #expect(error.line == 4)
        }
    }

    @Test(arguments: [
        [UInt8(0xC0), 0x80],            // overlong NUL
        [0xED, 0xA0, 0x80],             // surrogate
        [0xF4, 0x90, 0x80, 0x80],       // above U+10FFFF
        [0xC3],                          // truncated at the end of the file
    ])
    func malformedUTF8IsRejected(sequence: [UInt8]) throws {
        let bytes = Array("a\né\n".utf8) + sequence
        let error = try #require(try CSVTestFile(bytes: bytes).failure())
        #expect(error.kind == .invalidUTF8)
        #expect(error.line == 3)
    }

    @Test func aUTF8SequenceCutByTheReadBufferIsReassembled() throws {
        // Multi-byte characters straddle every 64 KiB boundary somewhere in this file.
        var text = "name\n"
        for _ in 0..<30_000 { text += "é€😀\n" }
        let rows = try CSVTestFile(text).readAll()
        #expect(rows.count == 30_000)
        #expect(rows.allSatisfy { $0.fields == ["é€😀"] })
    }

    @Test func nulBytesAreAnError() throws {
        let error = try #require(try CSVTestFile(bytes: Array("a;b\n1;2\n3;4".utf8) + [0] + [0x0A]).failure())
        #expect(error.kind == .nulByte)
        #expect(error.line == 3)
    }

    @Test func utf16IsRefusedWithAClearMessage() throws {
        let error = try #require(try CSVTestFile(bytes: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00]).failure())
        #expect(error.kind == .unsupportedEncoding(.utf16LittleEndian))
        #expect(error.description.hasSuffix(
            ": the export is UTF-16 text (byte-order mark FF FE); save it as UTF-8 or Windows-1252 and drop it again"))
    }
}
