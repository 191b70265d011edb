import CSVInput
import Testing

@Suite struct DelimiterAndQuotingTests {
    @Test(arguments: [
        ("a;b;c\n1,5;2;3\n", CSVDelimiter.semicolon),
        ("a,b,c\n1;5,2,3\n", .comma),
        ("a\tb\tc\n1,5\t2\t3\n", .tab),
        // Counted outside quotes: the quoted header name holds two commas.
        ("\"x,y,z\";b;c\n1,5;2;3\n", .semicolon),
    ])
    func guessesTheDelimiterFromTheHeader(text: String, expected: CSVDelimiter) throws {
        let file = try CSVTestFile(text)
        var source = try file.open()
        #expect(source.delimiter == expected)
        #expect(source.header.count == 3)
        let row = try #require(try source.nextRow())
        #expect(row.fields == ["1" + (expected == .comma ? ";5" : ",5"), "2", "3"])
    }

    @Test func aOneColumnFileUsesNoDelimiter() throws {
        let rows = try CSVTestFile("only\nx\ny\n").readAll()
        #expect(rows.map(\.fields) == [["x"], ["y"]])
    }

    @Test func tiedDelimiterCountsAreAnError() throws {
        let error = try #require(try CSVTestFile("a;b,c\n1;2,3\n").failure())
        #expect(error.kind == .ambiguousDelimiter([.semicolon, .comma]))
        #expect(error.line == 1)
    }

    /// The delimiter is guessed before any row is read: its errors too name the file as the caller
    /// does (the export's own name, not the path it is stored under). Found by fuzzing.
    @Test(arguments: ["a;b,c\n1;2,3\n", "abcdefghij;k\n"])
    func delimiterErrorsNameTheFileAsGiven(text: String) throws {
        let file = try CSVTestFile(text, name: "0042-stored.csv")
        let limits = CSVLimits(maxFieldBytes: 8, maxRecordBytes: 8)
        do {
            _ = try CSVSource(path: file.path, displayName: "payroll.csv", limits: limits)
            Issue.record("read a header that should be refused")
        } catch {
            #expect(error.file == "payroll.csv")
            #expect(error.description.hasPrefix("payroll.csv:1: "))
        }
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineEnds() throws {
        let text = "id;name;n\r\n"
            + "1;\"Safety; level 2\";3\r\n"
            + "2;\"He said \"\"hi\"\"\";4\r\n"
            + "3;\"two\r\nlines\nand three\";5\r\n"
            + "4;\"\";6\r\n"
            + "5;plain \"inch\" mark;7\r\n"
        let rows = try CSVTestFile(text).readAll()
        #expect(rows.map(\.fields) == [
            ["1", "Safety; level 2", "3"],
            ["2", "He said \"hi\"", "4"],
            ["3", "two\r\nlines\nand three", "5"],
            ["4", "", "6"],
            ["5", "plain \"inch\" mark", "7"],
        ])
        // Row 3 spans lines 4-6, so row 4 starts on line 7.
        #expect(rows.map(\.line) == [2, 3, 4, 7, 8])
    }

    @Test func lineNumbersCountBlankLinesAndEveryLineEndStyle() throws {
        // LF, CRLF and a lone CR each end one line; blank lines are skipped but counted.
        let text = "\n\na,b\n1,2\r\n\r\n3,\"x\ry\"\r4,5\n\n6,7"
        var source = try CSVTestFile(text).open()
        #expect(source.headerLine == 3)
        var rows: [CSVRow] = []
        while let row = try source.nextRow() { rows.append(row) }
        #expect(rows == [
            CSVRow(line: 4, fields: ["1", "2"]),
            CSVRow(line: 6, fields: ["3", "x\ry"]),
            CSVRow(line: 8, fields: ["4", "5"]),
            CSVRow(line: 10, fields: ["6", "7"]),
        ])
    }

    @Test func headerOnlyHasZeroRows() throws {
        #expect(try CSVTestFile("niss;year\n").readAll().isEmpty)
        #expect(try CSVTestFile("niss;year").readAll().isEmpty)
    }

    @Test func emptyFilesAreAnError() throws {
        for bytes: [UInt8] in [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n\n".utf8)] {
            let error = try #require(try CSVTestFile(bytes: bytes).failure())
            #expect(error.kind == .empty)
            #expect(error.description == "export.csv: file is empty: no header row")
        }
    }

    @Test func raggedRowsAreReportedAndReadingGoesOn() throws {
        var source = try CSVTestFile("a;b;c\n1;2;3\n1;2\n1;2;3;4\n7;8;9\n").open()
        #expect(try source.nextRow()?.line == 2)
        for (line, found) in [(3, 2), (4, 4)] {
            do {
                _ = try source.nextRow()
                Issue.record("line \(line) should be ragged")
            } catch {
                #expect(error.kind == .raggedRow(expected: 3, found: found))
                #expect(error.line == line)
                #expect(error.isRecoverable)
            }
        }
        #expect(try source.nextRow() == CSVRow(line: 5, fields: ["7", "8", "9"]))
        #expect(try source.nextRow() == nil)
    }

    @Test func anUnterminatedQuoteNamesTheLineWhereItOpened() throws {
        let error = try #require(try CSVTestFile("a;b\n1;2\n3;\"never closed\n4;5\n6;7\n").failure())
        #expect(error.kind == .unterminatedQuote)
        #expect(error.line == 3)
        #expect(error.description == "export.csv:3: quoted field opened here is never closed")
    }

    @Test func aCharacterAfterAClosingQuoteIsAnError() throws {
        // A lenient parser (CSV.swift, Python's csv without strict) would drop or keep the `c` silently.
        let error = try #require(try CSVTestFile("a;b\n1;2\n\"ab\"c;d\n").failure())
        #expect(error.kind == .characterAfterClosingQuote)
        #expect(error.line == 3)
    }

    @Test func rowsBeforeAMalformedLineAreDelivered() throws {
        var source = try CSVTestFile("a;b\n1;2\n3;4\n5;\"x\"y\n").open()
        #expect(try source.nextRow()?.fields == ["1", "2"])
        #expect(try source.nextRow()?.fields == ["3", "4"])
        #expect(throws: CSVInputError.self) { try source.nextRow() }
    }

    @Test func aMissingFileIsAnError() throws {
        let error: CSVInputError
        do { _ = try CSVSource(path: "/nonexistent/payroll.csv"); return } catch let e { error = e }
        #expect(error.file == "payroll.csv")
        #expect(error.line == nil)
        guard case .cannotOpen = error.kind else { Issue.record("\(error)"); return }
    }
}
