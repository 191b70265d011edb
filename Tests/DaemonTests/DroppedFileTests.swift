import Foundation
import Journal
import Testing
import TestSupport

/// Exports dropped into `incoming/` every way an exporter does it reach the platform exactly once;
/// a duplicate and an invalid export are set aside with their reason and never sent.
@Suite struct DroppedFileTests {
    @Test func everyDropMethodIsSentOnceAndDuplicatesAndInvalidExportsAreSetAside() async throws {
        // A settle time well beyond any pause a loaded machine puts between the pieces written in place.
        try await DaemonHarness.with(.init(production: true, configure: { $0.settleMilliseconds = 1000 })) { harness in
            try await harness.startReadyDaemon()
            let renamed = SampleExport.trainingRights(tag: "RENAMED")
            try await harness.drop("renamed.csv", renamed, by: .renamedIn)
            try await harness.drop("slow.csv", SampleExport.trainingRights(tag: "SLOW", records: 40),
                                   by: .writtenInPlaceSlowly)
            try await harness.drop("part.csv", SampleExport.trainingRights(tag: "PART"), by: .copiedAsPartThenRenamed)
            try await harness.drop("invalid.csv", SampleExport.invalid(tag: "BAD"))
            // Names an exporter uses while writing: never touched.
            try Data(renamed.utf8).write(to: URL(fileURLWithPath: harness.incoming + "/.hidden.csv"))
            try Data(renamed.utf8).write(to: URL(fileURLWithPath: harness.incoming + "/notes.tmp"))
            try await harness.eventually("renamed.csv is claimed") {
                try harness.exports().contains { $0.sourceFile == "renamed.csv" }
            }
            // The same bytes again, under another name.
            try await harness.drop("renamed-again.csv", renamed)

            try await harness.waitUntilSettled(exports: 5)
            try harness.expectDeliveredExactlyOnce(["renamed.csv", "slow.csv", "part.csv"])

            let exports = try harness.exports()
            let byName = Dictionary(uniqueKeysWithValues: exports.map { ($0.sourceFile, $0) })
            let original = try #require(byName["renamed.csv"])
            let duplicate = try #require(byName["renamed-again.csv"])
            let invalid = try #require(byName["invalid.csv"])
            #expect(duplicate.state == .duplicate)
            #expect(duplicate.detail?.hasPrefix("same content as export \(original.id ?? 0) (renamed.csv)") == true)
            #expect(invalid.state == .quarantined)
            #expect(try harness.journal().submissions(exportID: duplicate.id).isEmpty)
            #expect(try harness.journal().submissions(exportID: invalid.id).isEmpty)
            // The slowly written file was taken whole.
            let slow = try harness.journal().submissions(exportID: byName["slow.csv"]?.id)
            #expect(slow.map(\.recordCount) == [40])

            // Spool: each set-aside file (under its work name, `<UTC time>-<random>-<name>`) with its reason.
            let failed = harness.spoolFiles(in: "failed")
            #expect(failed.count == 4, "\(failed)")
            let duplicateFile = try #require(failed.first { $0.hasSuffix("-renamed-again.csv") })
            let invalidFile = try #require(failed.first { $0.hasSuffix("-invalid.csv") })
            #expect(Set(failed) == [duplicateFile, duplicateFile + ".reason", invalidFile, invalidFile + ".reason"])
            #expect(duplicate.storedPath == harness.spool + "/failed/" + duplicateFile)
            #expect(invalid.storedPath == harness.spool + "/failed/" + invalidFile)
            let duplicateReason = try String(contentsOfFile: duplicate.storedPath + ".reason", encoding: .utf8)
            #expect(duplicateReason.hasPrefix("not sent: same content as export \(original.id ?? 0) (renamed.csv)"),
                    "\(duplicateReason)")
            let invalidReason = try String(contentsOfFile: invalid.storedPath + ".reason", encoding: .utf8)
            #expect(invalidReason.contains("1 invalid record(s)"), "\(invalidReason)")
            #expect(harness.spoolFiles(in: "incoming") == [".hidden.csv", "notes.tmp"])
            harness.expectWorkFolderEmpty()
            let invalidReport = harness.spool + "/reports/\(invalid.id ?? 0)-invalid.csv.txt"
            let report = try String(contentsOfFile: invalidReport, encoding: .utf8)
            #expect(report.contains("*********29"), "the refused number, masked, in:\n\(report)")

            #expect(try await harness.stopDaemon() == .exited(0))
            harness.expectNoClearNationalNumber()
            harness.expectNoClearNationalNumber(in: report + invalidReason)
            #expect(harness.logLines(containing: "not sent").count >= 2, "duplicate and invalid export logged")
        }
    }
}
