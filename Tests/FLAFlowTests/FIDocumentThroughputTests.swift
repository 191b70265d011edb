import FLAFlow
import Foundation
import SafeXML
import Testing
import TestSupport

/// Throughput of writing and validating FI files. Run in release mode:
/// `FLADAEMON_BENCH=1 swift test -c release --filter FIDocumentThroughputTests`
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FLADAEMON_BENCH"] != nil))
struct FIDocumentThroughputTests {
    /// Discards the bytes: measures the writer alone, not the disk.
    struct CountingSink: ByteSink {
        var count = 0
        mutating func write(_ bytes: UnsafeRawBufferPointer) { count += bytes.count }
    }

    static let pool = FIDocumentWriterTests.everyCombination()

    @Test func writesAndValidatesAHundredThousandRecordFI() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("FI.xml").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0)
        let clock = ContinuousClock()
        let records = 100_000
        var bytes = 0
        let writing = try clock.measure {
            let writer = try FIDocumentWriter(sink: FileDescriptorSink(descriptor: descriptor), header: XMLFixtures.header)
            for index in 0..<records { try writer.append(Self.pool[index % Self.pool.count]) }
            try writer.finish()
            bytes = writer.byteCount
        }
        close(descriptor)
        let validator = try FLASchemas.fiValidator()
        var diagnostics: [XMLDiagnostic] = []
        let validating = clock.measure { diagnostics = validator.validate(fileAt: path) }
        #expect(diagnostics == [])
        print(Self.report("write 100k-record FI to file", records: records, bytes: bytes, elapsed: writing))
        print(Self.report("XSD-validate it (streaming)", records: records, bytes: bytes, elapsed: validating))
    }

    @Test func writesAMillionRecords() throws {
        let records = 1_000_000
        var bytes = 0
        let elapsed = try ContinuousClock().measure {
            let writer = try FIDocumentWriter(sink: CountingSink(), header: XMLFixtures.header)
            for index in 0..<records { try writer.append(Self.pool[index % Self.pool.count]) }
            try writer.finish()
            bytes = writer.byteCount
        }
        print(Self.report("write 1M records (no disk)", records: records, bytes: bytes, elapsed: elapsed))
    }

    @Test func readsAHundredThousandRecordCanonicalExport() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("export.xml").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        try #require(descriptor >= 0)
        let writer = XMLByteWriter(sink: FileDescriptorSink(descriptor: descriptor))
        try writer.writeDeclaration()
        try writer.startElement("fla_export")
        let records = 100_000
        for index in 0..<records {
            try writer.startElement("training_right")
            try writer.element("niss", text: "85.07.30-033.28")
            try writer.element("employer_bce", text: "0403.123.486")
            try writer.element("record_id", text: "TR-\(index)")
            try writer.element("year", text: "2025")
            try writer.element("days", text: "2,5")
            try writer.element("joint_committee", text: "200")
            try writer.endElement()
        }
        try writer.endElement()
        try writer.finish()
        close(descriptor)
        var count = 0
        let elapsed = try ContinuousClock().measure {
            var reader = try XMLExportReader(path: path)
            while let item = try reader.next() {
                if case .record = item { count += 1 }
            }
        }
        #expect(count == records)
        print(Self.report("read a 100k-record canonical export XML", records: records, bytes: writer.byteCount, elapsed: elapsed))
    }

    static func report(_ what: String, records: Int, bytes: Int, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return String(format: "%@: %.3f s, %.1f MB, %.0f MB/s, %.0f records/s", what, seconds,
                      Double(bytes) / 1e6, Double(bytes) / 1e6 / seconds, Double(records) / seconds)
    }
}
