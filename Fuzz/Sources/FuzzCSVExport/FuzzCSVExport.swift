import CSVInput
import FLAFlow
import FuzzSupport

/// Small limits, so that inputs of a few kilobytes cross each of them.
private let smallLimits = CSVLimits(maxFieldBytes: 64, maxRecordBytes: 512, maxFieldsPerRecord: 24)

/// The CSV export reader (`CSVExportReader`): the header mapped to FLA fields, each row validated into a
/// record or rejected with its problems, duplicates found; with the default limits and small ones.
/// The promises checked are those of every export reader (see `readExport`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVExport(_ raw: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzExport(raw, size, file: "export.csv", limits: [CSVLimits.default, smallLimits]) { path, limits throws(RecordProblem) in
        let reader = try CSVExportReader(path: path, displayName: "export.csv", limits: limits)
        promise(!reader.mapping.columnNames.isEmpty, "a header mapped to no column")
        return reader
    }
    return 0
}

@main
enum CSVExportFuzzer {
    static func main() { runFuzzer(test: fuzzCSVExport) }
}
