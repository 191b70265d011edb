import CSV

/// A CSV file read one row at a time: encoding and delimiter detected, quoting per RFC 4180, every row
/// with the line it starts on, and a typed error naming file and line for anything malformed.
///
/// Memory stays bounded whatever the file size: a few 64 KiB buffers plus the current row, itself capped
/// by `CSVLimits`. Blank lines are skipped; a file with a header and nothing else has zero rows.
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

    private let stream: GuardedInputStream
    private let reader: CSVReader
    private var nextLine: Int

    public init(path: String, displayName: String? = nil, limits: CSVLimits = .default) throws(CSVInputError) {
        let name = displayName ?? Self.displayName(for: path)
        file = name
        self.path = path
        self.limits = limits
        let detected: EncodingDetector.Result
        do { detected = try EncodingDetector.detect(path: path) } catch {
            throw CSVInputError(file: name, line: error.isAboutWholeFile ? nil : 1, kind: error)
        }
        encoding = detected.encoding
        hasByteOrderMark = detected.byteOrderMarkLength > 0
        let guess = try DelimiterGuesser.guess(path: path, skipping: detected.byteOrderMarkLength, limits: limits)
        delimiter = guess.delimiter
        do {
            stream = try GuardedInputStream(path: path, fileName: name, encoding: encoding,
                                            skipping: detected.byteOrderMarkLength, delimiter: delimiter, limits: limits)
        } catch {
            throw CSVInputError(file: name, line: nil, kind: error)
        }
        do {
            reader = try CSVReader(stream: stream, codecType: UTF8.self, hasHeaderRow: false, trimFields: false,
                                   delimiter: delimiter.scalar)
        } catch {
            throw stream.failure ?? CSVInputError(file: name, line: 1, kind: .readFailed(reason: "\(error)"))
        }
        nextLine = 1
        var found: (line: Int, fields: [String])?
        while let row = try Self.readRow(reader: reader, stream: stream, file: name, nextLine: &nextLine) {
            if !row.fields.isBlankLine { found = row; break }
        }
        guard let found else { throw CSVInputError(file: name, line: nil, kind: .empty) }
        header = found.fields
        headerLine = found.line
    }

    /// The next data row, or nil at the end. Throws on a malformed file; after a `raggedRow` error
    /// (`isRecoverable`) reading may go on with the next row.
    public mutating func nextRow() throws(CSVInputError) -> CSVRow? {
        while let row = try Self.readRow(reader: reader, stream: stream, file: file, nextLine: &nextLine) {
            if row.fields.isBlankLine { continue }
            guard row.fields.count == header.count else {
                throw CSVInputError(file: file, line: row.line,
                                    kind: .raggedRow(expected: header.count, found: row.fields.count))
            }
            return CSVRow(line: row.line, fields: row.fields)
        }
        return nil
    }

    private static func readRow(reader: CSVReader, stream: GuardedInputStream, file: String,
                                nextLine: inout Int) throws(CSVInputError) -> (line: Int, fields: [String])? {
        let fields = reader.next()
        if let failure = stream.failure { throw failure }
        if let error = reader.error {
            throw CSVInputError(file: file, line: nextLine, kind: .readFailed(reason: "\(error)"))
        }
        guard let fields else { return nil }
        let line = nextLine
        nextLine += 1
        // Quoted fields may hold line ends; CSV.swift keeps them verbatim, so count them back.
        if stream.sawLineEndInQuotes {
            for field in fields { nextLine += field.lineEndCount }
        }
        return (line, fields)
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

extension [String] {
    /// An empty line comes back from CSV.swift as one empty field.
    var isBlankLine: Bool { count == 1 && self[0].isEmpty }
}

extension String {
    /// Line ends as the lexer counts them: CR, CRLF and LF each count once.
    var lineEndCount: Int {
        var count = 0, lastWasCR = false
        for byte in utf8 {
            if byte == 13 || (byte == 10 && !lastWasCR) { count += 1 }
            lastWasCR = byte == 13
        }
        return count
    }
}
