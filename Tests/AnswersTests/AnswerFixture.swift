import Answers
import Foundation
import Journal
import TestSupport

/// A real SQLite journal in a temporary directory, submissions recorded the way the conversion stage
/// records them (with their FI files on disk), and answer files stored and recorded as downloaded.
final class AnswerFixture {
    struct Part {
        var file: SubmissionFileRecord
        var date: String
        var hour: String
    }

    struct Sent {
        var submission: SubmissionRecord
        var parts: [Part]
        var goName: String
        var id: Int64 { submission.id! }
    }

    let directory: TemporaryDirectory
    let journal: Journal
    let logs = LogCapture()
    let applier: AnswerApplier
    private var stampCounter = 0
    private var answerCounter = 0

    init() throws {
        directory = try TemporaryDirectory("answers-test")
        journal = try Journal(path: directory.file("journal.sqlite").path)
        applier = AnswerApplier(journal: journal, logger: logs.logger)
    }

    /// A submission with one FI part per element of `parts`, recorded, written, and moved to `state`
    /// through the real transitions. Export lines start at 2 (line 1 is the header) and run across parts.
    /// With `signed`, each FI has its FS, as in production.
    func submission(parts: [[TestDocuments.Record]], state: SubmissionState = .sent, signed: Bool = false) throws -> Sent {
        let export = try journal.registerExport(ExportRecord(sourceFile: "payroll.csv", storedPath: "/tmp/payroll.csv",
                                                             sha256: UUID().uuidString, byteCount: 10)).export
        var stamps: [(date: String, hour: String)] = []
        var lines: [[Int]] = []
        var nextLine = 2
        for records in parts {
            stampCounter += 1
            stamps.append(("2026-11-23", String(format: "12:%02d:%02d.%03d", 30 + stampCounter / 60, stampCounter % 60,
                                                 195 + stampCounter)))
            lines.append(Array(nextLine..<(nextLine + records.count)))
            nextLine += records.count
        }
        let root = directory.path + "/submissions"
        let template = SubmissionRecord(exportID: export.id!, flow: "FLAX", sender: "123456", environment: "T",
                                        nameDate: "20261123", sequence: 0, parts: parts.count,
                                        recordCount: parts.reduce(0) { $0 + $1.count }, goName: "", directory: "")
        let partCount = parts.count
        let frozenStamps = stamps, frozenLines = lines
        let recorded = try journal.recordConversion(exportID: export.id!, submissions: [template]) { _, sequence in
            let stem = "FLAX.123456.20261123.\(String(format: "%05d", sequence)).T.\(partCount)"
            var files: [SubmissionFileRecord] = []
            for part in 1...partCount {
                files.append(SubmissionFileRecord(
                    kind: .fi, part: part, name: "FI.\(stem).\(part)", byteCount: 100, sha256: "sha-\(part)",
                    formCreation: "\(frozenStamps[part - 1].date) \(frozenStamps[part - 1].hour)",
                    recordLines: SubmissionFileRecord.encodeLines(frozenLines[part - 1])))
                if signed {
                    files.append(SubmissionFileRecord(kind: .fs, part: part, name: "FS.\(stem).\(part)", byteCount: 10,
                                                      sha256: "fs-\(part)"))
                }
            }
            files.append(SubmissionFileRecord(kind: .go, part: 0, name: "GO.\(stem)", byteCount: 0, sha256: "empty"))
            return NamedFiles(goName: "GO.\(stem)", directory: "\(root)/GO.\(stem)", files: files)
        }[0]
        try FileManager.default.createDirectory(atPath: recorded.submission.directory, withIntermediateDirectories: true)
        var written: [Part] = []
        for file in recorded.files where file.kind == .fi {
            let stamp = stamps[file.part - 1]
            let xml = TestDocuments.fi(date: stamp.date, hour: stamp.hour, records: parts[file.part - 1])
            try Data(xml.utf8).write(to: URL(fileURLWithPath: recorded.submission.directory + "/" + file.name))
            written.append(Part(file: file, date: stamp.date, hour: stamp.hour))
        }
        let id = recorded.submission.id!
        let path: [SubmissionState] = [.uploading, .sent, .acknowledged]
        if state != .prepared {
            for step in path {
                try journal.transition(id, to: step)
                if step == state { break }
            }
        }
        return Sent(submission: try journal.submission(id)!, parts: written, goName: recorded.submission.goName)
    }

    /// Stores an answer file as the download stage does and records it as downloaded.
    @discardableResult
    func answer(_ type: String, _ contents: String) throws -> AnswerRecord {
        answerCounter += 1
        let name = "FO.\(type).999999.20261123.\(String(format: "%05d", answerCounter)).T.1.1"
        let folder = directory.path + "/answers"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return try journal.recordDownloadedAnswer(name: name, storedPath: path, type: type)
    }

    func state(_ sent: Sent) throws -> SubmissionState? {
        try journal.submission(sent.id)?.state
    }
}
