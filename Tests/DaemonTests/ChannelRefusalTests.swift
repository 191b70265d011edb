import Foundation
import Journal
import Testing
import TestSupport

/// Faults are transient until proven otherwise: a connection cut in the login is retried, and only
/// an explicit refusal of the channel pauses it, leaving every submission as it was, to go out by
/// itself once the configuration is fixed and reloaded.
@Suite struct ChannelRefusalTests {
    @Test func aRefusedKeyPausesTheChannelAndTheFixedKeyDeliversAfterAReload() async throws {
        try await DaemonHarness.with { harness in
            let stranger = try harness.sshd.makeClientKey(type: "ed25519", authorize: false)
            var wrong = harness.settings
            wrong.privateKey = stranger.privateKeyPath
            // The upload loop wakes every second: a channel not paused would be asked again within the wait.
            wrong.idleCloseSeconds = 1
            try harness.writeConfiguration(wrong)
            let daemon = try await harness.startReadyDaemon()
            try await harness.drop("refused-key.csv", SampleExport.trainingRights(tag: "REFUSEDKEY"))

            try await harness.eventually("uploads are paused") { !harness.logLines(containing: "uploads paused").isEmpty }
            let pause = try #require(harness.logLines(containing: "uploads paused").first)
            #expect(pause.contains("refused public-key authentication") && pause.contains(stranger.privateKeyPath), "\(pause)")
            // Longer than the longest retry delay (3 s): a paused channel is not asked again.
            try await Task.sleep(for: .seconds(4))
            #expect(harness.logLines(containing: "uploads paused").count == 1, "\(harness.logTail())")
            let submission = try #require(try harness.submissions().first)
            #expect(try harness.submissions().count == 1)
            #expect(submission.state == .prepared, "\(submission.state): \(submission.detail ?? "")")
            #expect(harness.verdicts.isEmpty)
            #expect(harness.remoteFiles(in: harness.inFolder).isEmpty)

            var right = wrong
            right.privateKey = harness.clientKey.privateKeyPath
            try harness.writeConfiguration(right)
            daemon.send(SIGHUP)
            try await harness.waitUntilSettled(exports: 1)
            try harness.expectDeliveredExactlyOnce(["refused-key.csv"])
            let history = try harness.journal().events(submissionID: submission.id)
            #expect(!history.contains { $0.toState == SubmissionState.failed.rawValue }, "\(history)")
            #expect(try await harness.stopDaemon() == .exited(0))
        }
    }

    /// The account may not write into the platform's folder: a refusal of the channel too, which
    /// pauses it without failing the submission, however far its upload went.
    @Test func aPermissionTheAccountLacksPausesTheChannelAndFailsNothing() async throws {
        var options = DaemonHarness.Options()
        options.server.deniedSFTPRequests = ["open"]
        // The upload loop wakes every second: a channel not paused would be asked again within the wait.
        options.configure = { $0.idleCloseSeconds = 1 }
        try await DaemonHarness.with(options) { harness in
            try await harness.startReadyDaemon()
            try await harness.drop("no-right.csv", SampleExport.trainingRights(tag: "NORIGHT"))
            try await harness.eventually("uploads are paused") { !harness.logLines(containing: "uploads paused").isEmpty }
            let pause = try #require(harness.logLines(containing: "uploads paused").first)
            #expect(pause.contains("permission denied"), "\(pause)")
            // Longer than the longest retry delay (3 s): a paused channel is not asked again.
            try await Task.sleep(for: .seconds(4))
            #expect(harness.logLines(containing: "uploads paused").count == 1, "\(harness.logTail())")
            let submission = try #require(try harness.submissions().first)
            #expect([.prepared, .uploading].contains(submission.state), "\(submission.state): \(submission.detail ?? "")")
            #expect(harness.verdicts.isEmpty)
        }
    }

    /// A reset inside the authentication exchange of the first connection (about 2,900 bytes in, for
    /// this server and an Ed25519 key) used to be taken for a refusal of the key.
    @Test func aResetInTheLoginIsRetriedNotTakenForARefusal() async throws {
        var options = DaemonHarness.Options()
        options.throughProxy = true
        try await DaemonHarness.with(options) { harness in
            let proxy = try #require(harness.proxy)
            proxy.cutAfter(bytes: 2900, reset: true)
            try await harness.startReadyDaemon()
            try await harness.drop("cut-login.csv", SampleExport.trainingRights(tag: "CUTLOGIN"))
            try await harness.waitUntilSettled(exports: 1)
            try harness.expectDeliveredExactlyOnce(["cut-login.csv"])
            let retry = try #require(harness.logLines(containing: "retrying in").first, "\(harness.logTail())")
            #expect(retry.contains("authenticating"), "the cut fell elsewhere than in the authentication: \(retry)")
            #expect(harness.logLines(containing: "uploads paused").isEmpty)
            #expect(proxy.acceptedConnections >= 2)
        }
    }
}
