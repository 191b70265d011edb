import Foundation
import Glibc
import Journal
import Testing
import TestSupport
@testable import Spool

/// Real storage failures: a read-only file system and a full one, on a tmpfs mounted for the test.
@Suite(.enabled(if: TmpfsMount.isAvailable, "needs root and permission to mount a tmpfs"))
struct IntakePauseTests {
    @Test func aReadOnlySpoolPausesIntakeWithOneLineAndItResumesByItself() async throws {
        let directory = try TemporaryDirectory("fladaemon-pause")
        let mount = try TmpfsMount(at: directory.file("mnt").path, size: "1m")
        let spool = try SpoolFixture(spoolRoot: "\(mount.path)/spool", journalPath: directory.file("journal.sqlite").path)
        try append(Data("written before the disk turned read-only\n".utf8), to: spool.incoming("payroll.csv"))
        try mount.remount(readOnly: true)

        let recorder = ClaimRecorder()
        let task = spool.start(spool.intake(settle: .milliseconds(100)), recorder: recorder)
        defer { task.cancel() }
        #expect(await eventually { !spool.log.messages(containing: "intake paused").isEmpty })
        // Several retries fail meanwhile (backoff 100 ms, up to 400 ms) without more log lines.
        try await Task.sleep(for: .milliseconds(800))
        let paused = spool.log.messages(containing: "intake paused")
        #expect(paused.count == 1)
        let line = try #require(paused.first)
        #expect(line.level == .error)
        #expect(line.message.contains("cannot claim \(spool.incoming("payroll.csv"))"))
        #expect(line.message.contains("Read-only file system"))
        #expect(line.metadata["source_file"] == "payroll.csv")
        #expect(recorder.claims.isEmpty)
        #expect(names(in: spool.layout.incoming) == ["payroll.csv"])

        try mount.remount(readOnly: false)
        #expect(await eventually { recorder.claims.count == 1 })
        #expect(recorder.sourceNames == ["payroll.csv"])
        #expect(await eventually { spool.log.messages(containing: "intake resumed").count == 1 })
        #expect(spool.log.messages(containing: "intake paused").count == 1)
        task.cancel()
        _ = await task.result
    }

    @Test func aFullJournalDiskPausesIntakeAndTheFileIsRecordedOnceThereIsRoom() async throws {
        let directory = try TemporaryDirectory("fladaemon-full")
        let mount = try TmpfsMount(at: directory.file("mnt").path, size: "2m")
        let spool = try SpoolFixture(journalPath: "\(mount.path)/journal.sqlite")
        try mount.fill("filler")

        let recorder = ClaimRecorder()
        let task = spool.start(spool.intake(settle: .milliseconds(100)), recorder: recorder)
        defer { task.cancel() }
        try #require(await eventually { !spool.log.messages(containing: "intake is watching").isEmpty })
        try spool.dropByRename("payroll.csv", "arrived on a full disk\n")

        #expect(await eventually { !spool.log.messages(containing: "intake paused").isEmpty })
        let line = try #require(spool.log.messages(containing: "intake paused").first)
        #expect(line.message.contains("the journal cannot be written"))
        #expect(line.metadata["source_file"] == "payroll.csv")
        // Taken out of incoming/ already, but not recorded: nothing is handed on.
        try await Task.sleep(for: .milliseconds(300))
        #expect(recorder.claims.isEmpty)
        #expect(try spool.journal.exports().isEmpty)
        #expect(names(in: spool.layout.incoming).isEmpty)

        try FileManager.default.removeItem(atPath: "\(mount.path)/filler")
        #expect(await eventually { recorder.claims.count == 1 })
        #expect(recorder.sourceNames == ["payroll.csv"])
        #expect(recorder.claims.first?.contents == Array("arrived on a full disk\n".utf8))
        #expect(try spool.journal.exports().map(\.sourceFile) == ["payroll.csv"])
        #expect(await eventually { spool.log.messages(containing: "intake resumed").count == 1 })
        task.cancel()
        _ = await task.result
    }
}
