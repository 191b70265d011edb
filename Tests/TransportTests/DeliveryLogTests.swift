@testable import Delivery
import Foundation
import Journal
import TestSupport
import Testing
@testable import Transport

/// What a delivery writes and when: done steps and the move to `uploading` wait for the next intent and
/// go with it in one transaction; nothing is written before that.
@Suite struct DeliveryLogTests {
    @Test func doneStepsAndStateChangesGoWithTheNextIntent() throws {
        let fixture = try UploadFixture()
        let submission = try fixture.prepare(parts: 2, size: 10)
        let id = submission.id!
        let files = try fixture.journal.files(of: id).filter { $0.kind == .fi }
        func step(_ index: Int, _ kind: UploadStepRecord.Step) -> UploadStepRecord {
            UploadStepRecord(submissionID: id, fileName: files[index].name, temporaryName: "tmp-\(index)", step: kind, attempt: 1)
        }
        var log = DeliveryLog(journal: fixture.journal, submissionID: id)
        log.enter(.uploading, detail: "upload attempt 1")
        #expect(try fixture.journal.submission(id)?.state == .prepared)

        let afterIntent = try log.write(step(0, .writing), durable: false)
        #expect(afterIntent?.state == .uploading)
        #expect(try fixture.journal.uploadSteps(of: id).map(\.step) == [.writing])

        log.done(step(0, .inPlace))
        #expect(try fixture.journal.uploadSteps(of: id).map(\.step) == [.writing], "a done step waits")
        try log.write(step(1, .writing), durable: true)
        let steps = Dictionary(uniqueKeysWithValues: try fixture.journal.uploadSteps(of: id).map { ($0.fileName, $0.step) })
        #expect(steps == [files[0].name: .inPlace, files[1].name: .writing])

        let sent = try log.write(step(1, .inPlace), enter: .sent, detail: "GO written", durable: false)
        #expect(sent?.state == .sent)
        #expect(try log.write(step(1, .inPlace), durable: false) == nil, "no state change, nothing read back")
        #expect(try fixture.journal.events(submissionID: id).compactMap(\.fromState) == ["prepared", "uploading"])
    }
}
