import BatchFormat
@testable import Delivery
import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import Journal
import Synchronization
import Testing
import TestSupport
@testable import Transport

/// Several submissions in flight at once over the SFTP channels of one SSH session, against a real
/// sshd: each one ends on the server exactly as if it had been sent alone.
@Suite(.timeLimit(.minutes(2))) struct ParallelDeliveryTests {
    /// Outcomes as the workers report them, from their threads.
    final class Outcomes: Sendable {
        let sent = Mutex<[Int64]>([])
        let failed = Mutex<[Int64: String]>([:])

        func record(_ id: Int64, _ result: Result<SubmissionRecord, Error>) -> ParallelDelivery.Next {
            switch result {
            case .success: sent.withLock { $0.append(id) }
            case .failure(let error): failed.withLock { $0[id] = "\(error)" }
            }
            return .proceed
        }
    }

    @Test func manySubmissionsGoOutTogetherOverOneSession() throws {
        let fixture = try UploadFixture()
        let submissions = try (0..<12).map { _ in try fixture.prepare(parts: 2, size: 70_000) }
        let client = try fixture.transport.connect()
        defer { client.close() }
        let outcomes = Outcomes()
        let left = try ParallelDelivery(client: client, journal: fixture.journal, width: 4, logger: client.logger)
            .deliver(submissions.map { $0.id! }, outcome: outcomes.record)
        #expect(left.isEmpty)
        #expect(outcomes.failed.withLock { $0 }.isEmpty)
        #expect(outcomes.sent.withLock { $0.sorted() } == submissions.map { $0.id! })
        // Four channels were open on the one session, and used.
        #expect(try client.channels(4).count == 4)

        let names = try fixture.remoteNames("INTEST")
        let expected = try submissions.flatMap { try fixture.journal.files(of: $0.id!).map(\.name) }.sorted()
        #expect(names == expected)
        for submission in submissions {
            for file in try fixture.journal.files(of: submission.id!) where file.kind != .go {
                let remote = try Data(contentsOf: fixture.transport.server.file("INTEST/\(file.name)"))
                let local = try Data(contentsOf: URL(fileURLWithPath: submission.directory + "/" + file.name))
                #expect(remote == local, "\(file.name)")
            }
            #expect(try fixture.journal.events(submissionID: submission.id!).map(\.toState) == ["prepared", "uploading", "sent"])
        }
        // They overlapped: some submission began uploading while another had not yet been sent.
        let events = try fixture.journal.events().filter { $0.submissionID != nil }.sorted { $0.id! < $1.id! }
        var inFlight = 0, mostAtOnce = 0
        for event in events {
            if event.toState == "uploading" { inFlight += 1 }
            if event.toState == "sent" { inFlight -= 1 }
            mostAtOnce = max(mostAtOnce, inFlight)
        }
        #expect(mostAtOnce >= 2, "at most \(mostAtOnce) submission(s) in flight at once")
    }

    /// Large files fill the socket's send buffer, so libssh2 leaves packets half sent: the channel
    /// that did must finish its packet before any other channel sends, or the stream is corrupt.
    @Test func largeFilesOnSeveralChannelsArriveByteForByte() throws {
        let fixture = try UploadFixture()
        let submissions = try (0..<4).map { _ in try fixture.prepare(parts: 1, size: 12 << 20) }
        // A network that stutters: the bytes pile up in the socket buffers while it holds.
        let proxy = try TCPProxy(targetPort: fixture.transport.server.port, receiveBuffer: 16 << 10)
        let stutter = Thread {
            while !Thread.current.isCancelled {
                proxy.stallAll()
                usleep(150_000)
                proxy.resume()
                usleep(50_000)
            }
            proxy.resume()
        }
        let client = try fixture.transport.connect(port: proxy.port)
        // A small send buffer of our own, fixed: the stalls reach libssh2 as half-sent packets.
        var sendBuffer: Int32 = 16 << 10
        setsockopt(client.connection.socket, SOL_SOCKET, SO_SNDBUF, &sendBuffer, socklen_t(MemoryLayout<Int32>.size))
        stutter.start()
        defer { stutter.cancel(); client.close() }
        let outcomes = Outcomes()
        try ParallelDelivery(client: client, journal: fixture.journal, width: 4, logger: client.logger)
            .deliver(submissions.map { $0.id! }, outcome: outcomes.record)
        #expect(outcomes.failed.withLock { $0 }.isEmpty, "\(outcomes.failed.withLock { $0 })")
        for submission in submissions {
            for file in try fixture.journal.files(of: submission.id!) where file.kind != .go {
                let remote = fixture.transport.server.file("INTEST/\(file.name)").path
                #expect(try SHA256.hex(ofFileAt: remote) == file.sha256, "\(file.name)")
            }
        }
    }

    @Test func aServerThatAllowsFewerChannelsStillGetsEverything() throws {
        let fixture = try UploadFixture(options: SSHServer.Options(extraConfiguration: ["MaxSessions 2"]))
        let submissions = try (0..<6).map { _ in try fixture.prepare(parts: 1, size: 5_000) }
        let client = try fixture.transport.connect()
        defer { client.close() }
        #expect(try client.channels(4).count == 2)
        #expect(client.isUsable)
        let outcomes = Outcomes()
        try ParallelDelivery(client: client, journal: fixture.journal, width: 4, logger: client.logger)
            .deliver(submissions.map { $0.id! }, outcome: outcomes.record)
        #expect(outcomes.sent.withLock { $0.count } == 6)
        #expect(try fixture.remoteNames("INTEST").filter { $0.hasPrefix("GO.") }.count == 6)
    }

    /// A cut in the middle of several uploads: the next pass finishes every one, and the server ends
    /// with one copy of each file and one GO per submission, no temporary file left.
    @Test(arguments: [40_000, 300_000, 700_000])
    func aCutWhileSeveralAreInFlightIsFinishedByTheNextPass(cutAfter bytes: Int) throws {
        let fixture = try UploadFixture()
        let submissions = try (0..<8).map { _ in try fixture.prepare(parts: 2, size: 70_000) }
        let ids = submissions.map { $0.id! }
        let proxy = try TCPProxy(targetPort: fixture.transport.server.port)
        proxy.cutAfter(bytes: bytes)
        let first = Outcomes()
        var left: [Int64] = ids
        var cutBeforeAnyUpload = false
        do {
            let client = try fixture.transport.connect(port: proxy.port)
            defer { client.close() }
            left = try ParallelDelivery(client: client, journal: fixture.journal, width: 4, logger: client.logger)
                .deliver(ids, outcome: first.record)
        } catch {
            cutBeforeAnyUpload = true
            #expect((error as? TransportError)?.isTransient == true, "\(error)")
        }
        #expect(first.failed.withLock { $0 }.values.allSatisfy { $0.contains("connection") || $0.contains("session") },
                "\(first.failed.withLock { $0 })")
        // Whatever was not started or failed is still to send; nothing was lost or claimed sent.
        #expect(cutBeforeAnyUpload || !first.failed.withLock { $0 }.isEmpty || left.isEmpty)
        for id in first.sent.withLock({ $0 }) { #expect(try fixture.journal.submission(id)?.state == .sent) }

        let client = try fixture.transport.connect()
        defer { client.close() }
        let second = Outcomes()
        try ParallelDelivery(client: client, journal: fixture.journal, width: 4, logger: client.logger)
            .deliver(ids, outcome: second.record)
        #expect(second.failed.withLock { $0 }.isEmpty, "\(second.failed.withLock { $0 })")
        let names = try fixture.remoteNames("INTEST")
        #expect(names.filter { $0.hasPrefix("tmp-") }.isEmpty, "\(names)")
        #expect(names.filter { $0.hasPrefix("GO.") }.count == submissions.count)
        for submission in submissions {
            #expect(try fixture.journal.submission(submission.id!)?.state == .sent)
        }
    }
}
