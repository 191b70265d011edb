import Foundation
import Glibc
import Journal
import Testing
import TestSupport
@testable import Spool

@Suite struct IntakeRunTests {
    /// Starts `run` and waits until the watch is in place.
    func started(_ spool: SpoolFixture, _ intake: Intake, _ recorder: ClaimRecorder) async throws -> Task<Void, any Error> {
        let task = spool.start(intake, recorder: recorder)
        try #require(await eventually { !spool.log.messages(containing: "intake is watching").isEmpty })
        return task
    }

    func stop(_ task: Task<Void, any Error>) async {
        task.cancel()
        _ = await task.result
    }

    @Test func aFileRenamedInIsTakenAtOnceWithoutWaitingToSettle() async throws {
        let spool = try SpoolFixture()
        let recorder = ClaimRecorder()
        // A settle time far longer than the test may wait: only the rename path can pass. (The bound
        // below is loose because every suite runs at once on two cores.)
        let task = try await started(spool, spool.intake(settle: .seconds(120)), recorder)
        defer { task.cancel() }

        let dropped = ContinuousClock.now
        try spool.dropByRename("payroll.csv", "complete\n")
        #expect(await eventually(timeout: .seconds(60)) { recorder.claims.count == 1 })
        let claim = try #require(recorder.claims.first)
        #expect(claim.export.sourceName == "payroll.csv")
        #expect(claim.at - dropped < .seconds(60))
        #expect(claim.contents == Array("complete\n".utf8))
        await stop(task)
    }

    @Test func aFileWrittenSlowlyInPlaceIsTakenOnlyOnceItStoppedChanging() async throws {
        let spool = try SpoolFixture()
        let recorder = ClaimRecorder()
        let settle = Duration.milliseconds(300)
        let task = try await started(spool, spool.intake(settle: settle), recorder)
        defer { task.cancel() }

        // Eight chunks, each closed after writing, with pauses shorter than the settle time.
        var expected = Data()
        var lastWrite = ContinuousClock.now
        for chunk in 1...8 {
            let line = Data("record \(chunk) \(String(repeating: "x", count: 1000))\n".utf8)
            try append(line, to: spool.incoming("slow.csv"))
            lastWrite = ContinuousClock.now
            expected.append(line)
            #expect(recorder.claims.isEmpty, "taken before the writer finished (after chunk \(chunk))")
            try await Task.sleep(for: .milliseconds(60))
        }
        #expect(await eventually(timeout: .seconds(15)) { recorder.claims.count == 1 })
        let claim = try #require(recorder.claims.first)
        #expect(claim.export.sourceName == "slow.csv")
        #expect(claim.contents == Array(expected))
        #expect(claim.export.record.byteCount == Int64(expected.count))
        // Never before the file had been still for the settle time (timed from just after the last
        // write returned; 20 ms for the clock the file system stamps with).
        #expect(claim.at - lastWrite >= settle - .milliseconds(20))
        await stop(task)
    }

    @Test func aFileFoundMidWriteAtStartIsTakenOnlyWhenComplete() async throws {
        let spool = try SpoolFixture()
        // The writer keeps the file open throughout: no close event until the very end, so only
        // comparing size and mtime can tell it is still growing.
        let descriptor = open(spool.incoming("growing.csv"), O_WRONLY | O_CREAT | O_CLOEXEC, 0o640)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var expected: [UInt8] = []
        func write(_ chunk: Int) {
            let line = Array("chunk \(chunk)\n".utf8)
            expected += line
            _ = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        }
        write(1)
        let recorder = ClaimRecorder()
        let settle = Duration.milliseconds(250)
        let task = spool.start(spool.intake(settle: settle), recorder: recorder)
        defer { task.cancel() }
        for chunk in 2...10 {
            try await Task.sleep(for: .milliseconds(60))
            write(chunk)
            #expect(recorder.claims.isEmpty, "taken while still growing (chunk \(chunk))")
        }
        let lastWrite = ContinuousClock.now
        #expect(await eventually { recorder.claims.count == 1 })
        let claim = try #require(recorder.claims.first)
        #expect(claim.contents == expected)
        #expect(claim.at - lastWrite >= settle)
        await stop(task)
    }

    @Test func aPartFileRenamedWhenDoneIsTakenOnceUnderItsFinalName() async throws {
        let spool = try SpoolFixture()
        let recorder = ClaimRecorder()
        let task = try await started(spool, spool.intake(settle: .milliseconds(200)), recorder)
        defer { task.cancel() }

        for chunk in 1...3 {
            try append(Data("part \(chunk)\n".utf8), to: spool.incoming("export.csv.part"))
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(rename(spool.incoming("export.csv.part"), spool.incoming("export.csv")) == 0)
        #expect(await eventually { recorder.claims.count == 1 })
        // Well past the settle time: nothing more is taken.
        try await Task.sleep(for: .milliseconds(700))
        #expect(recorder.sourceNames == ["export.csv"])
        #expect(recorder.claims.first?.contents == Array("part 1\npart 2\npart 3\n".utf8))
        #expect(try spool.journal.exports().map(\.sourceFile) == ["export.csv"])
        #expect(names(in: spool.layout.incoming).isEmpty)
        await stop(task)
    }

    @Test func hiddenAndTemporaryNamesAreNeverTaken() async throws {
        let spool = try SpoolFixture()
        let recorder = ClaimRecorder()
        let task = try await started(spool, spool.intake(settle: .milliseconds(200)), recorder)
        defer { task.cancel() }

        let ignored = [".hidden.csv", "x.tmp", "y.PART", "z.filepart", "w.csv~", ".v.csv.swp"]
        for name in ignored { try append(Data("\(name)\n".utf8), to: spool.incoming(name)) }
        try spool.dropByRename(".moved-hidden.csv", "hidden but renamed in\n")
        try append(Data("visible\n".utf8), to: spool.incoming("visible.csv"))
        try spool.dropByRename("renamed.csv", "renamed\n")

        #expect(await eventually { recorder.claims.count == 2 })
        try await Task.sleep(for: .milliseconds(600))
        #expect(Set(recorder.sourceNames) == ["visible.csv", "renamed.csv"])
        #expect(names(in: spool.layout.incoming) == (ignored + [".moved-hidden.csv"]).sorted())
        #expect(try spool.journal.exports().count == 2)
        await stop(task)
    }

    @Test func filesAlreadyThereAndOrphansInWorkAreTakenAtStart() async throws {
        let spool = try SpoolFixture()
        try append(Data("waiting since yesterday\n".utf8), to: spool.incoming("old.csv"))
        let orphan = "\(spool.layout.work)/\(WorkName(sourceName: "crashed.csv").text)"
        try Data("left by a crash\n".utf8).write(to: URL(fileURLWithPath: orphan))

        let recorder = ClaimRecorder()
        let task = spool.start(spool.intake(settle: .milliseconds(200)), recorder: recorder)
        defer { task.cancel() }
        try #require(await eventually { recorder.claims.count == 2 })
        #expect(recorder.sourceNames == ["crashed.csv", "old.csv"])
        #expect(recorder.claims[0].export.path == orphan)
        #expect(recorder.claims[1].contents == Array("waiting since yesterday\n".utf8))
        await stop(task)
    }

    @Test func aDuplicateArrivingWhileRunningIsNotHandedOn() async throws {
        let spool = try SpoolFixture()
        let recorder = ClaimRecorder()
        let task = try await started(spool, spool.intake(settle: .milliseconds(200)), recorder)
        defer { task.cancel() }

        try spool.dropByRename("monday.csv", "identical\n")
        #expect(await eventually { recorder.claims.count == 1 })
        try spool.dropByRename("tuesday.csv", "identical\n")
        #expect(await eventually { names(in: spool.layout.failed).count == 2 })
        try await Task.sleep(for: .milliseconds(200))
        #expect(recorder.sourceNames == ["monday.csv"])
        #expect(try spool.journal.exports(in: [.duplicate]).map(\.sourceFile) == ["tuesday.csv"])
        #expect(names(in: spool.layout.failed).contains { $0.hasSuffix("-tuesday.csv.reason") })
        await stop(task)
    }

    @Test func lostEventsAreMadeUpForByListingTheFolder() async throws {
        let spool = try SpoolFixture()
        let recorder = ClaimRecorder()
        let intake = spool.intake(settle: .milliseconds(100))
        let (signals, continuation) = AsyncStream<IntakeRun.Signal>.makeStream()
        let run = IntakeRun(intake: intake, signals: continuation, onClaimed: recorder.handler)
        defer { run.cancelTimers() }
        await run.start()
        // Files that arrived while the kernel queue overflowed: no event of their own.
        try spool.dropByRename("lost-1.csv", "one\n")
        try spool.dropByRename("lost-2.csv", "two\n")
        await run.handle(.event(.overflow))
        #expect(recorder.claims.isEmpty)
        var iterator = signals.makeAsyncIterator()
        while recorder.claims.count < 2, let signal = await iterator.next() {
            await run.handle(signal)
        }
        #expect(recorder.sourceNames == ["lost-1.csv", "lost-2.csv"])
        #expect(!spool.log.messages(containing: "inotify dropped events").isEmpty)
    }

    @Test func cancellingRunReturnsPromptly() async throws {
        let spool = try SpoolFixture()
        let recorder = ClaimRecorder()
        let task = try await started(spool, spool.intake(settle: .milliseconds(200)), recorder)
        // Something settling and a timer pending when the cancel comes.
        try append(Data("x\n".utf8), to: spool.incoming("pending.csv"))
        try await Task.sleep(for: .milliseconds(50))
        let cancelled = ContinuousClock.now
        task.cancel()
        _ = await task.result
        #expect(ContinuousClock.now - cancelled < .seconds(2))
        try await Task.sleep(for: .milliseconds(400))
        #expect(recorder.claims.isEmpty)
        #expect(names(in: spool.layout.incoming) == ["pending.csv"])
    }
}
