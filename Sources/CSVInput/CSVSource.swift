/// A CSV file read one row at a time: encoding and delimiter detected, quoting per RFC 4180, every row
/// with the line it starts on, and a typed error naming file and line for anything malformed.
///
/// Memory stays bounded whatever the file size: one read buffer (256 KiB, more only for a field that long)
/// plus the current row, itself capped by `CSVLimits`. Blank lines are skipped; a file with a header and
/// nothing else has zero rows.
public struct CSVSource {
    /// The file as named in errors.
    public let file: String
    public let path: String
    public let header: [String]
    /// 1-based line of the header row.
    public let headerLine: Int
    public let delimiter: CSVDelimiter
    public let encoding: CSVEncoding
    public let hasByteOrderMark: Bool
    public let limits: CSVLimits

    private let records: RecordStream

    public init(path: String, displayName: String? = nil, limits: CSVLimits = .default) throws(CSVInputError) {
        try self.init(path: path, displayName: displayName, limits: limits, readSize: .max)
    }

    /// `readSize` bounds each read from the file (see `FileByteReader`), for tests and fuzzing.
    init(path: String, displayName: String?, limits: CSVLimits, readSize: Int) throws(CSVInputError) {
        let name = displayName ?? Self.displayName(for: path)
        file = name
        self.path = path
        self.limits = limits
        let detected: EncodingDetector.Result
        do { detected = try EncodingDetector.detect(path: path, readSize: readSize) } catch {
            throw CSVInputError(file: name, line: error.isAboutWholeFile ? nil : 1, kind: error)
        }
        encoding = detected.encoding
        hasByteOrderMark = detected.byteOrderMarkLength > 0
        let guess = try DelimiterGuesser.guess(path: path, name: name, skipping: detected.byteOrderMarkLength,
                                               limits: limits, readSize: readSize)
        delimiter = guess.delimiter
        records = try RecordStream(path: path, fileName: name, encoding: encoding,
                                   skipping: detected.byteOrderMarkLength, delimiter: delimiter, limits: limits,
                                   readSize: readSize)
        var found = false
        while try records.next() {
            if !records.isBlank { found = true; break }
        }
        guard found else { throw CSVInputError(file: name, line: nil, kind: .empty) }
        header = records.fields
        headerLine = records.line
    }

    /// The next data row, or nil at the end. Throws on a malformed file; after a `raggedRow` error
    /// (`isRecoverable`) reading may go on with the next row.
    public mutating func nextRow() throws(CSVInputError) -> CSVRow? {
        while try records.next() {
            if records.isBlank { continue }
            let fields = records.fields
            guard fields.count == header.count else {
                throw CSVInputError(file: file, line: records.line,
                                    kind: .raggedRow(expected: header.count, found: fields.count))
            }
            return CSVRow(line: records.line, fields: fields)
        }
        return nil
    }

    /// The last path component: messages name the file, not the spool folder layout.
    public static func displayName(for path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

extension CSVInputError.Kind {
    /// Errors found before any line is read (opening, encoding) are not tied to a line.
    var isAboutWholeFile: Bool {
        switch self {
        case .cannotOpen, .readFailed, .unsupportedEncoding, .empty: return true
        default: return false
        }
    }
}
