internal import CLibXML2

/// Receives libxml2's SAX2 callbacks for one document and turns them into queued `XMLEvent`s,
/// enforcing the safety rules as the events arrive (before libxml2 goes any further).
final class SAXEventQueue {
    let document: String
    let limits: XMLParsingLimits
    /// Set once the push parser exists; callbacks only run inside `xmlParseChunk`, after that.
    var parser: xmlParserCtxtPtr?
    private(set) var failure: XMLError?
    /// Set before the final, terminating parse call.
    var atEndOfInput = false

    private var events: [XMLEvent] = []
    private var head = 0
    private var depth = 0
    private var pendingText: [UInt8] = []
    private var pendingTextLine = 0
    private var openNames: [String] = []

    init(document: String, limits: XMLParsingLimits) {
        self.document = document
        self.limits = limits
    }

    func dequeue() -> XMLEvent? {
        guard head < events.count else {
            if head > 0 { events.removeAll(keepingCapacity: true); head = 0 }
            return nil
        }
        defer { head += 1 }
        return events[head]
    }

    /// Records the first reason to stop and stops the parser; later errors are consequences of it.
    func fail(_ kind: XMLError.Kind, line: Int?, message: String) {
        guard failure == nil else { return }
        failure = XMLError(kind, document: document, line: line, message: message)
        if let parser { xmlStopParser(parser) }
    }

    private var currentLine: Int {
        guard let parser else { return 0 }
        return Int(xmlSAX2GetLineNumber(parser))
    }

    // MARK: Callbacks

    func startElement(localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
                      uri: UnsafePointer<xmlChar>?, attributeCount: Int,
                      attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard failure == nil, let localName else { return }
        let line = currentLine
        guard depth < limits.maxDepth else {
            fail(.tooDeep, line: line, message: "elements are nested deeper than \(limits.maxDepth) levels")
            return
        }
        flushText()
        var name = String(cString: localName)
        if let prefix { name = String(cString: prefix) + ":" + name }
        var list: [XMLAttribute] = []
        if attributeCount > 0, let attributes {
            list.reserveCapacity(attributeCount)
            // libxml2 passes 5 pointers per attribute: local name, prefix, URI, value start, value end.
            for index in 0..<attributeCount {
                let base = attributes + index * 5
                guard let local = base[0], let start = base[3], let end = base[4] else { continue }
                var attributeName = String(cString: local)
                if let attributePrefix = base[1] { attributeName = String(cString: attributePrefix) + ":" + attributeName }
                let value = Self.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
                list.append(XMLAttribute(name: attributeName, value: value))
            }
        }
        events.append(.startElement(XMLStartTag(name: name, namespaceURI: LibXML2Runtime.string(uri),
                                                attributes: list, depth: depth, line: line)))
        openNames.append(name)
        depth += 1
    }

    func endElement() {
        guard failure == nil, let name = openNames.popLast() else { return }
        flushText()
        depth -= 1
        events.append(.endElement(name: name, depth: depth, line: currentLine))
    }

    func characters(_ bytes: UnsafePointer<xmlChar>?, count: Int) {
        guard failure == nil, let bytes, count > 0 else { return }
        guard pendingText.count + count <= limits.maxTextBytes else {
            fail(.tooLarge, line: currentLine, message: "a text is longer than \(limits.maxTextBytes) bytes")
            return
        }
        if pendingText.isEmpty { pendingTextLine = currentLine }
        pendingText.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    func doctype() {
        fail(.doctypeRefused, line: currentLine,
             message: "DOCTYPE declarations are not accepted (no DTD, entity or external reference is processed)")
    }

    func entityReference(_ name: UnsafePointer<xmlChar>?) {
        let entity = name.map { String(cString: $0) } ?? "?"
        fail(.entityRefused, line: currentLine,
             message: "entity reference &\(entity); is not accepted: only &amp; &lt; &gt; &quot; &apos; and character references are")
    }

    func libxml2Error(_ error: UnsafePointer<xmlError>) {
        // Warnings (e.g. a relative namespace URI) do not make a document unusable.
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let line = LibXML2Runtime.line(of: error) ?? currentLine
        if atEndOfInput, let open = openNames.last {
            // The push parser words a cut-off document as "Extra content at the end of the document".
            fail(.malformed, line: line, message: "the document ends inside <\(open)>: it is truncated")
        } else {
            fail(.malformed, line: line, message: LibXML2Runtime.message(of: error))
        }
    }

    private func flushText() {
        guard !pendingText.isEmpty else { return }
        defer { pendingText.removeAll(keepingCapacity: true) }
        guard !pendingText.allSatisfy(isXMLWhitespace) else { return }
        events.append(.text(String(decoding: pendingText, as: UTF8.self), line: pendingTextLine))
    }

    /// Without entity substitution libxml2 hands `&amp;` in attribute values over as `&#38;`
    /// (a literal `&` cannot otherwise occur there), so that is the one sequence to turn back.
    private static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let escaped: [UInt8] = Array("&#38;".utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), index + 5 <= bytes.count,
               bytes[index..<index + 5].elementsEqual(escaped) {
                out.append(UInt8(ascii: "&"))
                index += 5
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: The SAX2 handler

    /// Only the callbacks SafeXML needs; everything that would build a tree or a DTD stays NULL.
    static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = LibXML2Runtime.sax2Magic
        handler.startElementNs = { context, localName, prefix, uri, _, _, attributeCount, _, attributes in
            eventQueue(context)?.startElement(localName: localName, prefix: prefix, uri: uri,
                                         attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { context, _, _, _ in eventQueue(context)?.endElement() }
        handler.characters = { context, bytes, count in eventQueue(context)?.characters(bytes, count: Int(count)) }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = { context, bytes, count in eventQueue(context)?.characters(bytes, count: Int(count)) }
        // Called as soon as `<!DOCTYPE name ...` is read, before any declaration inside it.
        handler.internalSubset = { context, _, _, _ in eventQueue(context)?.doctype() }
        // Predefined entities never reach getEntity: any call is a reference we refuse.
        handler.getEntity = { context, name in
            eventQueue(context)?.entityReference(name)
            return nil
        }
        handler.getParameterEntity = { context, name in
            eventQueue(context)?.entityReference(name)
            return nil
        }
        handler.reference = { context, name in eventQueue(context)?.entityReference(name) }
        handler.serror = { context, error in
            guard let error else { return }
            eventQueue(context)?.libxml2Error(error)
        }
        return handler
    }
}

/// A free function: C callbacks may not capture anything, not even `Self`.
private func eventQueue(_ context: UnsafeMutableRawPointer?) -> SAXEventQueue? {
    context.map { Unmanaged<SAXEventQueue>.fromOpaque($0).takeUnretainedValue() }
}
