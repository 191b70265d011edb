import CSVInput
import Foundation
import Testing
import TestSupport

@Suite struct LimitTests {
    /// A 50 MB line with no line end: fails at the 1 MiB field limit, quickly and without buffering it.
    @Test func aFiftyMegabyteLineFailsFast() throws {
        let directory = try TemporaryDirectory("csvinput")
        let url = directory.file("huge.csv")
        var bytes = Data("niss;name\n1;".utf8)
        bytes.append(Data(repeating: UInt8(ascii: "x"), count: 50_000_000))
        try bytes.write(to: url)
        let started = ContinuousClock.now
        var source = try CSVSource(path: url.path)
        do {
            _ = try source.nextRow()
            Issue.record("expected the field limit")
        } catch {
            #expect(error.kind == .fieldTooLong(limit: 1 << 20))
            #expect(error.line == 2)
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func aQuotedFieldNeverClosedStopsAtTheFieldLimitNotAtTheEnd() throws {
        var text = "a;b\n1;\"open\n"
        for _ in 0..<2000 { text += "more text inside the quotes\n" }
        let limits = CSVLimits(maxFieldBytes: 10_000)
        let error = try #require(try CSVTestFile(text).failure(limits: limits))
        #expect(error.kind == .fieldTooLong(limit: 10_000))
        #expect(error.line == 2)
    }

    @Test func aRecordOverTheLimit() throws {
        let row = Array(repeating: String(repeating: "y", count: 100), count: 20).joined(separator: ";")
        let header = (1...20).map { "c\($0)" }.joined(separator: ";")
        let limits = CSVLimits(maxFieldBytes: 1000, maxRecordBytes: 1500)
        let error = try #require(try CSVTestFile("\(header)\n\(row)\n").failure(limits: limits))
        #expect(error.kind == .recordTooLong(limit: 1500))
        #expect(error.line == 2)
    }

    @Test func aLineOfDelimitersHitsTheFieldCountLimit() throws {
        let text = "a;b\n" + String(repeating: ";", count: 5_000_000) + "\n"
        let error = try #require(try CSVTestFile(text).failure())
        #expect(error.kind == .tooManyFields(limit: 1024))
        #expect(error.line == 2)
    }

    @Test func theHeaderIsBoundedToo() throws {
        let text = String(repeating: "h", count: 2000) + "\n1\n"
        let limits = CSVLimits(maxFieldBytes: 1000, maxRecordBytes: 1500)
        let error = try #require(try CSVTestFile(text).failure(limits: limits))
        #expect(error.line == 1)
        #expect(error.kind == .recordTooLong(limit: 1500) || error.kind == .fieldTooLong(limit: 1000))
    }

    /// Reading streams: a 64 GiB sparse file (far more than this machine's memory) reads its first rows and
    /// stops at the first NUL of the hole, having touched only the first buffers.
    @Test func streamsAFileLargerThanMemory() throws {
        let directory = try TemporaryDirectory("csvinput")
        let url = directory.file("sparse.csv")
        try Data("name;n\ncafé;1\nthé;2\n".utf8).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 64 << 30)
        try handle.close()
        var source = try CSVSource(path: url.path)
        #expect(try source.nextRow() == CSVRow(line: 2, fields: ["café", "1"]))
        #expect(try source.nextRow() == CSVRow(line: 3, fields: ["thé", "2"]))
        do {
            _ = try source.nextRow()
            Issue.record("expected the NUL byte of the hole")
        } catch {
            #expect(error.kind == .nulByte)
            #expect(error.line == 4)
        }
    }

    /// Many rows, counted and numbered exactly (line numbers stay right across buffer refills).
    @Test func readsManyRowsNumberedExactly() throws {
        let directory = try TemporaryDirectory("csvinput")
        let url = directory.file("many.csv")
        let rowCount = 200_000
        var text = "niss;employer_bce;record_id;training_name\n"
        text.reserveCapacity(rowCount * 60)
        for index in 0..<rowCount { text += "85073003328;0403019261;R\(index);Formation sécurité \(index % 9)\n" }
        try Data(text.utf8).write(to: url)
        text = ""
        var source = try CSVSource(path: url.path)
        var count = 0, last = CSVRow(line: 0, fields: [])
        while let row = try source.nextRow() { count += 1; last = row }
        #expect(count == rowCount)
        #expect(last == CSVRow(line: rowCount + 1,
                               fields: ["85073003328", "0403019261", "R\(rowCount - 1)", "Formation sécurité \((rowCount - 1) % 9)"]))
    }
}
