import Foundation
import Journal
import Testing
import TestSupport

/// The daemon is killed (SIGKILL: no chance to tidy up) in the middle of submissions, then started
/// again: every export still ends exactly once on the platform, and the spool ends tidy.
@Suite struct DaemonRestartTests {
    @Test func killedMidUploadTheNextLifeFinishesEverySubmissionOnce() async throws {
        try await DaemonHarness.with(.init(throughProxy: true)) { harness in
            let first = try await harness.startReadyDaemon()
            try harness.armStall()
            try await harness.drop("large.csv", SampleExport.trainingRights(tag: "LARGE", records: DaemonHarness.largeExportRecords))
            try await harness.eventually("large.csv is converted and archived") { try harness.isArchived("large.csv") }
            // Queued behind the upload that is about to hang.
            try await harness.drop("small-1.csv", SampleExport.trainingRights(tag: "SMALL1"))
            try await harness.drop("small-2.csv", SampleExport.trainingRights(tag: "SMALL2"))
            try await harness.eventually("the small exports are converted and archived") {
                try harness.isArchived("small-1.csv") && harness.isArchived("small-2.csv")
            }
            let cut = try await harness.waitForStalledUpload(of: "large.csv")

            #expect(first.kill() == .signalled(SIGKILL))
            #expect(harness.verdicts.isEmpty)
            #expect(try harness.submissions().map(\.state) == [.uploading, .prepared, .prepared])
            harness.proxy?.resume()

            // The second life replaces the partial file, finishes the cut upload, then sends the rest.
            let second = try await harness.startReadyDaemon()
            try await harness.waitUntilSettled(exports: 3)
            try harness.expectDeliveredExactlyOnce(["large.csv", "small-1.csv", "small-2.csv"])
            #expect(try harness.journal().submission(cut.id ?? 0)?.recordCount == DaemonHarness.largeExportRecords)
            #expect(second.log.contains("uploading \(cut.goName) to INTEST, attempt 2"),
                    "the second life resumed the cut submission:\n\(harness.logTail())")
            harness.expectWorkFolderEmpty()
            #expect(try await harness.stopDaemon() == .exited(0))
            harness.expectNoClearNationalNumber()
        }
    }

    /// Killed right after an export is claimed, and right after its conversion is recorded (before the
    /// original reaches its archive folder): the next start finishes each one, once.
    @Test(arguments: [KillPoint.claimed, .conversionRecorded])
    func killedBetweenTheStepsOfAnExportTheNextLifeFinishesIt(at point: KillPoint) async throws {
        try await DaemonHarness.with { harness in
            var names: [String] = []
            var landed = false
            // The window after the conversion is recorded is a few milliseconds: try a few exports.
            for attempt in 1...5 where !landed {
                let daemon = try await harness.startReadyDaemon()
                let name = "\(point)-\(attempt).csv"
                names.append(name)
                async let reached = harness.kill(daemon) { journal in
                    try journal.exports().first { $0.sourceFile == name }.map(point.isPassed(by:)) ?? false
                }
                try await harness.drop(name, SampleExport.trainingRights(tag: "\(point)\(attempt)"))
                #expect(try await reached, "\(name) never reached \(point)")
                let export = try #require(try harness.exports().first { $0.sourceFile == name })
                landed = point.isCaughtIn(export) && export.storedPath.hasPrefix(harness.spool + "/work/")
                try await harness.startReadyDaemon()
                try await harness.waitUntilSettled(exports: names.count)
                #expect(try await harness.stopDaemon() == .exited(0))
            }
            #expect(landed, "no kill landed while \(point) with the original still in work/")
            try harness.expectDeliveredExactlyOnce(names)
            harness.expectWorkFolderEmpty()
            let reports = harness.spoolFiles(in: "reports")
            #expect(reports.filter { $0.hasSuffix(".txt") }.count == names.count, "one conversion report per export: \(reports)")
            #expect(reports.filter { $0.hasSuffix(".records.csv") }.count == names.count, "one record report per judged submission: \(reports)")
            #expect(harness.spoolFiles(in: "failed").isEmpty)
            #expect(harness.spoolFiles(in: "incoming").isEmpty)
            harness.expectNoClearNationalNumber()
        }
    }

    /// Killed after the original was moved into its archive folder but before the journal recorded the
    /// move (found by the kill harness): the next start finds the file where the move put it.
    @Test func killedBetweenFilingAnExportAwayAndRecordingItTheNextLifeRecordsIt() async throws {
        try await DaemonHarness.with { harness in
            try await harness.startReadyDaemon()
            try await harness.drop("filed.csv", SampleExport.trainingRights(tag: "FILED"))
            try await harness.waitUntilSettled(exports: 1)
            #expect(try await harness.stopDaemon() == .exited(0))
            let export = try #require(try harness.exports().first)
            let archived = export.storedPath
            #expect(archived.hasPrefix(harness.spool + "/archive/"))
            // The journal as that kill leaves it: still naming the work file, which is gone.
            try harness.journal().moveExport(export.id!, to: harness.spool + "/work/20260101T000000Z-000000-filed.csv")

            try await harness.startReadyDaemon()
            try await harness.eventually("the journal names the archived original again") {
                try harness.exports().first?.storedPath == archived
            }
            try harness.expectDeliveredExactlyOnce(["filed.csv"])
            #expect(try await harness.stopDaemon() == .exited(0))
        }
    }

    enum KillPoint: String, CustomStringConvertible, Sendable {
        case claimed
        case conversionRecorded = "converted"

        var description: String { rawValue }

        /// The export got this far (states only move forward).
        func isPassed(by export: ExportRecord) -> Bool {
            switch self {
            case .claimed: return true
            case .conversionRecorded: return export.state == .converted
            }
        }

        /// The export was still exactly there.
        func isCaughtIn(_ export: ExportRecord) -> Bool {
            switch self {
            case .claimed: return export.state == .received
            case .conversionRecorded: return export.state == .converted
            }
        }
    }
}
