@testable import CSVInput
import FuzzSupport

/// Small limits, so that inputs of a few kilobytes cross each of them.
private let smallLimits = CSVLimits(maxFieldBytes: 64, maxRecordBytes: 256, maxFieldsPerRecord: 12)

/// `CSVSource` (encoding and delimiter detection, then `RecordStream` and `RecordParser`) over the input,
/// once with the default limits and once with small ones and reads of a few bytes (1 to 64, chosen by
/// the input), so that buffer boundaries fall inside quotes, line ends and UTF-8 sequences.
///
/// Promises checked: a malformed file throws a `CSVInputError` (never a crash) on a line the file has;
/// every row has the header's field count and starts on a later line than the row before; no field or
/// row outgrows the limits (a Windows-1252 byte is at most 3 bytes of UTF-8); a ragged row leaves the
/// source usable, and any other error is final: the next call throws it again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVRecords(_ raw: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = inputFile(raw, size)
    let readSize = 1 + bytes(raw, size).reduce(0) { ($0 &+ Int($1)) & 63 }
    read(input.path, limits: .default, readSize: .max, lines: input.lines)
    read(input.path, limits: smallLimits, readSize: readSize, lines: input.lines)
    return 0
}

private func read(_ path: String, limits: CSVLimits, readSize: Int, lines: Int) {
    func checkPlace(_ error: CSVInputError) {
        promise(error.file == "fuzz.csv", "\(error) names another file")
        if let line = error.line { promise(line >= 1 && line <= lines, "\(error): the file has \(lines) lines") }
        promise(!error.description.isEmpty, "an empty message")
    }
    var source: CSVSource
    do {
        source = try CSVSource(path: path, displayName: "fuzz.csv", limits: limits, readSize: readSize)
    } catch {
        checkPlace(error)
        return
    }
    promise(source.headerLine >= 1 && source.headerLine <= lines, "header on line \(source.headerLine) of \(lines)")
    checkFields(source.header, limits: limits, encoding: source.encoding)
    var previous = source.headerLine
    var rows = 0
    while true {
        do {
            guard let row = try source.nextRow() else { break }
            promise(row.line > previous && row.line <= lines, "row on line \(row.line) after line \(previous) of \(lines)")
            promise(row.fields.count == source.header.count, "\(row.fields.count) fields, the header has \(source.header.count)")
            checkFields(row.fields, limits: limits, encoding: source.encoding)
            previous = row.line
        } catch {
            checkPlace(error)
            if error.isRecoverable {
                if let line = error.line { promise(line > previous, "ragged row on line \(line) after line \(previous)") }
                previous = error.line ?? previous
            } else {
                do {
                    let row = try source.nextRow()
                    fatal("after \(error), reading went on with \(String(describing: row))")
                } catch let again {
                    promise(again == error, "after \(error), another error: \(again)")
                }
                return
            }
        }
        rows += 1
        promise(rows <= lines, "\(rows) rows from \(lines) lines")
    }
}

private func checkFields(_ fields: [String], limits: CSVLimits, encoding: CSVEncoding) {
    promise(!fields.isEmpty && fields.count <= limits.maxFieldsPerRecord, "a record of \(fields.count) fields")
    let growth = encoding == .windows1252 ? 3 : 1
    var total = 0
    for field in fields {
        let bytes = field.utf8.count
        promise(bytes <= limits.maxFieldBytes * growth, "a field of \(bytes) bytes")
        promise(!field.utf8.contains(0), "a NUL byte in a field")
        total += bytes
    }
    promise(total <= limits.maxRecordBytes * growth, "a record of \(total) bytes")
}

@main
enum CSVRecordsFuzzer {
    static func main() { runFuzzer(test: fuzzCSVRecords) }
}
