import Answers
import Foundation
import Journal
import SafeXML
import Testing
import TestSupport

@Suite struct RecordSelectorTests {
    @Test(arguments: [
        ("/FLAOriginal/Form/Records/TrainingRight[2]", RecordSelector.element(name: "TrainingRight", index: 2)),
        ("/FLAOriginal/Form/Records/TrainingFollowed[1]/Worker/INSS", .element(name: "TrainingFollowed", index: 1)),
        ("/FLAOriginal/Form/Records/*[3]", .position(3)),
        ("/f:FLAOriginal/f:Form/f:Records/f:TrainingRight[ 4 ]", .element(name: "TrainingRight", index: 4)),
        ("/FLAOriginal/Form/Records/TrainingRight[Worker/INSS='85073003328']", .worker(inss: "85073003328")),
        ("/FLAOriginal/Form/Records/*[Worker/INSS=\"85073003328\"]/Days", .worker(inss: "85073003328")),
        ("/FLAOriginal/Form/Records/TrainingRight/Worker[INSS = '85.07.30-033.28']", .worker(inss: "85073003328")),
    ])
    func readsThePathsThePlatformWrites(path: String, expected: RecordSelector) {
        #expect(RecordSelector(path: path) == expected)
    }

    @Test(arguments: [
        "/FLAOriginal/Form/Declarant/CompanyID",
        "/FLAOriginal/Form/Records",
        "/FLAOriginal/Form/Records/TrainingRight",
        "/FLAOriginal/Form/Records/TrainingRight[0]",
        "/FLAOriginal/Form/Records/TrainingRight[last()]",
        "/FLAOriginal/Form/Records/TrainingRight[Worker/INSS='123']",
        "/FLAOriginal/Form/Records/TrainingRight[2",
        "",
    ])
    func aPathNamingNoSingleRecordSelectsNothing(path: String) {
        #expect(RecordSelector(path: path) == nil)
    }

    @Test func anAnomalyOnTheINSSNamesItsWorkerWhenThePathDoesNot() {
        let onINSS = AnswerAnomaly(errorID: "1", tagName: "INSS", value: "85073003328", path: "/FLAOriginal/Form/Records")
        #expect(RecordSelector(anomaly: onINSS) == .worker(inss: "85073003328"))
        let withPath = AnswerAnomaly(errorID: "1", tagName: "INSS", value: "85073003328",
                                     path: "/FLAOriginal/Form/Records/*[5]")
        #expect(RecordSelector(anomaly: withPath) == .position(5))
        let otherTag = AnswerAnomaly(errorID: "1", tagName: "Days", value: "85073003328")
        #expect(RecordSelector(anomaly: otherTag) == nil)
    }
}

@Suite struct PersonalDataMaskTests {
    @Test func masksANationalNumberValue() {
        #expect(PersonalDataMask.value("85073003328", tagName: "INSS") == "*********28")
        // Valid check digits are enough, whatever the tag.
        #expect(PersonalDataMask.value("85073003328", tagName: "Remark") == "*********28")
        // Under an INSS tag even a wrong number is masked.
        #expect(PersonalDataMask.value("12345", tagName: "INSS") == "***45")
        #expect(PersonalDataMask.value("5.5", tagName: "Days") == "5.5")
    }

    @Test func masksNationalNumbersInsideFreeText() {
        let path = "/FLAOriginal/Form/Records/TrainingRight[Worker/INSS='85073003328']"
        #expect(PersonalDataMask.text(path) == "/FLAOriginal/Form/Records/TrainingRight[Worker/INSS='*********28']")
        #expect(PersonalDataMask.text("worker 85.07.30-033.28 unknown.") == "worker *********28 unknown.")
        // Dates, ids and positions stay readable.
        #expect(PersonalDataMask.text("2026-11-23 line 12 TrainingRight[2] 00011-155") == "2026-11-23 line 12 TrainingRight[2] 00011-155")
    }
}

@Suite struct RecordLocatorTests {
    private let records: [TestDocuments.Record] = [
        .right(id: "R1", inss: TestDocuments.nissA),
        .followed(id: "F1", inss: TestDocuments.nissB),
        .right(id: "R2", inss: TestDocuments.nissC),
        .followed(id: "F2", inss: TestDocuments.nissC),
    ]

    private func writeFI(_ directory: TemporaryDirectory) throws -> SubmissionFileRecord {
        let name = "FI.FLAX.123456.20261123.00001.T.1.1"
        try directory.write(name, TestDocuments.fi(date: "2026-11-23", hour: "12:30:34.195", records: records))
        return SubmissionFileRecord(kind: .fi, part: 1, name: name, byteCount: 0, sha256: "",
                                    recordLines: SubmissionFileRecord.encodeLines([10, 12, 15, 40]))
    }

    @Test func findsEachKindOfSelectorInOneReading() throws {
        let directory = try TemporaryDirectory()
        let part = try writeFI(directory)
        let anomalies = [
            AnswerAnomaly(errorID: "a", path: "/FLAOriginal/Form/Records/TrainingRight[2]"),
            AnswerAnomaly(errorID: "b", path: "/FLAOriginal/Form/Records/*[2]"),
            AnswerAnomaly(errorID: "c", path: "/FLAOriginal/Form/Records/TrainingFollowed[2]/Duration"),
            AnswerAnomaly(errorID: "d", path: "/FLAOriginal/Form/Records/*[Worker/INSS='\(TestDocuments.nissC)']"),
            AnswerAnomaly(errorID: "e", tagName: "INSS", value: TestDocuments.nissB),
            AnswerAnomaly(errorID: "f", path: "/FLAOriginal/Form/Declarant/CompanyID"),
            AnswerAnomaly(errorID: "g", path: "/FLAOriginal/Form/Records/TrainingRight[3]"),
            AnswerAnomaly(errorID: "h", tagName: "INSS", value: "01020300467"),
        ]
        let located = try RecordLocator().locate(anomalies, in: part, directory: directory.path)
        #expect(located == [
            RecordLocation(position: 3, exportLine: 15),
            RecordLocation(position: 2, exportLine: 12),
            RecordLocation(position: 4, exportLine: 40),
            // The first record of that worker.
            RecordLocation(position: 3, exportLine: 15),
            RecordLocation(position: 2, exportLine: 12),
            nil, // outside the records
            nil, // there are only two TrainingRight
            nil, // nobody with that number in this part
        ])
    }

    @Test func aPartWithoutRecordLinesStillGivesPositions() throws {
        let directory = try TemporaryDirectory()
        var part = try writeFI(directory)
        part.recordLines = nil
        let located = try RecordLocator().locate([AnswerAnomaly(errorID: "a", path: "/FLAOriginal/Form/Records/*[4]")],
                                                 in: part, directory: directory.path)
        #expect(located == [RecordLocation(position: 4, exportLine: nil)])
    }

    @Test func aMissingFIIsAnErrorNamingIt() throws {
        let directory = try TemporaryDirectory()
        let part = SubmissionFileRecord(kind: .fi, part: 1, name: "FI.GONE", byteCount: 0, sha256: "")
        let error = #expect(throws: XMLError.self) {
            try RecordLocator().locate([AnswerAnomaly(errorID: "a", path: "/FLAOriginal/Form/Records/*[1]")],
                                       in: part, directory: directory.path)
        }
        #expect(error?.document == directory.path + "/FI.GONE")
        // Nothing to look for: the file is not even opened.
        #expect(try RecordLocator().locate([AnswerAnomaly(errorID: "a")], in: part, directory: directory.path) == [nil])
    }

    @Test func findsARecordDeepInALargePart() throws {
        let directory = try TemporaryDirectory()
        let count = 20_000
        var many: [TestDocuments.Record] = (1...count).map { .right(id: "R\($0)", inss: TestDocuments.nissA) }
        many[count - 2] = .followed(id: "F", inss: TestDocuments.nissB)
        try directory.write("FI.BIG", TestDocuments.fi(date: "2026-11-23", hour: "12:30:34.195", records: many))
        let part = SubmissionFileRecord(kind: .fi, part: 1, name: "FI.BIG", byteCount: 0, sha256: "",
                                        recordLines: SubmissionFileRecord.encodeLines(Array(2...(count + 1))))
        let located = try RecordLocator().locate([
            AnswerAnomaly(errorID: "a", path: "/FLAOriginal/Form/Records/TrainingRight[\(count - 1)]"),
            AnswerAnomaly(errorID: "b", tagName: "INSS", value: TestDocuments.nissB),
        ], in: part, directory: directory.path)
        #expect(located == [RecordLocation(position: count, exportLine: count + 1),
                            RecordLocation(position: count - 1, exportLine: count)])
    }
}
