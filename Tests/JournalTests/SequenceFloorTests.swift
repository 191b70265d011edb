import Foundation
import Testing
import TestSupport
@testable import Journal

/// The journal never hands out a sequence at or below what the archive or the server shows as used,
/// and refuses to be trusted when it is missing, empty or behind that evidence.
@Suite struct SequenceFloorTests {
    static let key = SequenceKey(sender: "123456", nameDate: "20261123", environment: "T")

    static func evidence(_ sequence: Int, exportID: Int64? = nil) -> SequenceEvidence {
        var evidence = SequenceEvidence()
        let name = "GO.FLAX.123456.20261123.\(SequenceGap.fiveDigits(sequence)).T.1"
        evidence.note(key, sequence: sequence, name: name, place: "archive/7/\(name)")
        evidence.note(key, sequence: 1, name: "GO.FLAX.123456.20261123.00001.T.1", place: "archive/1")
        if let exportID { evidence.note(exportID: exportID, place: "archive/\(exportID)") }
        return evidence
    }

    private func prepare(_ journal: Journal) throws -> SubmissionRecord {
        let export = try journal.registerExport(ExportRecord(sourceFile: "p.csv", storedPath: "/tmp/p.csv",
                                                             sha256: UUID().uuidString, byteCount: 1)).export
        let template = SubmissionRecord(exportID: export.id!, flow: "FLAX", sender: "123456", environment: "T",
                                        nameDate: "20261123", sequence: 0, parts: 1, recordCount: 1, goName: "",
                                        directory: "/tmp")
        return try journal.recordConversion(exportID: export.id!, submissions: [template]) { _, seq in
            NamedFiles(goName: "GO.\(seq)", directory: "/tmp", files: [])
        }[0].submission
    }

    @Test func sequencesContinueAboveTheRaisedFloorAndExportsAboveTheArchivedOnes() throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.file("journal.sqlite").path)
        #expect(try prepare(journal).sequence == 1)
        let recovery = try journal.raiseFloors(to: Self.evidence(7, exportID: 12), source: "the archive")
        #expect(recovery.raised.map(\.from) == [1] && recovery.raised.map(\.sighting.sequence) == [7])
        #expect(recovery.exportIDRaisedTo == 12)
        let next = try prepare(journal)
        #expect(next.sequence == 8)
        #expect(next.exportID == 13)
        // Floors only go up, and what was done is recorded, with where it came from.
        let again = try journal.raiseFloors(to: Self.evidence(3, exportID: 2), source: "the archive again")
        #expect(again.raised.isEmpty && again.exportIDRaisedTo == nil)
        #expect(try prepare(journal).sequence == 9)
        let events = try journal.channelEvents().map { $0.detail ?? "" }
        #expect(events.count == 2)
        #expect(events[0].contains("the archive: 20261123 T sender 123456 from 00001 to 00007") && events[0].contains("after 12"),
                "\(events)")
        #expect(events[1].contains("none raised"))
    }

    @Test func aJournalMissingEmptyOrBehindTheArchiveIsRefusedAndOneAtOrAboveItIsNot() {
        let evidence = Self.evidence(7, exportID: 4)
        func refusal(_ standing: SequenceFloorCheck.Standing) -> StaleJournalError? {
            SequenceFloorCheck.refusal(standing, evidence: evidence, journalPath: "j.sqlite", recovery: "fladaemon recover-sequences")
        }
        #expect(refusal(.missing)?.kind == .missing)
        #expect(refusal(.empty)?.kind == .empty)
        let behind = refusal(.present(JournalHighWater(sequences: [Self.key: 5], highestExportID: 4)))
        #expect(behind?.gaps.count == 1)
        let text = behind?.description ?? ""
        #expect(text.contains("reaches sequence 00005 but GO.FLAX.123456.20261123.00007.T.1 in archive/7/"), "\(text)")
        #expect(text.contains("run `fladaemon recover-sequences`") && text.contains("code 133"), "\(text)")
        #expect(refusal(.present(JournalHighWater(sequences: [Self.key: 7], highestExportID: 3)))?.gaps
                == [.export(journal: 3, shown: 4, place: "archive/4")])
        #expect(refusal(.present(JournalHighWater(sequences: [Self.key: 9], highestExportID: 4))) == nil)
        // A fresh install: nothing archived, nothing to refuse.
        #expect(SequenceFloorCheck.refusal(.missing, evidence: SequenceEvidence(), journalPath: "j", recovery: "r") == nil)
    }
}
