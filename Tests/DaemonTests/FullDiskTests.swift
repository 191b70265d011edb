import Foundation
import Journal
import Testing
import TestSupport

/// A full disk pauses, never crashes: with the spool or the journal on a small tmpfs filled up, the
/// stage concerned says once (log and status line) that it pauses, keeps the export where it was,
/// and the export goes out exactly once after room is made.
@Suite(.enabled(if: TmpfsMount.isAvailable, "needs root and permission to mount a tmpfs"))
struct FullDiskTests {
    @Test func aSpoolFilledWhileTheDaemonRunsPausesConversionAndTheExportGoesOutOnceThereIsRoom() async throws {
        try await fill(.spool, export: "full-spool.csv", pausing: "conversion") { harness in
            let export = try #require(try harness.exports().first)
            #expect(export.storedPath.hasPrefix(harness.spool + "/work/"), "\(export.storedPath)")
        }
    }

    @Test func aDaemonStartedOnAFullSpoolSaysItPausesAndConvertsOnceThereIsRoom() async throws {
        try await fill(.spool, export: "waiting.csv", pausing: "conversion", beforeStart: true)
    }

    @Test func aJournalOnAFullDiskPausesIntakeAndTheExportGoesOutOnceThereIsRoom() async throws {
        try await fill(.journal, export: "full-journal.csv", pausing: "intake") { harness in
            let pause = try #require(harness.logLines(containing: "intake paused").first)
            #expect(pause.contains("the journal cannot be written"), "\(pause)")
        }
    }

    enum Disk { case spool, journal }

    /// Fills `disk` (before the daemon starts, or while it runs) and drops `export` by a rename inside
    /// the spool; `stage` must pause once, `whilePaused` checks more, then room is made.
    private func fill(_ disk: Disk, export name: String, pausing stage: String, beforeStart: Bool = false,
                      whilePaused: (DaemonHarness) throws -> Void = { _ in }) async throws {
        let listener = try NotifyListener()
        var options = DaemonHarness.Options()
        switch disk {
        case .spool: options.spoolTmpfsSize = "2m"
        case .journal: options.journalTmpfsSize = "2m"
        }
        try await DaemonHarness.with(options) { harness in
            let mount = try #require(disk == .spool ? harness.spoolMount : harness.journalMount)
            try harness.placeHidden(name, SampleExport.trainingRights(tag: name.uppercased()))
            var daemon: DaemonProcess?
            if !beforeStart { daemon = try await startDaemon(harness, listener: listener) }
            try mount.fill("filler")
            try harness.reveal(name)
            if beforeStart { daemon = try await startDaemon(harness, listener: listener) }
            let running = try #require(daemon)

            try await expectPausedOnce(harness, stage: stage, listener: listener, daemon: running)
            try whilePaused(harness)
            try mount.free("filler")
            try await expectDelivered(name, harness, stage: stage, listener: listener, daemon: running)
        }
    }

    private func startDaemon(_ harness: DaemonHarness, listener: NotifyListener) async throws -> DaemonProcess {
        let daemon = try harness.startDaemon(environment: ["NOTIFY_SOCKET": listener.path])
        try await harness.waitUntilReady(daemon)
        return daemon
    }

    /// The pause is said once, in the log and the status line, survives several retries (backoff from
    /// 1 s) without another line, and sets nothing aside.
    private func expectPausedOnce(_ harness: DaemonHarness, stage: String, listener: NotifyListener,
                                  daemon: DaemonProcess) async throws {
        try await harness.eventually("\(stage) pauses") { !harness.logLines(containing: "\(stage) paused").isEmpty }
        try await harness.eventually("the status line says \(stage) pauses") {
            listener.assignments.contains { $0.hasPrefix("STATUS=") && $0.contains("\(stage) paused: ") }
        }
        let pause = try #require(harness.logLines(containing: "\(stage) paused").first)
        #expect(pause.contains("No space left on device") || pause.contains("disk is full"), "\(pause)")
        // Retries at 1, 2 and 4 s fail meanwhile, silently.
        try await Task.sleep(for: .seconds(5))
        #expect(harness.logLines(containing: "\(stage) paused").count == 1, "\(harness.logTail())")
        #expect(daemon.isRunning, "\(harness.logTail())")
        #expect(harness.spoolFiles(in: "failed").isEmpty)
        #expect(try harness.exports().allSatisfy { $0.state == .received }, "\(harness.stateSummary())")
        #expect(try harness.submissions().isEmpty)
    }

    /// Once there is room the stage resumes by itself, says so once, and the export goes out exactly once.
    private func expectDelivered(_ name: String, _ harness: DaemonHarness, stage: String, listener: NotifyListener,
                                 daemon: DaemonProcess) async throws {
        // The next try comes at most one backoff step (8 s here) after the room is made.
        try await harness.waitUntilSettled(exports: 1, timeout: .seconds(60))
        try harness.expectDeliveredExactlyOnce([name])
        #expect(harness.logLines(containing: "\(stage) resumed").count == 1, "\(harness.logTail())")
        #expect(harness.logLines(containing: "\(stage) paused").count == 1)
        let status = listener.assignments.last { $0.hasPrefix("STATUS=") }
        #expect(status?.contains("paused") == false, "\(status ?? "no status")")
        #expect(daemon.isRunning)
        #expect(try await harness.stopDaemon() == .exited(0))
    }
}
