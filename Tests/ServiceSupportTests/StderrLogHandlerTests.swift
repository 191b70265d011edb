import Foundation
import Logging
import Testing
@testable import ServiceSupport

struct StderrLogHandlerTests {
    private func logger(writingTo pipe: LogPipe) -> Logger {
        var logger = Logger(label: "test") { label in StderrLogHandler(label: label, fileDescriptor: pipe.writeEnd) }
        logger.logLevel = .trace
        return logger
    }

    @Test func writesOneReadableLinePerEvent() throws {
        let pipe = try LogPipe()
        let logger = logger(writingTo: pipe)
        let before = Date()
        logger.info("Uploaded FI file", metadata: ["submission_id": "12", "fla_state": "sent"])
        logger.warning("No metadata here")
        let lines = pipe.finish().split(separator: "\n", omittingEmptySubsequences: false)

        #expect(lines.count == 3 && lines.last == "")
        let first = String(lines[0])
        let pattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) info \[fla_state=sent submission_id=12\] Uploaded FI file$/
        let match = try #require(first.wholeMatch(of: pattern), "unexpected line: \(first)")
        let stamp = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(String(match.1))
        #expect(abs(stamp.timeIntervalSince(before)) < 5)
        #expect(lines[1].hasSuffix("Z warning No metadata here"))
    }

    @Test func masksNISSInMessageAndMetadata() throws {
        let pipe = try LogPipe()
        logger(writingTo: pipe).error("Worker 85.07.30-033.28 rejected", metadata: ["worker": "85073003328"])
        let line = pipe.finish()
        #expect(line.hasSuffix(" error [worker=*********28] Worker *********28 rejected\n"))
        #expect(!line.contains("85073003328") && !line.contains("85.07.30"))
    }

    @Test func escapesControlCharactersAndQuotesAmbiguousValues() throws {
        let pipe = try LogPipe()
        logger(writingTo: pipe).notice("two\nlines\u{1B}[31m", metadata: [
            "source_file": "my export.csv", "remote_name": "", "note": "say \"hi\"",
        ])
        let line = pipe.finish()
        #expect(line.hasSuffix(#" notice [note="say \"hi\"" remote_name="" source_file="my export.csv"] two\nlines\x1b[31m"# + "\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
    }

    @Test func mergesHandlerProviderAndCallSiteMetadata() throws {
        let pipe = try LogPipe()
        let provider = Logger.MetadataProvider { ["remote_name": "FI.DMFA.1"] }
        var logger = Logger(label: "test") { label in
            StderrLogHandler(label: label, fileDescriptor: pipe.writeEnd, metadataProvider: provider)
        }
        logger[metadataKey: "submission_id"] = "7"
        logger[metadataKey: "fla_state"] = "queued"
        logger.info("moved", metadata: ["fla_state": "sent", "sequence": "42"])
        #expect(pipe.finish().hasSuffix(" info [fla_state=sent remote_name=FI.DMFA.1 sequence=42 submission_id=7] moved\n"))
    }

    @Test func concurrentLinesNeverInterleave() async throws {
        let pipe = try LogPipe()
        let logger = logger(writingTo: pipe)
        // 400 lines of ~1 KB: enlarge the pipe so writers never block on a reader that is not scheduled yet.
        try #require(fcntl(pipe.writeEnd, 1031 /* F_SETPIPE_SZ */, 1 << 20) >= 1 << 20)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<50 {
                        logger.info("\(String(repeating: Character(UnicodeScalar(UInt8(65 + task))), count: 1000))",
                                    metadata: ["index": "\(index)"])
                    }
                }
            }
        }
        let lines = pipe.finish().split(separator: "\n")
        #expect(lines.count == 400)
        let wellFormed = /^\S+Z info \[index=\d+\] (A{1000}|B{1000}|C{1000}|D{1000}|E{1000}|F{1000}|G{1000}|H{1000})$/
        #expect(lines.allSatisfy { (try? wellFormed.wholeMatch(in: String($0))) != nil })
    }

    @Test func formatsUTCTimestamps() {
        #expect(UTCTimestamp.format(seconds: 1_795_431_482, milliseconds: 7) == "2026-11-23T10:58:02.007Z")
        #expect(UTCTimestamp.format(seconds: 951_782_400, milliseconds: 999) == "2000-02-29T00:00:00.999Z")
    }
}
