import FLAFlow
import Foundation
import Testing

/// The CSV fixtures shipped in `Fixtures/csv`, and helpers to read one to the end.
enum CSVFixture {
    static func path(_ name: String) throws -> String {
        let base = try #require(Bundle.module.resourceURL)
        let url = base.appendingPathComponent("Fixtures/csv/\(name)")
        try #require(FileManager.default.fileExists(atPath: url.path), "missing fixture \(name)")
        return url.path
    }

    static func reader(_ name: String, profile: ColumnProfile? = nil) throws -> CSVExportReader {
        try CSVExportReader(path: path(name), profile: profile)
    }

    /// Every item of an export, split into records and rejected rows.
    struct Outcome {
        var records: [SourcedRecord] = []
        var rejected: [[RecordProblem]] = []

        var rejectedLines: [Int] { rejected.compactMap { $0.first?.line } }

        /// The problems of the rejected row on `line` as `field: reason`.
        func problems(onLine line: Int) -> [String] {
            rejected.first { $0.first?.line == line }?.map { "\($0.field ?? "-"): \($0.reason)" } ?? []
        }
    }

    static func readAll(_ reader: inout CSVExportReader) throws(RecordProblem) -> Outcome {
        var outcome = Outcome()
        while let item = try reader.next() {
            switch item {
            case .record(let record): outcome.records.append(record)
            case .rejected(let problems): outcome.rejected.append(problems)
            }
        }
        return outcome
    }

    static func readAll(_ name: String, profile: ColumnProfile? = nil) throws -> Outcome {
        var reader = try reader(name, profile: profile)
        return try readAll(&reader)
    }

    /// The problem that stops reading the file (at the header or later).
    static func fileProblem(_ name: String, profile: ColumnProfile? = nil) throws -> RecordProblem? {
        do {
            _ = try readAll(name, profile: profile)
            return nil
        } catch let problem as RecordProblem {
            return problem
        }
    }
}
