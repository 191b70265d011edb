/// Owns a `RecordParser` and its memory: the reference `CSVSource` keeps, freed when the last copy goes.
final class RecordStream {
    private var parser: RecordParser

    init(path: String, fileName: String, encoding: CSVEncoding, skipping: Int, delimiter: CSVDelimiter,
         limits: CSVLimits, readSize: Int = .max) throws(CSVInputError) {
        parser = try RecordParser(path: path, fileName: fileName, encoding: encoding, skipping: skipping,
                                  delimiter: delimiter, limits: limits, readSize: readSize)
    }

    deinit { parser.release() }

    /// Reads the next record; false at the end of the file.
    func next() throws(CSVInputError) -> Bool { try parser.nextRecord() }

    /// The fields of the last record read.
    var fields: [String] { parser.fields }
    /// The line the last record read starts on.
    var line: Int { parser.recordLine }
    /// Whether the last record is a blank line (one empty field); blank lines are not rows.
    var isBlank: Bool { parser.isBlankRecord }
}
