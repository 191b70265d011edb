import Foundation
import GRDB

/// One file of a submission (an FI or FS part, or the GO) with what is needed to check it and trace it back.
public struct SubmissionFileRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "submissionFile"

    public enum Kind: String, Codable, Sendable, DatabaseValueConvertible { case fi = "FI", fs = "FS", go = "GO" }

    public var id: Int64?
    public var submissionID: Int64
    public var kind: Kind
    /// 1-based part number; 0 for the GO.
    public var part: Int
    public var name: String
    public var byteCount: Int64
    public var sha256: String
    /// FI only: the form's creation date and hour, unique across every FI (answers are matched on them).
    public var formCreation: String?
    /// FI only: the export line of each record, in document order (little-endian UInt32s).
    public var recordLines: Data?
    /// FI only: the FI line on which each record starts, in document order (little-endian UInt32s), so an
    /// anomaly the platform locates by line is traced to its record.
    public var recordFILines: Data?

    public init(id: Int64? = nil, submissionID: Int64 = 0, kind: Kind, part: Int, name: String,
                byteCount: Int64, sha256: String, formCreation: String? = nil, recordLines: Data? = nil,
                recordFILines: Data? = nil) {
        self.id = id; self.submissionID = submissionID; self.kind = kind; self.part = part; self.name = name
        self.byteCount = byteCount; self.sha256 = sha256; self.formCreation = formCreation
        self.recordLines = recordLines; self.recordFILines = recordFILines
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Read column by column, as `SubmissionRecord` is.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id"); submissionID = try row.decode(forColumn: "submissionID")
        kind = try row.decode(forColumn: "kind"); part = try row.decode(forColumn: "part")
        name = try row.decode(forColumn: "name"); byteCount = try row.decode(forColumn: "byteCount")
        sha256 = try row.decode(forColumn: "sha256"); formCreation = try row.decode(forColumn: "formCreation")
        recordLines = try row.decode(forColumn: "recordLines")
        recordFILines = try row.decode(forColumn: "recordFILines")
    }

    /// The export line of the record at `position` (1-based, in document order), if known.
    public func line(ofRecordAt position: Int) -> Int? {
        guard let recordLines else { return nil }
        return Self.value(at: position, in: recordLines)
    }

    /// The record (1-based position) whose lines in the FI hold `fiLine`; nil for a line before the
    /// first record (the form's header) or when the record lines were not kept.
    public func record(atFILine fiLine: Int) -> Int? {
        guard let recordFILines, recordFILines.count >= 4 else { return nil }
        let count = recordFILines.count / 4
        // The last record starting at or before the line.
        var low = 1, high = count, found: Int?
        while low <= high {
            let middle = (low + high) / 2
            if let start = Self.value(at: middle, in: recordFILines), start <= fiLine {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return found
    }

    private static func value(at position: Int, in data: Data) -> Int? {
        guard position >= 1, position * 4 <= data.count else { return nil }
        let offset = (position - 1) * 4
        return data.withUnsafeBytes { raw in
            Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
    }

    public static func encodeLines(_ lines: [Int]) -> Data {
        var data = Data(capacity: lines.count * 4)
        for line in lines {
            withUnsafeBytes(of: UInt32(clamping: line).littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }
}
