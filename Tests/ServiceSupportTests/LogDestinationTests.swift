import Foundation
import Testing
import ServiceSupport

struct LogDestinationTests {
    private func journalStream(of fd: Int32) throws -> String {
        var status = stat()
        try #require(fstat(fd, &status) == 0)
        return "\(status.st_dev):\(status.st_ino)"
    }

    @Test func journaldWhenJournalStreamIsOurStandardError() throws {
        let pipe = try LogPipe()
        let stream = try journalStream(of: pipe.writeEnd)
        #expect(LogDestination.choose(environment: ["JOURNAL_STREAM": stream], standardError: pipe.writeEnd) == .journald)
    }

    @Test func stderrWhenStandardErrorWasRedirectedElsewhere() throws {
        // JOURNAL_STREAM is inherited by children whose stderr may point at another file.
        let inherited = try LogPipe(), redirected = try LogPipe()
        let stream = try journalStream(of: inherited.writeEnd)
        #expect(LogDestination.choose(environment: ["JOURNAL_STREAM": stream], standardError: redirected.writeEnd) == .stderr)
    }

    @Test(arguments: [[:], ["JOURNAL_STREAM": ""], ["JOURNAL_STREAM": "garbage"], ["JOURNAL_STREAM": "1:2:3"]])
    func stderrWithoutAUsableJournalStream(environment: [String: String]) throws {
        let pipe = try LogPipe()
        #expect(LogDestination.choose(environment: environment, standardError: pipe.writeEnd) == .stderr)
    }

    @Test func makesTheMatchingHandler() {
        #expect(LogDestination.journald.makeHandler(label: "x") is JournaldLogHandler)
        #expect(LogDestination.stderr.makeHandler(label: "x") is StderrLogHandler)
    }
}
