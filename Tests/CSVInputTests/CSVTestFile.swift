import CSVInput
import Foundation
import TestSupport

/// Writes a CSV (text or raw bytes) into a fresh temporary directory and opens it.
struct CSVTestFile {
    let directory: TemporaryDirectory
    let path: String

    init(_ text: String, name: String = "export.csv") throws {
        try self.init(bytes: Array(text.utf8), name: name)
    }

    init(bytes: [UInt8], name: String = "export.csv") throws {
        directory = try TemporaryDirectory("csvinput")
        path = try directory.write(name, bytes: Data(bytes)).path
    }

    func open(limits: CSVLimits = .default) throws(CSVInputError) -> CSVSource {
        try CSVSource(path: path, limits: limits)
    }

    /// Every row until the end, or the error that stopped the reading.
    func readAll(limits: CSVLimits = .default) throws(CSVInputError) -> [CSVRow] {
        var source = try open(limits: limits)
        var rows: [CSVRow] = []
        while let row = try source.nextRow() { rows.append(row) }
        return rows
    }

    /// The error reading fails with (nil if it does not fail).
    func failure(limits: CSVLimits = .default) -> CSVInputError? {
        do { _ = try readAll(limits: limits); return nil } catch { return error }
    }
}
