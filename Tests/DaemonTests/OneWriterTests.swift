import Foundation
import Journal
import Testing
import TestSupport

/// One writer per channel: a second daemon on the same configuration refuses to start, naming the
/// one that runs, which keeps working; commands that would change something behind the running
/// daemon's back are refused and say what to do instead; read-only ones still answer.
@Suite struct OneWriterTests {
    @Test func aSecondDaemonRefusesToStartAndTheFirstKeepsWorking() async throws {
        try await DaemonHarness.with { harness in
            let first = try await harness.startReadyDaemon()
            let lockPath = harness.settings.journalPath + ".lock"
            let holder = try String(contentsOfFile: lockPath, encoding: .utf8)
            #expect(holder.split(separator: "\n").first == "\(first.processID)", "\(holder)")

            let second = try harness.startCompetingDaemon()
            let ended = await second.waitForExit(timeout: .seconds(60))
            #expect(ended == .exited(75), "\(second.log)")
            #expect(second.log.contains("cannot start: another fladaemon daemon (pid \(first.processID)) already runs on this channel"),
                    "\(second.log)")
            #expect(!second.log.contains("ready: watching"))

            // The first one was not disturbed: it still takes, converts and delivers.
            try await harness.drop("beside-a-second.csv", SampleExport.trainingRights(tag: "SECOND"))
            try await harness.waitUntilSettled(exports: 1)
            try harness.expectDeliveredExactlyOnce(["beside-a-second.csv"])
            #expect(first.isRunning)
            #expect(harness.spoolFiles(in: "failed").isEmpty)

            // Commands that change something are refused at once, naming the daemon and the way out.
            let export = try harness.directory.write("by-hand.csv", SampleExport.trainingRights(tag: "BYHAND")).path
            let convert = try harness.command("convert", export, "--out", harness.directory.file("by-hand").path)
            #expect(convert.status != 0)
            #expect(convert.stderr.contains("the fladaemon daemon (pid \(first.processID)) runs on this channel"), "\(convert.stderr)")
            #expect(convert.stderr.contains("drop the export into \(harness.incoming)"), "\(convert.stderr)")
            for name in ["push", "fetch"] {
                let refused = try harness.command(name)
                #expect(refused.status != 0, "\(name): \(refused.stdout)")
                #expect(refused.stderr.contains("(pid \(first.processID))") && refused.stderr.contains("or stop the daemon first"),
                        "\(name): \(refused.stderr)")
            }
            #expect(try harness.exports().count == 1, "the refused convert recorded nothing")
            // Reading never waits for the lock.
            let status = try harness.command("status")
            #expect(status.status == 0 && status.stdout.contains("beside-a-second.csv"), "\(status.stdout)\(status.stderr)")

            #expect(try await harness.stopDaemon() == .exited(0))
            // Once the daemon is gone the channel is free for a command.
            let push = try harness.command("push")
            #expect(push.status == 0 && push.stdout.contains("nothing to push"), "\(push.stdout)\(push.stderr)")
        }
    }
}
