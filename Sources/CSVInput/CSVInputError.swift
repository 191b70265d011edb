/// Why a CSV file cannot be read, with the file and the 1-based line it concerns.
public struct CSVInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Error, Hashable, Sendable {
        case cannotOpen(reason: String)
        case readFailed(reason: String)
        /// No bytes (or only a byte order mark, or only blank lines): there is not even a header row.
        case empty
        /// A UTF-16/UTF-32 byte order mark: exporters must save as UTF-8 or Windows-1252.
        case unsupportedEncoding(WideByteOrderMark)
        /// A quoted field still open at the end of the file; `line` is where the quote opened.
        case unterminatedQuote
        /// Something other than a delimiter or a line end right after a closing quote (`"ab"c`).
        case characterAfterClosingQuote
        /// A row whose field count differs from the header's. The source stays usable: the row is consumed.
        case raggedRow(expected: Int, found: Int)
        /// Bytes that are not UTF-8 in a file read as UTF-8.
        case invalidUTF8
        /// One of the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
        case undefinedWindows1252Byte(UInt8)
        case nulByte
        case fieldTooLong(limit: Int)
        case recordTooLong(limit: Int)
        case tooManyFields(limit: Int)
        /// The header line has as many of two candidate delimiters: guessing would be a coin toss.
        case ambiguousDelimiter([CSVDelimiter])
    }

    /// The file as named in messages (by default the last path component).
    public var file: String
    /// 1-based line; nil when the problem is not tied to a line (cannot open, ...).
    public var line: Int?
    public var kind: Kind

    public init(file: String, line: Int?, kind: Kind) {
        self.file = file; self.line = line; self.kind = kind
    }

    /// Whether reading may go on with the next row (only a ragged row leaves the parser in a sound state).
    public var isRecoverable: Bool {
        if case .raggedRow = kind { return true }
        return false
    }

    /// The reason without file and line, for callers that print those themselves.
    public var reason: String {
        switch kind {
        case .cannotOpen(let reason): return "cannot open: \(reason)"
        case .readFailed(let reason): return "read failed: \(reason)"
        case .empty: return "file is empty: no header row"
        case .unsupportedEncoding(let mark):
            return "the export is \(mark.encodingName) text (byte-order mark \(mark.hex)); "
                + "save it as UTF-8 or Windows-1252 and drop it again"
        case .unterminatedQuote: return "quoted field opened here is never closed"
        case .characterAfterClosingQuote:
            return "unexpected character after a closing quote (a quote inside a quoted field must be doubled)"
        case .raggedRow(let expected, let found): return "row has \(found) fields, the header has \(expected)"
        case .invalidUTF8: return "bytes that are not valid UTF-8 (the file was read as UTF-8)"
        case .undefinedWindows1252Byte(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x\(hex) is undefined in Windows-1252 (the file was read as Windows-1252)"
        case .nulByte: return "NUL byte: this is not a text file"
        case .fieldTooLong(let limit): return "a field of the record starting here is longer than \(limit) bytes"
        case .recordTooLong(let limit): return "the record starting here is longer than \(limit) bytes"
        case .tooManyFields(let limit): return "the record starting here has more than \(limit) fields"
        case .ambiguousDelimiter(let candidates):
            let names = candidates.map(\.name).joined(separator: " and ")
            return "cannot tell the delimiter: the header has as many \(names)"
        }
    }

    /// `payroll.csv:12: row has 9 fields, the header has 10`
    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
