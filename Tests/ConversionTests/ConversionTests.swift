import BatchFormat
import Conversion
import FLAFlow
import Foundation
import Journal
import Testing
import TestSupport

@Suite struct ConversionTests {
    @Test func aTestExportBecomesANamedValidFIAndAGOWithoutFS() throws {
        let fixture = try ConversionFixture(environment: .test)
        let result = try fixture.convert("payroll.csv", SampleCSV.rights(4))
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        let submission = try #require(result.submissions.first)
        #expect(result.submissions.count == 1)
        #expect(submission.record.state == .prepared)
        #expect(submission.record.recordCount == 4)
        let today = CalendarDate.today().compact
        #expect(submission.files.map(\.name) == ["FI.FLAX.123456.\(today).00001.T.1.1", "GO.FLAX.123456.\(today).00001.T.1"])
        let fi = try #require(submission.files.first { $0.kind == .fi })
        #expect(try fixture.xmllint(fixture.path(fi)).succeeded)
        #expect(try SHA256.hex(ofFileAt: fixture.path(fi)) == fi.sha256)
        let go = try Data(contentsOf: URL(fileURLWithPath: fixture.out + "/" + submission.record.goName))
        #expect(go.isEmpty)
        let stored = try #require(try fixture.stored(fi))
        #expect(stored.line(ofRecordAt: 1) == 2 && stored.line(ofRecordAt: 4) == 5)
        #expect(try fixture.journal.export(result.export.id!)?.state == .converted)
        // Nothing left in staging, nothing half-written in the output folder.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.out).filter { $0.hasPrefix(".") && $0 != ".staging" }
        #expect(leftovers.isEmpty)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: fixture.out + "/.staging"))?.isEmpty ?? true)
    }

    @Test(arguments: TestKeyType.allCases)
    func aProductionExportIsSignedAndTheRealOpensslVerifiesIt(keyType: TestKeyType) throws {
        let fixture = try ConversionFixture(environment: .production, keyType: keyType)
        let result = try fixture.convert("payroll.csv", SampleCSV.rights(3))
        let submission = try #require(result.submissions.first, "\(String(describing: result.failure))")
        let fi = try #require(submission.files.first { $0.kind == .fi })
        let fs = try #require(submission.files.first { $0.kind == .fs })
        #expect(fs.name == fi.name.replacingOccurrences(of: "FI.", with: "FS."))
        #expect(fi.name.contains(".R.1.1"))
        let verified = try fixture.opensslVerify(fs: fixture.path(fs), fi: fixture.path(fi))
        #expect(verified.succeeded, "\(verified.stderr)")
        // FS is base64 in CRLF lines of at most 76 characters.
        let text = try String(contentsOfFile: fixture.path(fs), encoding: .ascii)
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.count <= 76 } && text.hasSuffix("\r\n"))
    }

    @Test func largeExportsAreSplitIntoPartsThenSubmissions() throws {
        let fixture = try ConversionFixture(environment: .production)
        fixture.conversion.maxRecordsPerFI = 2
        let result = try fixture.convert("big.csv", SampleCSV.rights(21))
        #expect(result.failure == nil)
        // 21 records, 2 per FI: 11 parts, 9 in the first submission and 2 in the second.
        #expect(result.submissions.map(\.record.parts) == [9, 2])
        #expect(result.submissions.map(\.record.sequence) == [1, 2])
        #expect(result.submissions.map(\.record.recordCount) == [18, 3])
        let first = result.submissions[0]
        #expect(first.files.filter { $0.kind == .fi }.map(\.part) == Array(1...9))
        #expect(first.files.filter { $0.kind == .fs }.count == 9)
        for fi in result.submissions.flatMap(\.files) where fi.kind == .fi {
            #expect(try fixture.xmllint(fixture.path(fi)).succeeded)
            let fs = fixture.out + "/" + fi.name.replacingOccurrences(of: "FI.", with: "FS.")
            #expect(try fixture.opensslVerify(fs: fs, fi: fixture.path(fi)).succeeded)
        }
        // Every FI carries its own form creation stamp.
        let stamps = result.submissions.flatMap(\.files).compactMap(\.formCreation)
        #expect(Set(stamps).count == 11)
        // Record 1 of the second submission's part 2 is the 21st row, on line 22.
        let last = try #require(result.submissions[1].files.first { $0.kind == .fi && $0.part == 2 })
        #expect(try fixture.stored(last)?.line(ofRecordAt: 1) == 22)
    }

    /// The daemon's watchdog hears from a long conversion once per part.
    @Test func progressIsReportedForEveryPartWritten() throws {
        let fixture = try ConversionFixture()
        fixture.conversion.maxRecordsPerFI = 3
        let converter = try fixture.converter()
        let export = try converter.register(exportAt: try fixture.dir.write("p.csv", SampleCSV.rights(10)).path)
        var parts = 0
        let result = converter.convert(export) { parts += 1 }
        #expect(result.failure == nil)
        #expect(parts == 4)
    }

    @Test func splittingByBytesKeepsEveryFIUnderTheLimit() throws {
        let fixture = try ConversionFixture()
        fixture.conversion.maxBytesPerFI = 8_000
        fixture.conversion.split = .submissions
        let result = try fixture.convert("bytes.csv", SampleCSV.rights(40))
        #expect(result.failure == nil)
        #expect(result.submissions.count > 1)
        #expect(result.submissions.allSatisfy { $0.record.parts == 1 })
        #expect(result.submissions.reduce(0) { $0 + $1.record.recordCount } == 40)
        for file in result.submissions.flatMap(\.files) where file.kind == .fi {
            #expect(file.byteCount <= 8_000)
        }
    }

    @Test func invalidRecordsProduceNoSubmissionAndAReport() throws {
        let fixture = try ConversionFixture()
        let csv = SampleCSV.rightsHeader + "85073003328;0403170701;2026;5;200;R1\n85073003329;0403170701;2026;5;200;R2\n"
        let result = try fixture.convert("bad.csv", csv)
        #expect(result.submissions.isEmpty)
        guard case .invalidRecords(rejected: 1, valid: 1) = result.failure else {
            Issue.record("unexpected \(String(describing: result.failure))"); return
        }
        let problem = try #require(result.firstProblems.first)
        #expect(problem.file == "bad.csv" && problem.line == 3 && problem.field == "niss")
        let report = try String(contentsOfFile: try #require(result.reportPath), encoding: .utf8)
        #expect(report.contains("bad.csv:3"))
        #expect(!report.contains("85073003329"), "the NISS must be masked in the report")
        #expect(try fixture.journal.submissions().isEmpty)
        #expect(try fixture.journal.export(result.export.id!)?.state == .quarantined)
        #expect(!FileManager.default.fileExists(atPath: fixture.out + "/.staging/export-\(result.export.id!)"))
    }

    @Test func theValidRecordsCanBeSentAndTheRestReported() throws {
        let fixture = try ConversionFixture()
        fixture.conversion.sendValidRecords = true
        let csv = SampleCSV.rightsHeader + "85073003328;0403170701;2026;5;200;R1\n85073003329;0403170701;2026;5;200;R2\n"
        let result = try fixture.convert("partial.csv", csv)
        #expect(result.failure == nil)
        #expect(result.submissions.first?.record.recordCount == 1)
        #expect(result.rejectedRecords == 1)
        #expect(try String(contentsOfFile: result.reportPath!, encoding: .utf8).contains("partial.csv:3"))
    }

    /// Record ids beyond the in-memory check are compared through scratch files at the end: the export is
    /// read again and the repeats are rejected in their places, with the same report as an all-in-memory check.
    @Test(arguments: [false, true])
    func repeatedIDsBeyondTheMemoryCheckAreRejectedInPlace(sendValidRecords: Bool) throws {
        // R1..R60, then R5 (checked in memory), R40 (checked at the end) and R61.
        let csv = SampleCSV.rights(60) + "85073003328;0403170701;2026;5;200;R5\n"
            + "90022512361;0403170701;2026;5;200;R40\n00010100105;0403170701;2026;5;200;R61\n"
        var outcomes: [ConversionResult] = []
        for inMemory in [DuplicateRecordDetector.defaultMemoryCapacity, 20] {
            let fixture = try ConversionFixture()
            fixture.conversion.sendValidRecords = sendValidRecords
            fixture.conversion.maxRecordsPerFI = 25
            fixture.recordIDsInMemory = inMemory
            let result = try fixture.convert("repeats.csv", csv)
            #expect(result.validRecords == 61 && result.rejectedRecords == 2)
            #expect(result.firstProblems.map(\.description) == [
                "repeats.csv:62: record_id \"R5\": is already used on line 6 for employer 0403170701",
                "repeats.csv:63: record_id \"R40\": is already used on line 41 for employer 0403170701",
            ])
            let report = try String(contentsOfFile: try #require(result.reportPath), encoding: .utf8)
            #expect(report.components(separatedBy: "is already used").count == 3, "each repeat reported once")
            if sendValidRecords {
                let submission = try #require(result.submissions.first)
                #expect(submission.record.recordCount == 61)
                // The record after the repeats keeps its own line: R61 on line 64, the 61st record sent.
                let lastPart = try #require(submission.files.last { $0.kind == .fi })
                #expect(try fixture.stored(lastPart)?.line(ofRecordAt: 11) == 64)
                #expect(try fixture.xmllint(fixture.path(lastPart)).succeeded)
            } else {
                guard case .invalidRecords(rejected: 2, valid: 61) = result.failure else {
                    Issue.record("unexpected \(String(describing: result.failure))"); return
                }
            }
            #expect((try? FileManager.default.contentsOfDirectory(atPath: fixture.out + "/.staging"))?.isEmpty ?? true)
            outcomes.append(result)
        }
        #expect(outcomes[0].submissions.map(\.record.recordCount) == outcomes[1].submissions.map(\.record.recordCount))
    }

    @Test func theSameExportTwiceIsRefusedUnlessForced() throws {
        let fixture = try ConversionFixture()
        let first = try fixture.convert("a.csv", SampleCSV.rights(2))
        #expect(first.failure == nil)
        #expect(throws: ConversionError.self) { try fixture.convert("a-again.csv", SampleCSV.rights(2)) }
        let forced = try fixture.convert("a-forced.csv", SampleCSV.rights(2), force: true)
        #expect(forced.failure == nil)
        #expect(forced.submissions.first?.record.sequence == 2)
    }

    @Test func aMalformedFileIsReportedWithItsLine() throws {
        let fixture = try ConversionFixture()
        let result = try fixture.convert("broken.csv", SampleCSV.rightsHeader + "85073003328;\"0403170701;2026;5;200;R1\n")
        guard case .unreadable(let problem) = result.failure else {
            Issue.record("unexpected \(String(describing: result.failure))"); return
        }
        #expect(problem.file == "broken.csv")
        #expect(problem.line == 2)
        #expect(try fixture.journal.export(result.export.id!)?.state == .quarantined)
    }

    /// A UTF-16 or UTF-32 export is refused saying what it is and what to do, and set aside with that reason.
    @Test(arguments: [
        ("u16le.csv", [UInt8]([0xFF, 0xFE]), String.Encoding.utf16LittleEndian, "UTF-16", "FF FE"),
        ("u16be.csv", [0xFE, 0xFF], .utf16BigEndian, "UTF-16", "FE FF"),
        ("u32le.csv", [0xFF, 0xFE, 0x00, 0x00], .utf32LittleEndian, "UTF-32", "FF FE 00 00"),
        ("u32be.csv", [0x00, 0x00, 0xFE, 0xFF], .utf32BigEndian, "UTF-32", "00 00 FE FF"),
        ("u32le.xml", [0xFF, 0xFE, 0x00, 0x00], .utf32LittleEndian, "UTF-32", "FF FE 00 00"),
    ])
    func aWideTextExportIsRefusedWithWhatToDo(name: String, mark: [UInt8], encoding: String.Encoding,
                                              encodingName: String, hex: String) throws {
        let fixture = try ConversionFixture()
        let text = name.hasSuffix(".xml") ? "<fla_export version=\"1\"/>" : SampleCSV.rights(1)
        let path = try fixture.dir.write(name, bytes: Data(mark) + (try #require(text.data(using: encoding)))).path
        let converter = try fixture.converter()
        let result = converter.convert(try converter.register(exportAt: path))
        let expected = "\(name): the export is \(encodingName) text (byte-order mark \(hex)); "
            + "save it as UTF-8 or Windows-1252 and drop it again"
        guard case .unreadable(let problem) = result.failure else {
            Issue.record("unexpected \(String(describing: result.failure))"); return
        }
        #expect(problem.description == expected)
        let export = try #require(try fixture.journal.export(result.export.id!))
        #expect(export.state == .quarantined)
        #expect(export.detail == expected)
        #expect(try String(contentsOfFile: try #require(result.reportPath), encoding: .utf8).contains(expected))
    }

    /// A folded line break is sent, and the report says where, after the problems.
    @Test func aFoldedLineBreakIsSentAndNamedInTheReport() throws {
        let fixture = try ConversionFixture()
        let csv = "niss;employer_bce;record_id;training_name;start_date;end_date;duration;duration_unit;followed\n"
            + "85073003328;0403170701;T1;\"First\r\naid\";2026-01-05;2026-01-06;2;days;yes\n"
            + "85073003328;0403170701;T2;Safety;2026-01-05;2026-01-06;2;days;yes\n"
        let result = try fixture.convert("names.csv", csv)
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.submissions.first?.record.recordCount == 2)
        #expect(result.warningCount == 1)
        let report = try String(contentsOfFile: try #require(result.reportPath), encoding: .utf8)
        #expect(report.contains("""
            warnings (values changed on their way into the FI):
              names.csv:2: training_name "First aid": held a line break or tab: it is sent with one space in its place

            converted: 2 record(s)
            """), "\(report)")
    }

    @Test func aFormedFIIsCheckedSignedAndSentByteForByte() throws {
        let producer = try ConversionFixture()
        let made = try producer.convert("src.csv", SampleCSV.rights(2))
        let fi = try #require(made.submissions.first?.files.first { $0.kind == .fi })
        let formed = try Data(contentsOf: URL(fileURLWithPath: producer.path(fi)))

        let fixture = try ConversionFixture(environment: .production)
        let path = try fixture.dir.write("formed.xml", bytes: formed)
        let converter = try fixture.converter()
        let result = converter.convert(try converter.register(exportAt: path.path))
        let submission = try #require(result.submissions.first, "\(String(describing: result.failure))")
        let sent = try #require(submission.files.first { $0.kind == .fi })
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path(sent))) == formed)
        let fs = try #require(submission.files.first { $0.kind == .fs })
        #expect(try fixture.opensslVerify(fs: fixture.path(fs), fi: fixture.path(sent)).succeeded)
        #expect(submission.record.recordCount == 2)
    }

    @Test func aPreparationInterruptedAfterTheJournalIsFinishedOnTheNextStart() throws {
        let fixture = try ConversionFixture(environment: .production)
        fixture.conversion.maxRecordsPerFI = 1
        let result = try fixture.convert("a.csv", SampleCSV.rights(2))
        let submission = try #require(result.submissions.first)
        // As if the process died after the journal commit, before the files were put in place.
        let staging = fixture.out + "/.staging/export-\(result.export.id!)"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try FileManager.default.removeItem(atPath: fixture.out + "/" + submission.record.goName)
        for file in submission.files where file.kind != .go && file.part == 2 {
            try FileManager.default.moveItem(atPath: fixture.path(file), toPath: staging + "/" + file.sha256)
        }
        let finished = try fixture.converter().finishInterrupted()
        #expect(finished.map(\.record.id) == [submission.record.id])
        for file in submission.files {
            #expect(FileManager.default.fileExists(atPath: fixture.path(file)), "\(file.name)")
        }
        #expect(try fixture.converter().finishInterrupted().isEmpty)
    }
}
