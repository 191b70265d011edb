import Foundation
import Journal
import PlatformSimulation
import Testing
import TestSupport

/// A journal deleted, or restored from an older backup, would start handing out sequences the
/// platform has seen (code 133): the daemon refuses to start, saying what it found and which command
/// repairs it; after `fladaemon recover-sequences` every new name lies above every archived one, and
/// the platform, which remembers every name, accepts them all. A fresh install starts as always.
@Suite struct LostJournalTests {
    @Test func aDeletedJournalIsRefusedUntilTheSequencesAreRecovered() async throws {
        try await DaemonHarness.with { harness in
            let before = try await Self.deliver(["payroll-1.csv", "payroll-2.csv"], tag: "BEFORE", by: harness)
            try harness.deleteJournal()

            let refused = try await Self.refusedStart(harness)
            #expect(refused.contains("the journal \(harness.settings.journalPath) does not exist"), "\(refused)")
            #expect(refused.contains(try #require(before.map(\.goName).max())), "names the last name used: \(refused)")
            #expect(!FileManager.default.fileExists(atPath: harness.settings.journalPath), "nothing was created")

            try Self.recover(harness, raisingExportsTo: 2)
            // The same source names again: the new exports must not land in the old ones' archive folders.
            let after = try await Self.deliver(["payroll-1.csv", "payroll-2.csv"], tag: "AFTER", by: harness)
            try Self.expectAcceptedOnce(before + after, after: after, above: before, harness)
            #expect(try harness.exports().compactMap(\.id).min() ?? 0 > 2, "exports numbered above the archived ones")
        }
    }

    @Test func aJournalRestoredFromAnOlderBackupIsRefusedUntilTheSequencesAreRecovered() async throws {
        try await DaemonHarness.with { harness in
            let backup = harness.directory.file("backup").path
            let first = try await Self.deliver(["monday.csv"], tag: "MONDAY", by: harness)
            try harness.backUpJournal(to: backup)
            let lost = try await Self.deliver(["tuesday.csv", "wednesday.csv"], tag: "LOST", by: harness, exportsBefore: 1)
            try harness.restoreJournal(from: backup)

            let refused = try await Self.refusedStart(harness)
            #expect(refused.contains("is older than the spool"), "\(refused)")
            #expect(refused.contains(try #require(lost.map(\.goName).max())), "\(refused)")

            try Self.recover(harness, raisingExportsTo: 3)
            let after = try await Self.deliver(["thursday.csv", "friday.csv"], tag: "AFTER", by: harness, exportsBefore: 1)
            try Self.expectAcceptedOnce(first + lost + after, after: after, above: first + lost, harness)
        }
    }

    @Test func aFreshInstallStartsWithANewJournal() async throws {
        try await DaemonHarness.with { harness in
            #expect(!FileManager.default.fileExists(atPath: harness.spool))
            #expect(!FileManager.default.fileExists(atPath: harness.settings.journalPath))
            let daemon = try await harness.startReadyDaemon()
            // Not beside the daemon: it hands out names meanwhile.
            let beside = try harness.command("recover-sequences")
            #expect(beside.status != 0)
            #expect(beside.stderr.contains("(pid \(daemon.processID))") && beside.stderr.contains("or stop the daemon first"),
                    "\(beside.stderr)")
            try await harness.drop("first.csv", SampleExport.trainingRights(tag: "FIRST"))
            try await harness.waitUntilSettled(exports: 1)
            try harness.expectDeliveredExactlyOnce(["first.csv"])
            #expect(try harness.submissions().map(\.sequence) == [1])
            #expect(try await harness.stopDaemon() == .exited(0))
        }
    }

    // MARK: - Steps

    /// Starts the daemon, delivers `names` (each its own export), stops it; returns their submissions.
    private static func deliver(_ names: [String], tag: String, by harness: DaemonHarness,
                                exportsBefore: Int = 0) async throws -> [SubmissionRecord] {
        try await harness.startReadyDaemon()
        for (index, name) in names.enumerated() {
            try await harness.drop(name, SampleExport.trainingRights(tag: "\(tag)\(index)"))
        }
        try await harness.waitUntilSettled(exports: exportsBefore + names.count)
        #expect(try await harness.stopDaemon() == .exited(0))
        let exports = try harness.exports().suffix(names.count)
        #expect(exports.map(\.sourceFile) == names && exports.allSatisfy { $0.state == .converted })
        let ids = Set(exports.compactMap(\.id))
        return try harness.submissions().filter { ids.contains($0.exportID) }
    }

    /// The daemon exits at once, non-zero, naming the command to run; returns its log.
    private static func refusedStart(_ harness: DaemonHarness) async throws -> String {
        let daemon = try harness.startDaemon()
        let ended = await daemon.waitForExit(timeout: .seconds(60))
        #expect(ended == .exited(65), "\(daemon.log)")
        #expect(daemon.log.contains("cannot start:"), "\(daemon.log)")
        #expect(daemon.log.contains("run `fladaemon recover-sequences --config \(harness.configPath)`"), "\(daemon.log)")
        #expect(daemon.log.contains("code 133"), "\(daemon.log)")
        #expect(!daemon.log.contains("ready: watching"))
        return daemon.log
    }

    /// Runs the recovery (server reachable) and checks what it says and records.
    private static func recover(_ harness: DaemonHarness, raisingExportsTo exportID: Int) throws {
        let result = try harness.command("recover-sequences")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("sequences continue above"), "\(result.stdout)")
        #expect(result.stdout.contains("\(harness.inFolder) on "), "the server was listed too: \(result.stdout)")
        #expect(result.stdout.contains("exports are numbered from \(exportID + 1)"), "\(result.stdout)")
        let events = try harness.journal().channelEvents()
        #expect(events.contains { $0.toState == "sequence-floor" && ($0.detail ?? "").contains("the archive \(harness.spool)/archive") },
                "\(events)")
        // A second run finds nothing more to raise.
        let again = try harness.command("recover-sequences", "--offline")
        #expect(again.status == 0 && again.stdout.contains("no floor raised"), "\(again.stdout)\(again.stderr)")
    }

    /// Every submission was judged once and accepted (no 133), and the new ones lie above the old ones.
    private static func expectAcceptedOnce(_ all: [SubmissionRecord], after: [SubmissionRecord], above earlier: [SubmissionRecord],
                                           _ harness: DaemonHarness) throws {
        let verdicts = harness.verdicts
        #expect(!verdicts.contains { $0.rejectionCodes.contains(.nameAlreadyUsed) }, "\(verdicts)")
        let allAccepted = verdicts.allSatisfy(\.isAccepted)
        #expect(allAccepted, "\(verdicts)")
        #expect(verdicts.map(\.fileName).sorted() == all.map(\.goName).sorted(), "\(verdicts)")
        #expect(Set(all.map(\.goName)).count == all.count)
        #expect(after.allSatisfy { $0.state == .accepted }, "\(after.map { "\($0.goName) \($0.state)" })")
        for submission in after {
            let sameDay = earlier.filter { $0.nameDate == submission.nameDate && $0.environment == submission.environment }
            #expect(sameDay.allSatisfy { $0.sequence < submission.sequence }, "\(submission.goName) above \(sameDay.map(\.goName))")
        }
        try harness.expectArchived(after)
    }
}
