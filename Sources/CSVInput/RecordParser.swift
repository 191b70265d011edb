/// The byte-level RFC 4180 parser behind `CSVSource`: reads one record at a time straight from the file's
/// bytes, counts lines, enforces the limits and the encoding, and makes one `String` per field.
///
/// Why its own parser: a generic one decodes and dispatches per character, which cost most of the time of
/// reading an export. Here the hot loops step over ordinary bytes with one table load each; a field's
/// bytes are validated (UTF-8) or transcoded (Windows-1252) only when the field holds a byte >= 0x80.
///
/// Buffering: one buffer holds the file from the start of the current field on. When a field runs past the
/// bytes at hand, those bytes move to the front and more are read after them, so a field is always
/// contiguous and memory is bounded by the field limit (a 50 MB line fails at that limit, unbuffered).
///
/// Problems are reported in file order: before throwing, the bytes of the field up to the problem are
/// checked for an earlier encoding error or crossed limit. Every problem is final: once thrown, every
/// later call throws it again.
///
/// A struct, mutated in place by its owner `RecordStream`: its state is then checked for exclusive access
/// once per record, not at every use as a class's properties would be. It owns memory: `release()` once.
struct RecordParser {
    private let file: FileByteReader
    private let fileName: String
    private let limits: CSVLimits
    private var decoder: FieldDecoder
    private let unquotedClasses: UnsafeMutablePointer<UInt8>
    private let quotedClasses: UnsafeMutablePointer<UInt8>

    private static let initialCapacity = 256 * 1024
    private static let minimumRead = 64 * 1024
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes of the buffer that hold file data.
    private var end = 0
    /// The next byte to parse.
    private var position = 0
    private var fileIsExhausted = false

    /// The line `position` is on (1-based): CR, LF and CRLF each end one line.
    private var line = 1
    /// The last record ended with a CR: a LF right after it belongs to the same line end.
    private var skipsLineFeed = false

    /// The fields of the last record read. Reused from record to record: a caller that drops its copy
    /// before the next call lets the storage be reused without allocating.
    private(set) var fields: [String] = []
    /// The line the last record read starts on.
    private(set) var recordLine = 1
    private var recordBytesBeforeField = 0
    private var fieldStart = 0
    private var fieldLine = 1
    private var failure: CSVInputError?

    private static let quote = UInt8(ascii: "\""), cr: UInt8 = 13, lf: UInt8 = 10

    init(path: String, fileName: String, encoding: CSVEncoding, skipping: Int, delimiter: CSVDelimiter,
         limits: CSVLimits, readSize: Int = .max) throws(CSVInputError) {
        do { file = try FileByteReader(path: path, readSize: readSize) } catch {
            throw CSVInputError(file: fileName, line: nil, kind: error)
        }
        self.fileName = fileName
        self.limits = limits
        decoder = FieldDecoder(encoding: encoding)
        unquotedClasses = .allocate(capacity: 256)
        unquotedClasses.initialize(from: ByteClass.unquotedTable(delimiter: delimiter.byte), count: 256)
        quotedClasses = .allocate(capacity: 256)
        quotedClasses.initialize(from: ByteClass.quotedTable(), count: 256)
        capacity = Self.initialCapacity
        buffer = .allocate(capacity: capacity)
        fields.reserveCapacity(32)
        do { try skip(skipping) } catch {
            release()
            throw error
        }
    }

    func release() {
        buffer.deallocate()
        unquotedClasses.deallocate()
        quotedClasses.deallocate()
        decoder.deallocate()
    }

    /// Whether the last record is a blank line (one empty field); blank lines are not rows.
    var isBlankRecord: Bool { fields.count == 1 && fields[0].isEmpty }

    /// Reads the next record into `fields` and `recordLine`; false at the end of the file.
    mutating func nextRecord() throws(CSVInputError) -> Bool {
        if let failure { throw failure }
        do {
            return try readRecord()
        } catch {
            failure = error
            throw error
        }
    }

    // MARK: Records and fields

    private mutating func readRecord() throws(CSVInputError) -> Bool {
        guard try hasByte() else { return false }
        if skipsLineFeed {
            skipsLineFeed = false
            if buffer[position] == Self.lf {
                position += 1
                guard try hasByte() else { return false }
            }
        }
        fields.removeAll(keepingCapacity: true)
        recordLine = line
        recordBytesBeforeField = 0
        while try readField() {
            if fields.count >= limits.maxFieldsPerRecord {
                throw CSVInputError(file: fileName, line: recordLine,
                                    kind: .tooManyFields(limit: limits.maxFieldsPerRecord))
            }
        }
        return true
    }

    /// Reads one field and the delimiter or line end after it; true when another field follows.
    private mutating func readField() throws(CSVInputError) -> Bool {
        fieldStart = position
        fieldLine = line
        guard try hasByte() else {
            // A delimiter as the last byte of the file: an empty last field.
            fields.append("")
            return false
        }
        if buffer[position] == Self.quote { return try readQuotedField() }
        return try readUnquotedField()
    }

    private mutating func readUnquotedField() throws(CSVInputError) -> Bool {
        var index = position
        var hasHighBytes = false
        let classes = unquotedClasses
        while true {
            let bytes = buffer, count = end
            while index < count, classes[Int(bytes[index])] == ByteClass.ordinary { index += 1 }
            if index == count {
                try checkLimits(upTo: index)
                let (shift, gotMore) = try refill()
                index -= shift
                if !gotMore {
                    try finishField(contentStart: fieldStart, contentEnd: index, rawEnd: index,
                                    hasHighBytes: hasHighBytes, hasDoubledQuotes: false)
                    position = index
                    return false
                }
                continue
            }
            switch classes[Int(bytes[index])] {
            case ByteClass.high:
                hasHighBytes = true
                index += 1
            case ByteClass.nul:
                try fail(.nulByte, at: index, line: line)
            default:
                // A delimiter or a line end.
                try finishField(contentStart: fieldStart, contentEnd: index, rawEnd: index,
                                hasHighBytes: hasHighBytes, hasDoubledQuotes: false)
                return consumeTerminator(at: index)
            }
        }
    }

    private mutating func readQuotedField() throws(CSVInputError) -> Bool {
        var index = position + 1
        var hasHighBytes = false, hasDoubledQuotes = false
        let classes = quotedClasses
        while true {
            let bytes = buffer, count = end
            while index < count, classes[Int(bytes[index])] == ByteClass.ordinary { index += 1 }
            // The byte after a quote decides what the quote is: have it at hand too.
            if index == count || (index + 1 == count && bytes[index] == Self.quote) {
                try checkLimits(upTo: index)
                let (shift, gotMore) = try refill()
                index -= shift
                if gotMore { continue }
                guard index < end else { try fail(.unterminatedQuote, at: index, line: fieldLine) }
                // A closing quote as the last byte of the file.
                try finishField(contentStart: fieldStart + 1, contentEnd: index, rawEnd: index + 1,
                                hasHighBytes: hasHighBytes, hasDoubledQuotes: hasDoubledQuotes)
                position = index + 1
                return false
            }
            switch classes[Int(bytes[index])] {
            case ByteClass.quote:
                let next = bytes[index + 1]
                if next == Self.quote {
                    hasDoubledQuotes = true
                    index += 2
                    continue
                }
                let after = index + 1
                let nextClass = unquotedClasses[Int(next)]
                guard nextClass == ByteClass.delimiter || nextClass == ByteClass.carriageReturn
                        || nextClass == ByteClass.lineFeed else {
                    try fail(.characterAfterClosingQuote, at: after, line: line)
                }
                try finishField(contentStart: fieldStart + 1, contentEnd: index, rawEnd: after,
                                hasHighBytes: hasHighBytes, hasDoubledQuotes: hasDoubledQuotes)
                return consumeTerminator(at: after)
            case ByteClass.carriageReturn:
                line += 1
                index += 1
            case ByteClass.lineFeed:
                // The opening quote precedes, so the byte before is always in the buffer.
                if bytes[index - 1] != Self.cr { line += 1 }
                index += 1
            case ByteClass.high:
                hasHighBytes = true
                index += 1
            default:
                try fail(.nulByte, at: index, line: line)
            }
        }
    }

    /// Steps over the delimiter or line end at `index`; true for a delimiter (another field follows).
    private mutating func consumeTerminator(at index: Int) -> Bool {
        position = index + 1
        switch buffer[index] {
        case Self.cr:
            line += 1
            skipsLineFeed = true
            return false
        case Self.lf:
            line += 1
            return false
        default:
            return true
        }
    }

    /// Checks the limits and the encoding of the field just scanned and appends its text.
    private mutating func finishField(contentStart: Int, contentEnd: Int, rawEnd: Int, hasHighBytes: Bool,
                                      hasDoubledQuotes: Bool) throws(CSVInputError) {
        try checkLimits(upTo: rawEnd)
        if hasHighBytes,
           let problem = decoder.firstProblem(in: UnsafeBufferPointer(start: buffer + contentStart,
                                                                      count: contentEnd - contentStart)) {
            let at = contentStart + problem.offset
            throw CSVInputError(file: fileName, line: line(at: at), kind: problem.kind)
        }
        var count = contentEnd - contentStart
        if hasDoubledQuotes { count = unescapeQuotes(from: contentStart, count: count) }
        let text = decoder.string(from: UnsafeBufferPointer(start: buffer + contentStart, count: count),
                                  hasHighBytes: hasHighBytes)
        fields.append(text)
        recordBytesBeforeField += rawEnd - fieldStart + 1
    }

    /// Turns each `""` into `"` in place (the field's bytes are not read again); returns the new count.
    private func unescapeQuotes(from start: Int, count: Int) -> Int {
        var read = start, write = start
        let stop = start + count
        while read < stop {
            let byte = buffer[read]
            buffer[write] = byte
            write += 1
            read += byte == Self.quote ? 2 : 1
        }
        return write - start
    }

    // MARK: Problems

    private func checkLimits(upTo index: Int) throws(CSVInputError) {
        let fieldBytes = index - fieldStart
        if fieldBytes > limits.maxFieldBytes || recordBytesBeforeField + fieldBytes > limits.maxRecordBytes {
            try fail(nil, at: index, line: line)
        }
    }

    /// Throws the first problem of the current field in file order: an encoding error or a crossed limit
    /// before `index`, else `kind` at `index`.
    private func fail(_ kind: CSVInputError.Kind?, at index: Int, line: Int) throws(CSVInputError) -> Never {
        var stop = index
        var problem = kind.map { CSVInputError(file: fileName, line: line, kind: $0) }
        // The byte at fieldStart + maxFieldBytes is the first one too many.
        let fieldLimit = fieldStart + limits.maxFieldBytes
        let recordLimit = fieldStart + limits.maxRecordBytes - recordBytesBeforeField
        if fieldLimit < stop {
            stop = fieldLimit
            problem = CSVInputError(file: fileName, line: recordLine, kind: .fieldTooLong(limit: limits.maxFieldBytes))
        }
        if recordLimit < stop {
            stop = recordLimit
            problem = CSVInputError(file: fileName, line: recordLine,
                                    kind: .recordTooLong(limit: limits.maxRecordBytes))
        }
        let scanned = UnsafeBufferPointer(start: buffer + fieldStart, count: max(0, stop - fieldStart))
        if let encoding = decoder.firstProblem(in: scanned) {
            let at = fieldStart + encoding.offset
            throw CSVInputError(file: fileName, line: self.line(at: at), kind: encoding.kind)
        }
        // `kind` is nil only when a limit is crossed, so `problem` is set; the fallback names the field's line.
        throw problem ?? CSVInputError(file: fileName, line: recordLine,
                                       kind: .fieldTooLong(limit: limits.maxFieldBytes))
    }

    /// The line of a byte of the current field (only quoted fields span lines).
    private func line(at index: Int) -> Int {
        var result = fieldLine
        var offset = fieldStart
        while offset < index {
            let byte = buffer[offset]
            if byte == Self.cr || (byte == Self.lf && (offset == fieldStart || buffer[offset - 1] != Self.cr)) {
                result += 1
            }
            offset += 1
        }
        return result
    }

    // MARK: Buffer

    /// Whether a byte is at hand at `position`, reading more when needed.
    private mutating func hasByte() throws(CSVInputError) -> Bool {
        if position < end { return true }
        fieldStart = position
        return try refill().gotMore
    }

    /// Moves the current field (from `fieldStart`) to the front of the buffer and reads more after it.
    /// Returns how far bytes moved (subtract it from any index into the buffer) and whether bytes came in.
    private mutating func refill() throws(CSVInputError) -> (shift: Int, gotMore: Bool) {
        guard !fileIsExhausted else { return (0, false) }
        let shift = fieldStart
        let kept = end - shift
        if shift > 0 {
            if kept > 0 { buffer.update(from: buffer + shift, count: kept) }
            end = kept
            position -= shift
            fieldStart = 0
        }
        if capacity - end < Self.minimumRead {
            // Only a field longer than the buffer gets here; the limit check bounds how far it grows.
            let newCapacity = max(capacity * 2, end + Self.minimumRead)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            larger.initialize(from: buffer, count: end)
            buffer.deallocate()
            buffer = larger
            capacity = newCapacity
        }
        let got: Int
        do { got = try file.read(into: buffer + end, capacity: capacity - end) } catch {
            throw CSVInputError(file: fileName, line: line, kind: error)
        }
        if got == 0 { fileIsExhausted = true }
        end += got
        return (shift, got > 0)
    }

    /// Skips the byte order mark.
    private mutating func skip(_ count: Int) throws(CSVInputError) {
        var remaining = count
        while remaining > 0, try hasByte() {
            let step = min(remaining, end - position)
            position += step
            remaining -= step
        }
    }
}
