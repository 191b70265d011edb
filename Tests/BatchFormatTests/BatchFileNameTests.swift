import Testing
@testable import BatchFormat

@Suite struct BatchFileNameTests {
    @Test(arguments: [
        "FI.FLAX.123456.20250307.00042.R.1.1",
        "FS.FLAX.123456.20250307.00042.R.3.3",
        "GO.FLAX.123456.20250307.00042.T.1",
        "TD.FLAX.123456.20250307.00042.S.9",
        "FO.ACRF.999999.20240229.99999.R.1.1",
        "FS.NOTI.999999.20250101.00001.T.2.1",
        "GO.NOTI.999999.20250101.00001.T.2",
        "CO.NOTI.999999.20250101.00001.R.1.1",
    ])
    func parsesAndRendersTheSameText(_ text: String) throws {
        let name = try BatchFileName(parsing: text)
        #expect(name.text == text)
        let rebuilt = try BatchFileName(kind: name.kind, submission: name.submission, part: name.part)
        #expect(rebuilt == name)
    }

    /// The platform's own answers come in three lengths; each reads and writes back unchanged.
    @Test(arguments: [
        ("FO.ACRF.999999.20250410.99998.T", BatchNameLength.six, 1, nil as Int?),
        ("GO.ACRF.999999.20250410.99998.T", .six, 1, nil),
        ("FS.NOTI.999999.20250410.00003.R", .six, 1, nil),
        ("CO.NOTI.999999.20250410.00003.R", .six, 1, nil),
        ("GO.DMPI.012996.20090718.50002.R.1", .seven, 1, nil),
        ("FO.DMPI.012996.20090718.50002.R.2", .seven, 2, nil),
        ("FO.NOTI.999999.20250410.00004.R.1.1", .eight, 1, 1),
        ("FO.NOTI.999999.20140628.24AZG.R", .six, 1, nil),
    ])
    func readsEveryLengthThePlatformWrites(_ text: String, _ length: BatchNameLength, _ parts: Int, _ part: Int?) throws {
        let name = try BatchFileName(parsing: text)
        #expect(name.text == text)
        #expect(name.length == length)
        #expect(name.parts == parts)
        #expect(name.part == part)
        #expect(name.answerKey == text.split(separator: ".")[1...5].joined(separator: "."))
        #expect(name.submission.hasNumericSequence == !text.contains("24AZG"))
    }

    @Test func theCommitFileOfAnAnswerKeepsItsLengthClass() throws {
        #expect(try BatchFileName(parsing: "FO.ACRF.999999.20250410.99998.T").commitName.text == "GO.ACRF.999999.20250410.99998.T")
        #expect(try BatchFileName(parsing: "FO.DMPI.012996.20090718.50002.R.1").commitName.text == "GO.DMPI.012996.20090718.50002.R.1")
        #expect(try BatchFileName(parsing: "FO.NOTI.999999.20250410.00004.R.1.1").commitName.text == "GO.NOTI.999999.20250410.00004.R.1")
        #expect(try BatchFileName(parsing: "FO.ACRF.999999.20250410.99998.T").counterpart(.fs).text == "FS.ACRF.999999.20250410.99998.T")
        #expect(try BatchFileName(parsing: "CO.NOTI.999999.20250410.00004.R.1.1").counterpart(.fs).text == "FS.NOTI.999999.20250410.00004.R.1.1")
    }

    @Test func exposesEveryPart() throws {
        let name = try BatchFileName(parsing: "FO.ACRF.999999.20240229.00017.S.3.2")
        #expect(name.kind == .fo)
        #expect(name.flow.text == "ACRF")
        #expect(name.sender.text == "999999")
        #expect(name.date == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(name.sequence == 17)
        #expect(name.environment == .declarationTest)
        #expect(name.parts == 3)
        #expect(name.part == 2)
        #expect(try BatchFileName(parsing: "GO.FLAX.123456.20250307.00042.R.1").part == nil)
    }

    /// Each hostile or malformed name with the problem the parser must report.
    static let rejected: [(String, BatchNameError.Problem)] = [
        ("", .empty),
        ("../x", .pathSeparator(offset: 2)),
        ("..", .emptyPart(index: 0)),
        ("FI.X/Y.123456.20250307.00042.R.1.1", .pathSeparator(offset: 4)),
        ("FI.FLAX.123456.20250307.00042.R.1.1/", .pathSeparator(offset: 35)),
        ("FI.FLAX\\..123456.20250307.00042.R.1.1", .pathSeparator(offset: 7)),
        ("FI.FLAX..123456.20250307.00042.R.1", .emptyPart(index: 2)),
        (".FI.FLAX.123456.20250307.00042.R.1.1", .emptyPart(index: 0)),
        ("FI.FLAX.123456.20250307.00042.R.1.1.", .emptyPart(index: 8)),
        ("FI.FLAX.123456.20250307.00042.R.1.1\n", .controlCharacter(offset: 35)),
        ("FI.FLAX.123456.2025\u{0}0307.00042.R.1.1", .controlCharacter(offset: 19)),
        ("FI.FLAX.123456.20250307.00042.R.1.1\u{7F}", .controlCharacter(offset: 35)),
        ("FI.FLÀX.123456.20250307.00042.R.1.1", .nonASCII(offset: 5)),
        ("FI.FLAX.１２３４５６.20250307.00042.R.1.1", .nonASCII(offset: 8)),
        ("fi.FLAX.123456.20250307.00042.R.1.1", .unexpectedCharacter("f", offset: 0)),
        ("FI.FLAX.123456.20250307.00042.R.1.1 ", .unexpectedCharacter(" ", offset: 35)),
        ("FI.FLAX.123456.20250307.00042.R.1.1" + String(repeating: "1", count: 30), .tooLong(length: 65, limit: 64)),
        ("XX.FLAX.123456.20250307.00042.R.1.1", .invalidPart(.prefix, value: "XX", expected: "FI, FS, GO, TD, FO, CO")),
        ("FI.FLAX.123456.20250307.00042", .wrongPartCount(prefix: "FI", expected: [6, 7, 8], found: 5)),
        ("GO.FLAX.123456.20250307.00042.R.1.1", .wrongPartCount(prefix: "GO", expected: [6, 7], found: 8)),
        ("FI.FLAX.123456.20250307.00042.R.1.1.1", .wrongPartCount(prefix: "FI", expected: [6, 7, 8], found: 9)),
        ("FO.ACRF.999999.20250410.99998.X", .invalidPart(.environment, value: "X", expected: "R, T or S")),
        ("FO.ACRF.999999.20250410.99998.T.0", .invalidPart(.parts, value: "0", expected: "one digit from 1 to 9")),
        ("FI.FLAXX.123456.20250307.00042.R.1.1", .invalidPart(.flow, value: "FLAXX", expected: "4 characters A-Z or 0-9")),
        ("FI.FLA.123456.20250307.00042.R.1.1", .invalidPart(.flow, value: "FLA", expected: "4 characters A-Z or 0-9")),
        ("FI.FLAX.12345.20250307.00042.R.1.1", .invalidPart(.sender, value: "12345", expected: "6 digits")),
        ("FI.FLAX.12345A.20250307.00042.R.1.1", .invalidPart(.sender, value: "12345A", expected: "6 digits")),
        ("FI.FLAX.123456.20250230.00042.R.1.1", .invalidPart(.date, value: "20250230", expected: "a valid date YYYYMMDD")),
        ("FI.FLAX.123456.2025037.00042.R.1.1", .invalidPart(.date, value: "2025037", expected: "a valid date YYYYMMDD")),
        ("FI.FLAX.123456.00000000.00042.R.1.1", .invalidPart(.date, value: "00000000", expected: "a valid date YYYYMMDD")),
        ("FI.FLAX.123456.20250307.00000.R.1.1", .invalidPart(.sequence, value: "00000", expected: "5 digits from 00001 to 99999 (or, from the platform, 5 of A-Z and 0-9)")),
        ("FI.FLAX.123456.20250307.0042.R.1.1", .invalidPart(.sequence, value: "0042", expected: "5 digits from 00001 to 99999 (or, from the platform, 5 of A-Z and 0-9)")),
        ("FI.FLAX.123456.20250307.000042.R.1.1", .invalidPart(.sequence, value: "000042", expected: "5 digits from 00001 to 99999 (or, from the platform, 5 of A-Z and 0-9)")),
        ("FI.FLAX.123456.20250307.00042.P.1.1", .invalidPart(.environment, value: "P", expected: "R, T or S")),
        ("FI.FLAX.123456.20250307.00042.RT.1.1", .invalidPart(.environment, value: "RT", expected: "R, T or S")),
        ("FI.FLAX.123456.20250307.00042.R.0.1", .invalidPart(.parts, value: "0", expected: "one digit from 1 to 9")),
        ("FI.FLAX.123456.20250307.00042.R.10.1", .invalidPart(.parts, value: "10", expected: "one digit from 1 to 9")),
        ("FI.FLAX.123456.20250307.00042.R.1.0", .invalidPart(.part, value: "0", expected: "one digit from 1 to 9")),
        ("FI.FLAX.123456.20250307.00042.R.1.11", .invalidPart(.part, value: "11", expected: "one digit from 1 to 9")),
        ("FI.FLAX.123456.20250307.00042.R.2.3", .partExceedsParts(part: 3, parts: 2)),
        ("GO.FLAX.123456.20250307.00042.R.0", .invalidPart(.parts, value: "0", expected: "one digit from 1 to 9")),
    ]

    @Test(arguments: rejected)
    func refuses(_ text: String, _ problem: BatchNameError.Problem) {
        #expect(throws: BatchNameError(name: text, problem: problem)) { try BatchFileName(parsing: text) }
    }

    @Test func refusesHugeHostileNamesQuickly() {
        let huge = String(repeating: "A.", count: 1_000_000)
        #expect { try BatchFileName(parsing: huge) } throws: {
            ($0 as? BatchNameError)?.problem == .tooLong(length: 2_000_000, limit: 64)
        }
    }

    @Test func messagesNameThePartAndStayPrintable() {
        do {
            _ = try BatchFileName(parsing: "FI.FLAX.123456.20250307.00000.R.1.1")
            Issue.record("accepted sequence 00000")
        } catch {
            #expect(error.part == .sequence)
            #expect(error.description
                == "batch file name \"FI.FLAX.123456.20250307.00000.R.1.1\": sequence \"00000\" is invalid: expected 5 digits from 00001 to 99999 (or, from the platform, 5 of A-Z and 0-9)")
        }
        do {
            _ = try BatchFileName(parsing: "FI.\u{1B}[31m.x\u{0}")
            Issue.record("accepted escape sequence")
        } catch {
            #expect(error.description.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) })
            #expect(error.description.contains("control character at offset 3"))
        }
    }
}
