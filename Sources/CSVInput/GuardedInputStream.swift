import Foundation

/// The byte stream CSV.swift parses: the file, decoded to UTF-8 and checked on the way.
///
/// CSV.swift only knows UTF-8/16/32, keeps no line numbers, buffers a field of any length and reads an
/// unterminated quote to the end of the file without complaint. This stream sits in front of it and
/// - transcodes Windows-1252 to UTF-8 (or validates UTF-8), chunk by chunk, so memory stays bounded;
/// - follows the RFC 4180 quoting with the same rules as CSV.swift, which lets it count lines and stop
///   at the first NUL byte, field or record over a limit, character after a closing quote, or quote left
///   open at the end of the file — before CSV.swift has buffered the offending data.
///
/// On a problem it hands out the good bytes before it, then fails the next read; `failure` is set only
/// then, so rows CSV.swift completed earlier are not blamed for a problem further on.
final class GuardedInputStream: InputStream {
    private let file: FileByteReader
    private let fileName: String
    private let encoding: CSVEncoding
    private let delimiter: UInt8
    private let limits: CSVLimits
    private var bytesToSkip: Int

    private static let chunkSize = 64 * 1024
    private let input: UnsafeMutablePointer<UInt8>
    private var inputCount = 0
    private let output: UnsafeMutablePointer<UInt8>
    private var outputStart = 0, outputEnd = 0

    private var pendingFailure: CSVInputError?
    /// The problem CSV.swift has reached: set when a read fails, never earlier.
    private(set) var failure: CSVInputError?
    /// Whether a line end was seen inside a quoted field (rows then need their line ends counted).
    private(set) var sawLineEndInQuotes = false
    private var finished = false
    private var status: Stream.Status = .notOpen

    // Lexer state, carried across chunks.
    private var state = QuoteState.fieldStart
    private var line = 1
    private var lastWasCR = false
    private var recordStartLine = 1
    private var quoteOpenLine = 1
    private var fieldBytes = 0, recordBytes = 0, fieldsInRecord = 1

    init(path: String, fileName: String, encoding: CSVEncoding, skipping: Int, delimiter: CSVDelimiter,
         limits: CSVLimits) throws(CSVInputError.Kind) {
        file = try FileByteReader(path: path)
        self.fileName = fileName
        self.encoding = encoding
        self.delimiter = delimiter.byte
        self.limits = limits
        bytesToSkip = skipping
        input = .allocate(capacity: Self.chunkSize)
        // Windows-1252 expands to at most 3 UTF-8 bytes per byte.
        output = .allocate(capacity: Self.chunkSize * 3)
        super.init(data: Data())
    }

    deinit {
        input.deallocate()
        output.deallocate()
    }

    override func open() { status = .open }
    override func close() { status = .closed }
    override var streamStatus: Stream.Status { status }
    override var streamError: Error? { failure }
    override func getBuffer(_ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>,
                            length len: UnsafeMutablePointer<Int>) -> Bool { false }

    /// True while bytes or a failure remain: CSV.swift reads once more only when this says so, and takes
    /// a read of 0 after `true` as an error, so this must know about the end of the file in advance.
    override var hasBytesAvailable: Bool {
        fillIfEmpty()
        return outputEnd > outputStart || pendingFailure != nil || failure != nil
    }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength: Int) -> Int {
        fillIfEmpty()
        if outputEnd == outputStart {
            if let problem = pendingFailure ?? failure {
                failure = problem
                status = .error
                return -1
            }
            status = .atEnd
            return 0
        }
        let count = min(maxLength, outputEnd - outputStart)
        buffer.update(from: output + outputStart, count: count)
        outputStart += count
        return count
    }

    private func fillIfEmpty() {
        while outputEnd == outputStart && pendingFailure == nil && !finished {
            outputStart = 0
            outputEnd = 0
            let got: Int
            do {
                got = try file.read(into: input + inputCount, capacity: Self.chunkSize - inputCount)
            } catch {
                pendingFailure = CSVInputError(file: fileName, line: line, kind: error)
                return
            }
            if got == 0 {
                finishInput()
                return
            }
            var start = 0
            let total = inputCount + got
            if bytesToSkip > 0 {
                start = min(bytesToSkip, total)
                bytesToSkip -= start
            }
            let consumed = transcode(from: start, to: total)
            // Keep an incomplete UTF-8 sequence cut by the chunk end for the next round.
            inputCount = total - consumed
            if inputCount > 0 { input.update(from: input + consumed, count: inputCount) }
        }
    }

    private func finishInput() {
        finished = true
        if inputCount > 0 {
            pendingFailure = CSVInputError(file: fileName, line: line, kind: .invalidUTF8)
        } else if state == .quoted {
            pendingFailure = CSVInputError(file: fileName, line: quoteOpenLine, kind: .unterminatedQuote)
        }
    }

    private func fail(_ kind: CSVInputError.Kind, line: Int) {
        pendingFailure = CSVInputError(file: fileName, line: line, kind: kind)
    }

    /// Checks and converts `input[start..<end]` into `output`; returns where it stopped (before an
    /// incomplete sequence at the end, or at a problem).
    private func transcode(from start: Int, to end: Int) -> Int {
        let bytes = UnsafeBufferPointer(start: input, count: end)
        var index = start
        var out = outputEnd
        defer { outputEnd = out }
        let quote = UInt8(ascii: "\""), lf: UInt8 = 10, cr: UInt8 = 13
        let isUTF8 = encoding == .utf8
        while index < end {
            let byte = bytes[index]
            var width = 1
            let outBefore = out
            if byte >= 0x80 {
                if isUTF8 {
                    switch UTF8Sequence.check(bytes, at: index) {
                    case .valid(let length):
                        width = length
                        for offset in 0..<length { output[out + offset] = bytes[index + offset] }
                        out += length
                    case .truncated:
                        if file.isAtEnd { fail(.invalidUTF8, line: line); return index }
                        return index
                    case .invalid:
                        fail(.invalidUTF8, line: line); return index
                    }
                } else {
                    let packed = Windows1252.utf8Table[Int(byte) - 0x80]
                    guard packed != 0 else { fail(.undefinedWindows1252Byte(byte), line: line); return index }
                    let length = Int(packed >> 24)
                    for offset in 0..<length { output[out + offset] = UInt8(truncatingIfNeeded: packed >> (8 * offset)) }
                    out += length
                }
            } else {
                if byte == 0 { fail(.nulByte, line: line); return index }
                output[out] = byte
                out += 1
            }
            index += width

            // Follow the quoting. Non-special bytes only move a field start to an unquoted field.
            if byte == cr || byte == lf {
                if byte == cr || !lastWasCR { line += 1 }
                lastWasCR = byte == cr
                if state == .quoted {
                    sawLineEndInQuotes = true
                } else {
                    state = .fieldStart
                    fieldBytes = 0
                    recordBytes = 0
                    fieldsInRecord = 1
                    recordStartLine = line
                    continue
                }
            } else {
                lastWasCR = false
                if byte == quote {
                    switch state {
                    case .fieldStart: state = .quoted; quoteOpenLine = line
                    case .unquoted: break
                    case .quoted: state = .quoteInQuoted
                    case .quoteInQuoted: state = .quoted
                    }
                } else if byte == delimiter && state != .quoted {
                    state = .fieldStart
                    fieldBytes = 0
                    fieldsInRecord += 1
                    if fieldsInRecord > limits.maxFieldsPerRecord {
                        fail(.tooManyFields(limit: limits.maxFieldsPerRecord), line: recordStartLine)
                        return index
                    }
                } else {
                    switch state {
                    case .fieldStart: state = .unquoted
                    case .unquoted, .quoted: break
                    case .quoteInQuoted:
                        // CSV.swift would silently drop this character: refuse instead.
                        out = outBefore
                        fail(.characterAfterClosingQuote, line: line)
                        return index - width
                    }
                }
            }
            fieldBytes += width
            recordBytes += width
            if fieldBytes > limits.maxFieldBytes {
                fail(.fieldTooLong(limit: limits.maxFieldBytes), line: recordStartLine)
                return index
            }
            if recordBytes > limits.maxRecordBytes {
                fail(.recordTooLong(limit: limits.maxRecordBytes), line: recordStartLine)
                return index
            }
        }
        return index
    }
}
