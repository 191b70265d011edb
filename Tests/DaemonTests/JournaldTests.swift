import Foundation
import Journal
import Testing
import TestSupport

/// Under systemd, standard error is a journal stream: the daemon then logs to journald with
/// structured fields, read back here with `journalctl` from a standalone `systemd-journald`.
@Suite struct JournaldTests {
    @Test func structuredFieldsOfEveryStepAreInTheJournal() async throws {
        try await Journald.withRunning { journald in
            try await DaemonHarness.with { harness in
                let daemon = try harness.startDaemon(standardErrorIsJournal: true)
                let pid = "_PID=\(daemon.processID)"
                _ = try await journald.waitForEntries(matching: [pid, "PRIORITY=5"], timeout: .seconds(30))
                try await harness.drop("journal.csv", SampleExport.trainingRights(tag: "JOURNAL"))
                try await harness.drop("journal-invalid.csv", SampleExport.invalid(tag: "JOURNALBAD"))
                try await harness.waitUntilSettled(exports: 2)
                try harness.expectDeliveredExactlyOnce(["journal.csv"])
                let submission = try #require(try harness.submissions().first)
                let id = "\(submission.id ?? 0)"
                #expect(try await harness.stopDaemon() == .exited(0))

                // Everything went to the journal; nothing to the stream journald would only see as text.
                #expect(daemon.log.isEmpty, "standard error: \(daemon.log)")
                let entries = try await journald.waitForEntries(matching: [pid, "MESSAGE=fladaemon stopped"])
                #expect(entries.count == 1)
                let all = try journald.entries(matching: [pid])
                func entry(_ prefix: String) throws -> [String: String] {
                    try #require(all.first { $0["MESSAGE"]?.hasPrefix(prefix) == true }, "no entry starting \(prefix)")
                }
                #expect(all.allSatisfy { $0["SYSLOG_IDENTIFIER"] == "fladaemon" && $0["_TRANSPORT"] == "journal" })

                let ready = try entry("ready: watching")
                #expect(ready["PRIORITY"] == "5")
                let received = try entry("export journal.csv received")
                #expect(received["PRIORITY"] == "6")
                #expect(received["SOURCE_FILE"] == "journal.csv")
                #expect(received["EXPORT_ID"] == "\(submission.exportID)")
                let prepared = try entry("submission \(submission.goName) prepared")
                #expect(prepared["SUBMISSION_ID"] == id)
                #expect(prepared["STATE"] == "prepared")
                #expect(prepared["FLOW"] == "FLAX")
                #expect(prepared["SEQUENCE"] == "\(submission.sequence)")
                #expect(prepared["REMOTE_NAME"] == submission.goName)
                #expect(prepared["SOURCE_FILE"] == "journal.csv")
                let sent = try entry("sent \(submission.goName)")
                #expect(sent["PRIORITY"] == "5")
                #expect(sent["STATE"] == "sent")
                #expect(sent["FLOW"] == "FLAX")
                #expect(sent["SUBMISSION_ID"] == id)
                #expect(sent["REMOTE_NAME"] == submission.goName)
                #expect(sent["SEQUENCE"] == "\(submission.sequence)")
                let accepted = try entry("answer applied: NOTIFICATION")
                #expect(accepted["STATE"] == "accepted")
                #expect(accepted["SUBMISSION_ID"] == id)
                let refused = try entry("export journal-invalid.csv not sent")
                #expect(refused["PRIORITY"] == "3")
                #expect(refused["SOURCE_FILE"] == "journal-invalid.csv")

                // What an operator types: every step of one submission.
                let history = try journald.entries(matching: [pid, "SUBMISSION_ID=\(id)"])
                let states = Set(history.compactMap { $0["STATE"] })
                #expect(states.isSuperset(of: ["prepared", "uploading", "sent", "acknowledged", "accepted"]), "\(states)")

                // No national number in clear in any field of any entry.
                let text = all.map { $0.values.joined(separator: "\n") }.joined(separator: "\n")
                harness.expectNoClearNationalNumber(in: text)
            }
        }
    }
}
