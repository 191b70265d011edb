import Answers
import Conversion
import Delivery
import Foundation
import Journal
import PlatformSimulation
import TestSupport
import Testing
import Transport

/// Real cuts between the daemon and a real sshd (a TCP proxy that drops the connection after a given
/// number of bytes, or the server killed mid-transfer), while the platform keeps working: whatever
/// the cut interrupted, the next attempt ends with one GO, one verdict, and every answer recorded once.
@Suite struct ConnectionCutTests {
    /// Where a cut falls in an upload session of a small production submission (FI, FS, GO): measured
    /// from the session's start, or back from its end, where the protocol's short steps lie. With a
    /// session of about 13 kB, these land (give or take the cipher's padding) in the handshake, the FI's
    /// transfer, its size check, its rename, the FS's transfer, flush, close, size check and rename,
    /// the GO's creation, flush and close, and the session's close after everything was done.
    static let uploadCuts: [CutPoint] = [.afterStart(400), .afterStart(6_000)]
        + [3_800, 3_600, 3_350, 2_200, 1_550, 1_350, 1_100, 900, 720, 600, 450, 250, 60].map(CutPoint.beforeEnd)

    @Test(arguments: uploadCuts)
    func anUploadCutAnywhereEndsWithExactlyOneGOAndOneVerdict(at cut: CutPoint) async throws {
        let fixture = try DeliveryFixture(environment: .production)
        let calibration = try #require(try fixture.convert("calibration.csv", ExportCSV.rights(10, tag: "CAL")).first)
        let submission = try #require(try fixture.convert("cut.csv", ExportCSV.rights(10, tag: "CUT")).first)

        // A whole session of the same shape, to know how many bytes it moves.
        let measuring = try TCPProxy(targetPort: fixture.server.port)
        try fixture.deliver([calibration], port: measuring.port)
        let sessionBytes = measuring.bytesForwarded
        measuring.stop()

        let proxy = try TCPProxy(targetPort: fixture.server.port)
        proxy.cutAfter(bytes: cut.offset(inSessionOf: sessionBytes))
        var failure: Error?
        do { try fixture.deliver([submission], port: proxy.port) } catch { failure = error }
        if let failure { #expect((failure as? TransportError)?.isTransient == true, "\(failure)") }

        // The platform goes on meanwhile; whatever it finds of the cut attempt, it must not refuse it.
        let between = try await fixture.judge()
        let goName = submission.record.goName

        try fixture.deliver([submission])
        #expect(try fixture.state(of: submission) == .sent)
        #expect(try fixture.remoteNames("IN").filter { $0.hasPrefix("GO.") }.count <= 1)
        let after = try await fixture.judge()
        let verdicts = (between + after).filter { $0.fileName == goName }
        #expect(verdicts.count == 1, "\(verdicts)")
        #expect(verdicts.first?.isAccepted == true, "\(verdicts)")
        // No temporary file or stray part left for the platform.
        let leftInIN = try fixture.remoteNames("IN")
        #expect(leftInIN.isEmpty, "\(leftInIN)")

        let run = try fixture.fetch()
        #expect(run.outcomes(.unmatched).isEmpty)
        #expect(try fixture.state(of: submission) == .accepted)
        #expect(try fixture.state(of: calibration) == .accepted)
        #expect(try fixture.journal.answers(submissionID: submission.id).count == 2)
    }

    /// The server is killed while the exchange is frozen at a given point (the FI's transfer, its
    /// rename, the FS's close, the GO's creation), then comes back: the next attempt finishes the job.
    @Test(arguments: [CutPoint.afterStart(6_000), .beforeEnd(3_600), .beforeEnd(1_350), .beforeEnd(720)])
    func theServerKilledMidUploadAndRestartedGetsItExactlyOnce(at point: CutPoint) async throws {
        let fixture = try DeliveryFixture(environment: .production)
        let calibration = try #require(try fixture.convert("calibration.csv", ExportCSV.rights(10, tag: "CAL")).first)
        let submission = try #require(try fixture.convert("kill.csv", ExportCSV.rights(10, tag: "KILL")).first)
        let measuring = try TCPProxy(targetPort: fixture.server.port)
        try fixture.deliver([calibration], port: measuring.port)
        let threshold = point.offset(inSessionOf: measuring.bytesForwarded)
        measuring.stop()

        // The proxy freezes the exchange at the chosen point; the server dies while it is frozen.
        let proxy = try TCPProxy(targetPort: fixture.server.port)
        proxy.stallAfter(bytes: threshold)
        let attempt = Task.detached { () -> Error? in
            do { try fixture.deliver([submission], port: proxy.port); return nil } catch { return error }
        }
        let deadline = ContinuousClock.now + .seconds(15)
        while proxy.bytesForwarded < threshold, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        fixture.server.kill()
        proxy.resume()
        let failure = await attempt.value
        #expect(failure != nil, "the attempt went through a dead server")
        #expect(try fixture.state(of: submission) != .sent)

        try fixture.server.start()
        try fixture.deliver([submission])
        let verdicts = try await fixture.judge().filter { $0.fileName == submission.record.goName }
        #expect(verdicts.count == 1 && verdicts.first?.isAccepted == true, "\(verdicts)")
        #expect(try fixture.remoteNames("IN").isEmpty)
        try fixture.fetch()
        #expect(try fixture.state(of: submission) == .accepted)
    }

    /// A fetch cut at several points, as a fraction of the bytes a download-only session moves: the
    /// handshake, the listing, inside and between the answers' transfers, and (just beyond 1) the
    /// listing before applied answers are removed. The next fetch completes; every answer is recorded
    /// once, stored whole, and applied once. (A cut between an answer's removal and its GO's is
    /// `AnswerFetchingTests.aGOLeftByACutDisposalIsRemovedByTheNext`.)
    @Test(arguments: [0.1, 0.35, 0.5, 0.6, 0.75, 0.9, 0.97, 1.02])
    func aDownloadCutAnywhereIsCompletedByTheNextFetch(at fraction: Double) async throws {
        let fixture = try DeliveryFixture()
        fixture.conversion.maxRecordsPerFI = 40
        let submission = try #require(try fixture.convert("big.csv", ExportCSV.rights(120, tag: "DL")).first)
        try fixture.deliver([submission])
        let verdict = try #require(try await fixture.judge(Misbehaviour(answerTwice: true)).first)
        #expect(verdict.answerFiles.count == 5)  // two ACRF, three NOTI
        var served: [String: Data] = [:]
        for name in verdict.answerFiles { served[name] = try fixture.remoteBytes("OUTTEST", name) }

        // How many bytes a whole download session moves, measured with a journal that keeps nothing.
        let measuring = try TCPProxy(targetPort: fixture.server.port)
        do {
            let client = try fixture.connect(port: measuring.port)
            defer { client.close() }
            let scratch = try fixture.freshJournal("scratch.sqlite")
            let fetcher = AnswerFetcher(client: client, journal: scratch, inbox: fixture.directory.file("scratch").path,
                                        policy: AnswerFetchPolicy(environment: .test))
            #expect(try fetcher.download(from: "OUTTEST").count == 5)
        }
        let sessionBytes = measuring.bytesForwarded
        measuring.stop()

        let proxy = try TCPProxy(targetPort: fixture.server.port)
        proxy.cutAfter(bytes: max(1, Int(Double(sessionBytes) * fraction)))
        var failure: Error?
        do { try fixture.fetch(port: proxy.port) } catch { failure = error }
        if let failure { #expect((failure as? TransportError)?.isTransient == true, "\(failure)") }
        // Nothing left the server unless it was stored and applied here first.
        let left = try fixture.remoteNames("OUTTEST")
        for name in verdict.answerFiles where !left.contains(name) {
            #expect(try fixture.journal.answer(named: name)?.state == .applied, "\(name)")
        }

        let run = try fixture.fetch()
        #expect(run.outcomes(.unmatched).isEmpty)
        #expect(try fixture.state(of: submission) == .accepted)
        let answers = try fixture.journal.answers()
        #expect(answers.map(\.name).sorted() == verdict.answerFiles.sorted())
        #expect(answers.allSatisfy { $0.state == .applied })
        for answer in answers {
            #expect(FileManager.default.contents(atPath: answer.storedPath) == served[answer.name], "\(answer.name)")
        }
        // Recorded once each, and no partial download left beside them.
        let downloadEvents = try fixture.journal.events().filter { $0.toState == "answer-downloaded" }
        #expect(downloadEvents.count == 5)
        let inbox = try FileManager.default.contentsOfDirectory(atPath: fixture.inbox)
        #expect(Set(inbox) == Set(verdict.answerFiles), "\(inbox)")
        #expect(try fixture.remoteNames("OUTTEST").isEmpty)
    }
}

/// A point in a session's byte stream (both directions counted) where the proxy cuts.
enum CutPoint: Sendable, CustomTestStringConvertible {
    case afterStart(Int)
    case beforeEnd(Int)

    func offset(inSessionOf total: Int) -> Int {
        switch self {
        case .afterStart(let bytes): return bytes
        case .beforeEnd(let bytes): return max(1, total - bytes)
        }
    }

    var testDescription: String {
        switch self {
        case .afterStart(let bytes): return "\(bytes) bytes after the start"
        case .beforeEnd(let bytes): return "\(bytes) bytes before the end"
        }
    }
}
