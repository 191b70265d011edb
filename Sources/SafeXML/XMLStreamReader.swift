internal import CLibXML2
import Glibc

/// A pull reader for untrusted XML: one event at a time, with bounded memory, exact line numbers.
///
/// The bytes are pushed to libxml2's parser 64 KiB at a time and its SAX2 callbacks queue the
/// events of that chunk. (libxml2's `xmlTextReader` was not used: its parser line number runs ahead of
/// the node by a read chunk, and its node line numbers stop at 65535.)
///
/// Safety: no DOCTYPE (refused the moment it starts, before any declaration is read), no entity other
/// than the predefined five, no network, no DTD, nesting and size limits, never `XML_PARSE_HUGE`.
/// The first problem ends the reading: events before it are still delivered, then `next()` throws.
public final class XMLStreamReader {
    public static let chunkSize = 64 * 1024

    /// The file path or the name given to the in-memory document, as it appears in errors.
    public let document: String
    public let limits: XMLParsingLimits
    /// Bytes handed to the parser so far.
    public private(set) var bytesRead = 0

    private enum Source {
        case file(descriptor: Int32)
        case memory([UInt8])
    }

    private let source: Source
    private var memoryOffset = 0
    private let queue: SAXEventQueue
    private var parser: xmlParserCtxtPtr?
    private let chunk: UnsafeMutablePointer<UInt8>
    private var finished = false

    /// Opens a file; fails at once if it cannot be read or is larger than `limits.maxBytes`.
    public init(fileAt path: String, limits: XMLParsingLimits = .largeDocuments) throws(XMLError) {
        LibXML2Runtime.initialize()
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw XMLError(.unreadable, document: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw XMLError(.unreadable, document: path, message: "not a regular file")
        }
        guard Int(status.st_size) <= limits.maxBytes else {
            close(descriptor)
            throw XMLError(.tooLarge, document: path,
                           message: "\(status.st_size) bytes is more than the \(limits.maxBytes) accepted")
        }
        self.document = path
        self.limits = limits
        self.source = .file(descriptor: descriptor)
        self.queue = SAXEventQueue(document: path, limits: limits)
        self.chunk = .allocate(capacity: Self.chunkSize)
    }

    /// Reads a document already in memory (an answer file, a test fixture).
    public init(bytes: [UInt8], documentName: String, limits: XMLParsingLimits = .smallDocuments) throws(XMLError) {
        LibXML2Runtime.initialize()
        guard bytes.count <= limits.maxBytes else {
            throw XMLError(.tooLarge, document: documentName,
                           message: "\(bytes.count) bytes is more than the \(limits.maxBytes) accepted")
        }
        self.document = documentName
        self.limits = limits
        self.source = .memory(bytes)
        self.queue = SAXEventQueue(document: documentName, limits: limits)
        self.chunk = .allocate(capacity: Self.chunkSize)
    }

    deinit {
        if let parser { xmlFreeParserCtxt(parser) }
        if case .file(let descriptor) = source { close(descriptor) }
        chunk.deallocate()
    }

    /// The next event, or nil after the root element has been closed and the document checked to its end.
    public func next() throws(XMLError) -> XMLEvent? {
        while true {
            if let event = queue.dequeue() { return event }
            if let failure = queue.failure { throw failure }
            if finished { return nil }
            try parseNextChunk()
        }
    }

    /// Reads the element whose start tag was just returned by `next()`, with everything inside it.
    /// Memory grows with that element only: use it on one record, not on the root of a large file.
    public func readElement(_ start: XMLStartTag) throws(XMLError) -> XMLElement {
        var stack = [XMLElement(start)]
        while let event = try next() {
            switch event {
            case .startElement(let tag):
                stack.append(XMLElement(tag))
            case .text(let text, _):
                stack[stack.count - 1].text += text
            case .endElement:
                let done = stack.removeLast()
                guard !stack.isEmpty else { return done }
                stack[stack.count - 1].children.append(done)
            }
        }
        throw XMLError(.malformed, document: document, line: start.line, message: "document ends inside <\(start.name)>")
    }

    /// Skips past the end of the element whose start tag was just returned.
    public func skipElement(_ start: XMLStartTag) throws(XMLError) {
        while let event = try next() {
            if case .endElement(_, let depth, _) = event, depth == start.depth { return }
        }
        throw XMLError(.malformed, document: document, line: start.line, message: "document ends inside <\(start.name)>")
    }

    private func parseNextChunk() throws(XMLError) {
        let count = try readChunk()
        bytesRead += count
        guard bytesRead <= limits.maxBytes else {
            throw XMLError(.tooLarge, document: document, message: "more than the \(limits.maxBytes) bytes accepted")
        }
        let bytes = UnsafeRawPointer(chunk).assumingMemoryBound(to: CChar.self)
        if parser == nil {
            // libxml2 detects the encoding from the first 4 bytes given at creation.
            let head = min(4, count)
            try createParser(firstBytes: bytes, count: head)
            if count > head { xmlParseChunk(parser, bytes + head, Int32(count - head), 0) }
        } else if count > 0 {
            xmlParseChunk(parser, bytes, Int32(count), 0)
        }
        if count == 0 {
            queue.atEndOfInput = true
            xmlParseChunk(parser, nil, 0, 1)
            finished = true
        }
    }

    private func createParser(firstBytes: UnsafePointer<CChar>, count: Int) throws(XMLError) {
        var handler = SAXEventQueue.makeHandler()
        let context = Unmanaged.passUnretained(queue).toOpaque()
        guard let created = xmlCreatePushParserCtxt(&handler, context, firstBytes, Int32(count), nil) else {
            throw XMLError(.unreadable, document: document, message: "libxml2 could not create a parser")
        }
        xmlCtxtUseOptions(created, LibXML2Runtime.safeParserOptions)
        parser = created
        queue.parser = created
    }

    private func readChunk() throws(XMLError) -> Int {
        switch source {
        case .memory(let bytes):
            let count = min(Self.chunkSize, bytes.count - memoryOffset)
            bytes.withUnsafeBufferPointer { all in
                if count > 0 { chunk.update(from: all.baseAddress! + memoryOffset, count: count) }
            }
            memoryOffset += count
            return count
        case .file(let descriptor):
            while true {
                let count = read(descriptor, chunk, Self.chunkSize)
                if count >= 0 { return count }
                if errno == EINTR { continue }
                throw XMLError(.unreadable, document: document, message: "read failed: \(String(cString: strerror(errno)))")
            }
        }
    }
}
