import Foundation
import Glibc
import Journal
import Synchronization
import Testing
import TestSupport
@testable import Spool

@Suite struct IntakeTests {
    @Test func claimMovesTheFileIntoWorkAndRecordsItsHash() throws {
        let spool = try SpoolFixture()
        let intake = spool.intake()
        let contents = "employer;worker\n0123456749;85073003328\n"
        try spool.dropByRename("payroll.csv", contents)

        let outcome = try intake.claim(name: "payroll.csv")
        guard case .claimed(let claimed) = outcome else {
            Issue.record("expected a claim, got \(outcome)")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: spool.incoming("payroll.csv")))
        #expect(claimed.path.hasPrefix(spool.layout.work + "/"))
        #expect(claimed.path.hasSuffix("-payroll.csv"))
        #expect(try String(contentsOfFile: claimed.path, encoding: .utf8) == contents)

        // The hash is the one openssl computes over the same bytes.
        let digest = try Command.check("openssl", ["dgst", "-sha256", "-r", claimed.path]).stdout
        #expect(claimed.sha256 == String(digest.prefix(64)))
        let record = try #require(try spool.journal.export(claimed.id))
        #expect(record.sourceFile == "payroll.csv")
        #expect(record.storedPath == claimed.path)
        #expect(record.byteCount == Int64(contents.utf8.count))
        #expect(record.state == .received)

        let line = try #require(spool.log.messages(containing: "took payroll.csv as export").first)
        #expect(line.metadata["source_file"] == "payroll.csv")
        #expect(line.metadata["export_id"] == "\(claimed.id)")
    }

    @Test func theSameContentAgainIsADuplicateSetAsideAndNotSent() throws {
        let spool = try SpoolFixture()
        let intake = spool.intake()
        try spool.dropByRename("first.csv", "same bytes\n")
        guard case .claimed(let first) = try intake.claim(name: "first.csv") else {
            Issue.record("first file not claimed")
            return
        }
        try spool.dropByRename("again.csv", "same bytes\n")
        let outcome = try intake.claim(name: "again.csv")
        guard case .duplicate(let second, let keptAt) = outcome else {
            Issue.record("expected a duplicate, got \(outcome)")
            return
        }
        #expect(keptAt == "\(spool.layout.failed)/\(FileMove.baseName(second.path))")
        #expect(try String(contentsOfFile: keptAt, encoding: .utf8) == "same bytes\n")
        let reason = try String(contentsOfFile: keptAt + ".reason", encoding: .utf8)
        #expect(reason.contains("not sent: same content as export \(first.id) (first.csv)"))
        #expect(reason.contains("file: \(FileMove.baseName(second.path))"))

        let stored = try #require(try spool.journal.export(second.id))
        #expect(stored.state == .duplicate)
        #expect(stored.sourceFile == "again.csv")
        #expect(stored.detail?.contains("set aside as \(keptAt)") == true)
        #expect(try spool.journal.export(first.id)?.state == .received)
        // Only the first stays in work/ for conversion.
        #expect(names(in: spool.layout.work) == [FileMove.baseName(first.path)])
        #expect(!spool.log.messages(containing: "again.csv is a duplicate").isEmpty)
    }

    @Test func namesThatAreGoneIgnoredOrFoldersAreLeftAlone() throws {
        let spool = try SpoolFixture()
        let intake = spool.intake()
        #expect(try intake.claim(name: "never-there.csv") == .vanished(name: "never-there.csv"))
        try spool.dropByRename("upload.part", "half")
        #expect(try intake.claim(name: "upload.part") == .skipped(name: "upload.part"))
        try FileManager.default.createDirectory(atPath: spool.incoming("folder.csv"), withIntermediateDirectories: false)
        #expect(try intake.claim(name: "folder.csv") == .skipped(name: "folder.csv"))
        #expect(names(in: spool.layout.incoming) == ["folder.csv", "upload.part"])
        #expect(try spool.journal.exports().isEmpty)
    }

    @Test func linksAndPipesAreSetAsideWithoutBeingFollowedOrRead() throws {
        let spool = try SpoolFixture()
        let intake = spool.intake()
        let target = try spool.directory.write("secret.txt", "do not read")
        #expect(symlink(target.path, spool.incoming("link.csv")) == 0)
        #expect(mkfifo(spool.incoming("pipe.csv"), 0o600) == 0)

        for name in ["link.csv", "pipe.csv"] {
            let outcome = try intake.claim(name: name)
            guard case .quarantined(let reported, let keptAt, let reason) = outcome else {
                Issue.record("expected \(name) to be set aside, got \(outcome)")
                continue
            }
            #expect(reported == name)
            #expect(reason.contains("not a plain file"))
            #expect(FileManager.default.fileExists(atPath: keptAt + ".reason"))
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "do not read")
        #expect(try spool.journal.exports().isEmpty)
        #expect(names(in: spool.layout.incoming).isEmpty)
    }

    @Test func aFileStillChangingWhileBeingHashedIsPutBackToSettle() async throws {
        let spool = try SpoolFixture()
        let intake = spool.intake()
        let descriptor = open(spool.incoming("busy.csv"), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        // A writer that ignores the settle rule and keeps appending through its open descriptor,
        // which follows the file into work/.
        // 64 MiB (sparse) take a while to hash, so the writer surely gets the processor meanwhile.
        try #require(ftruncate(descriptor, 64 << 20) == 0)
        let stop = Atomic<Bool>(false)
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var byte: UInt8 = 0x78
            _ = write(descriptor, &byte, 1)
            started.signal()
            while !stop.load(ordering: .relaxed) {
                _ = write(descriptor, &byte, 1)
                usleep(100)
            }
            finished.signal()
        }
        started.wait()
        let outcome = try intake.claim(name: "busy.csv")
        stop.store(true, ordering: .relaxed)
        finished.wait()

        #expect(outcome == .stillWritten(name: "busy.csv"))
        #expect(names(in: spool.layout.incoming) == ["busy.csv"])
        #expect(names(in: spool.layout.work).isEmpty)
        #expect(try spool.journal.exports().isEmpty)
        #expect(!spool.log.messages(containing: "changed while it was being read").isEmpty)
    }

    @Test func rescanListsCandidatesOnly() throws {
        let spool = try SpoolFixture()
        for name in ["b.csv", "a.csv", ".hidden", "c.tmp", "d.part", "e.csv~"] { try spool.dropByRename(name, name) }
        try FileManager.default.createDirectory(atPath: spool.incoming("sub"), withIntermediateDirectories: false)
        #expect(try spool.intake().rescan() == ["a.csv", "b.csv"])
    }

    @Test func recoverRegistersFilesLeftInWorkWithoutAJournalRow() throws {
        let spool = try SpoolFixture()
        let intake = spool.intake()
        // A crash between the rename and the journal insert leaves exactly this behind.
        let arrival = Date(timeIntervalSince1970: 1_768_472_100)
        let orphan = WorkName(sourceName: "payroll.csv", claimedAt: arrival).text
        try Data("orphan\n".utf8).write(to: URL(fileURLWithPath: "\(spool.layout.work)/\(orphan)"))
        try Data("manual\n".utf8).write(to: URL(fileURLWithPath: "\(spool.layout.work)/dropped-by-hand.csv"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(spool.layout.work)/.staging.tmp"))
        try FileManager.default.createDirectory(atPath: "\(spool.layout.work)/staging", withIntermediateDirectories: false)

        let outcomes = try intake.recover()
        let claimed = outcomes.compactMap { outcome -> ClaimedExport? in
            if case .claimed(let export) = outcome { return export }
            return nil
        }
        #expect(claimed.count == 2)
        #expect(Set(claimed.map(\.sourceName)) == ["payroll.csv", "dropped-by-hand.csv"])
        let recovered = try #require(claimed.first { $0.sourceName == "payroll.csv" })
        #expect(recovered.path == "\(spool.layout.work)/\(orphan)")
        #expect(recovered.record.receivedAt == arrival)
        #expect(try spool.journal.export(recovered.id)?.state == .received)
        #expect(!spool.log.messages(containing: "left in work/ by an interrupted intake").isEmpty)

        // Known files are not registered twice.
        #expect(try intake.recover().isEmpty)
        #expect(try spool.journal.exports().count == 2)
    }

    @Test func recoverFinishesSettingAsideADuplicateThatStayedInWork() throws {
        let spool = try SpoolFixture()
        let intake = spool.intake()
        try spool.dropByRename("first.csv", "same\n")
        guard case .claimed(let first) = try intake.claim(name: "first.csv") else {
            Issue.record("first file not claimed")
            return
        }
        // Recorded as a duplicate, then the process died before the move to failed/.
        let stranded = "\(spool.layout.work)/\(WorkName(sourceName: "again.csv").text)"
        try Data("same\n".utf8).write(to: URL(fileURLWithPath: stranded))
        let registered = try spool.journal.registerExport(
            ExportRecord(sourceFile: "again.csv", storedPath: stranded, sha256: first.sha256, byteCount: 5))
        #expect(registered.export.state == .duplicate)

        let outcomes = try intake.recover()
        guard outcomes.count == 1, case .duplicate(let duplicate, let keptAt) = outcomes[0] else {
            Issue.record("expected one duplicate set aside, got \(outcomes)")
            return
        }
        #expect(duplicate.id == registered.export.id)
        #expect(!FileManager.default.fileExists(atPath: stranded))
        #expect(FileManager.default.fileExists(atPath: keptAt))
        #expect(try String(contentsOfFile: keptAt + ".reason", encoding: .utf8)
            .contains("same content as export \(first.id) (first.csv)"))
        #expect(names(in: spool.layout.work) == [FileMove.baseName(first.path)])
    }
}
