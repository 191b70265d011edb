import Answers
import Foundation
import Journal
import SafeXML
import Testing
import TestSupport

@Suite struct RecordSelectorTests {
    private func keys(_ pairs: [(String, String)]) -> [AnswerKeyValue] { pairs.map { AnswerKeyValue(name: $0.0, value: $0.1) } }

    @Test func theLineComesFirstThenThePathKeysThenTheINSSItself() {
        let both = AnswerAnomaly(errorID: "1", place: AnomalyPlace(line: 40), path: keys([("INSS", "85073003328")]))
        #expect(RecordSelector(anomaly: both) == .fiLine(40))
        let byKeys = AnswerAnomaly(errorID: "1", path: keys([("NOSSRegistrationNbr", "123456789"), ("CompanyID", "202239951"),
                                                             ("INSS", "85.07.30-033.28")]))
        // A 9-digit CompanyID is the 10-digit one without its leading 0.
        #expect(RecordSelector(anomaly: byKeys) == .keys(inss: "85073003328", companyID: "0202239951"))
        let onINSS = AnswerAnomaly(errorID: "1", tagName: "INSS", value: "85073003328", path: keys([("CompanyID", "0202239951")]))
        #expect(RecordSelector(anomaly: onINSS) == .keys(inss: "85073003328", companyID: nil))
        #expect(RecordSelector(anomaly: AnswerAnomaly(errorID: "1", tagName: "Days", value: "85073003328")) == nil)
        #expect(RecordSelector(anomaly: AnswerAnomaly(errorID: "1", path: keys([("INSS", "123")]))) == nil)
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

    // The FI's lines: records start at 13 (R1), 22 (F1), 37 (R2), 46 (F2); the header is lines 1-12.
    private func keys(_ pairs: [(String, String)]) -> [AnswerKeyValue] { pairs.map { AnswerKeyValue(name: $0.0, value: $0.1) } }

    @Test func locatesByLineAndByKeys() throws {
        let directory = try TemporaryDirectory()
        let part = try writeFI(directory)
        let anomalies = [
            AnswerAnomaly(errorID: "a", place: AnomalyPlace(line: 45)),
            AnswerAnomaly(errorID: "b", place: AnomalyPlace(line: 22)),
            AnswerAnomaly(errorID: "c", place: AnomalyPlace(line: 60)),
            AnswerAnomaly(errorID: "d", path: keys([("CompanyID", "0202239951"), ("INSS", TestDocuments.nissC)])),
            AnswerAnomaly(errorID: "e", tagName: "INSS", value: TestDocuments.nissB),
            AnswerAnomaly(errorID: "f", place: AnomalyPlace(line: 10)),
            AnswerAnomaly(errorID: "g", path: keys([("CompanyID", "0999999999"), ("INSS", TestDocuments.nissC)])),
            AnswerAnomaly(errorID: "h", tagName: "INSS", value: "01020300467"),
        ]
        let located = try RecordLocator().locate(anomalies, in: part, directory: directory.path)
        #expect(located == [
            RecordLocation(position: 3, exportLine: 15),
            RecordLocation(position: 2, exportLine: 12),
            RecordLocation(position: 4, exportLine: 40),
            // The first record of that worker for that employer.
            RecordLocation(position: 3, exportLine: 15),
            RecordLocation(position: 2, exportLine: 12),
            nil, // the form's header
            nil, // that worker, but not for that employer
            nil, // nobody with that number in this part
        ])
    }

    @Test func theLinesKeptAtWritingTimeAreUsedWithoutReadingTheFI() throws {
        let directory = try TemporaryDirectory()
        var part = try writeFI(directory)
        part.recordFILines = SubmissionFileRecord.encodeLines([13, 22, 37, 46])
        try FileManager.default.removeItem(atPath: directory.path + "/" + part.name)
        let located = try RecordLocator().locate([AnswerAnomaly(errorID: "a", place: AnomalyPlace(line: 50))],
                                                 in: part, directory: directory.path)
        #expect(located == [RecordLocation(position: 4, exportLine: 40)])
        #expect(part.record(atFILine: 12) == nil)
        // Read from the FI, they are the same.
        _ = try writeFI(directory)
        let read = try RecordLocator().recordStartLines(inFIAt: directory.path + "/" + part.name)
        #expect(read == [13, 22, 37, 46], "\(read)")
    }

    @Test func aPartWithoutRecordLinesStillGivesPositions() throws {
        let directory = try TemporaryDirectory()
        var part = try writeFI(directory)
        part.recordLines = nil
        let located = try RecordLocator().locate([AnswerAnomaly(errorID: "a", place: AnomalyPlace(line: 48))],
                                                 in: part, directory: directory.path)
        #expect(located == [RecordLocation(position: 4, exportLine: nil)])
    }

    @Test func aMissingFIIsAnErrorNamingIt() throws {
        let directory = try TemporaryDirectory()
        let part = SubmissionFileRecord(kind: .fi, part: 1, name: "FI.GONE", byteCount: 0, sha256: "")
        let error = #expect(throws: XMLError.self) {
            try RecordLocator().locate([AnswerAnomaly(errorID: "a", place: AnomalyPlace(line: 13))],
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
            AnswerAnomaly(errorID: "a", place: AnomalyPlace(line: 13 + 9 * (count - 3) + 15 + 9)),
            AnswerAnomaly(errorID: "b", tagName: "INSS", value: TestDocuments.nissB),
        ], in: part, directory: directory.path)
        #expect(located == [RecordLocation(position: count, exportLine: count + 1),
                            RecordLocation(position: count - 1, exportLine: count)])
    }
}
