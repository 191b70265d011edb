/// Writes XML as UTF-8 bytes, fast: escaping is a byte loop into a 64 KiB buffer that goes to the
/// sink in one block when full. Nothing here goes through Foundation.
///
/// Character policy (decided, so an FI is never silently altered): `&` `<` `>` `"` `'` are always
/// escaped; CR is written `&#13;` (and tab and LF too inside attributes) so the text reads back
/// exactly as given; characters XML 1.0 forbids (controls other than tab, LF, CR; U+FFFE; U+FFFF)
/// are refused with `XMLWriterError.illegalCharacter` rather than stripped. Names are limited to
/// ASCII letters, digits and `_ - . :`. After an error the output is incomplete: discard it.
///
/// Layout: with an `indentation`, every element starts on its own line, indented by depth
/// (so that validation and platform diagnostics point at useful line numbers). Text is meant for
/// leaf elements: `element(_:text:)` and its siblings, or a start tag, `write…` calls and `endElement()`.
public final class XMLByteWriter {
    public static let bufferCapacity = 64 * 1024
    /// Limits that keep every tag, with its indentation, well inside the buffer.
    public static let maxNameLength = 1024
    public static let maxDepth = 1000
    public static let maxIndentation = 16
    public static let maxMinimumDigits = 64

    @exclusivity(unchecked) public private(set) var sink: any ByteSink
    /// Spaces per nesting level (at most `maxIndentation`), or nil to write everything on one line.
    public let indentation: Int?
    /// Bytes produced so far, written to the sink or still in the buffer.
    public var byteCount: Int { flushedCount + used }
    /// How many elements are open.
    public var depth: Int { openElements.count }
    /// The 1-based line the last byte written stands on: after `startElement`, the line of that start
    /// tag. Platform answers locate anomalies by line, so the FI writer records each record's line.
    public var line: Int { newlines + 1 }

    // One caller at a time owns a writer; dynamic exclusivity checks on these hot fields cost a
    // quarter of the writing time and guard nothing here.
    private let buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private var flushedCount = 0
    @exclusivity(unchecked) private var openElements: [String] = []
    /// After a start tag or text, the end tag follows on the same line.
    @exclusivity(unchecked) private var closesInline = false
    @exclusivity(unchecked) private var finished = false
    @exclusivity(unchecked) private var newlines = 0

    public init(sink: any ByteSink, indentation: Int? = 2) {
        self.sink = sink
        self.indentation = indentation.map { min(max($0, 0), Self.maxIndentation) }
        buffer = .allocate(capacity: Self.bufferCapacity)
    }

    deinit { buffer.deallocate() }

    /// `<?xml version="1.0" encoding="UTF-8"?>`, which must come first.
    public func writeDeclaration() throws {
        guard byteCount == 0 else { throw XMLWriterError.unbalanced("the XML declaration must come first") }
        try writeASCII("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    }

    public func startElement(_ name: String, attributes: [XMLAttribute] = []) throws {
        try checkWritable()
        guard openElements.count < Self.maxDepth else {
            throw XMLWriterError.unbalanced("more than \(Self.maxDepth) nested elements")
        }
        var name = name
        try name.withUTF8 { nameBytes in
            try Self.checkName(nameBytes)
            try reserve(lineStartLength + nameBytes.count + 1)
            putLineStart()
            put(UInt8(ascii: "<"))
            put(nameBytes)
        }
        for attribute in attributes {
            var attributeName = attribute.name
            try attributeName.withUTF8 { nameBytes in
                try Self.checkName(nameBytes)
                try reserve(nameBytes.count + 3)
                put(UInt8(ascii: " "))
                put(nameBytes)
                put(UInt8(ascii: "="))
                put(UInt8(ascii: "\""))
            }
            try writeEscaped(attribute.value, inAttribute: true, element: name)
            try reserve(1)
            put(UInt8(ascii: "\""))
        }
        try reserve(1)
        put(UInt8(ascii: ">"))
        openElements.append(name)
        closesInline = true
    }

    /// Closes the innermost open element.
    public func endElement() throws {
        try checkWritable()
        guard var name = openElements.popLast() else { throw XMLWriterError.unbalanced("endElement() with no open element") }
        let inline = closesInline
        try name.withUTF8 { nameBytes in
            try reserve(lineStartLength + nameBytes.count + 3)
            if !inline { putLineStart() }
            putEndTag(nameBytes)
        }
        closesInline = false
    }

    /// `<name>text</name>`, escaped.
    public func element(_ name: String, text: String) throws {
        try checkWritable()
        var name = name, text = text
        try name.withUTF8 { nameBytes in
            try Self.checkName(nameBytes)
            try text.withUTF8 { textBytes in
                // Escaping grows a byte to at most 6 (`&quot;`): reserve the worst case once.
                let worst = lineStartLength + 2 * nameBytes.count + 5 + 6 * textBytes.count
                if worst <= Self.bufferCapacity {
                    try reserve(worst)
                    putStartTag(nameBytes)
                    try putEscaped(textBytes, inAttribute: false, element: nameBytes)
                    putEndTag(nameBytes)
                } else {
                    try reserve(lineStartLength + nameBytes.count + 2)
                    putStartTag(nameBytes)
                    try appendEscaped(textBytes, inAttribute: false, element: nameBytes)
                    try reserve(nameBytes.count + 3)
                    putEndTag(nameBytes)
                }
            }
        }
        closesInline = false
    }

    /// `<name>123</name>`.
    public func element(_ name: String, integer: Int, minimumDigits: Int = 1) throws {
        try checkWritable()
        try Self.checkMinimumDigits(minimumDigits)
        var name = name
        try name.withUTF8 { nameBytes in
            try Self.checkName(nameBytes)
            try reserve(lineStartLength + 2 * nameBytes.count + 5 + max(20, minimumDigits + 1))
            putStartTag(nameBytes)
            putInteger(integer, minimumDigits: minimumDigits)
            putEndTag(nameBytes)
        }
        closesInline = false
    }

    /// `<name>bytes</name>` for text already formatted as ASCII that needs no escaping (a date, a
    /// decimal, a code): refused with `illegalCharacter` if it holds anything else.
    public func element(_ name: String, ascii: UnsafeRawBufferPointer) throws {
        try checkWritable()
        var name = name
        try name.withUTF8 { nameBytes in
            try Self.checkName(nameBytes)
            let text = ascii.bindMemory(to: UInt8.self)
            guard lineStartLength + 2 * nameBytes.count + 5 + text.count <= Self.bufferCapacity else {
                throw XMLWriterError.unbalanced("element(_:ascii:) is for short values")
            }
            try reserve(lineStartLength + 2 * nameBytes.count + 5 + text.count)
            putStartTag(nameBytes)
            let out = buffer + used
            for (index, byte) in text.enumerated() {
                // Printable ASCII that needs no escaping: 0x20-0x7E without `"` `&` `'` `<` `>`.
                guard byte >= 0x20, byte < 0x7F, byte >= 0x40 || (Self.attentionBelow0x40 >> UInt64(byte)) & 1 == 0 else {
                    throw XMLWriterError.illegalCharacter(UInt32(byte), element: String(decoding: nameBytes, as: UTF8.self))
                }
                out[index] = byte
            }
            used += text.count
            putEndTag(nameBytes)
        }
        closesInline = false
    }

    /// Escaped character data inside the current element.
    public func writeText(_ text: String) throws {
        try checkWritable()
        try writeEscaped(text, inAttribute: false, element: openElements.last ?? "")
        closesInline = true
    }

    /// A literal that needs no escaping (`-`, `:`, `.`, a fixed code): written as is.
    public func writeASCII(_ literal: StaticString) throws {
        try checkWritable()
        assert(literal.isASCII, "writeASCII takes ASCII literals")
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        newlines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        try append(bytes)
    }

    /// Checks that every element is closed and hands the buffered bytes to the sink. Nothing can be written after.
    public func finish() throws {
        guard openElements.isEmpty else {
            throw XMLWriterError.unbalanced("finish() with <\(openElements.joined(separator: "><"))> still open")
        }
        if indentation != nil && byteCount > 0 && !finished {
            try reserve(1)
            put(UInt8(ascii: "\n"))
            newlines += 1
        }
        try flush()
        finished = true
    }

    /// Hands the buffered bytes to the sink now.
    public func flush() throws {
        guard used > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: buffer, count: used))
        flushedCount += used
        used = 0
    }

    // MARK: Checked appends: make room, flushing when needed.

    private func checkWritable() throws {
        if finished { throw XMLWriterError.unbalanced("writing after finish()") }
    }

    /// Makes room for `count` bytes (at most the buffer's capacity).
    @inline(__always)
    private func reserve(_ count: Int) throws {
        if used + count > Self.bufferCapacity { try flush() }
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if used + bytes.count > Self.bufferCapacity {
            try flush()
            if bytes.count >= Self.bufferCapacity {
                // Larger than the buffer: straight to the sink.
                try sink.write(UnsafeRawBufferPointer(bytes))
                flushedCount += bytes.count
                return
            }
        }
        put(bytes)
    }

    private func writeEscaped(_ text: String, inAttribute: Bool, element: String) throws {
        var text = text, element = element
        try text.withUTF8 { textBytes in
            try element.withUTF8 { try appendEscaped(textBytes, inAttribute: inAttribute, element: $0) }
        }
    }

    /// Escapes text of any length, in pieces that each fit the buffer.
    private func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, inAttribute: Bool,
                               element: UnsafeBufferPointer<UInt8>) throws {
        let piece = Self.bufferCapacity / 6
        var start = 0
        while start < text.count {
            var end = min(text.count, start + piece)
            // Never cut a UTF-8 sequence: U+FFFE/U+FFFF must be seen whole.
            while end < text.count, text[end] & 0xC0 == 0x80 { end -= 1 }
            try reserve(6 * (end - start))
            try putEscaped(UnsafeBufferPointer(rebasing: text[start..<end]), inAttribute: inAttribute, element: element)
            start = end
        }
    }

    // MARK: Unchecked puts: the caller has reserved room.

    private var lineStartLength: Int {
        guard let indentation, byteCount > 0 else { return 0 }
        return 1 + openElements.count * indentation
    }

    @inline(__always)
    private func put(_ byte: UInt8) {
        buffer[used] = byte
        used += 1
    }

    @inline(__always)
    private func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let out = buffer + used
        if bytes.count <= 16 {
            // Names and short values: a loop beats a call to memmove.
            for index in 0..<bytes.count { out[index] = base[index] }
        } else {
            out.update(from: base, count: bytes.count)
        }
        used += bytes.count
    }

    private func putLineStart() {
        guard let indentation, byteCount > 0 else { return }
        let spaces = openElements.count * indentation
        let out = buffer + used
        out[0] = UInt8(ascii: "\n")
        newlines += 1
        for index in 0..<spaces { out[1 + index] = UInt8(ascii: " ") }
        used += spaces + 1
    }

    @inline(__always)
    private func putStartTag(_ name: UnsafeBufferPointer<UInt8>) {
        putLineStart()
        put(UInt8(ascii: "<"))
        put(name)
        put(UInt8(ascii: ">"))
    }

    @inline(__always)
    private func putEndTag(_ name: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "<"))
        put(UInt8(ascii: "/"))
        put(name)
        put(UInt8(ascii: ">"))
    }

    private func putInteger(_ value: Int, minimumDigits: Int) {
        var magnitude = value.magnitude
        var digits = 1
        var probe = magnitude
        while probe >= 10 { probe /= 10; digits += 1 }
        let width = max(digits, minimumDigits)
        if value < 0 { put(UInt8(ascii: "-")) }
        var position = used + width - 1
        for _ in 0..<width {
            buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            position -= 1
        }
        used += width
    }

    /// Bytes below 0x40 that need a second look: controls, `"` `&` `'` `<` `>`.
    private static let attentionBelow0x40: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    /// Escapes into the buffer; room for 6 bytes per input byte must be reserved.
    private func putEscaped(_ text: UnsafeBufferPointer<UInt8>, inAttribute: Bool,
                            element: UnsafeBufferPointer<UInt8>) throws {
        guard let input = text.baseAddress else { return }
        let count = text.count
        // A local cursor: the compiler keeps it in a register instead of storing `used` per byte.
        var out = buffer + used
        defer { used = out - buffer }
        var index = 0
        while index < count {
            let byte = input[index]
            index += 1
            // Most bytes: letters, digits, spaces, and every byte of non-ASCII characters except
            // the lead byte of U+FFFE/U+FFFF.
            let ordinary = byte < 0x40 ? (Self.attentionBelow0x40 >> UInt64(byte)) & 1 == 0 : byte != 0xEF
            if ordinary {
                out.pointee = byte
                out += 1
                continue
            }
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&apos;"
            case 0x0D: replacement = "&#13;"
            case 0x09 where inAttribute: replacement = "&#9;"
            case 0x0A where inAttribute: replacement = "&#10;"
            case 0x09, 0x0A:
                if byte == 0x0A { newlines += 1 }
                out.pointee = byte
                out += 1
                continue
            case 0xEF:
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                if index + 1 < count, input[index] == 0xBF, input[index + 1] >= 0xBE {
                    throw XMLWriterError.illegalCharacter(0xFFF0 + UInt32(input[index + 1] & 0x0F),
                                                          element: String(decoding: element, as: UTF8.self))
                }
                out.pointee = byte
                out += 1
                continue
            default:
                throw XMLWriterError.illegalCharacter(UInt32(byte), element: String(decoding: element, as: UTF8.self))
            }
            let start = replacement.utf8Start
            for offset in 0..<replacement.utf8CodeUnitCount { out[offset] = start[offset] }
            out += replacement.utf8CodeUnitCount
        }
    }

    private static func checkMinimumDigits(_ count: Int) throws {
        guard count <= maxMinimumDigits else { throw XMLWriterError.unbalanced("minimumDigits above \(maxMinimumDigits)") }
    }

    /// ASCII letters, digits and `_ - . :`, starting with a letter or `_`, at most `maxNameLength` bytes.
    private static func checkName(_ name: UnsafeBufferPointer<UInt8>) throws {
        guard let first = name.first, isNameByte(first), first >= 0x40, name.count <= maxNameLength else {
            throw XMLWriterError.invalidName(String(decoding: name, as: UTF8.self))
        }
        for byte in name where !isNameByte(byte) {
            throw XMLWriterError.invalidName(String(decoding: name, as: UTF8.self))
        }
    }

    /// `- . 0-9 :` below 0x40; `A-Z _ a-z` from 0x40 to 0x7F.
    private static let nameBytesBelow0x40: UInt64 = 1 << 0x2D | 1 << 0x2E | 0x3FF << 0x30 | 1 << 0x3A
    private static let nameBytesFrom0x40: UInt64 = 0x3FF_FFFF << 1 | 1 << 0x1F | 0x3FF_FFFF << 0x21

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        if byte < 0x40 { return (nameBytesBelow0x40 >> UInt64(byte)) & 1 == 1 }
        if byte < 0x80 { return (nameBytesFrom0x40 >> UInt64(byte - 0x40)) & 1 == 1 }
        return false
    }
}
