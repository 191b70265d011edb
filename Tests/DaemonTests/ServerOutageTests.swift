import Foundation
import Journal
import Testing
import TestSupport

/// The SFTP server dies while the daemon holds a session and has work queued: uploads are retried
/// with backoff, nothing is lost or doubled, and everything goes once the server is back.
@Suite struct ServerOutageTests {
    @Test func uploadsAreRetriedThroughAnOutageAndEachSubmissionIsSentOnce() async throws {
        try await DaemonHarness.with { harness in
            try await harness.startReadyDaemon()
            // One export goes through first, so the daemon has a live session when the server dies.
            try await harness.drop("before.csv", SampleExport.trainingRights(tag: "BEFORE"))
            try await harness.waitUntilSettled(exports: 1)
            let before = try #require(try harness.exports().first?.id)

            harness.sshd.kill()
            let during = ["during-1.csv", "during-2.csv", "during-3.csv"]
            for (index, name) in during.enumerated() {
                try await harness.drop(name, SampleExport.trainingRights(tag: "DURING\(index)"))
            }
            // Each retry is logged; with a 1 s base and 3 s cap, several come within seconds.
            try await harness.eventually("three submissions queued and retries logged") {
                try harness.submissions().filter { $0.exportID != before }.count == 3
                    && harness.logLines(containing: "retrying in").count >= 3
            }
            let queued = try harness.submissions().filter { $0.exportID != before }
            for submission in queued {
                #expect([.prepared, .uploading].contains(submission.state), "\(submission.goName): \(submission.state)")
            }
            #expect(harness.verdicts.count == 1, "only the first submission reached the platform")
            let retries = harness.logLines(containing: "retrying in")
            #expect(retries.allSatisfy { $0.contains(" warning ") && $0.contains("interrupted") }, "\(retries)")

            try harness.sshd.start()
            try await harness.waitUntilSettled(exports: 4)
            try harness.expectDeliveredExactlyOnce(["before.csv"] + during)
            #expect(try await harness.stopDaemon() == .exited(0))
            harness.expectNoClearNationalNumber()
        }
    }
}
