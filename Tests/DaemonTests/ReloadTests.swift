import Foundation
import Journal
import Testing
import TestSupport

/// SIGHUP (`systemctl reload`): a good configuration replaces the one in force, a broken one is
/// refused with its reason and the daemon goes on with the previous one.
@Suite struct ReloadTests {
    @Test func aGoodConfigurationIsTakenAndABrokenOneRefusedWhileWorkGoesOn() async throws {
        try await DaemonHarness.with { harness in
            let daemon = try await harness.startReadyDaemon()

            // A good change.
            var settings = harness.settings
            settings.pollSeconds = 2
            try harness.writeConfiguration(settings)
            daemon.send(SIGHUP)
            try await harness.eventually("the reload is logged") { !harness.logLines(containing: "reloaded").isEmpty }
            #expect(harness.logLines(containing: "reloaded") == harness.logLines(containing: " notice configuration \(harness.configPath) reloaded"))

            // A broken one: refused, naming the file and the key, and the daemon keeps working.
            var broken = settings
            broken.sftpPort = 0
            try harness.writeConfiguration(text: broken.yaml)
            daemon.send(SIGHUP)
            try await harness.eventually("the refusal is logged") { !harness.logLines(containing: "not reloaded").isEmpty }
            let refusal = try #require(harness.logLines(containing: "not reloaded").first)
            #expect(refusal.contains(" error "))
            #expect(refusal.contains("the previous one stays in force"))
            #expect(refusal.contains(harness.configPath) && refusal.contains("sftp.port"), "\(refusal)")
            try await harness.drop("after-refusal.csv", SampleExport.trainingRights(tag: "REFUSED"))
            try await harness.waitUntilSettled(exports: 1)

            // A change that shows it is in force: the server is now reached through a proxy.
            let proxy = try TCPProxy(targetPort: harness.sshd.port)
            defer { proxy.stop() }
            settings.sftpPort = proxy.port
            try harness.writeConfiguration(settings)
            daemon.send(SIGHUP)
            try await harness.eventually("the second reload is logged") { harness.logLines(containing: "reloaded").count == 2 }
            try await harness.drop("after-reload.csv", SampleExport.trainingRights(tag: "RELOADED"))
            try await harness.waitUntilSettled(exports: 2)
            #expect(proxy.acceptedConnections >= 1, "the upload after the reload went through the new port")
            try harness.expectDeliveredExactlyOnce(["after-refusal.csv", "after-reload.csv"])

            #expect(daemon.isRunning)
            #expect(try await harness.stopDaemon() == .exited(0))
            #expect(harness.logLines(containing: "not reloaded").count == 1)
            harness.expectNoClearNationalNumber()
        }
    }
}
