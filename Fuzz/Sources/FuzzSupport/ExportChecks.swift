import FLAFlow

/// The input as an export file named `file`, read once for each of `limits` by the reader `open` makes:
/// a reader that cannot be made throws a problem naming the file and a line it has, and one that can is
/// read to its end (see `readExport`).
public func fuzzExport<Limits, Reader: ExportReader>(
    _ raw: UnsafePointer<UInt8>?, _ size: Int, file: String, limits: [Limits],
    open: (_ path: String, _ limits: Limits) throws(RecordProblem) -> Reader
) {
    let input = inputFile(raw, size)
    for limit in limits {
        var reader: Reader
        do {
            reader = try open(input.path, limit)
        } catch {
            promise(error.file == file, "\(error) names another file")
            if let line = error.line { promise(line >= 1 && line <= input.lines, "\(error): the file has \(input.lines) lines") }
            continue
        }
        readExport(&reader, file: file, lines: input.lines)
    }
}

/// Reads an export to its end as the conversion does and checks what every export reader promises: a
/// broken file throws a `RecordProblem` (never a crash), a rejected record says why, every record and
/// problem points at a line the file has, and records come in file order.
public func readExport(_ reader: inout some ExportReader, file: String, lines: Int) {
    func check(_ problem: RecordProblem) {
        promise(problem.file == file, "\(problem) names another file")
        if let line = problem.line { promise(line >= 1 && line <= lines, "\(problem): the file has \(lines) lines") }
        promise(!problem.reason.isEmpty, "a problem without a reason")
    }
    var previous = 0
    var items = 0
    do {
        while let item = try reader.next() {
            items += 1
            promise(items <= lines, "\(items) records from \(lines) lines")
            switch item {
            case .record(let record):
                promise(record.line > previous && record.line <= lines,
                        "record on line \(record.line) after line \(previous) of \(lines)")
                previous = record.line
                record.warnings.forEach(check)
            case .rejected(let problems):
                promise(!problems.isEmpty, "a record rejected without a problem")
                problems.forEach(check)
            }
        }
        _ = try reader.lateDuplicates()
    } catch {
        check(error)
    }
}
