internal import CLibXML2
import Glibc

/// The state of one streaming validation: feeds libxml2 the bytes, and watches the SAX events that
/// `xmlSchemaValidateStream` passes through so DOCTYPE, entities, depth and size are refused as in
/// `XMLStreamReader`.
final class ValidationRun {
    enum Source {
        case file(descriptor: Int32)
        case memory([UInt8])
    }

    let collector: DiagnosticCollector
    let limits: XMLParsingLimits
    var validation: xmlSchemaValidCtxtPtr?
    private let source: Source
    private var offset = 0
    private var depth = 0
    private var refused = false

    init(source: Source, collector: DiagnosticCollector, limits: XMLParsingLimits) {
        self.source = source
        self.collector = collector
        self.limits = limits
        collector.stop = { [unowned self] in self.stopParser() }
    }

    private var currentLine: Int? {
        guard let validation, let parser = xmlSchemaValidCtxtGetParserCtxt(validation) else { return nil }
        return Int(xmlSAX2GetLineNumber(parser))
    }

    func stopParser() {
        guard let validation, let parser = xmlSchemaValidCtxtGetParserCtxt(validation) else { return }
        xmlStopParser(parser)
    }

    private func refuse(_ message: String) {
        guard !refused else { return }
        refused = true
        collector.add(XMLDiagnostic(.fatal, document: collector.document, line: currentLine, message: message))
        stopParser()
    }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        guard !refused else { return -1 }
        var count: Int
        switch source {
        case .memory(let bytes):
            count = min(capacity, bytes.count - offset)
            if count > 0 {
                bytes.withUnsafeBytes { all in
                    UnsafeMutableRawPointer(buffer).copyMemory(from: all.baseAddress! + offset, byteCount: count)
                }
            }
        case .file(let descriptor):
            repeat { count = Glibc.read(descriptor, buffer, capacity) } while count < 0 && errno == EINTR
            if count < 0 {
                refuse("read failed: \(String(cString: strerror(errno)))")
                return -1
            }
        }
        offset += count
        if offset > limits.maxBytes {
            refuse("more than the \(limits.maxBytes) bytes accepted")
            return -1
        }
        return Int32(count)
    }

    func startElement() {
        depth += 1
        if depth > limits.maxDepth { refuse("elements are nested deeper than \(limits.maxDepth) levels") }
    }

    func endElement() { depth -= 1 }

    func doctype() {
        refuse("DOCTYPE declarations are not accepted (no DTD, entity or external reference is processed)")
    }

    func entityReference(_ name: UnsafePointer<xmlChar>?) {
        let entity = name.map { String(cString: $0) } ?? "?"
        refuse("entity reference &\(entity); is not accepted: only &amp; &lt; &gt; &quot; &apos; and character references are")
    }

    /// What `xmlSchemaSAXPlug` forwards to besides the validator itself.
    static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = LibXML2Runtime.sax2Magic
        handler.startElementNs = { context, _, _, _, _, _, _, _, _ in validationRun(context)?.startElement() }
        handler.endElementNs = { context, _, _, _ in validationRun(context)?.endElement() }
        handler.internalSubset = { context, _, _, _ in validationRun(context)?.doctype() }
        handler.getEntity = { context, name in
            validationRun(context)?.entityReference(name)
            return nil
        }
        handler.getParameterEntity = { context, name in
            validationRun(context)?.entityReference(name)
            return nil
        }
        return handler
    }
}

private func validationRun(_ context: UnsafeMutableRawPointer?) -> ValidationRun? {
    context.map { Unmanaged<ValidationRun>.fromOpaque($0).takeUnretainedValue() }
}

/// libxml2's input callback: the context is the run.
let readForValidation: xmlInputReadCallback = { context, buffer, capacity in
    guard let buffer, let run = validationRun(context) else { return -1 }
    return run.read(into: buffer, capacity: Int(capacity))
}

/// The run owns the descriptor: libxml2 closing its input must not close it.
let keepOpenForValidation: xmlInputCloseCallback = { _ in 0 }
