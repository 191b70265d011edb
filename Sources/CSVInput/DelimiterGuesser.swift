/// Guesses the delimiter from the header row: the one of `;`, `,` and tab that occurs most often outside
/// quotes. The header is the evidence because names of columns never contain delimiters, whereas data
/// (decimal commas, training names) often does.
struct DelimiterGuesser {
    struct Result: Equatable {
        var delimiter: CSVDelimiter
        /// 1-based line of the header (blank lines before it are skipped).
        var headerLine: Int
    }

    /// Reads the first non-blank record after `skipping` bytes (the byte order mark). Delimiters are ASCII
    /// in both encodings, so raw bytes suffice. With no candidate at all (a one-column file) the answer is
    /// a comma, RFC 4180's default; the header then holds one column. Errors name the file as `name`.
    static func guess(path: String, name: String, skipping: Int, limits: CSVLimits,
                      readSize: Int = .max) throws(CSVInputError) -> Result {
        let file: FileByteReader
        do { file = try FileByteReader(path: path, readSize: readSize) } catch { throw CSVInputError(file: name, line: nil, kind: error) }
        let capacity = 64 * 1024
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }

        var counts: [CSVDelimiter: Int] = [:]
        var toSkip = skipping
        var line = 1, headerLine = 1, recordBytes = 0
        var state = QuoteState.fieldStart, lastWasCR = false, sawContent = false
        scanning: while true {
            let count: Int
            do { count = try file.read(into: buffer, capacity: capacity) } catch {
                throw CSVInputError(file: name, line: line, kind: error)
            }
            if count == 0 { break }
            for index in 0..<count {
                if toSkip > 0 { toSkip -= 1; continue }
                let byte = buffer[index]
                defer { lastWasCR = byte == 13 }
                let isLineEnd = byte == 13 || byte == 10
                let startsLine = byte == 13 || (byte == 10 && !lastWasCR)
                if isLineEnd && state != .quoted {
                    if sawContent { break scanning }
                    if startsLine { line += 1 }
                    continue
                }
                if !sawContent { sawContent = true; headerLine = line }
                if isLineEnd, startsLine { line += 1 }
                recordBytes += 1
                if recordBytes > limits.maxRecordBytes {
                    throw CSVInputError(file: name, line: headerLine, kind: .recordTooLong(limit: limits.maxRecordBytes))
                }
                switch (state, byte) {
                case (.quoted, UInt8(ascii: "\"")): state = .quoteInQuoted
                case (.quoted, _): break
                case (.quoteInQuoted, UInt8(ascii: "\"")): state = .quoted
                case (.fieldStart, UInt8(ascii: "\"")): state = .quoted
                case (_, UInt8(ascii: ";")): counts[.semicolon, default: 0] += 1; state = .fieldStart
                case (_, UInt8(ascii: ",")): counts[.comma, default: 0] += 1; state = .fieldStart
                case (_, UInt8(ascii: "\t")): counts[.tab, default: 0] += 1; state = .fieldStart
                default: state = .unquoted
                }
            }
        }
        let best = counts.values.max() ?? 0
        guard best > 0 else { return Result(delimiter: .comma, headerLine: headerLine) }
        let winners = CSVDelimiter.allCases.filter { counts[$0] == best }
        guard winners.count == 1 else {
            throw CSVInputError(file: name, line: headerLine, kind: .ambiguousDelimiter(winners))
        }
        return Result(delimiter: winners[0], headerLine: headerLine)
    }
}

/// Where a CSV lexer stands within a record (RFC 4180: a quote opens a quoted field only at its start).
enum QuoteState: UInt8 {
    case fieldStart, unquoted, quoted
    /// A quote seen inside a quoted field: either the closing quote or the first of a doubled pair.
    case quoteInQuoted
}
