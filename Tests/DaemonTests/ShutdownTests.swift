import Foundation
import Journal
import Testing
import TestSupport

/// SIGTERM (`systemctl stop`) while an upload is under way.
@Suite struct ShutdownTests {
    /// The upload in flight is finished, nothing new is started, the exit code is 0, and the next
    /// start sends what was left.
    @Test func sigtermDuringAnUploadFinishesItThenExitsZero() async throws {
        try await DaemonHarness.with(.init(throughProxy: true)) { harness in
            let daemon = try await harness.startReadyDaemon()
            try harness.armStall()
            try await harness.drop("large.csv", SampleExport.trainingRights(tag: "LARGE", records: DaemonHarness.largeExportRecords))
            try await harness.eventually("large.csv is converted and archived") { try harness.isArchived("large.csv") }
            try await harness.drop("queued.csv", SampleExport.trainingRights(tag: "QUEUED"))
            try await harness.eventually("queued.csv is converted and archived") { try harness.isArchived("queued.csv") }
            let cut = try await harness.waitForStalledUpload(of: "large.csv")

            daemon.send(SIGTERM)
            // It waits for the step in flight rather than abandoning it.
            try await Task.sleep(for: .seconds(1))
            #expect(daemon.isRunning)
            harness.proxy?.resume()
            let ended = await daemon.waitForExit(timeout: .seconds(15))
            #expect(ended == .exited(0), "\(harness.logTail())")
            #expect(daemon.log.contains("fladaemon stopped"))

            let states = try harness.submissions().map(\.state)
            #expect(states == [.sent, .prepared], "the upload in flight finished; the queued one was not started")
            #expect(try harness.journal().submission(cut.id ?? 0)?.state == .sent)

            try await harness.startReadyDaemon()
            try await harness.waitUntilSettled(exports: 2)
            try harness.expectDeliveredExactlyOnce(["large.csv", "queued.csv"])
            #expect(try await harness.stopDaemon() == .exited(0))
        }
    }

    /// A server that never answers again cannot hold the daemon past `--stop-timeout` (systemd's
    /// `TimeoutStopSec=` would SIGKILL it): it exits, and the upload is finished by the next start.
    @Test func sigtermWithAHungServerStillExitsWithinTheStopTimeout() async throws {
        try await DaemonHarness.with(.init(throughProxy: true, configure: { $0.operationTimeoutSeconds = 30 })) { harness in
            let daemon = try await harness.startReadyDaemon(arguments: ["--stop-timeout", "2"])
            try harness.armStall()
            try await harness.drop("large.csv", SampleExport.trainingRights(tag: "LARGE", records: DaemonHarness.largeExportRecords))
            try await harness.waitForStalledUpload(of: "large.csv")

            let start = ContinuousClock.now
            daemon.send(SIGTERM)
            let ended = await daemon.waitForExit(timeout: .seconds(8))
            let took = ContinuousClock.now - start
            #expect(ended != nil, "still running \(took) after SIGTERM with --stop-timeout 2:\n\(harness.logTail())")
            if let ended { #expect(ended == .exited(0)) }
            daemon.kill()

            harness.proxy?.resume()
            try await harness.startReadyDaemon()
            try await harness.waitUntilSettled(exports: 1)
            try harness.expectDeliveredExactlyOnce(["large.csv"])
            #expect(try await harness.stopDaemon() == .exited(0))
        }
    }
}
