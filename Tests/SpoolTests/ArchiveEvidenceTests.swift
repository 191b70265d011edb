import Foundation
import Journal
import Testing
import TestSupport
@testable import Spool

/// The archive read as evidence of the names already used: only the channel's own submission names
/// count (the platform's answers carry its sender number), and export numbers come from the folders
/// and the reports.
@Suite struct ArchiveEvidenceTests {
    @Test func countsOurNamesInEveryShapeAndTheHighestExportNumber() throws {
        let directory = try TemporaryDirectory()
        let layout = SpoolLayout(root: directory.path)
        let ours = layout.submissionFolder(exportID: 3, goName: "GO.FLAX.123456.20261123.00004.T.1")
        let older = layout.submissionFolder(exportID: 2, goName: "GO.FLAX.123456.20261123.00002.T.1")
        for folder in [ours, older, layout.archive + "/answers", layout.reports] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let files = [
            ours + "/FI.FLAX.123456.20261123.00004.T.1.1", older + "/GO.FLAX.123456.20261123.00002.T.1",
            // The platform's answers: its own sender number, even beside ours.
            ours + "/FO.ACRF.999999.20261123.00009.T", layout.archive + "/answers/GO.NOTI.999999.20261124.00031.T.1",
            // Another sender, another environment, and what is no batch name.
            layout.archive + "/3/GO.FLAX.654321.20261123.00050.T.1", ours + "/FI.FLAX.123456.20261123.00001.R.1.1",
            layout.archive + "/2/payroll.csv", layout.reports + "/5-payroll.csv.txt",
        ]
        for file in files { FileManager.default.createFile(atPath: file, contents: Data()) }

        let evidence = try ArchiveEvidence.gather(in: layout, sender: "123456")
        let test = SequenceKey(sender: "123456", nameDate: "20261123", environment: "T")
        let production = SequenceKey(sender: "123456", nameDate: "20261123", environment: "R")
        #expect(Set(evidence.highest.keys) == [test, production])
        #expect(evidence.highest[test]?.name == "GO.FLAX.123456.20261123.00004.T.1")
        #expect(evidence.highest[test]?.place == ours)
        #expect(evidence.highest[production]?.sequence == 1)
        #expect(evidence.highestExport?.id == 5)
    }

    @Test func aSpoolNotMadeYetShowsNothing() throws {
        let directory = try TemporaryDirectory()
        #expect(try ArchiveEvidence.gather(in: SpoolLayout(root: directory.file("none").path), sender: "123456").isEmpty)
    }
}
