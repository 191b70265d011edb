import BatchFormat
@testable import Delivery
import Foundation
@testable import Journal
import TestSupport
import Testing
@testable import Transport

/// A journal with prepared submissions whose files exist locally, next to a real sshd.
final class UploadFixture {
    let transport: TransportFixture
    let dir: TemporaryDirectory
    let journal: Journal

    init(options: SSHServer.Options = SSHServer.Options()) throws {
        transport = try TransportFixture(options: options)
        dir = try TemporaryDirectory("upload")
        journal = try Journal(path: dir.file("journal.sqlite").path)
    }

    /// Records a submission of `parts` FI parts (and FS in production) with random content.
    func prepare(environment: BatchEnvironment = .test, parts: Int = 2, size: Int = 70_000) throws -> SubmissionRecord {
        let export = try journal.registerExport(ExportRecord(sourceFile: "x.csv", storedPath: "x", sha256: UUID().uuidString,
                                                             byteCount: 1)).export
        let folder = dir.file("sub-\(export.id!)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let template = SubmissionRecord(exportID: export.id!, flow: "FLAX", sender: "123456",
                                        environment: environment.letter, nameDate: "20261123", sequence: 0,
                                        parts: parts, recordCount: parts, goName: "", directory: folder.path)
        let dir = self.dir
        return try journal.recordConversion(exportID: export.id!, submissions: [template]) { _, sequence in
            let name = try SubmissionName(flow: FlowCode("FLAX"), sender: SenderNumber("123456"),
                                          date: CalendarDate(compact: "20261123")!, sequence: sequence,
                                          environment: environment, parts: parts)
            var files: [SubmissionFileRecord] = []
            for part in 1...parts {
                var kinds: [(SubmissionFileRecord.Kind, BatchFileName)] = [(.fi, name.fi(part: part))]
                if environment.requiresSignature { kinds.append((.fs, name.fs(part: part))) }
                for (kind, fileName) in kinds {
                    let url = try randomFile(in: dir, named: "sub-\(export.id!)/\(fileName.text)", size: size)
                    files.append(SubmissionFileRecord(kind: kind, part: part, name: fileName.text, byteCount: Int64(size),
                                                      sha256: try SHA256.hex(ofFileAt: url.path),
                                                      formCreation: kind == .fi ? "\(sequence)-\(part)" : nil))
                }
            }
            files.append(SubmissionFileRecord(kind: .go, part: 0, name: name.go.text, byteCount: 0, sha256: ""))
            return NamedFiles(goName: name.go.text, directory: folder.path, files: files)
        }[0].submission
    }

    /// As if the process died after announcing the GO, before recording that it exists.
    func pretendCutAfterGOIntent(_ submission: SubmissionRecord) throws {
        try journal.recordUploadStep(UploadStepRecord(submissionID: submission.id!, fileName: submission.goName,
                                                      temporaryName: nil, step: .writing, attempt: 1))
        try journal.pool.write { db in
            try db.execute(sql: "UPDATE submission SET state = 'uploading' WHERE id = ?", arguments: [submission.id!])
        }
    }

    func uploader(port: Int? = nil) throws -> SubmissionUploader {
        SubmissionUploader(client: try transport.connect(port: port), journal: journal)
    }

    func remoteNames(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: transport.server.file(folder).path).sorted()
    }

    /// Every file of the submission is on the server, byte for byte, and nothing else is.
    func expectDelivered(_ submission: SubmissionRecord, folder: String = "INTEST") throws {
        let files = try journal.files(of: submission.id!)
        #expect(try remoteNames(folder) == files.map(\.name).sorted())
        for file in files where file.kind != .go {
            let remote = try Data(contentsOf: transport.server.file("\(folder)/\(file.name)"))
            let local = try Data(contentsOf: URL(fileURLWithPath: submission.directory + "/" + file.name))
            #expect(remote == local, "\(file.name)")
        }
        #expect(try journal.submission(submission.id!)?.state == .sent)
    }
}

@Suite struct SubmissionUploaderTests {
    @Test func aTestSubmissionGoesToINTESTWithTheGOLast() throws {
        let fixture = try UploadFixture()
        let submission = try fixture.prepare(parts: 2)
        try fixture.uploader().deliver(submission.id!)
        try fixture.expectDelivered(submission)
        let steps = try fixture.journal.uploadSteps(of: submission.id!)
        #expect(steps.count == 3 && steps.allSatisfy { $0.step == .inPlace })
        let events = try fixture.journal.events(submissionID: submission.id!).map(\.toState)
        #expect(events == ["prepared", "uploading", "sent"])
    }

    @Test func aProductionSubmissionGoesToINWithItsSignatures() throws {
        let fixture = try UploadFixture()
        let submission = try fixture.prepare(environment: .production, parts: 1)
        try fixture.uploader().deliver(submission.id!)
        try fixture.expectDelivered(submission, folder: "IN")
        #expect(try fixture.remoteNames("IN").filter { $0.hasPrefix("FS.") }.count == 1)
    }

    @Test func oneSessionServesManySubmissionsAndASentOneIsLeftAlone() throws {
        let fixture = try UploadFixture()
        let submissions = try (0..<5).map { _ in try fixture.prepare(parts: 1, size: 1000) }
        let uploader = try fixture.uploader()
        for submission in submissions { try uploader.deliver(submission.id!) }
        #expect(try fixture.remoteNames("INTEST").count == 10)
        let again = try uploader.deliver(submissions[0].id!)
        #expect(again.state == .sent)
        #expect(try fixture.journal.events(submissionID: submissions[0].id!).count == 3)
    }

    @Test func aPartialTemporaryFileFromACutAttemptIsRewritten() throws {
        let fixture = try UploadFixture()
        let submission = try fixture.prepare(parts: 1)
        let fi = try #require(try fixture.journal.files(of: submission.id!).first)
        try fixture.journal.transition(submission.id!, to: .uploading)
        try fixture.journal.recordUploadStep(UploadStepRecord(submissionID: submission.id!, fileName: fi.name,
                                                              temporaryName: "tmp-\(fi.name)-1", step: .writing, attempt: 1))
        try Data(repeating: 1, count: 100).write(to: fixture.transport.server.file("INTEST/tmp-\(fi.name)-1"))
        try fixture.uploader().deliver(submission.id!)
        try fixture.expectDelivered(submission)
    }

    @Test func aCompleteTemporaryFileIsRenamedAndAnUnrecordedRenameIsRecognised() throws {
        let fixture = try UploadFixture()
        let submission = try fixture.prepare(parts: 2)
        let fis = try fixture.journal.files(of: submission.id!).filter { $0.kind == .fi }
        try fixture.journal.transition(submission.id!, to: .uploading)
        // Part 1: written under its temporary name, the rename never happened.
        try fixture.journal.recordUploadStep(UploadStepRecord(submissionID: submission.id!, fileName: fis[0].name,
                                                              temporaryName: "tmp-a", step: .written, attempt: 1))
        try FileManager.default.copyItem(atPath: submission.directory + "/" + fis[0].name,
                                         toPath: fixture.transport.server.file("INTEST/tmp-a").path)
        // Part 2: renamed on the server, but the cut came before the journal heard of it.
        try fixture.journal.recordUploadStep(UploadStepRecord(submissionID: submission.id!, fileName: fis[1].name,
                                                              temporaryName: "tmp-b", step: .written, attempt: 1))
        try FileManager.default.copyItem(atPath: submission.directory + "/" + fis[1].name,
                                         toPath: fixture.transport.server.file("INTEST/\(fis[1].name)").path)
        try fixture.uploader().deliver(submission.id!)
        try fixture.expectDelivered(submission)
    }

    @Test func aFinalNameFoundWithoutARecordIsReusedOnlyIfItIsOurs() throws {
        let fixture = try UploadFixture()
        let submission = try fixture.prepare(parts: 2)
        let fis = try fixture.journal.files(of: submission.id!).filter { $0.kind == .fi }
        try FileManager.default.copyItem(atPath: submission.directory + "/" + fis[0].name,
                                         toPath: fixture.transport.server.file("INTEST/\(fis[0].name)").path)
        try Data(repeating: 7, count: Int(fis[1].byteCount)).write(to: fixture.transport.server.file("INTEST/\(fis[1].name)"))
        try fixture.uploader().deliver(submission.id!)
        try fixture.expectDelivered(submission)
    }

    @Test func aGOWrittenBeforeTheCutIsNeverWrittenTwice() throws {
        let fixture = try UploadFixture()
        let submission = try fixture.prepare(parts: 1)
        try fixture.uploader().deliver(submission.id!)
        try fixture.pretendCutAfterGOIntent(submission)
        let before = try fixture.remoteNames("INTEST")
        try fixture.uploader().deliver(submission.id!)
        #expect(try fixture.remoteNames("INTEST") == before)
        #expect(try fixture.journal.submission(submission.id!)?.state == .sent)
    }

    @Test func aSubmissionThePlatformAlreadyTookIsSentWithoutUploadingAgain() throws {
        let fixture = try UploadFixture()
        let submission = try fixture.prepare(parts: 1)
        try fixture.uploader().deliver(submission.id!)
        try fixture.pretendCutAfterGOIntent(submission)
        // The platform consumed FI and GO.
        for name in try fixture.remoteNames("INTEST") {
            try FileManager.default.removeItem(at: fixture.transport.server.file("INTEST/\(name)"))
        }
        try fixture.uploader().deliver(submission.id!)
        #expect(try fixture.remoteNames("INTEST").isEmpty)
        #expect(try fixture.journal.submission(submission.id!)?.state == .sent)
    }

    /// A real cut at several points of the byte stream; each time a fresh session finishes the job
    /// and the server ends with exactly one copy of each file and one GO.
    @Test(arguments: [4_000, 60_000, 150_000, 230_000])
    func aConnectionCutAnywhereIsFinishedByTheNextAttempt(cutAfter bytes: Int) throws {
        let fixture = try UploadFixture()
        let submission = try fixture.prepare(parts: 3, size: 70_000)
        let proxy = try TCPProxy(targetPort: fixture.transport.server.port)
        proxy.cutAfter(bytes: bytes)
        var failure: Error?
        do { try fixture.uploader(port: proxy.port).deliver(submission.id!) } catch { failure = error }
        if let failure {
            #expect((failure as? TransportError)?.isTransient == true, "\(failure)")
            // A cut before the session is up leaves it prepared; after that, uploading.
            let state = try fixture.journal.submission(submission.id!)?.state
            #expect(state == .uploading || state == .prepared)
        }
        try fixture.uploader().deliver(submission.id!)
        let names = try fixture.remoteNames("INTEST")
        #expect(names.filter { $0.hasPrefix("GO.") }.count == 1)
        #expect(names.filter { $0.hasPrefix("tmp-") }.isEmpty, "\(names)")
        try fixture.expectDelivered(submission)
    }

    @Test func theServerKilledMidUploadAndRestartedGetsExactlyOneCopy() throws {
        let fixture = try UploadFixture()
        let submissions = try (0..<3).map { _ in try fixture.prepare(parts: 2, size: 200_000) }
        let uploader = try fixture.uploader()
        try uploader.deliver(submissions[0].id!)
        fixture.transport.server.kill()
        #expect(throws: (any Error).self) { try uploader.deliver(submissions[1].id!) }
        try fixture.transport.server.restart()
        let fresh = try fixture.uploader()
        for submission in submissions { try fresh.deliver(submission.id!) }
        let names = try fixture.remoteNames("INTEST")
        #expect(names.filter { $0.hasPrefix("GO.") }.count == 3)
        #expect(names.filter { $0.hasPrefix("tmp-") }.isEmpty)
        #expect(try submissions.allSatisfy { try fixture.journal.submission($0.id!)?.state == .sent })
    }
}
